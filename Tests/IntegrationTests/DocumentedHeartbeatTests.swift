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

    /// Maps whose keys are data, not field names: their entries are compared as `*`.
    static let maps: Set<String> = ["data/commands"]

    /// Every member path of a JSON value: `data/counters/eventsApplied`, …; array elements are not
    /// entered, and the keys of ``maps`` are written `*` (`data/commands/*/answered`).
    static func paths(_ value: Any, _ prefix: String = "") -> Set<String> {
        guard let object = value as? [String: Any] else { return [] }
        var all: Set<String> = []
        for (name, member) in object {
            let path = prefix.isEmpty ? name : "\(prefix)/\(maps.contains(prefix) ? "*" : name)"
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
        let commands = try #require(status.commands, "the example has no per-command counts")
        #expect(commands.values.reduce(0) { $0 + $1.answered } == status.counters["requestsAnswered"],
                "per-command answers do not add up to requestsAnswered")
        #expect(commands.values.reduce(0) { $0 + $1.refused } == status.counters["requestsRefused"],
                "per-command refusals do not add up to requestsRefused")
        #expect((status.databaseBytes ?? 0) > 0)
        #expect(status.lastCheckpoint != nil)
    }

    @Test func theDocumentedHeartbeatHasTheFieldsOfALiveOne() throws {
        let documented = try JSONSerialization.jsonObject(with: try Self.documentedHeartbeat())
        let cluster = try Cluster(testClock: "2026-12-04T16:00:00+08:00")
        try cluster.start([.whistle, .response])
        let subscriber = try Subscriber(cluster.config.endpoints.response.pub, topics: ["status.response."])
        // One request answered, and one refused for a name it does not know, so that the map of
        // per-command counts has entries to compare.
        #expect(try cluster.gridctl(["status", "response"]).status == 0)
        let client = try RawClient(cluster.config.endpoints.response.router)
        #expect(try client.request(#"{"v":1,"cmd":"no.such.command","body":{}}"#)?.head.status == .badRequest)
        // The first heartbeat after ResponseService applied the reference data, counted those
        // requests and made a checkpoint, as in the example.
        let live = try firstValue { () -> Data? in
            guard let body = try subscriber.nextRaw("status.response.", timeout: 1),
                  let status = try? ReceivedEvent(decoding: body).payload(ServiceStatus.self),
                  status.consumed["whistle"]?.last ?? 0 >= 1, status.lastCheckpoint != nil,
                  status.commands?["?"]?.refused == 1, status.commands?["replay"] != nil else { return nil }
            return body
        }
        let body = try #require(live, "no heartbeat from ResponseService after it applied the reference data")
        let status = try ReceivedEvent(decoding: body).payload(ServiceStatus.self)
        #expect(status.commands?["status"] == ServiceStatus.CommandCounts(answered: 1, refused: 0))
        // `replay` is WhistleService's, which follows the response stream for upheld returns (改派).
        #expect(status.commands?.keys.sorted() == ["?", "replay", "status"], "an unknown name gets no entry of its own")
        #expect((status.databaseBytes ?? 0) > 0)
        let livePaths = Self.paths(try JSONSerialization.jsonObject(with: body))
        let documentedPaths = Self.paths(documented)
        #expect(livePaths.subtracting(documentedPaths).sorted() == [], "live fields missing from the doc's example")
        #expect(documentedPaths.subtracting(livePaths).sorted() == [], "the doc's example has fields a live heartbeat lacks")
        for (service, code) in cluster.stopAll() { #expect(code == 0, "\(service.rawValue)") }
    }
}
