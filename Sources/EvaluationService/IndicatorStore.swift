import Foundation
import GridDomain
import GridStore
import GridWire
import SQLite

/// The assessment's facts and counters in SQLite (docs/assessment.md):
/// - `indicator_facts` holds each whistle's ``WhistleFacts`` as JSON;
/// - `indicator_counts` what the facts contribute (``IndicatorContributions``), counted per
///   (day, subject, metric), and `indicator_moments` what is dated by a deadline per minute too,
///   for what is due by now today;
/// - `indicator_times` and `indicator_day_times` the time samples per (month or day, subject,
///   metric, minutes).
///
/// Storing a whistle's facts moves the counters by the difference of its contributions before
/// and after, computed in memory (``IndicatorMoves``), in the caller's transaction: the counters
/// always equal the sums of the contributions of the stored facts
/// (``rebuild(calendar:momentsFrom:)`` checks it).
///
/// A transaction that changes a whistle's facts many times (a batch of events, most of them about
/// whistles raised together) holds the facts in memory, and stores each whistle and each counter
/// once, just before it commits (``update(_:calendar:in:_:)``).
final class IndicatorStore {
    let db: Database
    /// The facts of whistles read or stored lately, as committed, with the changes the transaction
    /// now running has made and not stored yet: a whistle's next event (often in the other
    /// stream's next batch) needs no read. Emptied between transactions once it holds more than
    /// ``knownLimit`` (its storage kept for the next ones).
    private var known: [String: Known] = [:]
    /// The transaction whose changes are held, the facts it changed (in the order it first did),
    /// and the calendar their days are counted by.
    private var holding: (transaction: Int64, changed: [Known], calendar: WorkingCalendar?) = (0, [], nil)
    static let knownLimit = 50_000

    /// One whistle's facts: a reference, so that the dictionary stays small, and the transaction
    /// stores and commits what it changed without looking it up again.
    private final class Known {
        /// As committed; nil: none stored.
        var committed: WhistleFacts?
        /// As the transaction numbered `changedIn` has changed them; a transaction that did not
        /// commit leaves its changes behind, and none after it reads them.
        var changed: WhistleFacts?
        var changedIn: Int64 = 0

        init(committed: WhistleFacts?) {
            self.committed = committed
        }

        func current(in transaction: Int64) -> WhistleFacts? {
            changedIn == transaction ? changed : committed
        }

        /// Whether this is the first change `transaction` makes.
        func change(to facts: WhistleFacts, in transaction: Int64) -> Bool {
            defer { (changed, changedIn) = (facts, transaction) }
            return changedIn != transaction
        }

        func commit(_ transaction: Int64) {
            guard changedIn == transaction else { return }
            committed = changed.take()
            changedIn = 0
        }
    }

    init(db: Database) {
        self.db = db
    }

    /// The facts of `whistle` as `transaction` has them: changed there, or stored.
    func facts(_ whistle: String, in transaction: Transaction) throws -> WhistleFacts? {
        // With savepoints every change is stored at once, and an attempt's rollback takes it back.
        guard !transaction.usesSavepoints else { return try stored(whistle) }
        return try entry(whistle).current(in: transaction.number)
    }

    /// The known facts of `whistle`, read and remembered as committed if they were not known.
    private func entry(_ whistle: String) throws -> Known {
        if let known = known[whistle] { return known }
        let entry = Known(committed: try read(whistle))
        known[whistle] = entry
        return entry
    }

    /// The facts of `whistle` as this connection sees them: remembered as committed, or read.
    private func stored(_ whistle: String) throws -> WhistleFacts? {
        if let known = known[whistle] { return known.committed }
        return try read(whistle)
    }

    private func read(_ whistle: String) throws -> WhistleFacts? {
        guard let json = try db.queryFirst("SELECT facts FROM indicator_facts WHERE whistle = ?", [whistle])?.string("facts")
        else { return nil }
        return try decode(json)
    }

    /// Starts the facts of a whistle just raised (none are stored to be looked for), held for the
    /// store just before `transaction` commits.
    func add(_ facts: WhistleFacts, calendar: WorkingCalendar, in transaction: inout Transaction) throws {
        guard !transaction.usesSavepoints else { return try storeNow(facts, over: nil, calendar: calendar) }
        let entry = Known(committed: nil)
        known[facts.id] = entry
        hold(facts, in: entry, calendar: calendar, &transaction)
    }

    /// Changes the facts of `whistle` as `transaction` has them, held for the store just before it
    /// commits. A whistle without facts (applied before they were kept) is left alone, and so are
    /// facts the change leaves as they were.
    func update(_ whistle: String, calendar: WorkingCalendar, in transaction: inout Transaction,
                _ change: (inout WhistleFacts) throws -> Void) throws {
        guard !transaction.usesSavepoints else {
            guard var facts = try stored(whistle) else { return }
            let before = facts
            try change(&facts)
            return facts == before ? () : try storeNow(facts, over: before, calendar: calendar)
        }
        let entry = try entry(whistle)
        guard var facts = entry.current(in: transaction.number) else { return }
        let before = facts
        try change(&facts)
        guard facts != before else { return }
        hold(facts, in: entry, calendar: calendar, &transaction)
    }

    /// With savepoints every change is stored at once, so that a failed attempt's savepoint takes
    /// it back; what is remembered must be committed, and this attempt may yet be taken back.
    private func storeNow(_ facts: WhistleFacts, over stored: WhistleFacts?, calendar: WorkingCalendar) throws {
        var moves = IndicatorMoves()
        moves.move(from: stored, to: facts, calendar: calendar)
        try store(facts, over: stored)
        known[facts.id] = nil
        try apply(moves)
    }

    private func hold(_ facts: WhistleFacts, in entry: Known, calendar: WorkingCalendar, _ transaction: inout Transaction) {
        let number = transaction.number
        if holding.transaction != number {
            holding.transaction = number
            holding.changed.removeAll(keepingCapacity: true)
            transaction.beforeCommit { [self] in try storeHeld(number) }
            transaction.afterCommit { [self] in remember(number) }
        }
        transaction.holdWrite()
        holding.calendar = calendar
        if entry.change(to: facts, in: number) { holding.changed.append(entry) }
    }

    private func storeHeld(_ transaction: Int64) throws {
        guard holding.transaction == transaction, let calendar = holding.calendar else { return }
        var moves = IndicatorMoves()
        for entry in holding.changed where entry.changedIn == transaction {
            guard let facts = entry.changed else { continue }
            moves.move(from: entry.committed, to: facts, calendar: calendar)
            try store(facts, over: entry.committed)
        }
        try apply(moves)
    }

    /// Once `transaction` has committed: what it stored is what is committed now.
    private func remember(_ transaction: Int64) {
        guard holding.transaction == transaction else { return }
        for entry in holding.changed { entry.commit(transaction) }
        holding.changed.removeAll(keepingCapacity: true)
        if known.count > Self.knownLimit { known.removeAll(keepingCapacity: true) }
    }

    /// Writes `facts` over what is stored (`stored`, nil: nothing): an update that leaves the
    /// whistle open or closed as it was rewrites the row alone, not the index of open whistles.
    private func store(_ facts: WhistleFacts, over stored: WhistleFacts?) throws {
        let json = try JSONCoding.encodeString(facts)
        switch stored {
        case nil:
            try db.execute("INSERT INTO indicator_facts(whistle, grid, raised_at, open, facts) VALUES (?, ?, ?, ?, ?)",
                           [facts.id, facts.grid, Self.milliseconds(facts.raisedAt), !facts.isClosed, json])
        case let stored? where stored.isClosed == facts.isClosed:
            try db.execute("UPDATE indicator_facts SET facts = ? WHERE whistle = ?", [json, facts.id])
        case _?:
            try db.execute("UPDATE indicator_facts SET open = ?, facts = ? WHERE whistle = ?", [!facts.isClosed, json, facts.id])
        }
    }

    /// The facts the colour review counts, by grid, as `transaction` has them: of every whistle
    /// raised since `since`, and of those raised before and still open when last stored. Both are
    /// found by when the whistles were raised, in indexes a new whistle writes at the end of; an
    /// index keyed by grid had a batch of whistles of many grids write a page of it for each.
    func factsByGrid(since: Date, in transaction: Transaction) throws -> [String: [WhistleFacts]] {
        let number = transaction.number
        let changed = holding.transaction == number ? holding.changed.compactMap { $0.current(in: number) } : []
        var facts: [String: [WhistleFacts]] = [:]
        let rows = try db.query("SELECT grid, facts FROM indicator_facts WHERE raised_at >= ? ORDER BY raised_at",
                                [Self.milliseconds(since)])
            + db.query("SELECT grid, facts FROM indicator_facts WHERE open = 1 AND raised_at < ?", [Self.milliseconds(since)])
        for row in rows {
            guard let grid = row.string(0), let json = row.string(1) else { continue }
            let stored = try decode(json)
            if known[stored.id]?.changedIn != number { facts[grid, default: []].append(stored) }
        }
        for whistle in changed.sorted(by: { $0.id < $1.id }) where whistle.raisedAt >= since || !whistle.isClosed {
            facts[whistle.grid, default: []].append(whistle)
        }
        return facts
    }

    // MARK: The counters

    /// Moves every counter by `moves`; a counter that falls to 0 is deleted.
    private func apply(_ moves: IndicatorMoves) throws {
        for (key, n) in moves.counts where n != 0 {
            try Counter.counts.move([key.day.description, key.subject.description, key.metric.rawValue], by: n, in: db)
        }
        for (key, n) in moves.moments where n != 0 {
            try Counter.moments.move([key.day.description, key.minute, key.subject.description, key.metric.rawValue], by: n, in: db)
        }
        for (key, n) in moves.dailySamples where n != 0 {
            try Counter.dailySamples.move([key.day.description, key.subject.description, key.metric.rawValue, key.minutes],
                                          by: n, in: db)
        }
        for (key, n) in moves.monthlySamples where n != 0 {
            try Counter.monthlySamples.move([String(key.day.description.prefix(7)), key.subject.description, key.metric.rawValue,
                                             key.minutes], by: n, in: db)
        }
    }

    /// A table of counters: its key columns, and `n`.
    private struct Counter {
        let table: String
        let key: [String]
        let upsert: String
        let deleteZero: String

        init(_ table: String, _ key: [String]) {
            self.table = table
            self.key = key
            upsert = "INSERT INTO \(table)(\(key.joined(separator: ", ")), n) VALUES (\(key.map { _ in "?" }.joined(separator: ", ")), ?) "
                + "ON CONFLICT DO UPDATE SET n = n + excluded.n"
            deleteZero = "DELETE FROM \(table) WHERE \(key.map { "\($0) = ?" }.joined(separator: " AND ")) AND n = 0"
        }

        func move(_ values: [any SQLiteValueConvertible], by n: Int, in db: Database) throws {
            try db.execute(upsert, values + [n])
            if n < 0 { try db.execute(deleteZero, values) }
        }

        static let counts = Counter("indicator_counts", ["day", "subject", "metric"])
        static let moments = Counter("indicator_moments", ["day", "minute", "subject", "metric"])
        static let dailySamples = Counter("indicator_day_times", ["day", "subject", "metric", "minutes"])
        static let monthlySamples = Counter("indicator_times", ["month", "subject", "metric", "minutes"])
        static let all = [counts, moments, dailySamples, monthlySamples]
    }

    /// Deletes the counts per minute of days before `day`: only today's are read.
    func forgetMoments(before day: LocalDate) throws {
        try db.execute("DELETE FROM indicator_moments WHERE day < ?", [day.description])
    }

    // MARK: Reading

    /// The totals of every subject whose key starts with `kind` (`dept:`, `town:`, `area:`) over
    /// `period` (all time when nil), counting only what fell due or happened by `now`: days before
    /// today from the counts per day; today's too, but for what is dated by a deadline, counted
    /// from the counts per minute, those whose minute is over.
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
        if lastDay == today {
            // Today: what happened, all of it; what is dated by a deadline, up to now.
            for row in try db.query("""
                SELECT subject, metric, n FROM indicator_counts WHERE day = ? AND subject >= ? AND subject < ?
                """, [last, kind, String(end)]) where row.string(1).flatMap(IndicatorMetric.init(rawValue:))?.isDatedByDeadline == false {
                add(row, to: &totals)
            }
            for row in try db.query("""
                SELECT subject, metric, SUM(n) FROM indicator_moments
                WHERE day = ? AND minute <= ? AND subject >= ? AND subject < ? GROUP BY subject, metric
                """, [last, IndicatorMoves.minute(at: now), kind, String(end)]) {
                add(row, to: &totals)
            }
        }
        if let period, period.wholeMonths == nil {
            addTimes(try db.query("""
                SELECT subject, metric, minutes, n FROM indicator_day_times
                WHERE day BETWEEN ? AND ? AND subject >= ? AND subject < ? ORDER BY day, subject, metric, minutes
                """, [first, last, kind, String(end)]), to: &totals)
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

    // MARK: Rebuilding

    /// Recomputes every counter from the stored facts, a page of whistles at a time, forgetting
    /// the counts per minute of days before `momentsFrom`. Returns how many whistles, and the
    /// counters that disagreed before (table and key; counts per minute of days before
    /// `momentsFrom` left out).
    func rebuild(calendar: WorkingCalendar, momentsFrom: LocalDate) throws -> (whistles: Int, mismatches: [String]) {
        for counter in Counter.all {
            try db.execute("DROP TABLE IF EXISTS temp.before_\(counter.table)")
            try db.execute("CREATE TEMP TABLE before_\(counter.table) AS SELECT * FROM main.\(counter.table)")
            try db.execute("DELETE FROM main.\(counter.table)")
        }
        try db.execute("DELETE FROM temp.before_indicator_moments WHERE day < ?", [momentsFrom.description])
        var whistles = 0
        var after = ""
        while true {
            let page = try db.query("SELECT whistle, facts FROM indicator_facts WHERE whistle > ? ORDER BY whistle LIMIT 1000", [after])
            var moves = IndicatorMoves()
            for row in page {
                guard let json = row.string(1) else { continue }
                moves.move(from: nil, to: try decode(json), calendar: calendar)
            }
            try apply(moves)
            whistles += page.count
            guard page.count == 1000, let last = page.last?.string(0) else { break }
            after = last
        }
        try forgetMoments(before: momentsFrom)
        var mismatches: [String] = []
        for counter in Counter.all {
            let (now, before) = ("main.\(counter.table)", "temp.before_\(counter.table)")
            let key = counter.key.joined(separator: " || ' ' || ")
            mismatches += try db.query("""
                SELECT \(key) FROM (SELECT * FROM \(before) EXCEPT SELECT * FROM \(now))
                UNION SELECT \(key) FROM (SELECT * FROM \(now) EXCEPT SELECT * FROM \(before))
                """).map { "\(counter.table) \($0.string(0) ?? "?")" }
            try db.execute("DROP TABLE \(before)")
        }
        return (whistles, mismatches)
    }

    private func decode(_ json: String) throws -> WhistleFacts {
        try JSONCoding.decode(WhistleFacts.self, from: Data(json.utf8))
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}
