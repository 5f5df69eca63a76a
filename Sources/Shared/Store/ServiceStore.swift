import Foundation
import GridLogging
import GridWire
import SQLite

/// A service's own SQLite database: its state tables, its outbox (the event log of its stream), its
/// cursors over the streams it consumes, its remembered command replies and its dead letters.
/// Every state change and the events announcing it commit in one transaction (``write(_:)``).
public final class ServiceStore {
    public let db: Database
    /// The stream this service produces.
    public let stream: StreamName
    /// Changes only when the database is rebuilt; consumers refuse an epoch they do not know.
    public let epoch: String
    /// The highest committed sequence number of this service's stream.
    public private(set) var head: Int64
    /// Write transactions begun; each one's count is its ``Transaction/number``.
    private var transactions: Int64 = 0
    /// No due work is armed before this time (nil: none at all). It may be earlier than the earliest
    /// item, after a cancel, but never later: the scheduler looks in the table when it has passed.
    public internal(set) var earliestDue: Date?
    /// How many items of due work are armed, and how many set aside: counted once at start, then
    /// kept by the transactions that change them (a heartbeat must not count a million rows).
    public internal(set) var dueCounts: (armed: Int64, failed: Int64) = (0, 0)
    /// Every (principal, key) in the command log, and perhaps a few more: a new key needs no look-up.
    var keys = KeyFilter(capacity: 0)

    /// Opens (creating) the database at `path`, applies the common schema and then `migrations`
    /// (name, SQL) not yet applied, each once, in order.
    public init(path: String, stream: StreamName, durability: Durability = .full,
                migrations: [(String, String)], longLog: Int = ServiceStore.longLog) throws {
        self.longLog = longLog
        let db = try Database(path: path)
        self.db = db
        self.stream = stream
        try db.execute("PRAGMA journal_mode=WAL")
        try db.execute("PRAGMA synchronous=\(durability.pragma)")
        try db.execute("PRAGMA foreign_keys=ON")
        // Checkpoints run on their own thread (``startCheckpointing(logger:)``), not inside commits.
        try db.execute("PRAGMA wal_autocheckpoint=0")
        try db.countWALFrames()
        try db.execute("CREATE TABLE IF NOT EXISTS schema_migrations(name TEXT PRIMARY KEY)")
        for (name, sql) in Self.commonMigrations + migrations {
            guard try db.queryFirst("SELECT 1 FROM schema_migrations WHERE name = ?", [name]) == nil else { continue }
            try db.transaction {
                try db.execute(sql)
                try db.execute("INSERT INTO schema_migrations(name) VALUES (?)", [name])
            }
        }
        if let row = try db.queryFirst("SELECT value FROM meta WHERE key = 'epoch'"), let value = row.string(0) {
            epoch = value
        } else {
            epoch = Self.newEpoch()
            try db.execute("INSERT INTO meta(key, value) VALUES ('epoch', ?)", [epoch])
        }
        head = try db.queryFirst("SELECT COALESCE(MAX(seq), 0) FROM events")?.int64(0) ?? 0
        try rebuildKeyFilter()
        earliestDue = try earliestDueInTable()
        dueCounts = try dueWorkCountsInTable()
    }

    /// Fills the key filter from the command log, with room to double.
    func rebuildKeyFilter() throws {
        let count = try db.queryFirst("SELECT COUNT(*) FROM commands")?.int(0) ?? 0
        var filter = KeyFilter(capacity: 2 * count)
        let statement = try db.prepare("SELECT principal, key FROM commands")
        try statement.bind([])
        defer { statement.reset() }
        while try statement.step() {
            let row = statement.row()
            filter.insert(principal: row.string(0) ?? "", key: row.string(1) ?? "")
        }
        keys = filter
    }

    var checkpointer: Checkpointer?

    /// Starts checkpointing the write-ahead log in the background; ``stopCheckpointing()`` ends it.
    public func startCheckpointing(logger: Logger) {
        guard checkpointer == nil else { return }
        checkpointer = Checkpointer(path: db.path, logger: logger)
    }

    public func stopCheckpointing() {
        checkpointer?.stop()
        checkpointedAt = lastCheckpoint
        checkpointer = nil
    }

    /// Stops checkpointing and closes the connection; calling it again does nothing. As the last
    /// connection, its close copies the write-ahead log into the database file and removes the
    /// `-wal` and `-shm` files. The process's `exit` runs no `deinit`, so a clean stop calls this.
    public func close() {
        stopCheckpointing()
        db.close()
    }

    deinit { close() }

    /// Past this many frames (16 MB of 4 KB pages) the log is checkpointed on this connection,
    /// between transactions, so that the next commit starts it over (``keepLogShort()``).
    public static let longLog = 4_096
    private let longLog: Int

    /// Keeps the write-ahead log from growing for as long as a load lasts.
    ///
    /// SQLite starts the log over only when a write transaction begins with every frame already
    /// copied into the database file. Under steady load the background checkpoint never gets
    /// there (a commit always lands while it copies), so the log would grow for as long as the
    /// load lasts: into fresh pages of the page cache, which cost more to write than pages it
    /// reuses, and a longer recovery after a crash. So every quarter of ``longLog`` the background
    /// checkpoint is asked to copy now, and past ``longLog`` this connection, between transactions,
    /// copies the little the background has not: the next commit starts the log over.
    public func keepLogShort() {
        let frames = db.walFrames
        if frames < framesAtLastTry { framesAtLastTry = 0 }
        // The count moves only with this connection's commits: try once per step of growth, so a
        // reader that holds the log back (a backup) costs no checkpoint every round.
        guard frames >= framesAtLastTry + longLog / 4 else { return }
        framesAtLastTry = frames
        if frames >= longLog {
            // Busy (the background checkpoint is running) or failing: a later step tries again.
            if (try? db.execute("PRAGMA wal_checkpoint(PASSIVE)")) != nil { checkpointedAt = Date() }
        } else {
            checkpointer?.poke()
        }
    }

    /// Copies the whole write-ahead log into the database file and truncates the log to zero
    /// bytes (`wal_checkpoint(TRUNCATE)`), so that no earlier page image stays in it: for after a
    /// commit that deleted what must not be recovered. It waits at most `attempts` × 100 ms for
    /// the background checkpoint or a reader (a backup) to let go; false when it could not, and the
    /// caller tries again later.
    public func truncateLog(attempts: Int = 3) throws -> Bool {
        db.setBusyTimeout(milliseconds: 100)
        defer { db.setBusyTimeout(milliseconds: Database.defaultBusyTimeoutMilliseconds) }
        for _ in 1...max(1, attempts) {
            // The row is (busy, frames in the log, frames copied); busy = 1 when it could not finish.
            if let row = try db.queryFirst("PRAGMA wal_checkpoint(TRUNCATE)"), row.int(0) == 0 {
                checkpointedAt = Date()
                framesAtLastTry = 0
                return true
            }
        }
        return false
    }

    /// When a checkpoint last succeeded on this connection, or on a checkpointer since stopped.
    var checkpointedAt: Date?

    /// The log's length at the last checkpoint tried or asked for.
    private var framesAtLastTry = 0

    /// How hard a commit is made durable. The default survives power loss.
    public enum Durability: String, Sendable, Codable {
        /// `synchronous=FULL`: every commit is on the disk before it is acknowledged.
        case full
        /// `synchronous=NORMAL` in WAL mode: survives a crash of the process, not of the machine.
        case normal

        var pragma: String { self == .full ? "FULL" : "NORMAL" }
    }

    /// Runs `body` in one immediate transaction. The events it emits are numbered, stored with the
    /// state change, and returned for publishing only once the commit succeeded.
    ///
    /// `body` may run twice: first without savepoints, then, if an attempt in it failed after
    /// changing rows, again from the start with a savepoint per attempt (``Transaction/attempt(_:)``).
    public func write<T>(_ body: (inout Transaction) throws -> T) throws -> (T, [StoredEvent]) {
        do {
            return try write(body, usesSavepoints: false)
        } catch let error as NeedsSavepoints {
            // The rollback before it failed: running again would nest a transaction.
            guard !db.isInTransaction else { throw TransactionLost(underlying: error) }
            return try write(body, usesSavepoints: true)
        }
    }

    private func write<T>(_ body: (inout Transaction) throws -> T, usesSavepoints: Bool) throws -> (T, [StoredEvent]) {
        transactions += 1
        var transaction = Transaction(store: self, number: transactions, nextSeq: head + 1, usesSavepoints: usesSavepoints)
        let result = try db.transaction(.immediate) {
            let result = try body(&transaction)
            if transaction.mustRunAgain { throw NeedsSavepoints() }
            for write in transaction.commitWrites { try write() }
            try transaction.storeEvents()
            try transaction.storeDueWork()
            return result
        }
        if let last = transaction.events.last { head = last.seq }
        if let armed = transaction.earliestArmed { earliestDue = min(earliestDue ?? armed, armed) }
        dueCounts.armed += Int64(transaction.dueDelta.armed)
        dueCounts.failed += Int64(transaction.dueDelta.failed)
        transaction.commitActions.forEach { $0() }
        return (result, transaction.events)
    }

    /// Up to `limit` stored envelopes after sequence `after`, in order.
    public func events(after: Int64, limit: Int) throws -> [String] {
        try db.query("SELECT envelope FROM events WHERE seq > ? ORDER BY seq LIMIT ?", [after, limit])
            .compactMap { $0.string(0) }
    }

    /// How many events one search by type looks at, per event it may return: a consumer far behind
    /// catches up in bounded steps instead of one scan of the whole outbox.
    public static let searchSpan: Int64 = 20

    /// The stored envelopes of the given `types` after `after`, at most `limit`, among the next
    /// `limit` × ``searchSpan`` events, and how far the search went: the last of them when it
    /// stopped at `limit`, else the end of that span or the head.
    public func events(after: Int64, limit: Int, types: [String]) throws -> (envelopes: [String], through: Int64) {
        let marks = types.map { _ in "?" }.joined(separator: ", ")
        let end = min(head, after + Int64(limit) * Self.searchSpan)
        let rows = try db.query("""
            SELECT seq, envelope FROM events WHERE seq > ? AND seq <= ? AND type IN (\(marks)) ORDER BY seq LIMIT ?
            """, [after, end] + types + [limit] as [any SQLiteValueConvertible])
        let envelopes = rows.compactMap { $0.string("envelope") }
        let through = rows.count == limit ? rows.last?.int64("seq") ?? end : end
        return (envelopes, max(through, after))
    }

    private static func newEpoch() -> String {
        String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16)).lowercased()
    }

    static let commonMigrations: [(String, String)] = [
        ("common-1", """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE events(seq INTEGER PRIMARY KEY, type TEXT NOT NULL, topic TEXT NOT NULL, envelope TEXT NOT NULL);
        CREATE TABLE cursors(stream TEXT PRIMARY KEY, epoch TEXT NOT NULL, last INTEGER NOT NULL);
        CREATE TABLE commands(principal TEXT NOT NULL, key TEXT NOT NULL, request TEXT NOT NULL,
            reply TEXT NOT NULL, PRIMARY KEY(principal, key));
        CREATE TABLE dead_letters(id INTEGER PRIMARY KEY, stream TEXT NOT NULL, seq INTEGER NOT NULL,
            reason TEXT NOT NULL, envelope TEXT NOT NULL, at TEXT NOT NULL);
        CREATE TABLE reference(version INTEGER PRIMARY KEY, json TEXT NOT NULL);
        """),
        // Due work: what to do at a time (milliseconds since 1970); `failed` keeps an item whose
        // rule failed, with the reason, out of later batches.
        ("common-2", """
        CREATE TABLE due_work(kind TEXT NOT NULL, subject TEXT NOT NULL, at INTEGER NOT NULL, failed TEXT,
            PRIMARY KEY(kind, subject)) WITHOUT ROWID;
        CREATE INDEX due_work_at ON due_work(at) WHERE failed IS NULL;
        """),
    ]
}

@available(*, unavailable)
extension ServiceStore: Sendable {}

/// An event committed to a stream, ready to publish.
public struct StoredEvent: Sendable {
    public let seq: Int64
    public let type: String
    public let topic: String
    /// Further topics the same envelope is published on (an escalation goes to the new coordinator
    /// and to the one it leaves); the stored row keeps `topic` only.
    public let alsoTopics: [String]
    public let envelope: Data

    public init(seq: Int64, type: String, topic: String, alsoTopics: [String] = [], envelope: Data) {
        self.seq = seq
        self.type = type
        self.topic = topic
        self.alsoTopics = alsoTopics
        self.envelope = envelope
    }
}
