import Foundation
import GridDomain
import GridWire
import SQLite

/// A whistle as EvaluationService keeps it: who raised it, who works on it, where its loop stands.
struct WhistleRecord {
    var id: String
    var grid: String
    var town: String
    var matter: String
    var urgency: String
    var lead: String
    var co: [String]
    var loop: WhistleLoop
    /// The departments whose report-back opens this round's evaluation.
    var awaiting: [String]

    /// The lead first, then the co-departments.
    var departments: [String] { [lead] + co }

    static func load(_ id: String, from db: Database) throws -> WhistleRecord {
        guard let row = try db.queryFirst(
            "SELECT id, grid, town, matter, urgency, lead, co, phase, round, awaiting FROM whistles WHERE id = ?",
            [id]) else {
            throw ProtocolError.unknownWhistle(id)
        }
        guard let phase = row.string(7).flatMap(WhistlePhase.init), let round = row.int(8) else {
            throw ProtocolError(.internal, "corrupt_whistle", "whistle \(id) cannot be read")
        }
        return WhistleRecord(
            id: id, grid: row.string(1) ?? "", town: row.string(2) ?? "", matter: row.string(3) ?? "",
            urgency: row.string(4) ?? "", lead: row.string(5) ?? "",
            co: (try? JSONCoding.decode([String].self, from: Data((row.string(6) ?? "[]").utf8))) ?? [],
            loop: WhistleLoop(phase: phase, round: round),
            awaiting: (try? JSONCoding.decode([String].self, from: Data((row.string(9) ?? "[]").utf8))) ?? [])
    }

    /// The whistle once it is raised *and routed*, or "not yet": the response stream can run ahead
    /// of the whistle stream (even between a whistle's `raised` and `routed`), and the consumer
    /// then waits instead of applying a task to a whistle whose departments it does not know.
    static func awaited(_ id: String, from db: Database) throws -> WhistleRecord {
        let whistle: WhistleRecord
        do {
            whistle = try load(id, from: db)
        } catch let error as ProtocolError where error.code == "unknown_whistle" {
            throw notYetKnown(id)
        }
        guard !whistle.lead.isEmpty else { throw notYetRouted(id) }
        return whistle
    }

    /// ``awaited(_:from:)``'s check alone, for an event that needs no more than to know the whistle is routed.
    static func requireRouted(_ id: String, in db: Database) throws {
        guard let row = try db.queryFirst("SELECT lead FROM whistles WHERE id = ?", [id]) else { throw notYetKnown(id) }
        guard let lead = row.string(0), !lead.isEmpty else { throw notYetRouted(id) }
    }

    private static func notYetKnown(_ id: String) -> ProtocolError {
        .notReady("whistle \(id) is not yet known from the whistle stream")
    }

    private static func notYetRouted(_ id: String) -> ProtocolError {
        .notReady("whistle \(id) is not yet routed on the whistle stream")
    }
}
