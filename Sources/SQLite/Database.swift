internal import CSQLite

/// A connection to one SQLite database.
///
/// A connection belongs to one thread at a time: it is opened with `SQLITE_OPEN_NOMUTEX` and is
/// not `Sendable`. It is closed by ``close()`` or when the last reference to it, including those
/// held by its statements, goes away.
public final class Database {
    /// The path given at opening.
    public let path: String
    /// The connection handle; `nil` once closed.
    private(set) var handle: OpaquePointer?
    /// Statements reused by `execute(_:_:)`, `query` and `queryFirst`, keyed by SQL.
    var statementCache: [String: Statement] = [:]
    /// The same statements by the address of their SQL's bytes (see `cachedStatement(_:)`).
    var statementsByAddress: [Int: Statement] = [:]
    /// Where SQLite's WAL hook stores the log's length after each commit (``countWALFrames()``).
    private var walFrameCounter: UnsafeMutablePointer<Int32>?

    /// How long a statement waits for a lock another connection holds, unless told otherwise.
    public static let defaultBusyTimeoutMilliseconds: Int32 = 5_000

    /// Opens (creating unless `readOnly`) the file at `path`; ":memory:" opens a private in-memory
    /// database. Sets the busy timeout. Closes the handle if opening fails.
    public init(path: String, readOnly: Bool = false,
                busyTimeoutMilliseconds: Int32 = Database.defaultBusyTimeoutMilliseconds) throws {
        _ = Self.configured
        self.path = path
        let access = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, access | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nil)
        guard code == SQLITE_OK, let handle else {
            let error = SQLiteError(code: code, connection: handle, sql: nil)
            sqlite3_close_v2(handle)
            throw error
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    }

    /// Process-wide settings, made once before the first connection opens (SQLite refuses them
    /// after it has initialised, which only costs the saving).
    private static let configured: Void = {
        _ = csqlite_disable_memory_statistics()
    }()

    deinit {
        close()
        walFrameCounter?.deallocate()
    }

    /// Finalizes the cached statements and closes the connection; calling it again does nothing.
    ///
    /// Statements from ``prepare(_:)`` still alive keep the file open until they are released, and
    /// throw ``SQLiteError/misuse`` if used.
    /// How long a statement waits for a lock another connection holds before `SQLITE_BUSY`.
    public func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    public func close() {
        guard let handle else { return }
        statementCache.removeAll()
        statementsByAddress.removeAll()
        if walFrameCounter != nil { sqlite3_wal_hook(handle, nil, nil) }
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    /// Runs one or more statements without arguments (`sqlite3_exec`).
    public func execute(_ sql: String) throws {
        let handle = try openHandle(sql: sql)
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: handle, sql: sql) }
    }

    /// From now on, counts the frames in the write-ahead log after each commit on this connection
    /// (``walFrames``). It takes the place of SQLite's automatic checkpoint, whose hook it replaces.
    public func countWALFrames() throws {
        let handle = try openHandle(sql: nil)
        if walFrameCounter == nil {
            walFrameCounter = .allocate(capacity: 1)
            walFrameCounter!.initialize(to: 0)
        }
        csqlite_count_wal_frames(handle, walFrameCounter)
    }

    /// The frames in the write-ahead log after this connection's last commit, if counted
    /// (``countWALFrames()``); 0 otherwise. A checkpoint that lets the log start over is seen at
    /// the next commit.
    public var walFrames: Int {
        walFrameCounter.map { Int($0.pointee) } ?? 0
    }

    /// The number of rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int {
        handle.map { Int(sqlite3_changes64($0)) } ?? 0
    }

    /// The rows changed by every INSERT, UPDATE and DELETE completed on this connection since it was
    /// opened: unchanged across a span of statements means nothing was written in it.
    public var totalChanges: Int64 {
        handle.map { sqlite3_total_changes64($0) } ?? 0
    }

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 {
        handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Whether a transaction is open (the connection is not in autocommit mode).
    public var isInTransaction: Bool {
        handle.map { sqlite3_get_autocommit($0) == 0 } ?? false
    }

    /// The open handle, or the error for a closed connection.
    func openHandle(sql: String?) throws -> OpaquePointer {
        guard let handle else { throw SQLiteError.closed(sql: sql) }
        return handle
    }
}

/// One thread owns a connection: it is opened without SQLite's mutexes.
@available(*, unavailable)
extension Database: Sendable {}
