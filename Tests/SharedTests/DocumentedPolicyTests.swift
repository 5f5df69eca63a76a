import Foundation
import GridConfig
import GridDomain
import GridWire
import Testing

/// The frozen policy in docs/protocol.md's worked example is what routing the example's whistle
/// on the embedded sample gives, written as the services write JSON.
@Suite struct DocumentedPolicyTests {
    static let protocolDoc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/protocol.md")

    @Test func theRoutedExampleCarriesThePolicyRoutingGives() throws {
        let lines = try String(contentsOf: Self.protocolDoc, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let topic = try #require(lines.firstIndex { $0 == "whistle.routed." }, "docs/protocol.md has no whistle.routed. example")
        let documented = lines[topic + 1]
        let reference = try DeploymentConfig.load(path: nil).reference
        let route = try Router(reference, version: 1).route(matter: "muck-truck", urgency: nil, grid: "JD-NX-A01-G01-M01")
        let written = try JSONCoding.encodeString(route.policy)
        #expect(documented.contains("\"policy\":\(written),"), "the documented policy differs from \(written)")
    }
}
