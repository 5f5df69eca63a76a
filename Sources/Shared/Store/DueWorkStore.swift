import Foundation
import GridDomain
import SQLite

/// Due work in the store: one row per (kind, subject) in `due_work`, with an indexed due time in
/// milliseconds. It is armed, moved and cancelled in the transaction that changes the state it
/// watches, and fired (deleted, then decided) in a transaction of its own batch.
extension Transaction {
    /// Applies a decision's due work: `arm` inserts or moves the (kind, subject) item, `cancel`
    /// removes it (nothing if it is not armed).
    public mutating func apply(_ changes: [DueChange]) throws {
        for change in changes {
            switch change {
            case .arm(let work):
                pendingArms.append(work)
                earliestArmed = min(earliestArmed ?? work.at, work.at)
            case .cancel(let kind, let subject):
                try storeDueWork()
                try db.execute("DELETE FROM due_work WHERE kind = ? AND subject = ? AND failed IS NULL", [kind.rawValue, subject])
                dueDelta.armed -= db.changes
            }
        }
    }

    /// Writes the items armed and not yet written, up to 64 rows a statement: at the commit, or
    /// before anything reads or removes due work. (An attempt that fails drops its own unwritten
    /// arms, so they need no savepoint.) Where an item
    /// was armed already it is moved; where it was set aside it is armed again.
    mutating func storeDueWork() throws {
        var start = 0
        while start < pendingArms.count {
            let chunk = pendingArms[start..<min(start + Self.dueInserts.count, pendingArms.count)]
            start = chunk.endIndex
            var values: [any SQLiteValueConvertible] = []
            values.reserveCapacity(3 * chunk.count)
            for work in chunk { values += [work.kind.rawValue, work.subject, DueTime.milliseconds(work.at)] as [any SQLiteValueConvertible] }
            try db.execute(Self.dueInserts[chunk.count - 1], values)
            let inserted = db.changes
            dueDelta.armed += inserted
            guard inserted < chunk.count else { continue }
            // Some were there already: move each (a new row's UPDATE changes nothing it has).
            for work in chunk {
                let key: [any SQLiteValueConvertible] = [work.kind.rawValue, work.subject]
                if try db.queryFirst("SELECT 1 FROM due_work WHERE kind = ? AND subject = ? AND failed IS NOT NULL", key) != nil {
                    dueDelta = (dueDelta.armed + 1, dueDelta.failed - 1)
                }
                try db.execute("UPDATE due_work SET at = ?, failed = NULL WHERE kind = ? AND subject = ?",
                               [DueTime.milliseconds(work.at)] + key)
            }
        }
        pendingArms.removeAll(keepingCapacity: true)
    }

    /// `INSERT OR IGNORE INTO due_work` of one to 64 rows.
    private static let dueInserts = (1...64).map { rows in
        "INSERT OR IGNORE INTO due_work(kind, subject, at) VALUES " + Array(repeating: "(?, ?, ?)", count: rows).joined(separator: ", ")
    }

    /// Takes `work` off the table as it fires, before its rule decides (which may arm it again).
    public mutating func remove(_ work: DueWork) throws {
        try storeDueWork()
        try db.execute("DELETE FROM due_work WHERE kind = ? AND subject = ?", [work.kind.rawValue, work.subject])
        dueDelta.armed -= db.changes
    }

    /// Keeps an item whose rule failed, with the reason, out of every later batch: nothing is lost,
    /// and an operator can see it (`dueSetAside` in the heartbeat). It was taken off as it fired.
    public mutating func setAside(_ work: DueWork, reason: String) throws {
        try storeDueWork()
        try db.execute("""
            INSERT INTO due_work(kind, subject, at, failed) VALUES (?, ?, ?, ?)
            ON CONFLICT(kind, subject) DO UPDATE SET failed = excluded.failed
            """, [work.kind.rawValue, work.subject, DueTime.milliseconds(work.at), reason])
        dueDelta.failed += 1
    }

    /// The items due at or before `now`, oldest first, at most `limit`. A row of a kind this
    /// version does not know (a downgrade, a hand-made row) is set aside, so it cannot be due forever.
    public mutating func dueWork(by now: Date, limit: Int) throws -> [DueWork] {
        try storeDueWork()
        let rows = try db.query("""
            SELECT kind, subject, at FROM due_work WHERE failed IS NULL AND at <= ? ORDER BY at, kind, subject LIMIT ?
            """, [DueTime.milliseconds(now), limit])
        var due: [DueWork] = []
        for row in rows {
            if let work = DueTime.work(row) {
                due.append(work)
            } else {
                try db.execute("UPDATE due_work SET failed = ? WHERE kind = ? AND subject = ?",
                               ["no rule for due work of kind '\(row.string("kind") ?? "")'", row.string("kind"), row.string("subject")])
                dueDelta = (dueDelta.armed - 1, dueDelta.failed + 1)
            }
        }
        return due
    }
}

extension ServiceStore {
    /// Reads ``earliestDue`` from the table again, after due work fired.
    public func recheckDue() throws {
        earliestDue = try earliestDueInTable()
    }

    /// The earliest due time armed, read from the table.
    func earliestDueInTable() throws -> Date? {
        try db.queryFirst("SELECT MIN(at) FROM due_work WHERE failed IS NULL")?.int64(0).map(DueTime.date)
    }

    /// Counts the armed and set-aside items in the table again, for ``dueCounts`` (done at start;
    /// after that only rows written behind the store's back need it).
    public func recountDueWork() throws {
        dueCounts = try dueWorkCountsInTable()
    }

    /// How many items are armed, and how many were set aside because their rule failed, counted
    /// in the table: a scan of every row.
    public func dueWorkCountsInTable() throws -> (armed: Int64, failed: Int64) {
        let row = try db.queryFirst("SELECT COUNT(*) - COUNT(failed) AS armed, COUNT(failed) AS failed FROM due_work")
        return (row?.int64("armed") ?? 0, row?.int64("failed") ?? 0)
    }
}

/// Due times as stored: whole milliseconds since 1970, the wire's own precision, rounded to the
/// nearest as `Timestamp` writes them (rounding down could put a check armed a millisecond past a
/// deadline back on the deadline's own millisecond).
enum DueTime {
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    static func work(_ row: Row) -> DueWork? {
        guard let kind = row.string("kind").flatMap(DueWork.Kind.init(rawValue:)), let subject = row.string("subject"),
              let at = row.int64("at") else { return nil }
        return DueWork(kind: kind, subject: subject, at: date(at))
    }
}
