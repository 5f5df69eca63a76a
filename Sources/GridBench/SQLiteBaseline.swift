import Foundation
import GridDomain
import GridStore
import GridWire
import SQLite

/// Baseline A: what one accepted raise writes in WhistleService's database — its `whistles` row,
/// the `whistle.raised` and `whistle.routed` envelopes in `events`, the remembered reply in
/// `commands` — inserted raw through the project's SQLite wrapper, in a database opened the way the
/// services open theirs (`ServiceStore`: WAL, synchronous=FULL), N whistles per transaction.
struct SQLiteBaseline {
    let directory: URL
    let workload: Workload

    struct Result {
        var whistles: Int
        var seconds: Double
        var bytesPerWhistle: Int
        var pragmas: String
        var rate: Double { Double(whistles) / seconds }
    }

    /// WhistleService's `whistles` table as its migrations leave it (an executable target, so not
    /// importable).
    static let whistlesTable = """
        CREATE TABLE whistles(
            id TEXT PRIMARY KEY, number INTEGER NOT NULL UNIQUE, grid TEXT NOT NULL, town TEXT NOT NULL,
            matter TEXT NOT NULL, urgency TEXT NOT NULL, state TEXT NOT NULL, raised_at TEXT NOT NULL,
            lead TEXT NOT NULL, co TEXT NOT NULL, policy TEXT NOT NULL);
        """

    /// Inserts `whistles` whistles' rows in transactions of `perTransaction`, into a fresh file.
    func run(whistles: Int, perTransaction: Int) throws -> Result {
        let path = directory.appendingPathComponent("baseline-\(perTransaction).sqlite").path
        let store = try ServiceStore(path: path, stream: .whistle, durability: .full,
                                     migrations: [("whistle-1", Self.whistlesTable)])
        let db = store.db
        let pragmas = try ["journal_mode", "synchronous"].map { name in
            let value = try db.queryFirst("PRAGMA \(name)")?[0]
            return switch value {
            case .text(let text): "\(name)=\(text)"
            case .integer(let number): "\(name)=\(number)"
            default: "\(name)=?"
            }
        }.joined(separator: ", ")
        let rows = try (0..<whistles).map { index in
            try WhistleRows(workload.raise(index), number: index + 1, key: workload.key("sqlite", index),
                            epoch: store.epoch)
        }
        let start = Monotonic.now()
        for first in stride(from: 0, to: whistles, by: perTransaction) {
            try db.transaction(.immediate) {
                for row in rows[first..<min(first + perTransaction, whistles)] { try row.insert(into: db) }
            }
        }
        let seconds = Monotonic.seconds(since: start)
        db.close()
        let bytes = rows.reduce(0) { $0 + $1.bytes } / max(1, rows.count)
        return Result(whistles: whistles, seconds: seconds, bytesPerWhistle: bytes,
                      pragmas: pragmas + " (1 = NORMAL, 2 = FULL)")
    }
}

/// The four rows of one whistle, with values built by the same types the service encodes.
struct WhistleRows {
    private let whistle: [any SQLiteValueConvertible]
    private let events: [[any SQLiteValueConvertible]]
    private let command: [any SQLiteValueConvertible]
    /// Text stored for this whistle, for the record.
    let bytes: Int

    init(_ raise: Workload.Raise, number: Int, key: String, epoch: String) throws {
        let now = Date()
        let id = String(format: "W20261204-%06d", number)
        let route = raise.route
        let raised = WhistleRaised(whistle: id, grid: raise.grid.id, town: raise.town, matter: raise.matter.id,
                                   urgency: route.policy.urgency, description: raise.body.description,
                                   location: raise.body.location, evidence: [], raisedBy: Principal(.grid, raise.grid.id))
        let routed = WhistleRouted(whistle: id, grid: raise.grid.id, town: raise.town, matter: raise.matter.id,
                                   lead: route.lead, co: route.co, policy: route.policy)
        // Sequence 1 is the reference data; each whistle then takes two.
        let seq = Int64(2 * number)
        events = [
            [seq, WhistleEventType.raised.rawValue, WhistleEventType.raised.topic,
             try JSONCoding.encodeString(Envelope(stream: .whistle, epoch: epoch, seq: seq, time: Instant(now),
                                                  type: WhistleEventType.raised.rawValue, data: raised))],
            [seq + 1, WhistleEventType.routed.rawValue, WhistleEventType.routed.topic,
             try JSONCoding.encodeString(Envelope(stream: .whistle, epoch: epoch, seq: seq + 1, time: Instant(now),
                                                  type: WhistleEventType.routed.rawValue, data: routed))],
        ]
        whistle = [id, number, raise.grid.id, raise.town, raise.matter.id, route.policy.urgency.rawValue,
                   Timestamp.format(now), route.lead, try JSONCoding.encodeString(route.co),
                   try JSONCoding.encodeString(route.policy)]
        let accepted = WhistleAccepted(whistle: id, grid: raise.grid.id, town: raise.town, matter: raise.matter.id,
                                       urgency: route.policy.urgency, lead: route.lead, co: route.co,
                                       raisedAt: Instant(now))
        command = [raise.principal, key, "raise \(try JSONCoding.encodeString(raise.body))",
                   try JSONCoding.encodeString(Reply.ok(key: key, accepted))]
        bytes = (whistle + events.flatMap { $0 } + command).reduce(0) { total, value in
            if case .text(let text) = value.sqliteValue { return total + text.utf8.count }
            return total + 8
        }
    }

    func insert(into db: Database) throws {
        try db.execute("""
            INSERT INTO whistles(id, number, grid, town, matter, urgency, state, raised_at, lead, co, policy)
            VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)
            """, whistle)
        for event in events {
            try db.execute("INSERT INTO events(seq, type, topic, envelope) VALUES (?, ?, ?, ?)", event)
        }
        try db.execute("INSERT INTO commands(principal, key, request, reply) VALUES (?, ?, ?, ?)", command)
    }
}
