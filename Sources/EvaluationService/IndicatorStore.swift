import Foundation
import GridDomain
import GridStore
import GridWire
import SQLite

/// The assessment's facts and counters in SQLite (docs/assessment.md):
/// - `indicator_facts` holds each whistle's ``WhistleFacts`` as JSON;
/// - `indicator_ledger` what those facts contribute now (``IndicatorContributions``), each
///   contribution with its instant and local day;
/// - `indicator_counts` the ledger's counts summed per (day, subject, metric), and
///   `indicator_times` its time samples per (month, subject, metric, minutes).
///
/// Storing a whistle's facts replaces its ledger rows by its new contributions and moves the
/// counters by the difference, in the caller's transaction: the counters always equal the sums of
/// the ledger, and the ledger the contributions of the facts (``mismatches()`` checks both).
///
/// A transaction that changes a whistle's facts many times (a batch of events, most of them about
/// whistles raised together) holds the facts in memory and stores each whistle once, just before
/// it commits (``stage(_:calendar:in:)``).
final class IndicatorStore {
    let db: Database
    /// Facts changed by the transaction numbered `transaction` and not yet stored, with the
    /// calendar their days are counted by.
    private var staged: (transaction: Int64, facts: [String: WhistleFacts], calendar: WorkingCalendar)?

    init(db: Database) {
        self.db = db
    }

    /// The facts of `whistle` as `transaction` has them: staged there, or stored.
    func facts(_ whistle: String, in transaction: Transaction) throws -> WhistleFacts? {
        if let staged, staged.transaction == transaction.number, let facts = staged.facts[whistle] { return facts }
        return try facts(whistle)
    }

    /// Holds `facts` for the store just before `transaction` commits; a transaction that runs with
    /// savepoints stores them at once, so that a failed attempt's savepoint takes them back.
    func stage(_ facts: WhistleFacts, calendar: WorkingCalendar, in transaction: inout Transaction) throws {
        guard !transaction.usesSavepoints else { return try save(facts, calendar: calendar) }
        if staged?.transaction != transaction.number {
            staged = (transaction.number, [:], calendar)
            let number = transaction.number
            transaction.beforeCommit { [self] in try storeStaged(number) }
        }
        transaction.holdWrite()
        staged?.facts[facts.id] = facts
        staged?.calendar = calendar
    }

    private func storeStaged(_ transaction: Int64) throws {
        guard let staged, staged.transaction == transaction else { return }
        self.staged = nil
        for whistle in staged.facts.keys.sorted() {
            try save(staged.facts[whistle]!, calendar: staged.calendar)
        }
    }

    private func facts(_ whistle: String) throws -> WhistleFacts? {
        guard let json = try db.queryFirst("SELECT facts FROM indicator_facts WHERE whistle = ?", [whistle])?.string("facts")
        else { return nil }
        return try decode(json)
    }

    /// Stores `facts` and brings the ledger and counters up to date; days are local to `calendar`.
    private func save(_ facts: WhistleFacts, calendar: WorkingCalendar) throws {
        try db.execute("""
            INSERT INTO indicator_facts(whistle, grid, raised_at, open, facts) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(whistle) DO UPDATE SET open = excluded.open, facts = excluded.facts
            """, [facts.id, facts.grid, Self.milliseconds(facts.raisedAt), !facts.isClosed,
                  try JSONCoding.encodeString(facts)])
        try record(Self.entries(of: facts, calendar: calendar), for: facts.id)
    }

    /// The facts of whistles of `grid` raised since `since` or still open, as `transaction` has them.
    func facts(ofGrid grid: String, since: Date, in transaction: Transaction) throws -> [WhistleFacts] {
        let held = staged?.transaction == transaction.number ? staged?.facts ?? [:] : [:]
        let stored = try db.query("SELECT facts FROM indicator_facts WHERE grid = ? AND (raised_at >= ? OR open = 1)",
                                  [grid, Self.milliseconds(since)]).compactMap { row in try row.string("facts").map(decode) }
        return stored.filter { held[$0.id] == nil }
            + held.values.filter { $0.grid == grid && ($0.raisedAt >= since || !$0.isClosed) }.sorted { $0.id < $1.id }
    }

    // MARK: The ledger

    /// One row of the ledger: a contribution's key, its local day and how many times it is made.
    struct Entry: Hashable {
        var subject: String
        var metric: IndicatorMetric
        var at: Int64
        var value: Int
    }

    static func entries(of facts: WhistleFacts, calendar: WorkingCalendar) -> [Entry: (day: String, n: Int)] {
        var entries: [Entry: (day: String, n: Int)] = [:]
        for contribution in IndicatorContributions.of(facts) {
            let entry = Entry(subject: contribution.subject.description, metric: contribution.metric,
                              at: milliseconds(contribution.at), value: contribution.value)
            entries[entry, default: (calendar.localDate(of: contribution.at).description, 0)].n += 1
        }
        return entries
    }

    private func ledger(of whistle: String) throws -> [Entry: (day: String, n: Int)] {
        var entries: [Entry: (day: String, n: Int)] = [:]
        for row in try db.query("SELECT subject, metric, at, value, day, n FROM indicator_ledger WHERE whistle = ?", [whistle]) {
            guard let subject = row.string(0), let metric = row.string(1).flatMap(IndicatorMetric.init(rawValue:)),
                  let at = row.int64(2), let value = row.int(3), let day = row.string(4), let n = row.int(5) else { continue }
            entries[Entry(subject: subject, metric: metric, at: at, value: value)] = (day, n)
        }
        return entries
    }

    /// Replaces the ledger of `whistle` by `new` and moves the counters by the difference.
    private func record(_ new: [Entry: (day: String, n: Int)], for whistle: String) throws {
        let old = try ledger(of: whistle)
        for (entry, was) in old where new[entry]?.n != was.n {
            let now = new[entry]?.n ?? 0
            if now == 0 {
                try db.execute("DELETE FROM indicator_ledger WHERE whistle = ? AND subject = ? AND metric = ? AND at = ? AND value = ?",
                               [whistle, entry.subject, entry.metric.rawValue, entry.at, entry.value])
            } else {
                try db.execute("UPDATE indicator_ledger SET n = ? WHERE whistle = ? AND subject = ? AND metric = ? AND at = ? AND value = ?",
                               [now, whistle, entry.subject, entry.metric.rawValue, entry.at, entry.value])
            }
            try count(entry, day: was.day, by: now - was.n)
        }
        for (entry, added) in new where old[entry] == nil {
            try db.execute("""
                INSERT INTO indicator_ledger(whistle, subject, metric, at, value, day, n) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [whistle, entry.subject, entry.metric.rawValue, entry.at, entry.value, added.day, added.n])
            try count(entry, day: added.day, by: added.n)
        }
    }

    private func count(_ entry: Entry, day: String, by delta: Int) throws {
        if entry.metric.isTime {
            let key: [any SQLiteValueConvertible] = [String(day.prefix(7)), entry.subject, entry.metric.rawValue, entry.value]
            try db.execute("""
                INSERT INTO indicator_times(month, subject, metric, minutes, n) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET n = n + excluded.n
                """, key + [delta])
            if delta < 0 {
                try db.execute("DELETE FROM indicator_times WHERE month = ? AND subject = ? AND metric = ? AND minutes = ? AND n = 0", key)
            }
        } else {
            let key: [any SQLiteValueConvertible] = [day, entry.subject, entry.metric.rawValue]
            try db.execute("""
                INSERT INTO indicator_counts(day, subject, metric, n) VALUES (?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET n = n + excluded.n
                """, key + [delta])
            if delta < 0 { try db.execute("DELETE FROM indicator_counts WHERE day = ? AND subject = ? AND metric = ? AND n = 0", key) }
        }
    }

    // MARK: Reading

    /// The totals of every subject whose key starts with `kind` (`dept:`, `town:`, `area:`) over
    /// `period` (all time when nil), counting only what fell due or happened by `now`: days before
    /// today from the counters, today from the ledger up to `now`.
    func totals(_ kind: String, over period: AssessmentPeriod?, now: Date, calendar: WorkingCalendar) throws
        -> [IndicatorSubject: IndicatorTotals] {
        let today = calendar.localDate(of: now)
        let first = period?.days.lowerBound.description ?? "0000-00-00"
        let lastDay = period.map { min($0.days.upperBound, today) } ?? today
        let last = lastDay.description
        var totals: [IndicatorSubject: IndicatorTotals] = [:]
        guard first <= last else { return totals }
        let end = kind.dropLast() + ";"
        let countsEnd = lastDay < today ? last : today.previous.description
        for row in try db.query("""
            SELECT subject, metric, SUM(n) FROM indicator_counts
            WHERE day BETWEEN ? AND ? AND subject >= ? AND subject < ? GROUP BY subject, metric
            """, [first, countsEnd, kind, String(end)]) {
            add(row, to: &totals)
        }
        let startOfToday = Self.milliseconds(calendar.start(of: today))
        if lastDay == today {
            for row in try db.query("""
                SELECT subject, metric, SUM(n) FROM indicator_ledger
                WHERE at >= ? AND at <= ? AND subject >= ? AND subject < ? AND metric NOT IN ('signMinutes', 'closeMinutes')
                GROUP BY subject, metric
                """, [startOfToday, Self.milliseconds(now), kind, String(end)]) {
                add(row, to: &totals)
            }
        }
        if let period, period.wholeMonths == nil {
            let to = lastDay == today ? Self.milliseconds(now) : Self.milliseconds(calendar.start(of: lastDay.next)) - 1
            addTimes(try db.query("""
                SELECT subject, metric, value, SUM(n) FROM indicator_ledger
                WHERE at >= ? AND at <= ? AND subject >= ? AND subject < ? AND metric IN ('signMinutes', 'closeMinutes')
                GROUP BY subject, metric, value ORDER BY subject, metric, value
                """, [Self.milliseconds(calendar.start(of: period.days.lowerBound)), to, kind, String(end)]), to: &totals)
        } else {
            let months = period?.wholeMonths ?? []
            let filter = months.isEmpty ? "" : " AND month IN (\(months.map { _ in "?" }.joined(separator: ", ")))"
            // Each month's rows in key order, summed across months as they are added: no GROUP BY,
            // which would cost more than the rows themselves.
            addTimes(try db.query("""
                SELECT subject, metric, minutes, n FROM indicator_times
                WHERE subject >= ? AND subject < ?\(filter) ORDER BY month, subject, metric, minutes
                """, [kind, String(end)] + months), to: &totals)
        }
        return totals
    }

    private func add(_ row: Row, to totals: inout [IndicatorSubject: IndicatorTotals]) {
        guard let subject = row.string(0).flatMap({ IndicatorSubject(Substring($0)) }),
              let metric = row.string(1).flatMap(IndicatorMetric.init(rawValue:)), let n = row.int(2) else { return }
        totals[subject, default: IndicatorTotals()].add(metric, count: n)
    }

    /// Adds time samples (subject, metric, minutes, n) read in runs of one subject, its minutes in
    /// ascending order: each run is built apart and merged once, so a row costs an append.
    private func addTimes(_ rows: [Row], to totals: inout [IndicatorSubject: IndicatorTotals]) {
        var current: (key: String, subject: IndicatorSubject, total: IndicatorTotals)?
        var metric: (text: String, metric: IndicatorMetric)?
        for row in rows {
            guard let key = row.string(0), let metricText = row.string(1), let value = row.int(2), let n = row.int(3) else { continue }
            if metric?.text != metricText {
                metric = IndicatorMetric(rawValue: metricText).map { (metricText, $0) }
            }
            guard let metric else { continue }
            if current?.key != key {
                if let current { totals[current.subject, default: IndicatorTotals()].merge(current.total) }
                guard let subject = IndicatorSubject(Substring(key)) else {
                    current = nil
                    continue
                }
                current = (key, subject, IndicatorTotals())
            }
            current?.total.add(metric.metric, value: value, count: n)
        }
        if let current { totals[current.subject, default: IndicatorTotals()].merge(current.total) }
    }

    // MARK: Checking

    /// Recomputes the ledger and the counters from the stored facts; returns how many whistles.
    func rebuild(calendar: WorkingCalendar) throws -> Int {
        try db.execute("DELETE FROM indicator_ledger; DELETE FROM indicator_counts; DELETE FROM indicator_times")
        var whistles = 0
        try forEachFacts { whistle, facts in
            try record(Self.entries(of: facts, calendar: calendar), for: whistle)
            whistles += 1
        }
        return whistles
    }

    /// Every stored whistle's facts in key order, read a page at a time so that memory stays
    /// flat however many whistles there are.
    private func forEachFacts(_ body: (String, WhistleFacts) throws -> Void) throws {
        var after = ""
        while true {
            let page = try db.query("SELECT whistle, facts FROM indicator_facts WHERE whistle > ? ORDER BY whistle LIMIT 1000", [after])
            for row in page {
                guard let whistle = row.string(0), let json = row.string(1) else { continue }
                try body(whistle, try decode(json))
            }
            guard page.count == 1000, let last = page.last?.string(0) else { return }
            after = last
        }
    }

    /// What disagrees: a whistle whose ledger is not the contributions of its facts, and counters
    /// that are not the sums of the ledger. Empty when all agree.
    func mismatches(calendar: WorkingCalendar) throws -> [String] {
        var found: [String] = []
        try forEachFacts { whistle, facts in
            let expected = Self.entries(of: facts, calendar: calendar)
            let stored = try ledger(of: whistle)
            if expected.mapValues(\.n) != stored.mapValues(\.n) { found.append("ledger of \(whistle)") }
        }
        let counts = try db.query("""
            SELECT l.day, l.subject, l.metric, l.n, c.n FROM
                (SELECT day, subject, metric, SUM(n) AS n FROM indicator_ledger
                 WHERE metric NOT IN ('signMinutes', 'closeMinutes') GROUP BY day, subject, metric) l
            FULL OUTER JOIN indicator_counts c ON c.day = l.day AND c.subject = l.subject AND c.metric = l.metric
            WHERE l.n IS NOT c.n
            """)
        found += counts.map { "counts \($0.string(0) ?? "?") \($0.string(1) ?? "?") \($0.string(2) ?? "?")" }
        let times = try db.query("""
            SELECT l.month, l.subject, l.metric, l.value FROM
                (SELECT substr(day, 1, 7) AS month, subject, metric, value, SUM(n) AS n FROM indicator_ledger
                 WHERE metric IN ('signMinutes', 'closeMinutes') GROUP BY month, subject, metric, value) l
            FULL OUTER JOIN indicator_times t
                ON t.month = l.month AND t.subject = l.subject AND t.metric = l.metric AND t.minutes = l.value
            WHERE l.n IS NOT t.n
            """)
        found += times.map { "times \($0.string(0) ?? "?") \($0.string(1) ?? "?") \($0.string(2) ?? "?")" }
        return found
    }

    private func decode(_ json: String) throws -> WhistleFacts {
        try JSONCoding.decode(WhistleFacts.self, from: Data(json.utf8))
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}
