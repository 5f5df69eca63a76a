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
    /// The result's column names, read once: every row of the statement shares them.
    private lazy var columns = ColumnNames((0..<sqlite3_column_count(handle)).map { column in
        sqlite3_column_name(handle, column).map { String(cString: $0) } ?? ""
    })

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

    /// Clears previous bindings and binds `arguments` to the parameters, in order. SQLite copies
    /// text and blobs, so the bindings outlive `arguments`.
    public func bind(_ arguments: [any SQLiteValueConvertible]) throws {
        try checkOpen()
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        try checkCount(of: arguments)
        for (offset, argument) in arguments.enumerated() {
            try check(argument.sqliteValue.bind(to: handle, at: Int32(offset + 1)))
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
        return Row(values: (0..<count).map { SQLiteValue(column: $0, of: handle) }, columns: columns)
    }

    /// Rewinds the statement so it can run again; bindings are kept.
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Binds `arguments`, steps until done and resets.
    public func run(_ arguments: [any SQLiteValueConvertible] = []) throws {
        try withBindings(arguments) { while try step() {} }
    }

    /// Binds `arguments`, collects every row and resets.
    public func rows(_ arguments: [any SQLiteValueConvertible] = []) throws -> [Row] {
        try withBindings(arguments) {
            var rows: [Row] = []
            while try step() { rows.append(row()) }
            return rows
        }
    }

    /// Binds `arguments`, reads the first row, if any, and resets.
    func firstRow(_ arguments: [any SQLiteValueConvertible]) throws -> Row? {
        try withBindings(arguments) { try step() ? row() : nil }
    }

    /// Binds `arguments` and runs `body`; then resets the statement and clears its bindings.
    ///
    /// Unlike ``bind(_:)``, text and blobs are bound where they are (`SQLITE_STATIC`), without
    /// SQLite copying them: `body` runs inside the scopes that keep their bytes alive, and the
    /// bindings are cleared before those scopes end.
    private func withBindings<T>(_ arguments: [any SQLiteValueConvertible], _ body: () throws -> T) throws -> T {
        try checkOpen()
        try checkCount(of: arguments)
        do {
            return try bind(arguments, from: 0, then: body)
        } catch {
            // A value that failed to bind leaves the ones before it bound to bytes now gone.
            sqlite3_clear_bindings(handle)
            throw error
        }
    }

    /// Binds `arguments[index...]`, each inside the scope of its bytes, and runs `body` innermost.
    private func bind<T>(_ arguments: [any SQLiteValueConvertible], from index: Int, then body: () throws -> T) throws -> T {
        guard index < arguments.count else {
            // Still inside the scope of every bound value.
            defer {
                sqlite3_reset(handle)
                sqlite3_clear_bindings(handle)
            }
            return try body()
        }
        let position = Int32(index + 1)
        if let text = arguments[index].utf8Text, !text.isEmpty {
            return try text.withUnsafeBytes { bytes in
                try bindText(UnsafeRawBufferPointer(bytes), at: position)
                return try bind(arguments, from: index + 1, then: body)
            }
        }
        switch arguments[index].sqliteValue {
        case .text(var value) where !value.isEmpty:
            return try value.withUTF8 { buffer in
                try bindText(UnsafeRawBufferPointer(buffer), at: position)
                return try bind(arguments, from: index + 1, then: body)
            }
        case .blob(let value) where !value.isEmpty:
            return try value.withUnsafeBytes { bytes in
                try check(sqlite3_bind_blob64(handle, position, bytes.baseAddress, UInt64(bytes.count), csqlite_static()))
                return try bind(arguments, from: index + 1, then: body)
            }
        case let value:
            try check(value.bind(to: handle, at: position))
            return try bind(arguments, from: index + 1, then: body)
        }
    }

    /// Binds non-empty UTF-8 where it lies (`SQLITE_STATIC`): the caller keeps it alive until the reset.
    private func bindText(_ utf8: UnsafeRawBufferPointer, at position: Int32) throws {
        try check(sqlite3_bind_text64(handle, position, utf8.baseAddress!.assumingMemoryBound(to: CChar.self),
                                      UInt64(utf8.count), csqlite_static(), UInt8(SQLITE_UTF8)))
    }

    /// One argument per parameter, or a ``SQLiteError/range`` error.
    private func checkCount(of arguments: [any SQLiteValueConvertible]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard arguments.count == expected else {
            let message = "statement has \(expected) parameters but \(arguments.count) arguments were given"
            throw SQLiteError(code: SQLiteError.range, message: message, sql: sql)
        }
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: sqlite3_db_handle(handle), sql: sql) }
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
