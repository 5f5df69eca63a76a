import Foundation
import GridDomain
import GridWire
import SQLite

/// A savepoint could not be rolled back: the transaction is no longer usable and must be abandoned.
public struct TransactionLost: Error, CustomStringConvertible {
    public let underlying: any Error
    public var description: String { "the transaction was lost: \(underlying)" }

    public init(underlying: any Error) {
        self.underlying = underlying
    }
}

/// An attempt without a savepoint threw after changing rows: only running the whole transaction
/// again, with savepoints, can undo that attempt alone.
package struct NeedsSavepoints: Error {}

/// What a write may do inside its transaction: change tables, emit events, move cursors,
/// remember a reply. Nothing here is visible to anyone until the commit.
public struct Transaction {
    let store: ServiceStore
    var nextSeq: Int64
    /// Whether each ``attempt(_:)`` runs in a savepoint of its own: a write held in memory until
    /// the commit (``beforeCommit(_:)``) could not be undone with one, so it is made at once.
    public let usesSavepoints: Bool
    /// Set when an attempt without a savepoint failed after changing rows: this transaction must
    /// not commit, even if the caller caught the error.
    private(set) var mustRunAgain = false
    fileprivate(set) var events: [StoredEvent] = []
    /// How many of `events` have their rows written (``storeEvents()``).
    private var storedEvents = 0
    fileprivate(set) var commitActions: [() -> Void] = []
    /// Writes held in memory over the transaction, made just before it commits.
    fileprivate(set) var commitWrites: [() throws -> Void] = []
    /// How many times a write was held (``holdWrite()``): an attempt that held one cannot undo it.
    private var heldWrites = 0
    /// The earliest due time this transaction armed, so the store knows when to look again.
    public internal(set) var earliestArmed: Date?
    /// How many items this transaction added to (or took from) the armed and set-aside due work.
    var dueDelta = (armed: 0, failed: 0)
    /// Due work armed and not yet written: written together at the commit (``storeDueWork()``).
    var pendingArms: [DueWork] = []

    /// Tells this transaction from every other of its store (each run of a write is another):
    /// state a handler derives from what the transaction wrote is good only while it lasts.
    public let number: Int64

    init(store: ServiceStore, number: Int64, nextSeq: Int64, usesSavepoints: Bool) {
        self.store = store
        self.number = number
        self.nextSeq = nextSeq
        self.usesSavepoints = usesSavepoints
    }

    public var db: Database { store.db }

    /// Whether the event this transaction emitted as `seq` is still in it: an attempt that failed
    /// took its events back with everything else it did.
    public func stillHolds(_ seq: Int64) -> Bool { seq < nextSeq }

    /// Appends an event of this service's stream to the outbox; returns its sequence number. The
    /// row is written when the attempt around it ends (``attempt(_:)``) or the transaction commits,
    /// together with the other events emitted since: a raise's two events are one statement. An
    /// event with `alsoTopics` is published once on each of its topics after `topic` (one `seq`).
    @discardableResult
    public mutating func emit<P: Codable & Sendable>(
        _ type: String, topic: String, alsoTopics: [String] = [], at time: Date, _ data: P
    ) throws -> Int64 {
        let envelope = Envelope(stream: store.stream, epoch: store.epoch, seq: nextSeq, time: Instant(time),
                                type: type, data: data)
        events.append(StoredEvent(seq: nextSeq, type: type, topic: topic, alsoTopics: alsoTopics,
                                  envelope: try JSONCoding.encode(envelope)))
        nextSeq += 1
        return nextSeq - 1
    }

    /// Writes the events emitted and not yet written, up to four rows a statement.
    mutating func storeEvents() throws {
        while storedEvents < events.count {
            let rows = min(events.count - storedEvents, Self.eventInserts.count)
            var values: [any SQLiteValueConvertible] = []
            values.reserveCapacity(4 * rows)
            for event in events[storedEvents..<storedEvents + rows] {
                values += [event.seq, event.type, event.topic, UTF8Text(event.envelope)] as [any SQLiteValueConvertible]
            }
            try db.execute(Self.eventInserts[rows - 1], values)
            storedEvents += rows
        }
    }

    /// `INSERT INTO events` of one to four rows.
    private static let eventInserts = (1...4).map { rows in
        "INSERT INTO events(seq, type, topic, envelope) VALUES "
            + Array(repeating: "(?, ?, ?, ?)", count: rows).joined(separator: ", ")
    }

    /// Runs `body` so that, if it throws, what it wrote, emitted and scheduled is undone and the
    /// error rethrown, while the rest of the transaction goes on. Group commit runs each command
    /// this way, so one refused command does not undo the others of its batch.
    ///
    /// A savepoint per attempt costs a copy of every page it touches, so a transaction starts
    /// without them: a body that throws before changing a row (a refusal usually does) needs no
    /// undo. One that throws after changing rows makes ``ServiceStore/write(_:)`` roll the whole
    /// transaction back and run it again with a savepoint per attempt.
    ///
    /// If SQLite itself already rolled the whole transaction back (it may, on an I/O error or a
    /// full disk), the original error is rethrown untouched so the caller abandons the
    /// transaction: nothing after it may run outside one.
    public mutating func attempt<T>(_ body: (inout Transaction) throws -> T) throws -> T {
        let (eventCount, actionCount, seq, stored, armed) = (events.count, commitActions.count, nextSeq, storedEvents,
                                                             earliestArmed)
        let (dueBefore, pendingBefore) = (dueDelta, pendingArms.count)
        let (writesBefore, heldBefore) = (commitWrites.count, heldWrites)
        let changes = db.totalChanges
        if usesSavepoints {
            // Through the statement cache: in this mode every command and applied event opens one.
            try db.execute("SAVEPOINT attempt", [])
        }
        do {
            let result = try body(&self)
            try storeEvents()
            if usesSavepoints { try db.execute("RELEASE attempt", []) }
            return result
        } catch {
            events.removeSubrange(eventCount...)
            commitActions.removeSubrange(actionCount...)
            nextSeq = seq
            storedEvents = stored
            earliestArmed = armed
            dueDelta = dueBefore
            pendingArms.removeSubrange(min(pendingBefore, pendingArms.count)...)
            commitWrites.removeSubrange(writesBefore...)
            let held = heldWrites != heldBefore
            heldWrites = heldBefore
            guard db.isInTransaction else { throw error }
            guard usesSavepoints else {
                guard error is NeedsSavepoints || db.totalChanges != changes || held else { throw error }
                mustRunAgain = true
                throw NeedsSavepoints()
            }
            do {
                try db.execute("ROLLBACK TO attempt")
                try db.execute("RELEASE attempt")
            } catch {
                throw TransactionLost(underlying: error)
            }
            throw error
        }
    }

    /// Runs `write` just before the commit, inside the transaction (never after a rollback): for
    /// rows gathered over many attempts and written once.
    public mutating func beforeCommit(_ write: @escaping () throws -> Void) {
        commitWrites.append(write)
    }

    /// Notes that this attempt holds a write in memory for ``beforeCommit(_:)`` instead of making
    /// it: if the attempt then fails, the transaction runs again with savepoints, as when it had
    /// changed rows, so that the failed attempt's write is never made.
    public mutating func holdWrite() {
        heldWrites += 1
    }

    /// Runs `action` once the transaction has committed (never after a rollback): for in-memory
    /// state that must not run ahead of the database.
    public mutating func afterCommit(_ action: @escaping () -> Void) {
        commitActions.append(action)
    }

    /// The last applied sequence of a consumed stream and the epoch it belongs to.
    public func cursor(_ stream: StreamName) throws -> (epoch: String, last: Int64)? {
        try store.cursor(stream)
    }

    public func setCursor(_ stream: StreamName, epoch: String, last: Int64) throws {
        try db.execute("""
            INSERT INTO cursors(stream, epoch, last) VALUES (?, ?, ?)
            ON CONFLICT(stream) DO UPDATE SET epoch = excluded.epoch, last = excluded.last
            """, [stream.rawValue, epoch, last])
    }

    /// Keeps the reply to an accepted command so a retry with the same key gets it again.
    public func rememberReply(principal: String, key: String, request: String, reply: Data) throws {
        try db.execute("INSERT INTO commands(principal, key, request, reply) VALUES (?, ?, ?, ?)",
                       [principal, key, request, UTF8Text(reply)])
        store.keys.insert(principal: principal, key: key)
    }

    /// Keeps an event that could not be applied, with the reason, so nothing is silently lost.
    public func deadLetter(stream: StreamName, seq: Int64, reason: String, envelope: Data, at time: Date) throws {
        try db.execute("INSERT INTO dead_letters(stream, seq, reason, envelope, at) VALUES (?, ?, ?, ?, ?)",
                       [stream.rawValue, seq, reason, String(decoding: envelope, as: UTF8.self),
                        Timestamp.format(time)])
    }
}

extension ServiceStore {
    public func cursor(_ stream: StreamName) throws -> (epoch: String, last: Int64)? {
        guard let row = try db.queryFirst("SELECT epoch, last FROM cursors WHERE stream = ?", [stream.rawValue]),
              let epoch = row.string(0), let last = row.int64(1) else { return nil }
        return (epoch, last)
    }

    /// The remembered request and reply for `key` from `principal`, if it was accepted before.
    public func rememberedReply(principal: String, key: String) throws -> (request: String, reply: String)? {
        if keys.count > keys.capacity { try rebuildKeyFilter() }
        guard keys.mightContain(principal: principal, key: key) else { return nil }
        guard let row = try db.queryFirst("SELECT request, reply FROM commands WHERE principal = ? AND key = ?",
                                          [principal, key]),
              let request = row.string(0), let reply = row.string(1) else { return nil }
        return (request, reply)
    }

    /// How many events of consumed streams were set aside as dead letters.
    public func deadLetterCount() throws -> Int64 {
        try db.queryFirst("SELECT COUNT(*) FROM dead_letters")?.int64(0) ?? 0
    }
}
