extension Database {
    /// How `BEGIN` takes its locks.
    public enum TransactionKind: Sendable {
        /// Locks on first read or write.
        case deferred
        /// Takes the write lock at once, so a busy database fails here rather than mid-transaction.
        case immediate
        /// Takes the write lock at once and, outside WAL mode, keeps readers out.
        case exclusive
    }

    /// `BEGIN <kind>`; runs `body`; `COMMIT`. On an error, from `body` or from `COMMIT`, rolls back
    /// and rethrows that error. Nested calls are a programmer error.
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        precondition(!isInTransaction, "Database.transaction called inside a transaction")
        try execute("BEGIN \(kind.keyword)")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            // SQLite may already have rolled back (after SQLITE_FULL, for instance).
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }
}

extension Database.TransactionKind {
    var keyword: String {
        switch self {
        case .deferred: "DEFERRED"
        case .immediate: "IMMEDIATE"
        case .exclusive: "EXCLUSIVE"
        }
    }
}
