import Foundation
import GridWire
import Testing

/// The read rights as built against the table docs/protocol.md documents, crossed with the
/// prefixes a subscriber might ask for.
struct ReadRightsTests {
    /// One example principal of each kind.
    static let examples: [Principal] = [
        Principal(.service, "response"), Principal(.district, "JD"), Principal(.observer, "office"),
        Principal(.centre, "JD-NX"), Principal(.dept, "JD-NX-CGZF"), Principal(.grid, "JD-NX-A01-G01-M01"),
        Principal(.integrator, "hydrant-iot"),
    ]

    /// The documented rows: for each kind, its prefixes (with `ID` still in them) and whether it may replay.
    static func documented() throws -> [Principal.Kind: (prefixes: [String], replay: Bool)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
        let after = try #require(text.components(separatedBy: "### Read rights (under keys)").dropFirst().first)
        let section = after.components(separatedBy: "\n## ")[0].components(separatedBy: "\n### ")[0]
        var rows: [Principal.Kind: (prefixes: [String], replay: Bool)] = [:]
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let kind = try #require(Principal.Kind(rawValue: String(cells[0].dropFirst().prefix { $0 != ":" })))
            let prefixes = cells[1].components(separatedBy: " · ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
            rows[kind] = (prefixes, cells[2] == "yes")
        }
        return rows
    }

    @Test func everyKindReadsWhatTheTableSays() throws {
        let table = try Self.documented()
        #expect(table.count == Principal.Kind.allCases.count)
        for principal in Self.examples {
            let row = try #require(table[principal.kind])
            let documented: [String] = row.prefixes.map { $0.replacingOccurrences(of: "ID", with: principal.id) }
            #expect(ReadRights.prefixes(for: principal) == documented, "\(principal)")
            #expect(documented.allSatisfy { $0.hasSuffix(".") })
            #expect(ReadRights.mayReplay(principal.kind) == row.replay, "\(principal) replay")
        }
    }

    /// Every kind × what it might ask for: granted exactly when a documented prefix starts it.
    @Test func aRequestIsGrantedOnlyUnderADocumentedPrefixNeverWidened() throws {
        let table = try Self.documented()
        let asked = ["", "d", "dept.", "dept.JD-NX-CGZF", "dept.JD-NX-CGZF.", "dept.JD-NX-CGZF.dispatched.", "dept.JD-AT-CGZF.",
                     "status.", "status.response.", "intake.", "intake.integrator:hydrant-iot.", "evaluation.",
                     "evaluation.colour.", "coord.", "coord.centre:JD-NX.", "coord.grid:JD-NX-A01-G01-M01.", "whistle.",
                     "whistle.alert.", "response.arbitrated."]
        for principal in Self.examples {
            let prefixes = try #require(table[principal.kind]).prefixes.map { $0.replacingOccurrences(of: "ID", with: principal.id) }
            for topic in asked {
                let expected = prefixes.contains { topic.hasPrefix($0) }
                #expect(ReadRights.grants(principal, Array(topic.utf8)) == expected, "\(principal) asking \(topic.debugDescription)")
            }
        }
        // The rules the issue names, spelled out.
        let squad = Principal(.dept, "JD-NX-CGZF")
        #expect(!ReadRights.grants(squad, Array("dept.JD-AT-CGZF.".utf8)), "nothing of another department")
        for kind in [Principal.Kind.dept, .grid, .centre, .integrator] {
            let principal = Self.examples.first { $0.kind == kind }!
            #expect(!ReadRights.grants(principal, Array("evaluation.".utf8)), "\(kind) reads no evaluation content")
        }
    }

    /// Who may read one whistle (its timeline, and the `whistle` query under keys).
    @Test func aWhistleIsReadByThoseWithAPartInIt() {
        let whistle = ReadRights.WhistleParties(grid: "JD-NX-A01-G01-M01", town: "JD-NX", departments: ["JD-NX-CGZF", "JD-NX-SCJG"],
                                                raisedBy: Principal(.integrator, "hydrant-iot"))
        let cases: [(Principal, Bool)] = [
            (Principal(.grid, "JD-NX-A01-G01-M01"), true), (Principal(.grid, "JD-NX-A01-G01-M02"), false),
            (Principal(.dept, "JD-NX-CGZF"), true), (Principal(.dept, "JD-NX-SCJG"), true), (Principal(.dept, "JD-AT-CGZF"), false),
            (Principal(.centre, "JD-NX"), true), (Principal(.centre, "JD-AT"), false),
            (Principal(.integrator, "hydrant-iot"), true), (Principal(.integrator, "other"), false),
            (Principal(.district, "JD"), true), (Principal(.observer, "office"), true), (Principal(.service, "evaluation"), true),
        ]
        for (principal, expected) in cases {
            #expect(ReadRights.mayRead(whistle, as: principal) { false } == expected, "\(principal)")
        }
        #expect(ReadRights.mayRead(whistle, as: Principal(.grid, "JD-NX-A01")) { true }, "a grid that coordinates it")
        var unknown = whistle
        unknown.raisedBy = nil
        #expect(!ReadRights.mayRead(unknown, as: Principal(.integrator, "hydrant-iot")) { false }, "raised before it was kept")
    }
}
