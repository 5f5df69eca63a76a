import Foundation
import GridDomain
import GridStore
import GridWire
import SQLite

/// 防汛防台 — the weather alerts the whistle stream declares and lifts. A town is in storm while any
/// alert covers it (its own, or one for the whole district); overlapping alerts never halve twice.
/// Only whistles whose frozen policy says `storm` feel it.
extension ResponseDesk {
    /// Records the alert and, for each town that enters (or leaves) storm because of it, halves
    /// (or restores) the running clocks of its storm whistles at `time`.
    func alert(_ alert: String, town: String?, declared: Bool, at time: Date, _ transaction: inout Transaction) throws {
        let db = transaction.db
        let towns = try town.map { [$0] } ?? db.query("""
            SELECT DISTINCT town FROM coordination WHERE storm = 1 AND state = 'open'
            """).compactMap { $0.string("town") }
        let before = try Set(towns.filter { try townInStorm($0, db) })
        if declared {
            try db.execute("INSERT OR IGNORE INTO alerts(alert, town) VALUES (?, ?)", [alert, town])
        } else {
            try db.execute("DELETE FROM alerts WHERE alert = ?", [alert])
        }
        let after = try Set(towns.filter { try townInStorm($0, db) })
        let changed = declared ? after.subtracting(before) : before.subtracting(after)
        for town in changed.sorted() {
            try rescale(town: town, halving: declared, at: time, &transaction)
        }
    }

    /// Whether the whistle's clocks run halved now: its policy says `storm` and its town is in storm.
    func inStorm(_ coordination: Coordination, _ db: Database) throws -> Bool {
        guard coordination.storm else { return false }
        return try townInStorm(coordination.town, db)
    }

    func townInStorm(_ town: String, _ db: Database) throws -> Bool {
        try db.queryFirst("SELECT 1 AS storm FROM alerts WHERE town IS NULL OR town = ? LIMIT 1", [town]) != nil
    }

    private func rescale(town: String, halving: Bool, at time: Date, _ transaction: inout Transaction) throws {
        let calendar = try book.require().calendar
        let whistles = try transaction.db.query("""
            SELECT \(CoordinationRecord.columns) FROM coordination WHERE town = ? AND storm = 1 AND state = 'open'
            ORDER BY whistle
            """, [town]).map(CoordinationRecord.init)
        for record in whistles {
            try commit(CoordinationRules.rescale(record.coordination, halving: halving, at: time, calendar: calendar),
                       over: record, at: time, &transaction)
            for task in try transaction.db.tasks(whistle: record.coordination.whistle) where task.task.isOpen {
                let decision = halving ? TaskRules.halve(task.task, at: time, calendar: calendar)
                    : TaskRules.restore(task.task, at: time, calendar: calendar)
                try commit(decision, over: task, at: time, &transaction)
            }
        }
    }
}
