import Foundation
import GridConfig
import GridSockets
import GridStore
import GridWire
import SQLite

extension Bench {
    /// (e) Due work, on services of its own (the cluster of (a) to (d) stays up, idle, meanwhile):
    /// 1. ResponseService alone starting over a database with many items of due work armed, none
    ///    overdue, against an empty database: launch → `READY=1` and resident memory.
    /// 2. A crowd of sign-for checks falling due at one test-clock instant, fired by one
    ///    `clock.advance`: overdue events per second, against (a)'s intake.
    /// 3. Meanwhile, raises at a steady 1,000/s: raise → lead dispatched, against (b).
    func dueWork() throws {
        do {
            try dueWorkAtStart()
        } catch {
            report.line("  (e) start FAILED: \(error)")
            problems.append("(e) start did not finish: \(error)")
        }
        try dueWorkFiring()
    }

    // MARK: 1. A start with due work armed

    /// What one start of ResponseService alone measured.
    private struct StartFigures {
        var seconds: Double
        var resident: Int
        var peak: Int
        /// `status` one at a time once ready (each counts `due_work` for `dueArmed`).
        var status: Samples
    }

    private func dueWorkAtStart() throws {
        let armed = options.dueArmedAtStart
        report.section("(e) Due work, 1: ResponseService alone, starting over \(Format.grouped(armed)) items of due work "
            + "armed (none overdue) against an empty database; \(options.dueStarts) starts of each, alternating, "
            + "launch → READY=1 on NOTIFY_SOCKET")
        var databases: [(label: String, items: Int, cluster: BenchCluster)] = []
        for (label, items) in [("empty", 0), ("armed", armed)] {
            let cluster = try BenchCluster(directory: scratch.appendingPathComponent("due-start-\(label)"),
                                           name: "\(scratch.lastPathComponent)-e\(label)")
            let start = Monotonic.now()
            try Self.makeResponseDatabase(at: cluster.database(.response), items: items)
            let bytes = (try? FileManager.default.attributesOfItem(atPath: cluster.database(.response))[.size] as? Int) ?? 0
            report.line("  \(label): response.sqlite made through ServiceStore with \(Format.grouped(items)) items in one "
                + "transaction in \(Format.seconds(Monotonic.seconds(since: start))), "
                + String(format: "%.1f MB", Double(bytes) / 1e6))
            databases.append((label, items, cluster))
        }
        var figures: [String: [StartFigures]] = [:]
        for round in 1...options.dueStarts {
            for database in databases {
                var figure = try startAlone(database.cluster, label: database.label, round: round, armed: database.items)
                figures[database.label, default: []].append(figure)
                report.line("  start \(round), \(database.label): READY=1 after \(Format.ms(figure.seconds * 1000)), "
                    + "VmRSS \(Self.megabytes(figure.resident)) (peak \(Self.megabytes(figure.peak))), "
                    + "status p50 \(Format.ms(figure.status.p50()))")
            }
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        guard let empty = figures["empty"], let full = figures["armed"] else { return }
        let ready = (empty: median(empty.map(\.seconds)), armed: median(full.map(\.seconds)))
        let resident = (empty: median(empty.map { Double($0.resident) }), armed: median(full.map { Double($0.resident) }))
        var emptyStatus = Samples()
        var fullStatus = Samples()
        for value in empty.flatMap(\.status.values) { emptyStatus.append(value) }
        for value in full.flatMap(\.status.values) { fullStatus.append(value) }
        report.line("  median of \(options.dueStarts): READY=1 after \(Format.ms(ready.armed * 1000)) with "
            + "\(Format.grouped(armed)) armed vs \(Format.ms(ready.empty * 1000)) empty (\(Self.times(ready.armed / ready.empty))); "
            + "VmRSS \(Self.megabytes(Int(resident.armed))) vs \(Self.megabytes(Int(resident.empty))) "
            + "(\(Self.times(resident.armed / resident.empty)))")
        report.line("  status round trip once ready (\(Format.grouped(fullStatus.count)) each): p50 \(Format.ms(fullStatus.p50())) "
            + "vs \(Format.ms(emptyStatus.p50())), p99 \(Format.ms(fullStatus.p99())) vs \(Format.ms(emptyStatus.p99())) "
            + "(\(Self.times(fullStatus.p50() / emptyStatus.p50())) at p50): each status, and each heartbeat, counts the due_work table")
        report.add("(e) start with \(Self.short(armed)) due armed: to READY=1", Format.ms(ready.armed * 1000),
                   baseline: "\(Self.times(ready.armed / ready.empty)) empty database (\(Format.ms(ready.empty * 1000)))")
        report.add("(e) start with \(Self.short(armed)) due armed: VmRSS once ready", Self.megabytes(Int(resident.armed)),
                   baseline: "\(Self.times(resident.armed / resident.empty)) empty database (\(Self.megabytes(Int(resident.empty))))")
        report.add("(e) status p50 / p99 with \(Self.short(armed)) due armed",
                   "\(Format.ms(fullStatus.p50())) / \(Format.ms(fullStatus.p99()))",
                   baseline: "\(Self.times(fullStatus.p50() / emptyStatus.p50())) empty database at p50 "
                       + "(\(Format.ms(emptyStatus.p50())))")
    }

    /// Creates ResponseService's database as the service's store does (the common tables, due_work
    /// among them; ResponseService adds its own at its first start) and arms `items` due items in
    /// one transaction: a sign-for and a disposal check per made-up task, a second apart from
    /// 2099-01-01, far past any clock the service reads.
    static func makeResponseDatabase(at path: String, items: Int) throws {
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        let store = try ServiceStore(path: path, stream: .response, migrations: [])
        defer { store.close() }
        guard items > 0 else { return }
        try store.db.transaction {
            try store.db.execute("""
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
                INSERT INTO due_work(kind, subject, at)
                SELECT 'task_clock', printf('W20990101-%06d/JD-NX-CGZF', i), ? + i * 1000 FROM n
                """, [Int64(items), Int64(4_070_908_800_000)])
        }
        let count = try store.db.queryFirst("SELECT COUNT(*) FROM due_work")?.int64(0) ?? -1
        guard count == Int64(items) else { throw BenchError("\(path): \(count) due items armed, not \(items)") }
    }

    /// Starts ResponseService alone over `cluster`'s folder, with NOTIFY_SOCKET on a socket of the
    /// bench's; measures launch → READY=1, its memory once ready and `status` round trips; then
    /// SIGTERM, which it must answer with exit 0.
    private func startAlone(_ cluster: BenchCluster, label: String, round: Int, armed: Int) throws -> StartFigures {
        let listener = try NotifyListener(abstractName: "\(scratch.lastPathComponent)-e\(label)-notify-\(round)")
        try cluster.start([.response], environment: ["NOTIFY_SOCKET": listener.address])
        guard let pid = cluster.pid(.response), let launched = cluster.launchedAt[.response],
              let readyAt = listener.await("READY=1", timeout: 600, alive: { cluster.isRunning(.response) }) else {
            let status = cluster.stop()
            throw BenchError("ResponseService (\(label), start \(round)) sent no READY=1 "
                + "(\(status.first?.1.map { "exit \($0)" } ?? "killed")): \(cluster.logTail(.response))")
        }
        let memory = ProcessMemory.kilobytes(pid: pid) ?? (0, 0)
        var figures = StartFigures(seconds: Double(readyAt - launched) / 1e9, resident: memory.resident,
                                   peak: memory.peak, status: Samples())
        let requester = try Requester(sockets, cluster.router(.response))
        var last: ServiceStatus?
        for _ in 0..<20 {
            let start = Monotonic.now()
            last = try requester.status(timeout: 60)
            figures.status.append(Monotonic.now() - start)
        }
        let stopped = cluster.stop()
        let exit = stopped.first?.1
        check(last?.counters["dueArmed"] == Int64(armed) && exit == 0,
              "ResponseService (\(label), start \(round)): ready, dueArmed \(last?.counters["dueArmed"].map(String.init) ?? "?") "
                + "= \(Format.grouped(armed)), exit \(exit.map(String.init) ?? "killed") on SIGTERM")
        return figures
    }

    // MARK: 2 and 3. A crowd falling due at one instant, under a steady load

    private func dueWorkFiring() throws {
        let rate = options.latencyRate
        let testTime = "2026-09-15T09:00:00+08:00"
        let advance = 3_600.0
        let muck = Workload(reference: try DeploymentConfig.load(path: nil).reference, only: "muck-truck")
        var whistles = 0
        var promised = 0
        while promised < options.dueFiringTasks {
            promised += muck.raise(whistles).tasks
            whistles += 1
        }
        let policy = muck.raise(0).route.policy
        report.section("(e) Due work, 2 and 3: services on a test clock from \(testTime); \(Format.grouped(whistles)) "
            + "muck-truck whistles (\(policy.urgency.rawValue), sign for within \(policy.signFor), lead + "
            + "\(muck.raise(0).route.co.count) co) raised at that one instant, so that their sign-for checks fall due "
            + "at one instant; then clock.advance \(Int(advance)) s to ResponseService alone while one DEALER raises "
            + "\(Format.grouped(rate))/s (\(workload.variety)), one SUB on dept.")

        let fire = try BenchCluster(directory: scratch.appendingPathComponent("due-fire"), name: "\(scratch.lastPathComponent)-e")
        fire.extraArguments = ["--test-clock", testTime]
        try fire.start()
        // `heads()`, `waitUntilApplied`, the pipelined clients and the CPU accounts follow `cluster`
        // and `requesters`: this phase's services until it ends, then (a) to (d)'s again.
        let (mainCluster, mainRequesters) = (cluster, requesters)
        cluster = fire
        requesters = [:]
        defer {
            requesters = mainRequesters
            cluster = mainCluster
            _ = fire.stop()
        }
        for service in BenchCluster.Service.allCases {
            requesters[service] = try Requester(sockets, fire.router(service))
        }
        try waitUntilApplied(timeout: 30)

        // The crowd: every whistle at the same test instant, so every task's checks at the same ms.
        let raiseStart = Monotonic.now()
        let outcome = try pipelined.run(try muck.requests("e", count: whistles), sockets: sockets)
        check(outcome.ok == whistles, "every muck-truck raise ok (\(Format.grouped(outcome.ok)) of \(Format.grouped(whistles)))"
            + (outcome.refusals.isEmpty ? "" : "; refusals \(outcome.refusals), first: \(outcome.firstRefusal ?? "")"))
        let tasks = outcome.tasks
        let before = try waitUntilApplied(responseHead: Int64(tasks), timeout: 1_800, progress: true)
        report.line("  \(Format.grouped(outcome.ok)) acknowledged in \(Format.seconds(outcome.seconds)), "
            + "\(Format.grouped(tasks)) tasks dispatched and applied everywhere "
            + "\(Format.seconds(Monotonic.seconds(since: raiseStart))) after the first send; ResponseService has "
            + "\(Format.grouped(Int(before.response.counters["dueArmed"] ?? -1))) items armed (a sign-for and a disposal "
            + "check per task), dueFired \(before.response.counters["dueFired"] ?? -1)")
        check(before.response.head == Int64(tasks), "ResponseService dispatched every task: head \(before.response.head) = \(tasks)")

        // The load, on this thread; the clock move, from a thread and a context of its own.
        let loadCount = rate * options.dueLoadSeconds
        let loadRequests = try workload.requests("e", count: loadCount)
        let loadKeys = (0..<loadCount).map { workload.key("e", $0) }
        let load = try SteadyLoad(whistleRouter: fire.router(.whistle), responsePub: fire.pub(.response), rate: rate,
                                  sockets: sockets)
        let mover = ClockMover(response: fire.router(.response), evaluation: fire.router(.evaluation), seconds: advance,
                               key: "bench-\(workload.runID)-e-advance", leadIn: 1, processes: fire.pids + [("bench", getpid())])
        let cpu = cpuAccount()
        mover.start()
        let log = try load.run(loadRequests, keys: loadKeys)
        let loadCPU = cpu.summary()
        let moved = try mover.wait()
        let after = try waitUntilApplied(timeout: 600, progress: true)

        // 2. The firing.
        let firing = Double(moved.repliedAt - moved.sentAt) / 1e9
        let toApplied = Double(moved.appliedAt - moved.sentAt) / 1e9
        let firedByReply = grown("dueFired", from: before.response, to: moved.response)
        let batches = grown("dueBatches", from: before.response, to: moved.response)
        let firedRate = Double(firedByReply) / firing
        report.line("  clock.advance sent \(Format.seconds(Double(moved.sentAt - log.sentAt[0]) / 1e9)) into the load; "
            + "reply (\(moved.now)) after \(Format.seconds(firing)): \(Format.grouped(firedByReply)) items fired in "
            + "\(Format.grouped(batches)) batches (\(Format.grouped(firedByReply / max(1, batches))) each on average) "
            + "→ \(Format.rate(firedRate, "overdue events"))")
        report.line("  \(moved.cpu) (from the advance to its reply)")
        report.line("  per item fired: \(moved.perItem); one batch every "
            + "\(Format.ms(firing * 1000 / Double(max(1, batches)))) on average, and a command or event waits for the batch in progress")
        report.line("  EvaluationService had applied everything ResponseService committed by its reply "
            + "\(Format.seconds(toApplied)) after the advance → \(Format.rate(Double(firedByReply) / toApplied, "overdue events")) end to end")
        let intake: String
        if let intakeRate {
            intake = "\(Format.ratio(firedRate / intakeRate)) of (a)'s intake (\(Format.rate(intakeRate, "whistles")))"
        } else {
            intake = "(a) did not run: no same-run intake to compare"
        }
        report.line("  against acknowledged intake: \(intake)")
        report.add("(e) \(Format.grouped(tasks)) due at once: advance → reply",
                   Format.seconds(firing) + " (\(Format.rate(firedRate, "overdue")))", baseline: intake)
        report.add("(e) \(Format.grouped(tasks)) due at once: advance → applied", Format.seconds(toApplied)
                   + " (\(Format.rate(Double(firedByReply) / toApplied, "overdue")))",
                   baseline: intakeRate.map { "\(Format.ratio(Double(firedByReply) / toApplied / $0)) of (a)'s intake" } ?? "(a) did not run")

        // 3. The load meanwhile: by when each raise was sent, within the firing or outside it.
        var during = Samples()
        var outside = Samples()
        var acks = Samples()
        for (whistle, index) in log.indexOfWhistle {
            let sent = log.sentAt[index]
            if sent >= moved.sentAt, sent <= moved.repliedAt { acks.append(log.ackedAt[index] - sent) }
            guard let at = log.dispatchedAt[whistle] else { continue }
            if sent >= moved.sentAt, sent <= moved.repliedAt { during.append(at - sent) } else { outside.append(at - sent) }
        }
        report.line("  \(loadCPU) (the whole load)")
        report.line("  load: \(Format.grouped(loadCount)) raises over \(options.dueLoadSeconds) s, "
            + "\(Format.grouped(log.indexOfWhistle.count)) acknowledged ok, "
            + "\(Format.grouped(log.dispatchedAt.count)) lead dispatched events seen; \(Format.grouped(during.count)) sent "
            + "while the items fired" + (moved.repliedAt > log.sentAt[loadCount - 1] ? " (the firing outlasted the load)" : ""))
        report.line("  raise → lead dispatched, sent while firing: p50 \(Format.ms(during.p50())), p99 \(Format.ms(during.p99())), "
            + "max \(Format.ms(during.max())); raise → ok reply p50 \(Format.ms(acks.p50())), p99 \(Format.ms(acks.p99()))")
        report.line("  raise → lead dispatched, sent before or after: p50 \(Format.ms(outside.p50())), p99 \(Format.ms(outside.p99())), "
            + "max \(Format.ms(outside.max()))")
        let latency: String
        if let dispatchLatency {
            latency = "p99 = \(String(format: "%.1f", during.p99() / dispatchLatency.p99)) × (b) p99 "
                + "(\(Format.ms(dispatchLatency.p99)))"
        } else {
            latency = "(b) did not run; outside the firing p99 \(Format.ms(outside.p99()))"
        }
        report.line("  against (b): \(latency)")
        report.add("(e) raise → dispatched p50 / p99 / max while firing",
                   "\(Format.ms(during.p50())) / \(Format.ms(during.p99())) / \(Format.ms(during.max()))",
                   baseline: latency, target: "(b)'s p99 ≤ 10 ms: \(Format.verdict(during.p99() <= 10))")

        // What adds up: every promised check fired once, and each as one overdue event.
        let firedTotal = grown("dueFired", from: before.response, to: after.response)
        let overdueEvents = Int(after.response.head - before.response.head) - log.tasks
        report.line("  \(replays(from: before, to: after))")
        report.line("  \(applyBatches(from: before, to: after))")
        check(log.refused == 0 && log.indexOfWhistle.count == loadCount, "every raise of the load acknowledged ok")
        check(log.dispatchedAt.count == log.indexOfWhistle.count, "a lead dispatched event for every whistle of the load")
        check(firedByReply >= tasks, "by the reply, dueFired grew by at least the \(Format.grouped(tasks)) tasks "
            + "(\(Format.grouped(firedByReply)); the rest are the load's own sign-for checks, routed at the old test time)")
        check(firedTotal >= tasks && firedTotal - tasks <= log.tasks && overdueEvents == firedTotal,
              "response stream gained one overdue event per item fired: \(Format.grouped(overdueEvents)) "
                + "(head +\(Format.grouped(Int(after.response.head - before.response.head))) − \(Format.grouped(log.tasks)) dispatched "
                + "by the load) = dueFired +\(Format.grouped(firedTotal)) (\(Format.grouped(tasks)) + \(Format.grouped(firedTotal - tasks)) of the load's)")
        check(grown("dueSetAside", from: before.response, to: after.response) == 0, "no due item set aside")
        checkHealthy(after)

        // Stopped, the databases say the same.
        requesters.removeAll()
        let statuses = fire.stop()
        for (service, status) in statuses {
            check(status == 0, "(e) \(service.rawValue) exits 0 on SIGTERM (\(status.map { "exit \($0)" } ?? "had to be killed"))")
        }
        let db = try Database(path: fire.database(.response))
        defer { db.close() }
        let firedEver = after.response.counters["dueFired"] ?? -1
        for (what, sql, expected) in [
            ("overdue events = dueFired", "SELECT COUNT(*) FROM events WHERE type = 'overdue'", firedEver),
            ("tasks overdue to sign for = dueFired", "SELECT COUNT(*) FROM tasks WHERE overdue LIKE '%signFor%'", firedEver),
            ("tasks = muck-truck + load", "SELECT COUNT(*) FROM tasks", Int64(tasks + log.tasks)),
            ("no due item set aside", "SELECT COUNT(*) FROM due_work WHERE failed IS NOT NULL", 0),
            ("no dead letters", "SELECT COUNT(*) FROM dead_letters", 0),
        ] {
            let found = try db.queryFirst(sql)?.int64(0) ?? -1
            check(found == expected, "(e) ResponseService: \(what): \(Format.grouped(Int(found)))")
        }
    }

    static func megabytes(_ kilobytes: Int) -> String { String(format: "%.1f MiB", Double(kilobytes) / 1024) }

    static func times(_ ratio: Double) -> String { String(format: "%.2f ×", ratio) }

    /// "1M", "100k".
    static func short(_ count: Int) -> String {
        count % 1_000_000 == 0 ? "\(count / 1_000_000)M" : count % 1_000 == 0 ? "\(count / 1_000)k" : Format.grouped(count)
    }
}

/// Moves a test-clock service forward from a thread and a ZeroMQ context of its own (as another
/// process would), while the bench's thread keeps its load going: sends `clock.advance`, times
/// the reply (which comes once everything the move made due has fired and committed), then polls
/// EvaluationService until it has applied everything ResponseService had committed by then.
///
/// `@unchecked Sendable`: `outcome` is written once on the thread before `done.signal()` and read
/// only after `done.wait()`.
final class ClockMover: @unchecked Sendable {
    struct Outcome {
        var sentAt: UInt64
        var repliedAt: UInt64
        var appliedAt: UInt64
        /// The time the reply gives.
        var now: String
        /// ResponseService's status just after the reply.
        var response: ServiceStatus
        /// The CPU of the services and the bench from the send to the reply, and per item fired.
        var cpu: String
        var perItem: String
    }

    private let response: String
    private let evaluation: String
    private let seconds: Double
    private let key: String
    private let leadIn: TimeInterval
    private let processes: [(name: String, pid: Int32)]
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<Outcome, any Error> = .failure(BenchError("the clock mover did not run"))

    init(response: String, evaluation: String, seconds: Double, key: String, leadIn: TimeInterval,
         processes: [(name: String, pid: Int32)]) {
        self.response = response
        self.evaluation = evaluation
        self.seconds = seconds
        self.key = key
        self.leadIn = leadIn
        self.processes = processes
    }

    /// Starts the thread: it waits `leadIn`, then moves the clock.
    func start() {
        Thread { [self] in
            outcome = Result(catching: { try move() })
            done.signal()
        }.start()
    }

    func wait() throws -> Outcome {
        done.wait()
        return try outcome.get()
    }

    private func move() throws -> Outcome {
        let sockets = try SocketFactory()
        let response = try Requester(sockets, self.response)
        let evaluation = try Requester(sockets, self.evaluation)
        let request = try JSONCoding.encode(OutgoingRequest(cmd: "clock.advance", key: key, as: nil,
                                                            body: ClockAdvance(seconds: seconds)))
        Thread.sleep(forTimeInterval: leadIn)
        guard let firedBefore = try response.status(timeout: 60)?.counters["dueFired"] else {
            throw BenchError("ResponseService did not answer status")
        }
        let cpu = CPUAccount(processes)
        let sentAt = Monotonic.now()
        guard let reply = try response.exchange(request, key: key, timeout: 1_800) else {
            throw BenchError("no reply to clock.advance within 1,800 s")
        }
        let repliedAt = Monotonic.now()
        let usage = cpu.summary()
        guard reply.head.status == .ok else {
            throw BenchError("clock.advance refused: \(String(decoding: reply.bytes, as: UTF8.self))")
        }
        let now = try reply.body(ClockReading.self).now
        guard let status = try response.status(timeout: 60) else { throw BenchError("ResponseService did not answer status") }
        let perItem = cpu.perItem(Int((status.counters["dueFired"] ?? 0) - firedBefore))
        while true {
            guard let applied = try evaluation.status(timeout: 60) else {
                throw BenchError("EvaluationService did not answer status")
            }
            if (applied.consumed["response"]?.last ?? -1) >= status.head { break }
            if Monotonic.now() - sentAt > 1_800_000_000_000 {
                throw BenchError("EvaluationService had not applied the response stream to \(status.head) after 1,800 s")
            }
            usleep(5_000)
        }
        return Outcome(sentAt: sentAt, repliedAt: repliedAt, appliedAt: Monotonic.now(), now: "\(now)",
                       response: status, cpu: usage, perItem: perItem)
    }
}
