import Foundation
import GridConfig
import GridSockets
import GridWire
import Testing

/// Every command and query of the three ROUTERs asked by every kind of principal under keys, each
/// with its key, the answers compared with the table "Who may ask what" in docs/protocol.md: a kind
/// the table says no to is refused `not_permitted`; one it says yes to is not (the requests name
/// nothing it could be refused for otherwise: an unknown whistle, its own inbox).
@Suite struct RequestRightsTests {
    static let principals = ["grid:JD-NX-A01-G01-M01", "dept:JD-NX-CGZF", "centre:JD-NX", "district:JD", "observer:office",
                             "service:bench", "integrator:hydrant-iot"]

    /// gridctl's words for each request (`replay`, which gridctl does not send, is asked raw).
    static let requests: [String: [String]] = [
        "raise": ["raise", "--matter", "street-vending", "--description", "x", "--grid", "JD-NX-A01-G01-M01"],
        "void": ["void", "W0-404", "--reason", "x"],
        "alert.declare": ["alert", "declare", "--town", "JD-NX", "--reason", "x"],
        "alert.lift": ["alert", "lift", "A0-404"],
        "whistle": ["whistle", "W0-404"],
        "sign": ["sign", "W0-404"], "arrive": ["arrive", "W0-404"], "progress": ["progress", "W0-404", "--note", "x"],
        "report": ["report", "W0-404", "--summary", "x"], "return": ["return", "W0-404", "--reason", "x"],
        "extend": ["extend", "W0-404", "--until", "2027-01-04T10:00:00+08:00", "--reason", "x"],
        "park": ["park", "W0-404", "--reason", "x"],
        "escalate": ["escalate", "W0-404", "--reason", "x"],
        "arbitrate": ["arbitrate", "W0-404", "--department", "JD-NX-CGZF", "--uphold", "no", "--reason", "x"],
        "decide": ["decide", "W0-404", "--department", "JD-NX-CGZF", "--request", "extension", "--approve", "no", "--reason", "x"],
        "resume": ["resume", "W0-404"],
        "inbox": ["inbox"],
        "evaluate": ["evaluate", "W0-404", "--solved", "yes", "--satisfaction", "satisfied"],
        "timeline": ["timeline", "W0-404"],
        "assessment": ["assessment", "--period", "2026-12"],
        "towns": ["towns", "--town", "JD-NX", "--period", "2026-12"],
        "areas": ["areas", "--town", "JD-NX"],
        "colours": ["colours", "--town", "JD-NX"],
        "comments": ["comments", "JD-NX-CGZF", "--period", "2026-12"],
        "reply": ["reply", "C0-404", "--text", "x"],
        "status": ["status", "whistle"],
        "deadletters": ["deadletters", "--service", "whistle"],
        "redrive": ["redrive", "1", "--service", "whistle"],
    ]

    /// The documented table: for each request, the kinds that may ask it.
    static func documented() throws -> [String: Set<Principal.Kind>] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
        let after = try #require(text.components(separatedBy: "### Who may ask what (under keys)").dropFirst().first)
        let lines = after.components(separatedBy: "\n## ")[0].components(separatedBy: "\n### ")[0]
            .split(separator: "\n").filter { $0.hasPrefix("|") }
        let cells = { (line: Substring) in line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        let kinds = try cells(lines[0]).dropFirst(2).map { try #require(Principal.Kind(rawValue: $0)) }
        var table: [String: Set<Principal.Kind>] = [:]
        for line in lines.dropFirst(2) {
            let row = cells(line)
            table[row[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] =
                Set(zip(kinds, row.dropFirst(2)).filter { $0.1 == "yes" }.map(\.0))
        }
        return table
    }

    @Test func everyKindAsksEveryRequestAndIsRefusedExactlyWhereTheTableSays() throws {
        let table = try Self.documented()
        #expect(Set(table.keys) == Set(Self.requests.keys).union(["replay"]), "the table and the requests asked name the same")
        let keyed = try KeyedCluster(principals: Self.principals)
        try keyed.start()
        #expect(eventually { (try? keyed.gridctl(["status"], as: "district:JD").status) == 0 }, "all three up")
        var differences: [String] = []
        for principal in Self.principals {
            let kind = try #require(Principal(parsing: principal)).kind
            for (name, words) in Self.requests.sorted(by: { $0.key < $1.key }) {
                let answer = try keyed.gridctl(["--json"] + words, as: principal)
                let refused = answer.stdout.contains(#""code" : "not_permitted""#)
                let allowed = table[name]?.contains(kind) ?? false
                if refused == allowed { differences.append("\(principal) \(name): \(refused ? "refused" : "not refused") — \(answer)") }
            }
            // replay, raw: gridctl has no command for it.
            let replay = try RawClient(keyed.cluster.config.endpoints.whistle.router, curve: keyed.curve(principal, to: .whistle))
                .request(#"{"v":1,"cmd":"replay","key":"r","body":{"stream":"whistle","after":0}}"#)
            let refused = replay?.head.error?.code == "not_permitted"
            if refused == (table["replay"]?.contains(kind) ?? false) { differences.append("\(principal) replay: \(String(describing: replay))") }
        }
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        for (service, status) in keyed.cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// A topic as the log writes it: the empty one quoted.
    static func logged(_ topic: String) -> String { topic.isEmpty ? #""""# : topic }

    /// Every kind subscribes, on every PUB, to each prefix the issue names: each service logs a
    /// grant or a refusal for each, and the grants are exactly what the read-rights table allows.
    @Test func everyKindSubscribesOnEveryPUBAndIsGrantedExactlyWhatTheTableAllows() throws {
        let keyed = try KeyedCluster(principals: Self.principals)
        try keyed.start()
        let asked = ["", "d", "dept.", "dept.JD-NX-CGZF", "dept.JD-NX-CGZF.", "dept.JD-AT-CGZF.", "status.", "intake.", "evaluation.",
                     "coord.", "whistle."]
        let streams: [(StreamName, Cluster.Service)] = [(.whistle, .whistle), (.response, .response), (.evaluation, .evaluation)]
        var subscribers: [Subscriber] = []
        for principal in Self.principals {
            for (stream, _) in streams {
                subscribers.append(try Subscriber(keyed.cluster.config.endpoints.producer(stream).pub, topics: asked,
                                                  curve: keyed.curve(principal, to: stream)))
            }
        }
        var differences: [String] = []
        for (_, service) in streams {
            // Each (principal, topic) is answered by one line: granted at info, refused as a security line.
            let complete = eventually {
                let log = keyed.cluster.log(service)
                return Self.principals.allSatisfy { principal in
                    asked.allSatisfy { log.contains("principal=\(principal) topic=\(Self.logged($0))") }
                }
            }
            #expect(complete, "\(service.rawValue) answered every subscription")
            let lines = keyed.cluster.log(service).split(separator: "\n")
            for principal in Self.principals {
                let parsed = try #require(Principal(parsing: principal))
                for topic in asked {
                    let line = "principal=\(principal) topic=\(Self.logged(topic))"
                    // `topic=` ends the words the service wrote for a prefix; match it whole.
                    let granted = lines.contains { $0.contains("subscription granted \(line)") && $0.hasSuffix(line) }
                    let refused = lines.contains { $0.contains("security: subscription refused \(line) ") }
                    let expected = ReadRights.prefixes(for: parsed).contains { topic.hasPrefix($0) }
                    if granted != expected || refused == expected {
                        differences.append("\(service.rawValue): \(principal) asking \(topic.debugDescription): granted \(granted), refused \(refused)")
                    }
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        withExtendedLifetime(subscribers) {}
        for (service, status) in keyed.cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }
}
