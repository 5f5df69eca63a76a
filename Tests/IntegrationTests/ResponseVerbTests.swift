import Foundation
import GridWire
import Testing

/// gridctl's side of ResponseService's newer commands — 报到, progress notes, 逐级上报, a
/// coordinator's inbox and the lights of a department's — against a stand-in ROUTER: the request
/// each verb sends, and what it prints of the reply.
@Suite(.serialized) struct ResponseVerbTests {
    static let whistle = "W20261204-000001"

    /// A request's `cmd`, `as` and `body`, as the stand-in received them.
    static func parts(_ request: JSONValue?) -> (cmd: JSONValue?, as: JSONValue?, body: JSONValue?) {
        (request?["cmd"], request?["as"], request?["body"])
    }

    @Test func arriveProgressAndEscalateSendTheirBodiesAndPrintTheOutcome() throws {
        let cluster = try Cluster()
        let service = try StandInService(cluster.config.endpoints.response.router)

        let (arrived, arriveSent) = try service.run(cluster, ["--as", "dept:JD-NX-CGZF", "arrive", Self.whistle]) { _ in
            #"{"whistle":"W20261204-000001","department":"JD-NX-CGZF","role":"lead","state":"signed","round":1,"grid":"JD-NX-A01-G01-M01","matter":"muck-truck","urgency":"urgent","signDueAt":"2026-12-04T08:30:00.000Z","disposeDueAt":"2026-12-07T08:00:00.000Z","arrivedAt":"2026-12-04T08:40:00.000Z","lights":{"dispose":"green"}}"#
        }
        #expect(arrived.status == 0, "\(arrived)")
        #expect(Self.parts(arriveSent.first) == (.string("arrive"), .string("dept:JD-NX-CGZF"), .object(["whistle": .string(Self.whistle)])))
        #expect(arrived.stdout == "arrived 报到 \(Self.whistle) as JD-NX-CGZF at 2026-12-04 16:40\n")

        let (noted, progressSent) = try service.run(cluster, ["--as", "dept:JD-NX-CGZF", "progress", Self.whistle, "--note", "已到场，正在清扫"]) { _ in
            #"{"whistle":"W20261204-000001","department":"JD-NX-CGZF","role":"lead","state":"signed","round":1,"grid":"JD-NX-A01-G01-M01","matter":"muck-truck","urgency":"urgent","signDueAt":"2026-12-04T08:30:00.000Z","disposeDueAt":"2026-12-07T08:00:00.000Z","progress":"已到场，正在清扫"}"#
        }
        #expect(noted.status == 0, "\(noted)")
        #expect(Self.parts(progressSent.first).body == .object(["whistle": .string(Self.whistle), "note": .string("已到场，正在清扫")]))
        #expect(progressSent.first?["cmd"] == .string("progress"))
        #expect(noted.stdout == "progress noted on \(Self.whistle) as JD-NX-CGZF\n")

        let (escalated, escalateSent) = try service.run(cluster, ["--as", "centre:JD-NX", "escalate", Self.whistle, "--reason", "涉及区级执法"]) { _ in
            #"{"whistle":"W20261204-000001","grid":"JD-NX-A01-G01-M01","town":"JD-NX","matter":"muck-truck","level":3,"coordinator":"district:JD","state":"open","levelSince":"2026-12-04T08:00:00.000Z","levelDueAt":"2026-12-05T08:00:00.000Z"}"#
        }
        #expect(escalated.status == 0, "\(escalated)")
        #expect(Self.parts(escalateSent.first) == (.string("escalate"), .string("centre:JD-NX"),
                                                   .object(["whistle": .string(Self.whistle), "reason": .string("涉及区级执法")])))
        #expect(escalated.stdout == "escalated 逐级上报 \(Self.whistle) to level 3, coordinator district:JD; due 2026-12-05 16:00\n")

        // A missing option is a command-line mistake: nothing is sent.
        for words in [["progress", Self.whistle], ["escalate", Self.whistle], ["arrive"], ["arrive", Self.whistle, "--note", "x"]] {
            let (result, sent) = try service.run(cluster, ["--as", "dept:JD-NX-CGZF"] + words)
            #expect(result.status == 2, "\(words): \(result)")
            #expect(sent.isEmpty, "\(words)")
        }
    }

    @Test func aCoordinatorsInboxIsItsOwnOrTheOneItNamesAndPrintsAsATable() throws {
        let cluster = try Cluster()
        let service = try StandInService(cluster.config.endpoints.response.router)
        let answer = #"{"coordinator":"centre:JD-NX","whistles":[{"whistle":"W20261204-000001","grid":"JD-NX-A01-G01-M01","town":"JD-NX","level":2,"coordinator":"centre:JD-NX","levelSince":"2026-12-04T08:00:00.000Z","levelDueAt":"2026-12-04T10:00:00.000Z","state":"open","matter":"muck-truck"},{"whistle":"W20261204-000007","grid":"JD-NX-A02-G01-M01","town":"JD-NX","level":2,"coordinator":"centre:JD-NX","levelSince":"2026-12-04T08:00:00.000Z","levelDueAt":"2026-12-04T12:30:00.000Z","state":"open","matter":"muck-truck"}]}"#

        let (own, ownSent) = try service.run(cluster, ["--as", "centre:JD-NX", "inbox"]) { _ in answer }
        #expect(own.status == 0, "\(own)")
        #expect(Self.parts(ownSent.first) == (.string("inbox"), .string("centre:JD-NX"), .object(["scope": .string("open")])))
        #expect(own.stdout == """
            centre:JD-NX: 2 whistle(s)
              WHISTLE           LEVEL  COORDINATOR   LEVEL DUE         STATE
              W20261204-000001  2      centre:JD-NX  2026-12-04 18:00  open
              W20261204-000007  2      centre:JD-NX  2026-12-04 20:30  open

            """)

        let (named, namedSent) = try service.run(cluster, ["--json", "--as", "district:JD", "inbox", "--coordinator", "centre:JD-NX"]) { _ in answer }
        #expect(named.status == 0, "\(named)")
        #expect(Self.parts(namedSent.first).body == .object(["coordinator": .string("centre:JD-NX"), "scope": .string("open")]))
        #expect(try JSONCoding.decode(JSONValue.self, from: Data(named.stdout.utf8))
            == JSONCoding.decode(JSONValue.self, from: Data(answer.utf8)), "--json prints the reply's body as it came")

        let (empty, _) = try service.run(cluster, ["--as", "grid:JD-NX-A01-G01-M01", "inbox"]) { _ in
            #"{"coordinator":"grid:JD-NX-A01-G01-M01","whistles":[]}"#
        }
        #expect(empty.stdout == "grid:JD-NX-A01-G01-M01: no whistles\n")

        // A centre naming a department still reads that department's inbox.
        let (_, departmentSent) = try service.run(cluster, ["--as", "centre:JD-NX", "inbox", "--department", "JD-NX-CGZF"]) { _ in
            #"{"department":"JD-NX-CGZF","tasks":[]}"#
        }
        #expect(Self.parts(departmentSent.first).body == .object(["department": .string("JD-NX-CGZF"), "scope": .string("open")]))

        // --all asks for the closed whistles too.
        let (_, allSent) = try service.run(cluster, ["--as", "centre:JD-NX", "inbox", "--all"]) { _ in answer }
        #expect(Self.parts(allSent.first).body == .object(["scope": .string("all")]))

        let (both, bothSent) = try service.run(cluster, ["--as", "centre:JD-NX", "inbox", "--department", "JD-NX-CGZF",
                                                         "--coordinator", "centre:JD-NX"])
        #expect(both.status == 2, "\(both)")
        #expect(bothSent.isEmpty)
    }

    @Test func aDepartmentsInboxShowsTheLightsWhenTheServiceGivesThem() throws {
        let cluster = try Cluster()
        let service = try StandInService(cluster.config.endpoints.response.router)
        func task(_ whistle: String, _ extra: String) -> String {
            #"{"whistle":"\#(whistle)","department":"JD-NX-CGZF","role":"lead","state":"signed","round":1,"grid":"JD-NX-A01-G01-M01","matter":"muck-truck","urgency":"urgent","signDueAt":"2026-12-04T08:30:00.000Z","disposeDueAt":"2026-12-07T08:00:00.000Z"\#(extra)}"#
        }
        let withLights = #"{"department":"JD-NX-CGZF","tasks":[\#(task("W20261204-000001", #","lights":{"dispose":"yellow","signFor":"green"},"arriveDueAt":"2026-12-04T10:00:00.000Z","progress":"清扫中""#)),\#(task("W20261204-000002", ""))]}"#
        let (lit, sent) = try service.run(cluster, ["--as", "dept:JD-NX-CGZF", "inbox"]) { _ in withLights }
        #expect(lit.status == 0, "\(lit)")
        #expect(Self.parts(sent.first).body == .object(["scope": .string("open")]))
        let lines = lit.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(lit)")
        #expect(lines.dropFirst().first?.hasPrefix("  WHISTLE           STATE   OVERDUE  LIGHTS                        ROLE") == true, "\(lit)")
        #expect(lines.dropFirst(2).first?.hasPrefix("  W20261204-000001  signed           signFor=green,dispose=yellow  lead") == true, "\(lit)")
        #expect(lines.dropFirst(3).first?.hasPrefix("  W20261204-000002  signed                                         lead") == true, "\(lit)")

        let (plain, _) = try service.run(cluster, ["--as", "dept:JD-NX-CGZF", "inbox"]) { _ in
            #"{"department":"JD-NX-CGZF","tasks":[\#(task("W20261204-000002", ""))]}"#
        }
        #expect(plain.status == 0, "\(plain)")
        #expect(!plain.stdout.contains("LIGHTS"), "no column without lights: \(plain)")
    }
}
