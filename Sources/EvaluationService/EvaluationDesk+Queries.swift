import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire

extension EvaluationDesk {
    /// Every step of one whistle across the three streams, for whoever may read the whistle
    /// (``ReadRights/mayRead(_:as:coordinated:)``).
    func timeline(_ context: CommandContext, _ id: String) throws -> Timeline {
        let principal = try context.require(.grid, .dept, .centre, .district, .observer, .service, .integrator, to: "read a timeline")
        let whistle = try WhistleRecord.load(id, from: host.store.db)
        let allowed = try ReadRights.mayRead(whistle.parties, as: principal) {
            try CoordinatorRecord.coordinated(id, about: whistle.grid, by: principal, tree: book.require().tree,
                                               in: host.store.db)
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
}
