internal import CSQLite

/// One prepared SQL statement. It keeps its connection alive and is finalized in `deinit`.
///
/// Like its connection, a statement belongs to one thread and is not `Sendable`.
public final class Statement {
    /// The SQL the statement was prepared from.
    public let sql: String
    /// The connection that prepared the statement.
    unowned let database: Database
    /// Keeps the connection alive for statements from `prepare(_:)`; `nil` for cached statements,
    /// which the connection owns and finalizes before closing (retaining it would be a cycle).
    private let retainedDatabase: Database?
    private let handle: OpaquePointer

    /// Prepares exactly one statement; empty SQL or a second statement is a ``SQLiteError/misuse``.
    init(database: Database, sql: String, cached: Bool) throws {
        let connection = try database.openHandle(sql: sql)
        let flags = cached ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        self.handle = try sql.withCString { start in
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection, start, -1, flags, &statement, &tail)
            guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: connection, sql: sql) }
            guard let statement else {
                throw SQLiteError(code: SQLiteError.misuse, message: "no SQL statement to prepare", sql: sql)
            }
            if let tail, Self.containsStatement(tail, connection) {
                sqlite3_finalize(statement)
                let message = "more than one SQL statement; run scripts with execute(_:) without arguments"
                throw SQLiteError(code: SQLiteError.misuse, message: message, sql: sql)
            }
            return statement
        }
        self.sql = sql
        self.database = database
        self.retainedDatabase = cached ? nil : database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Clears previous bindings and binds `arguments` to the parameters, in order.
    public func bind(_ arguments: [any SQLiteValueConvertible]) throws {
        try checkOpen()
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard arguments.count == expected else {
            let message = "statement has \(expected) parameters but \(arguments.count) arguments were given"
            throw SQLiteError(code: SQLiteError.range, message: message, sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            let code = argument.sqliteValue.bind(to: handle, at: Int32(offset + 1))
            guard code == SQLITE_OK else {
                throw SQLiteError(code: code, connection: sqlite3_db_handle(handle), sql: sql)
            }
        }
    }

    /// Advances to the next row: `true` when a row is ready, `false` when the statement is done.
    /// A busy database throws once the busy timeout has run out.
    public func step() throws -> Bool {
        try checkOpen()
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw SQLiteError(code: code, connection: sqlite3_db_handle(handle), sql: sql)
        }
    }

    /// The current row; call it after ``step()`` returned `true`.
    public func row() -> Row {
        let count = sqlite3_data_count(handle)
        return Row(values: (0..<count).map { SQLiteValue(column: $0, of: handle) })
    }

    /// Rewinds the statement so it can run again; bindings are kept.
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Binds `arguments`, steps until done and resets.
    public func run(_ arguments: [any SQLiteValueConvertible] = []) throws {
        try bind(arguments)
        defer { reset() }
        while try step() {}
    }

    /// Binds `arguments`, collects every row and resets.
    public func rows(_ arguments: [any SQLiteValueConvertible] = []) throws -> [Row] {
        try bind(arguments)
        defer { reset() }
        var rows: [Row] = []
        while try step() { rows.append(row()) }
        return rows
    }

    /// Binds `arguments`, reads the first row, if any, and resets.
    func firstRow(_ arguments: [any SQLiteValueConvertible]) throws -> Row? {
        try bind(arguments)
        defer { reset() }
        return try step() ? row() : nil
    }

    private func checkOpen() throws {
        guard database.handle != nil else { throw SQLiteError.closed(sql: sql) }
    }

    /// Whether `tail` holds anything but whitespace and comments.
    private static func containsStatement(_ tail: UnsafePointer<CChar>, _ connection: OpaquePointer) -> Bool {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, tail, -1, &statement, nil)
        sqlite3_finalize(statement)
        return code != SQLITE_OK || statement != nil
    }
}

/// One thread owns a statement, as it owns the statement's connection.
@available(*, unavailable)
extension Statement: Sendable {}
