import Foundation
import GridDomain
import GridWire

extension ServiceHost {
    /// `deadletters` lists what could not be applied; `redrive` applies one again with the stream's
    /// own handler (after a fix) and removes it on success. Operators only: the district centre
    /// or another service.
    func registerDeadLetterCommands() {
        let store = self.store
        let name = self.name
        server.query("deadletters", DeadLetterQuery.self) { context, query in
            _ = try context.require(.district, .service, .observer, to: "read dead letters")
            let limit = min(max(query.limit ?? 100, 1), 1_000)
            let rows = try store.db.query("""
                SELECT id, stream, seq, json_extract(envelope, '$.type'), reason, at FROM dead_letters
                WHERE ?1 IS NULL OR stream = ?1 ORDER BY id LIMIT ?2
                """, [query.stream?.rawValue, limit])
            return DeadLetters(service: name, deadLetters: rows.compactMap { row in
                guard let id = row.int64(0), let stream = row.string(1).flatMap(StreamName.init), let seq = row.int64(2),
                      let at = row.string(5).flatMap(Timestamp.parse) else { return nil }
                return DeadLetter(id: id, stream: stream, seq: seq, type: row.string(3) ?? "", reason: row.string(4) ?? "",
                                  at: Instant(at))
            })
        }
        server.command("redrive", Redrive.self) { [unowned self] context, body, transaction in
            _ = try context.require(.district, .service, to: "redrive a dead letter")
            guard let row = try transaction.db.queryFirst("SELECT stream, seq, envelope FROM dead_letters WHERE id = ?", [body.id]),
                  let stream = row.string(0).flatMap(StreamName.init), let seq = row.int64(1), let envelope = row.string(2) else {
                throw ProtocolError(.notFound, "unknown_dead_letter", at: "/body/id", "no dead letter \(body.id)")
            }
            guard let apply = appliers[stream] else {
                throw ProtocolError(.conflict, "not_consumed", at: "/body/id", "this service no longer consumes \(stream.rawValue)")
            }
            let event = try ReceivedEvent(decoding: Data(envelope.utf8))
            do {
                try transaction.attempt { try apply(event, &$0) }
            } catch let error where StreamConsumer.isPermanent(error) {
                throw ProtocolError(.conflict, "still_refused", at: "/body/id", "dead letter \(body.id) is refused again: \(error)")
            }
            try transaction.db.execute("DELETE FROM dead_letters WHERE id = ?", [body.id])
            logger.notice("dead letter redriven", ["id": body.id, "stream": stream.rawValue, "seq": seq])
            return Redriven(id: body.id, stream: stream, seq: seq)
        }
    }
}
