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
        if let statement = statementCache[sql] { return statement }
        let statement = try Statement(database: self, sql: sql, cached: true)
        if statementCache.count >= Self.statementCacheLimit { statementCache.removeAll() }
        statementCache[sql] = statement
        return statement
    }
}
