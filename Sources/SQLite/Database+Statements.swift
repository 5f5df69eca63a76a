extension Database {
    /// Cached statements beyond this many are dropped, so SQL built from values cannot grow the
    /// cache without bound.
    static let statementCacheLimit = 128

    /// Runs one statement with arguments, through a per-connection statement cache keyed by SQL.
    public func execute(_ sql: String, _ arguments: [any SQLiteValueConvertible]) throws {
        try cachedStatement(sql).run(arguments)
    }

    /// Runs one statement through the statement cache and returns all its rows.
    public func query(_ sql: String, _ arguments: [any SQLiteValueConvertible] = []) throws -> [Row] {
        try cachedStatement(sql).rows(arguments)
    }

    /// Runs one statement through the statement cache and returns its first row, if any.
    public func queryFirst(_ sql: String, _ arguments: [any SQLiteValueConvertible] = []) throws -> Row? {
        try cachedStatement(sql).firstRow(arguments)
    }

    /// Prepares one statement outside the cache; the statement keeps this connection alive.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql, cached: false)
    }

    private func cachedStatement(_ sql: String) throws -> Statement {
        // SQL is nearly always a literal, whose bytes keep one address for the life of the process:
        // a cheaper key than hashing the text. Another string may later sit at a freed string's
        // address, so a hit counts only if the SQL is equal (at once, for the same literal).
        let address = sql.utf8.count > 15
            ? sql.utf8.withContiguousStorageIfAvailable { Int(bitPattern: $0.baseAddress) } : nil
        if let address, let statement = statementsByAddress[address], statement.sql == sql { return statement }
        let statement: Statement
        if let cached = statementCache[sql] {
            statement = cached
        } else {
            statement = try Statement(database: self, sql: sql, cached: true)
            if statementCache.count >= Self.statementCacheLimit {
                statementCache.removeAll()
                statementsByAddress.removeAll()
            }
            statementCache[sql] = statement
        }
        if let address {
            if statementsByAddress.count >= Self.statementCacheLimit { statementsByAddress.removeAll() }
            statementsByAddress[address] = statement
        }
        return statement
    }
}
