import Foundation
import GridConfig
import GridDomain
import GridWire
import SQLite

extension Bench {
    /// (i) 考核 — the assessment of a month with a million tasks dispatched in it, on services of
    /// their own:
    /// 1. The services start on an empty database; the baseline is the same `assessment` of last
    ///    month asked `assessmentQueries` times there (nothing to count), and `status` as often.
    /// 2. They stop. The bench writes last month's whistles into EvaluationService's
    ///    `indicator_facts` (``AssessmentMonth``) and released satisfaction for each department,
    ///    then restarts it with `--rebuild-indicators`: its own code makes the ledger and the
    ///    counters from the facts (exec → `READY=1` is the rebuild's time).
    /// 3. The `assessment` of that month is asked `assessmentQueries` times, one at a time: p50 and
    ///    p99 against the empty database's, and the target (p99 ≤ 50 ms). What it counted must equal
    ///    what the domain's own contributions of the same facts count.
    func assessment() throws {
        let reference = try DeploymentConfig.load(path: nil).reference
        let calendar = try reference.workingCalendar()
        let today = calendar.localDate(of: Date())
        let lastMonth = today.month == 1 ? LocalDate(year: today.year - 1, month: 12, day: 1)
            : LocalDate(year: today.year, month: today.month - 1, day: 1)
        let month = try AssessmentMonth(reference: reference, month: lastMonth)
        // Tasks per whistle over the workload's whole cycle; one whistle in a hundred is voided
        // and counts nothing.
        let cycle = month.workload.cycle
        let perWhistle = Double((0..<cycle).reduce(0) { $0 + month.workload.raise($1).tasks }) / Double(cycle) * 0.99
        let whistles = Int((Double(options.assessmentTasks) / perWhistle).rounded(.up))
        let queries = options.assessmentQueries
        report.section("(i) Assessment (考核) of \(month.period): about \(Format.grouped(options.assessmentTasks)) tasks dispatched in "
            + "the month (\(Format.grouped(whistles)) whistles of \(month.workload.variety)), their facts written into "
            + "EvaluationService's database and the counters rebuilt by the service; \(queries) queries, one at a time, "
            + "against the same queries on an empty database")

        let own = try BenchCluster(directory: scratch.appendingPathComponent("assessment"), name: "\(scratch.lastPathComponent)-i",
                                   binDirectory: services)
        try own.start()
        let restore = try switchTo(own)
        defer { restore() }
        try waitUntilApplied(timeout: 30)
        guard try Self.keepsIndicatorFacts(own.database(.evaluation)) else {
            report.line("  not measured: these services keep no indicator facts (no indicator_facts table)")
            return
        }

        // (1) The baselines, on the empty database.
        let query = try JSONCoding.encode(OutgoingRequest(cmd: "assessment", key: "i-assessment", as: "observer:bench",
                                                          body: AssessmentQuery(period: month.period)))
        var empty = try timeQueries(query, key: "i-assessment", count: queries).samples
        var status = Samples()
        for _ in 0..<queries {
            let start = Monotonic.now()
            guard try requesters[.evaluation]!.status() != nil else { throw BenchError("EvaluationService did not answer status") }
            status.append(Monotonic.now() - start)
        }
        report.line("  empty database: assessment p50 \(Format.ms(empty.p50())), p99 \(Format.ms(empty.p99())); "
            + "status p50 \(Format.ms(status.p50())), p99 \(Format.ms(status.p99()))")
        for (service, exit) in own.stop() {
            check(exit == 0, "(i) \(service.rawValue) exits 0 on SIGTERM before the fill")
        }

        // (2) The month's facts, then the service's own rebuild.
        let filled = try fill(own.database(.evaluation), month: month, whistles: whistles)
        report.line("  written: \(Format.grouped(whistles)) whistles' facts, \(Format.grouped(filled.tasks)) tasks, "
            + "\(Format.grouped(filled.expected.dispatched)) dispatched in \(month.period), released satisfaction of "
            + "\(filled.departments) departments, in \(Format.seconds(filled.seconds))")
        try own.start([.whistle, .response])
        let listener = try NotifyListener(abstractName: "\(scratch.lastPathComponent)-i-notify")
        own.extraArguments = ["--rebuild-indicators"]
        defer { own.extraArguments = [] }
        try own.start([.evaluation], environment: ["NOTIFY_SOCKET": listener.address])
        guard let launched = own.launchedAt[.evaluation],
              let readyAt = listener.await("READY=1", timeout: 3_600, alive: { own.isRunning(.evaluation) }) else {
            throw BenchError("EvaluationService sent no READY=1 after --rebuild-indicators: \(own.logTail(.evaluation))")
        }
        let rebuild = Double(readyAt - launched) / 1e9
        report.line("  EvaluationService --rebuild-indicators: READY=1 after \(Format.seconds(rebuild)) "
            + "(\(Format.rate(Double(whistles) / rebuild, "whistles")))")
        for service in BenchCluster.Service.allCases {
            requesters[service] = try Requester(sockets, own.router(service))
        }
        try waitUntilApplied(timeout: 60)

        // (3) The month's assessment.
        let (samples, answer) = try timeQueries(query, key: "i-assessment", count: queries)
        var full = samples
        let assessment = try answer.body(Assessment.self)
        let counted = assessment.departments.reduce(into: AssessmentMonth.Counted()) { counted, row in
            counted.dispatched += row.dispatched
            counted.signForDue += row.signForDue
            counted.closingDue += row.closingDue
            counted.evaluations += row.evaluations
        }
        let ranked = assessment.departments.filter { $0.rank != nil }.count
        check(counted == filled.expected, "(i) the assessment counts what the facts contribute: dispatched "
            + "\(Format.grouped(counted.dispatched)) = \(Format.grouped(filled.expected.dispatched)), sign-for due "
            + "\(Format.grouped(counted.signForDue)) = \(Format.grouped(filled.expected.signForDue)), closing due "
            + "\(Format.grouped(counted.closingDue)) = \(Format.grouped(filled.expected.closingDue)), verdicts "
            + "\(Format.grouped(counted.evaluations)) = \(Format.grouped(filled.expected.evaluations))")
        check(counted.dispatched >= options.assessmentTasks && ranked > 0 && !assessment.provisional,
              "(i) \(month.period) is over, holds at least \(Format.grouped(options.assessmentTasks)) tasks dispatched, and "
                + "ranks \(ranked) of \(assessment.departments.count) departments")
        let bytes = ["", "-wal"].compactMap {
            (try? FileManager.default.attributesOfItem(atPath: own.database(.evaluation) + $0)[.size] as? Int) ?? 0
        }.reduce(0, +)
        let p99 = full.p99()
        let met = p99 <= 50
        report.line("  \(Format.grouped(counted.dispatched)) tasks dispatched: assessment p50 \(Format.ms(full.p50())), p99 "
            + "\(Format.ms(p99)), max \(Format.ms(full.max())) (\(answer.bytes.count) bytes); \(Self.times(p99 / empty.p99())) the "
            + "empty database's p99; evaluation.sqlite \(String(format: "%.0f MB", Double(bytes) / 1e6)); limit 50 ms: "
            + "\(Format.verdict(met))")
        // For reading: the other two paths (docs/assessment.md), ten queries each: the first week
        // as a range of days (time samples from the ledger), and this month so far (provisional:
        // today's counts from the ledger).
        let week = "\(month.month.description)..\(month.month.next.next.next.next.next.next.description)"
        for (label, period) in [("the month's first week as a range \(week)", week), ("this month so far", today.monthText)] {
            let other = try JSONCoding.encode(OutgoingRequest(cmd: "assessment", key: "i-other", as: "observer:bench",
                                                              body: AssessmentQuery(period: period)))
            var times = try timeQueries(other, key: "i-other", count: 10).samples
            report.line("  \(label): p50 \(Format.ms(times.p50())), max \(Format.ms(times.max())) (10 queries)")
        }
        report.add("(i) assessment of a month, \(Self.short(counted.dispatched)) tasks: p99 of \(queries)", Format.ms(p99),
                   baseline: "\(Self.times(p99 / empty.p99())) the same query on an empty database (\(Format.ms(empty.p99()))); "
                       + "\(Self.times(p99 / status.p99())) status (\(Format.ms(status.p99())))",
                   target: "≤ 50 ms: \(Format.verdict(met))")
        report.add("(i) --rebuild-indicators over \(Self.short(whistles)) whistles", Format.seconds(rebuild),
                   baseline: "\(Format.rate(Double(whistles) / rebuild, "whistles"))")
        checkHealthy(try waitUntilApplied(timeout: 60))
    }

    /// Times `count` requests of `query`, one at a time; the last reply too.
    private func timeQueries(_ query: Data, key: String, count: Int) throws -> (samples: Samples, last: ReceivedReply) {
        var samples = Samples()
        var last: ReceivedReply?
        for _ in 0..<count {
            let start = Monotonic.now()
            guard let reply = try requesters[.evaluation]!.exchange(query, key: key, timeout: 30), reply.head.status == .ok else {
                throw BenchError("the assessment was not answered, or refused")
            }
            samples.append(Monotonic.now() - start)
            last = reply
        }
        return (samples, last!)
    }

    /// Writes the facts of `whistles` whistles of `month` into the stopped EvaluationService's
    /// database, and the released satisfaction of each department judged (eight in ten satisfied);
    /// returns what the domain says they count in the month.
    private func fill(_ path: String, month: AssessmentMonth, whistles: Int)
        throws -> (tasks: Int, expected: AssessmentMonth.Counted, departments: Int, seconds: Double) {
        let start = Monotonic.now()
        let db = try Database(path: path)
        defer { db.close() }
        var expected = AssessmentMonth.Counted()
        var verdicts: [String: Int] = [:]
        var tasks = 0
        try db.execute("BEGIN IMMEDIATE")
        for index in 0..<whistles {
            let facts = month.facts(index, of: whistles)
            tasks += facts.tasks.count
            expected.add(facts, in: month)
            for verdict in facts.verdicts where month.contains(verdict.at) { verdicts[verdict.department, default: 0] += 1 }
            try db.execute("INSERT INTO indicator_facts(whistle, grid, raised_at, open, facts) VALUES (?, ?, ?, ?, ?)",
                           [facts.id, facts.grid, Int64((facts.raisedAt.timeIntervalSince1970 * 1000).rounded()), !facts.isClosed,
                            try JSONCoding.encodeString(facts)])
        }
        for (department, n) in verdicts {
            try db.execute("""
                INSERT INTO released(department, period, satisfied, basically_satisfied, dissatisfied) VALUES (?, ?, ?, ?, ?)
                """, [department, month.period, n * 8 / 10, n / 10, n - n * 8 / 10 - n / 10])
        }
        try db.execute("COMMIT")
        return (tasks, expected, verdicts.count, Monotonic.seconds(since: start))
    }

    /// Whether the database at `path` has the assessment's facts table (builds before it do not).
    static func keepsIndicatorFacts(_ path: String) throws -> Bool {
        let db = try Database(path: path, readOnly: true)
        defer { db.close() }
        return try db.queryFirst("SELECT COUNT(*) FROM sqlite_master WHERE name = 'indicator_facts'")?.int64(0) == 1
    }
}

extension AssessmentMonth {
    /// The departments' figures the check compares, summed over every department.
    struct Counted: Equatable {
        var dispatched = 0
        var signForDue = 0
        var closingDue = 0
        var evaluations = 0

        /// Adds what `facts` contribute to departments within `month`, by the domain's own rules.
        mutating func add(_ facts: WhistleFacts, in month: AssessmentMonth) {
            for contribution in IndicatorContributions.of(facts) where month.contains(contribution.at) {
                guard case .department = contribution.subject else { continue }
                switch contribution.metric {
                case .dispatched: dispatched += 1
                case .signDue: signForDue += 1
                case .closingDue: closingDue += 1
                case .verdict: evaluations += 1
                default: break
                }
            }
        }
    }

    func contains(_ date: Date) -> Bool { date >= start && date < end }
}
