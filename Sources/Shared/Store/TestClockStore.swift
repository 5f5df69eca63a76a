import Foundation
import GridWire

/// The test clock's time, kept in `meta` so that a restarted service resumes where it was: time
/// never runs backwards across a restart.
extension ServiceStore {
    public func storedTestClock() throws -> Date? {
        try db.queryFirst("SELECT value FROM meta WHERE key = 'test_clock'")?.string(0).flatMap(Timestamp.parse)
    }
}

extension Transaction {
    public func storedTestClock() throws -> Date? {
        try store.storedTestClock()
    }

    public func storeTestClock(_ time: Date) throws {
        try db.execute("""
            INSERT INTO meta(key, value) VALUES ('test_clock', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value
            """, [Timestamp.format(time)])
    }
}
