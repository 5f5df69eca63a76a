extension Database {
    /// Applies migrations in order, recording progress in `PRAGMA user_version`: step `i` runs, in
    /// its own transaction, when `user_version < i + 1`, then sets it to `i + 1`.
    ///
    /// The version is read again inside each step's transaction, so two processes migrating the
    /// same file do not both apply a step. A file already at a later version is left unchanged.
    public func migrate(_ steps: [String]) throws {
        guard try userVersion() < steps.count else { return }
        for (index, step) in steps.enumerated() {
            let version = index + 1
            try transaction(.immediate) {
                guard try userVersion() < version else { return }
                try execute(step)
                try execute("PRAGMA user_version = \(version)")
            }
        }
    }

    /// The schema version recorded in the file header (`PRAGMA user_version`).
    public func userVersion() throws -> Int {
        try queryFirst("PRAGMA user_version")?.int(0) ?? 0
    }
}
