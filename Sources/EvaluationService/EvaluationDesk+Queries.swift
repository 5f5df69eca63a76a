import Foundation
import GridDomain
import GridRuntime
import GridWire

extension EvaluationDesk {
    /// Every step of one whistle across the three streams, for whoever may read the whistle
    /// (``ReadRights/mayRead(_:as:coordinated:)``).
    func timeline(_ context: CommandContext, _ id: String) throws -> Timeline {
        let principal = try context.require(.grid, .dept, .centre, .district, .observer, .service, .integrator, to: "read a timeline")
        let whistle = try WhistleRecord.load(id, from: host.store.db)
        let allowed = try ReadRights.mayRead(whistle.parties, as: principal) {
            try coordinated(id, about: whistle.grid, by: principal)
        }
        guard allowed else { throw ProtocolError.notPermitted(principal, "read the timeline of \(id)") }
        let rows = try host.store.db.query("""
            SELECT time, stream, seq, type, department, text FROM timeline WHERE whistle = ?
            ORDER BY time, rowid
            """, [id])
        let entries = rows.compactMap { row -> TimelineEntry? in
            guard let time = row.string("time").flatMap(Timestamp.parse), let stream = row.string("stream").flatMap(StreamName.init),
                  let seq = row.int64("seq"), let type = row.string("type"), let text = row.string("text") else { return nil }
            return TimelineEntry(time: Instant(time), stream: stream, seq: seq, type: type, department: row.string("department"),
                                 text: text)
        }
        let loop = whistle.evaluation.loop
        return Timeline(whistle: id, grid: whistle.grid, matter: whistle.matter, urgency: whistle.urgency,
                        lead: whistle.lead, co: whistle.co, phase: loop.phase, round: loop.round,
                        outcome: whistle.evaluation.closedAs, entries: entries)
    }

    /// Whether `principal` coordinates or coordinated the whistle (三级网格响应): its first
    /// coordinator, derived from the grid tree as ResponseService derives it, or one that an
    /// `escalated` event named.
    private func coordinated(_ whistle: String, about grid: String, by principal: Principal) throws -> Bool {
        if let chain = CoordinationRules.chain(for: grid, in: try book.require().tree),
           chain.coordinators[chain.start.rawValue - 1] == principal.description { return true }
        return try host.store.db.queryFirst("SELECT 1 AS yes FROM coordinators WHERE whistle = ? AND principal = ?",
                                            [whistle, principal.description]) != nil
    }
}
