internal import CSQLite

/// A failed SQLite call: the extended result code, SQLite's message and the SQL, never the bound values.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code, as `sqlite3_extended_errcode` reports it.
    public let code: Int32
    /// The primary result code (the low byte of ``code``), one of the primary constants such as ``busy``.
    public var primaryCode: Int32 { code & 0xff }
    /// SQLite's message at the failure (`sqlite3_errmsg`).
    public let message: String
    /// The SQL being prepared or run, if any.
    public let sql: String?

    public init(code: Int32, message: String, sql: String?) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// `SQLite error 2067 (SQLITE_CONSTRAINT_UNIQUE): UNIQUE constraint failed: t.x; sql: INSERT INTO t ...`
    public var description: String {
        let name = Self.names[code] ?? Self.names[primaryCode] ?? "unknown code"
        var text = "SQLite error \(code) (\(name)): \(message)"
        if let sql { text += "; sql: \(sql)" }
        return text
    }

    /// Another connection holds a conflicting lock and the busy timeout has run out.
    public var isBusy: Bool { primaryCode == Self.busy }
    /// The connection or the file cannot be written.
    public var isReadOnly: Bool { primaryCode == Self.readOnly }
    /// The file is damaged or is not an SQLite database at all.
    public var isCorrupt: Bool { primaryCode == Self.corrupt || primaryCode == Self.notADatabase }
    /// The disk or the database is full.
    public var isFull: Bool { primaryCode == Self.full }
    /// A UNIQUE, NOT NULL, CHECK, FOREIGN KEY or other constraint was violated.
    public var isConstraint: Bool { primaryCode == Self.constraint }
    /// The operating system reported an I/O error.
    public var isIOError: Bool { primaryCode == Self.ioError }
}

extension SQLiteError {
    /// The error the connection recorded for a call that just returned `code`.
    ///
    /// Falls back to `code` and its generic text when there is no connection (opening ran out of
    /// memory) or the connection recorded something else.
    init(code: Int32, connection: OpaquePointer?, sql: String?) {
        if let connection, sqlite3_extended_errcode(connection) & 0xff == code & 0xff {
            let message = String(cString: sqlite3_errmsg(connection))
            self.init(code: sqlite3_extended_errcode(connection), message: message, sql: sql)
        } else {
            self.init(code: code, message: String(cString: sqlite3_errstr(code)), sql: sql)
        }
    }

    /// The error thrown when a closed connection, or one of its statements, is used.
    static func closed(sql: String?) -> SQLiteError {
        SQLiteError(code: misuse, message: "database connection is closed", sql: sql)
    }
}
