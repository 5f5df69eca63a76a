import Foundation
import GridDomain
import GridStore
import GridWire
import SQLite

/// A whistle as EvaluationService keeps it: who raised it and what about, and where its loop
/// stands as the evaluation rules see it.
struct WhistleRecord {
    var grid: String
    var town: String
    var matter: String
    var urgency: String
    var co: [String]
    /// Who raised it; nil for a whistle applied before `evaluation-12`.
    var raisedBy: Principal?
    /// The loop, the departments and the evaluation window: what ``EvaluationRules`` decide on.
    var evaluation: EvaluatedWhistle

    var id: String { evaluation.id }
    /// 主办 — empty until the whistle stream's `routed` is applied.
    var lead: String { evaluation.lead }
    /// The lead first, then the co-departments (协办).
    var departments: [String] { evaluation.departments }
    /// Who has a part in it, for ``ReadRights/mayRead(_:as:coordinated:)``.
    var parties: ReadRights.WhistleParties {
        ReadRights.WhistleParties(grid: grid, town: town, departments: departments, raisedBy: raisedBy)
    }

    static func load(_ id: String, from db: Database) throws -> WhistleRecord {
        guard let row = try db.queryFirst("""
            SELECT id, grid, town, matter, urgency, lead, co, phase, round, awaiting, reported_back_at, closed_as, raised_by
            FROM whistles WHERE id = ?
            """, [id]) else {
            throw ProtocolError.unknownWhistle(id)
        }
        return try WhistleRecord(id: id, row: row)
    }

    /// Reads a row by column name; a column missing or unreadable is a corrupt whistle, never a default.
    private init(id: String, row: Row) throws(ProtocolError) {
        let stored = StoredRow(row) { Self.corrupt(id, $0) }
        let lead = try stored.text("lead")
        let co = try stored.json("co", as: [String].self)
        grid = try stored.text("grid")
        town = try stored.text("town")
        matter = try stored.text("matter")
        urgency = try stored.text("urgency")
        raisedBy = try stored.valueIfSet("raised_by", Principal.init(parsing:))
        self.co = co
        evaluation = EvaluatedWhistle(
            id: id, loop: WhistleLoop(phase: try stored.value("phase", WhistlePhase.init(rawValue:)),
                                      round: try stored.int("round")),
            lead: lead, departments: lead.isEmpty ? [] : [lead] + co,
            awaiting: try stored.json("awaiting", as: [String].self),
            reportedBackAt: try stored.valueIfSet("reported_back_at", Timestamp.parse),
            closedAs: try stored.valueIfSet("closed_as", ClosureOutcome.init(rawValue:)))
    }

    /// Stores what a rule decided about the loop: phase, round, the departments awaited, the
    /// report-back that opened the window and how the loop closed.
    static func store(_ whistle: EvaluatedWhistle, in db: Database) throws {
        try db.execute("""
            UPDATE whistles SET phase = ?, round = ?, awaiting = ?, reported_back_at = ?, closed_as = ? WHERE id = ?
            """, [whistle.loop.phase.rawValue, whistle.loop.round, try JSONCoding.encodeString(whistle.awaiting),
                  whistle.reportedBackAt.map(Timestamp.format), whistle.closedAs?.rawValue, whistle.id])
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
        guard let lead = row.string("lead"), !lead.isEmpty else { throw notYetRouted(id) }
    }

    private static func corrupt(_ id: String, _ column: String) -> ProtocolError {
        ProtocolError(.internal, "corrupt_whistle", "whistle \(id) cannot be read: its \(column) is missing or unreadable")
    }

    private static func notYetKnown(_ id: String) -> ProtocolError {
        .notReady("whistle \(id) is not yet known from the whistle stream")
    }

    private static func notYetRouted(_ id: String) -> ProtocolError {
        .notReady("whistle \(id) is not yet routed on the whistle stream")
    }
}
