import Foundation
import GridWire
import Testing

/// The heartbeat example in docs/protocol.md is what a live service publishes: the same fields at
/// every depth, written as the services write JSON (compact, keys sorted).
@Suite struct DocumentedHeartbeatTests {
    static let protocolDoc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/protocol.md")

    /// The body line that follows the `status.response.` topic line in the worked example.
    static func documentedHeartbeat() throws -> Data {
        let lines = try String(contentsOf: protocolDoc, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let topic = try #require(lines.firstIndex { $0 == "status.response." }, "docs/protocol.md has no status.response. example")
        return Data(lines[topic + 1].utf8)
    }

    /// Every member path of a JSON value: `data/counters/eventsApplied`, …; array elements are not entered.
    static func paths(_ value: Any, _ prefix: String = "") -> Set<String> {
        guard let object = value as? [String: Any] else { return [] }
        var all: Set<String> = []
        for (name, member) in object {
            let path = prefix.isEmpty ? name : "\(prefix)/\(name)"
            all.insert(path)
            all.formUnion(paths(member, path))
        }
        return all
    }

    @Test func theDocumentedHeartbeatIsWrittenAsTheServicesWriteJSON() throws {
        let documented = try Self.documentedHeartbeat()
        let parsed = try JSONSerialization.jsonObject(with: documented)
        let canonical = try JSONSerialization.data(withJSONObject: parsed, options: [.sortedKeys, .withoutEscapingSlashes])
        #expect(canonical == documented, "the example's keys are not sorted, or it is not compact")
        let event = try ReceivedEvent(decoding: documented)
        let status = try event.payload(ServiceStatus.self)
        #expect(event.head.seq == status.head, "a heartbeat's seq is its service's head")
        #expect((status.counters["eventsPublished"] ?? 0) <= status.head, "more events published than the stream holds")
    }

    @Test func theDocumentedHeartbeatHasTheFieldsOfALiveOne() throws {
        let documented = try JSONSerialization.jsonObject(with: try Self.documentedHeartbeat())
        let cluster = try Cluster(testClock: "2026-12-04T16:00:00+08:00")
        try cluster.start([.whistle, .response])
        let subscriber = try Subscriber(cluster.config.endpoints.response.pub, topics: ["status.response."])
        // The first heartbeat after ResponseService applied the reference data, as in the example.
        let live = try firstValue { () -> Data? in
            guard let body = try subscriber.nextRaw("status.response.", timeout: 1),
                  let status = try? ReceivedEvent(decoding: body).payload(ServiceStatus.self),
                  status.consumed["whistle"]?.last ?? 0 >= 1 else { return nil }
            return body
        }
        let body = try #require(live, "no heartbeat from ResponseService after it applied the reference data")
        let livePaths = Self.paths(try JSONSerialization.jsonObject(with: body))
        let documentedPaths = Self.paths(documented)
        #expect(livePaths.subtracting(documentedPaths).sorted() == [], "live fields missing from the doc's example")
        #expect(documentedPaths.subtracting(livePaths).sorted() == [], "the doc's example has fields a live heartbeat lacks")
        for (service, code) in cluster.stopAll() { #expect(code == 0, "\(service.rawValue)") }
    }
}
