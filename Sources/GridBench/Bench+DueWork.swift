import Foundation
import GridConfig
import GridDomain
import GridSockets
import GridStore
import GridWire
import SQLite

extension Bench {
    /// (e) Due work, on services of its own (the cluster of (a) to (d) stays up, idle, meanwhile):
    /// 1. ResponseService alone starting over a database with many items of due work armed, none
    ///    overdue, against an empty database: launch → `READY=1` and resident memory.
    /// 2. Clocks of every kind falling due at one test-clock instant (task checks at a reminder, a
    ///    yellow light and a deadline, and level deadlines), fired by one `clock.set`: items per
    ///    second, against (a)'s intake.
    /// 3. Meanwhile, raises at a steady 1,000/s: raise → lead dispatched, against (b) and 10 ms.
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
        /// `status` one at a time once ready (each reports `dueArmed`).
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
                                           name: "\(scratch.lastPathComponent)-e\(label)", binDirectory: services)
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
            + "(\(Self.times(fullStatus.p50() / emptyStatus.p50())) at p50): dueArmed comes from the store's counts, kept since the start")
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

    // MARK: 2 and 3. Clocks of every kind falling due at one instant, under a steady load

    /// What the rules say falls due at the instant, worked out before anything is raised: items
    /// of each kind, and the events firing them emits.
    struct DueAtInstant {
        var taskChecks = 0
        var levelDeadlines = 0
        var tasks = 0
        /// By `response` event type.
        var events: [String: Int] = [:]

        var items: Int { taskChecks + levelDeadlines }

        mutating func add(_ other: DueAtInstant) {
            taskChecks += other.taskChecks
            levelDeadlines += other.levelDeadlines
            tasks += other.tasks
            events.merge(other.events, uniquingKeysWith: +)
        }

        var eventSummary: String {
            events.sorted { $0.key < $1.key }.map { "\(Format.grouped($0.value)) \($0.key)" }.joined(separator: ", ")
        }
    }

    /// One part of the crowd: whistles of one matter, routed at a test time chosen so that one kind
    /// of their clocks falls due at the instant.
    private struct CrowdPart {
        var what: String
        var workload: Workload
        var whistles: Int
        var routedAt: Date
        var expected = DueAtInstant()
    }

    /// Runs a whistle routed at `routedAt` through the task and coordination rules, firing every
    /// check before `instant` as the scheduler would, and counts what falls due at `instant`.
    static func dueAt(_ instant: Date, for raise: Workload.Raise, routedAt: Date, calendar: WorkingCalendar,
                      tree: GridTree) -> DueAtInstant {
        var due = DueAtInstant()
        // As the store and the wire hold them: whole milliseconds.
        let instant = Self.milliseconds(instant)
        let routedAt = Instant(routedAt).date
        func armedAt(_ changes: [DueChange]) -> Int64? {
            for case .arm(let work) in changes { return Self.milliseconds(work.at) }
            return nil
        }
        func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
        let parts = [(raise.route.lead, TaskRole.lead)] + raise.route.co.map { ($0, TaskRole.co) }
        var open = 0
        for decision in TaskRules.dispatch(whistle: "W", departments: parts, policy: raise.route.policy, at: routedAt,
                                           calendar: calendar) {
            var task = decision.task
            var check = armedAt(decision.due)
            while let at = check, at < instant {
                let fired = TaskRules.fire(task, at: date(at), calendar: calendar)
                task = fired.task
                check = armedAt(fired.due)
            }
            due.tasks += 1
            if task.isOpen { open += 1 }
            guard check == instant else { continue }
            due.taskChecks += 1
            for event in TaskRules.fire(task, at: date(instant), calendar: calendar).events {
                due.events[Self.type(of: event), default: 0] += 1
            }
        }
        if let chain = CoordinationRules.chain(for: raise.grid.id, in: tree) {
            let started = CoordinationRules.start(whistle: "W", town: raise.town, coordinators: chain.coordinators,
                                                  level: chain.start, policy: raise.route.policy, at: routedAt,
                                                  calendar: calendar, storm: false)
            if armedAt(started.due) == instant {
                due.levelDeadlines += 1
                let fired = CoordinationRules.fire(started.coordination, at: date(instant), calendar: calendar, storm: false,
                                                   reason: "")
                for event in fired.events {
                    switch event {
                    case .escalated: due.events["escalated", default: 0] += 1
                    case .levelOverdue: due.events["levelOverdue", default: 0] += 1
                    case .levelLight: due.events["levelLight", default: 0] += 1
                    }
                }
                if fired.climbed != nil { due.events["supervised", default: 0] += open }
            }
        }
        return due
    }

    /// The `response` event type a task event is emitted as.
    private static func type(of event: TaskEvent) -> String {
        switch event {
        case .dispatched: "dispatched"
        case .signed: "signed"
        case .arrived: "arrived"
        case .progress: "progress"
        case .reported: "reported"
        case .reopened: "reopened"
        case .overdue: "overdue"
        case .light: "light"
        case .reminded: "reminded"
        case .supervised: "supervised"
        case .closed: "closed"
        case .requested(let request): ResponseEventType.requested(request.kind).rawValue
        case .arbitrated: "arbitrated"
        case .decided: "decided"
        case .parked: "parked"
        case .resumed: "resumed"
        }
    }

    /// Sets a test-clock service's clock (`clock.set`); returns with the reply, which comes once
    /// everything due by then has fired.
    func setClock(_ service: BenchCluster.Service, to time: Date, runID: String, timeout: TimeInterval = 1_800) throws {
        let key = "bench-\(runID)-set-\(service.stream.rawValue)-\(Self.milliseconds(time))"
        let request = try JSONCoding.encode(OutgoingRequest(cmd: "clock.set", key: key, as: nil,
                                                            body: ClockSet(time: Instant(time))))
        guard let requester = requesters[service], let reply = try requester.exchange(request, key: key, timeout: timeout) else {
            throw BenchError("\(service.rawValue) did not answer clock.set within \(Int(timeout)) s")
        }
        guard reply.head.status == .ok else {
            throw BenchError("\(service.rawValue) refused clock.set: \(String(decoding: reply.bytes, as: UTF8.self))")
        }
    }

    private func dueWorkFiring() throws {
        let rate = options.latencyRate
        let reference = try DeploymentConfig.load(path: nil).reference
        let calendar = try reference.workingCalendar()
        let tree = Router(reference, version: 1).tree
        func time(_ text: String) throws -> Date {
            guard let date = Timestamp.parse(text) else { throw BenchError("'\(text)' is not a time") }
            return date
        }
        // Monday 09:00; the instant is Tuesday 09:30:00.001, a millisecond past a deadline.
        let startText = "2026-09-14T09:00:00+08:00"
        let instant = try time("2026-09-15T09:30:00.001+08:00")
        let levelWhistles = max(1, options.dueClocks / 4)
        let taskWhistles = max(1, (options.dueClocks - levelWhistles + 8) / 9)
        let muck = Workload(reference: reference, only: "muck-truck")
        // 安亭 has level deadlines of its own (4 working hours): its grids would fall due elsewhere.
        let dumping = Workload(reference: reference, only: "waste-dumping", towns: ["JD-NX", "JD-JDZ"])
        var parts = [
            CrowdPart(what: "level deadlines (level 1 of 1 working day passed: 逐级上报 to level 2, 督办 of every task)",
                      workload: dumping, whistles: levelWhistles, routedAt: try time("2026-09-14T09:30:00+08:00")),
            CrowdPart(what: "task checks at the sign-for deadline (超时: overdue, red)", workload: muck,
                      whistles: taskWhistles, routedAt: try time("2026-09-15T09:00:00+08:00")),
            CrowdPart(what: "task checks at 80 % of the sign-for clock (yellow light)", workload: muck,
                      whistles: taskWhistles, routedAt: instant.addingTimeInterval(-24 * 60)),
            CrowdPart(what: "task checks at 50 % of the sign-for clock (催办 reminder)", workload: muck,
                      whistles: taskWhistles, routedAt: instant.addingTimeInterval(-15 * 60)),
        ]
        var expected = DueAtInstant()
        for index in parts.indices {
            for whistle in 0..<parts[index].whistles {
                parts[index].expected.add(Self.dueAt(instant, for: parts[index].workload.raise(whistle),
                                                     routedAt: parts[index].routedAt, calendar: calendar, tree: tree))
            }
            expected.add(parts[index].expected)
        }
        let zone = TimeZone(identifier: reference.timeZone) ?? .current
        // "2026-09-15T09:30:00.001+08:00": local time to the millisecond.
        func local(_ date: Date) -> String {
            let offset = zone.secondsFromGMT(for: date)
            let sign = offset < 0 ? "-" : "+"
            return String(Timestamp.format(date.addingTimeInterval(Double(offset))).dropLast())
                + sign + String(format: "%02d:%02d", abs(offset) / 3600, abs(offset) % 3600 / 60)
        }
        let instantText = local(instant)
        report.section("(e) Due work, 2 and 3: \(Format.grouped(expected.items)) clocks falling due at one instant "
            + "(\(instantText)) on test-clock services, fired by one clock.set to ResponseService while one DEALER "
            + "raises \(Format.grouped(rate))/s (\(workload.variety)), one SUB on dept.")
        for part in parts {
            let policy = part.workload.raise(0).route.policy
            report.line("  \(Format.grouped(part.whistles)) \(policy.matter) whistles (\(policy.urgency.rawValue), sign for "
                + "within \(policy.signFor)) routed at \(local(part.routedAt)): \(Format.grouped(part.expected.taskChecks)) "
                + "task checks and \(Format.grouped(part.expected.levelDeadlines)) level deadlines due at the instant: \(part.what)")
        }
        report.line("  by the rules, firing them emits \(expected.eventSummary)")

        let fire = try BenchCluster(directory: scratch.appendingPathComponent("due-fire"), name: "\(scratch.lastPathComponent)-e", binDirectory: services) {
            if let batch = self.options.dueBatch { $0.limits.dueBatch = batch }
        }
        report.line("  limits.dueBatch \(Format.grouped(fire.config.limits.dueBatch))"
            + (options.dueBatch == nil ? " (the configuration's)" : " (--due-batch)"))
        fire.extraArguments = ["--test-clock", startText]
        try fire.start()
        let restore = try switchTo(fire)
        defer { restore() }
        try waitUntilApplied(timeout: 30)

        // The crowd: each part raised with WhistleService's clock at its routed time.
        let raiseStart = Monotonic.now()
        var tasks = 0
        for (index, part) in parts.enumerated() {
            try setClock(.whistle, to: part.routedAt, runID: workload.runID)
            let outcome = try pipelined.run(try part.workload.requests("e\(index)", count: part.whistles), sockets: sockets)
            check(outcome.ok == part.whistles, "every \(part.workload.raise(0).matter.id) raise ok "
                + "(\(Format.grouped(outcome.ok)) of \(Format.grouped(part.whistles)))"
                + (outcome.refusals.isEmpty ? "" : "; refusals \(outcome.refusals), first: \(outcome.firstRefusal ?? "")"))
            tasks += outcome.tasks
        }
        check(tasks == expected.tasks, "the replies promise the \(Format.grouped(expected.tasks)) tasks the rules count "
            + "(\(Format.grouped(tasks)))")
        let dispatched = try waitUntilApplied(responseHead: Int64(tasks), timeout: 1_800, progress: true)
        report.line("  \(Format.grouped(parts.map(\.whistles).reduce(0, +))) whistles raised, \(Format.grouped(tasks)) tasks "
            + "dispatched and applied everywhere \(Format.seconds(Monotonic.seconds(since: raiseStart))) after the first send")

        // WhistleService moves on to the instant, so the load's whistles are routed there and none
        // of their clocks falls due; ResponseService fires everything before it, outside the load.
        try setClock(.whistle, to: instant, runID: workload.runID)
        let prepared = Monotonic.now()
        try setClock(.response, to: instant.addingTimeInterval(-0.001), runID: workload.runID)
        let before = try waitUntilApplied(timeout: 600, progress: true)
        let earlier = grown("dueFired", from: dispatched.response, to: before.response)
        report.line("  clock.set to a millisecond before the instant: \(Format.grouped(earlier)) "
            + "earlier items fired (reminders, lights, the level deadlines' tasks' sign-for clocks) in "
            + "\(Format.seconds(Monotonic.seconds(since: prepared))), applied everywhere; ResponseService has "
            + "\(Format.grouped(Int(before.response.counters["dueArmed"] ?? -1))) items armed")
        let armed = try Self.dueWorkAt(instant, in: fire.database(.response))
        check(armed.taskChecks == expected.taskChecks && armed.levelDeadlines == expected.levelDeadlines && armed.earlier == 0,
              "in the database, due at the instant: \(Format.grouped(armed.taskChecks)) task checks and "
                + "\(Format.grouped(armed.levelDeadlines)) level deadlines, as the rules say; \(armed.earlier) earlier")

        // The load, on this thread; the clock move, from a thread and a context of its own.
        let loadCount = rate * options.dueLoadSeconds
        let loadRequests = try workload.requests("e", count: loadCount)
        let loadKeys = (0..<loadCount).map { workload.key("e", $0) }
        let load = try SteadyLoad(whistleRouter: fire.router(.whistle), responsePub: fire.pub(.response), rate: rate,
                                  sockets: sockets)
        let moveKey = "bench-\(workload.runID)-e-instant"
        let mover = ClockMover(response: fire.router(.response), evaluation: fire.router(.evaluation),
                               request: try JSONCoding.encode(OutgoingRequest(cmd: "clock.set", key: moveKey, as: nil,
                                                                              body: ClockSet(time: Instant(instant)))),
                               key: moveKey, leadIn: 1, processes: fire.pids + [("bench", getpid())])
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
        report.line("  clock.set to the instant sent \(Format.seconds(Double(moved.sentAt - log.sentAt[0]) / 1e9)) into the load; "
            + "reply (\(moved.now)) after \(Format.seconds(firing)): \(Format.grouped(firedByReply)) items fired in "
            + "\(Format.grouped(batches)) batches (\(Format.grouped(firedByReply / max(1, batches))) each on average) "
            + "→ \(Format.rate(firedRate, "items"))")
        report.line("  \(moved.cpu) (from the clock move to its reply)")
        report.line("  per item fired: \(moved.perItem); one batch every "
            + "\(Format.ms(firing * 1000 / Double(max(1, batches)))) on average, and a command or event waits for the batch in progress")
        report.line("  EvaluationService had applied everything ResponseService committed by its reply "
            + "\(Format.seconds(toApplied)) after the move → \(Format.rate(Double(firedByReply) / toApplied, "items")) end to end")
        let intake: String
        if let intakeRate {
            intake = "\(Format.ratio(firedRate / intakeRate)) of (a)'s intake (\(Format.rate(intakeRate, "whistles")))"
        } else {
            intake = "(a) did not run: no same-run intake to compare"
        }
        report.line("  against acknowledged intake: \(intake)")
        report.add("(e) \(Format.grouped(expected.items)) clocks due at one instant: move → reply",
                   Format.seconds(firing) + " (\(Format.rate(firedRate, "items")))", baseline: intake)
        report.add("(e) \(Format.grouped(expected.items)) clocks due at one instant: move → applied", Format.seconds(toApplied)
                   + " (\(Format.rate(Double(firedByReply) / toApplied, "items")))",
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
            + "while the clocks fired" + (moved.repliedAt > log.sentAt[loadCount - 1] ? " (the firing outlasted the load)" : ""))
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
        report.line("  against (b): \(latency); target p99 ≤ 10 ms: \(Format.verdict(during.p99() <= 10))")
        report.add("(e) raise → dispatched p50 / p99 / max while they fire",
                   "\(Format.ms(during.p50())) / \(Format.ms(during.p99())) / \(Format.ms(during.max()))",
                   baseline: latency, target: "p99 ≤ 10 ms: \(Format.verdict(during.p99() <= 10))")

        // What adds up: exactly the items due at the instant fired, nothing of the load's.
        let firedTotal = grown("dueFired", from: before.response, to: after.response)
        report.line("  \(replays(from: before, to: after))")
        report.line("  \(applyBatches(from: before, to: after))")
        check(log.refused == 0 && log.indexOfWhistle.count == loadCount, "every raise of the load acknowledged ok")
        check(log.dispatchedAt.count == log.indexOfWhistle.count, "a lead dispatched event for every whistle of the load")
        check(firedByReply == expected.items && firedTotal == expected.items,
              "the move fired exactly the \(Format.grouped(expected.items)) items due at the instant "
                + "(\(Format.grouped(firedByReply)) by its reply, \(Format.grouped(firedTotal)) in all): none of the load's")
        check(grown("dueSetAside", from: before.response, to: after.response) == 0, "no due item set aside")
        checkHealthy(after)

        // Stopped, the database says the same: the events of the firing, by type.
        requesters.removeAll()
        let statuses = fire.stop()
        for (service, status) in statuses {
            check(status == 0, "(e) \(service.rawValue) exits 0 on SIGTERM (\(status.map { "exit \($0)" } ?? "had to be killed"))")
        }
        let db = try Database(path: fire.database(.response))
        defer { db.close() }
        var found: [String: Int] = [:]
        for row in try db.query("SELECT type, COUNT(*) AS n FROM events WHERE seq > ? GROUP BY type", [before.response.head]) {
            found[row.string("type") ?? "?"] = Int(row.int64("n") ?? 0)
        }
        var wanted = expected.events
        wanted["dispatched", default: 0] += log.tasks
        let foundSummary = found.sorted { $0.key < $1.key }.map { "\(Format.grouped($0.value)) \($0.key)" }
            .joined(separator: ", ")
        check(found == wanted, "(e) ResponseService: the events after the clock move are the load's "
            + "\(Format.grouped(log.tasks)) dispatched and \(expected.eventSummary): found \(foundSummary)")
        for (what, sql, expected) in [
            ("tasks = the crowd's + the load's", "SELECT COUNT(*) FROM tasks", Int64(tasks + log.tasks)),
            ("no due item set aside", "SELECT COUNT(*) FROM due_work WHERE failed IS NOT NULL", 0),
            ("no dead letters", "SELECT COUNT(*) FROM dead_letters", 0),
        ] {
            let count = try db.queryFirst(sql)?.int64(0) ?? -1
            check(count == expected, "(e) ResponseService: \(what): \(Format.grouped(Int(count)))")
        }
    }

    /// Due work armed in a (running) service's database at `instant` by kind, and how much is
    /// armed before it; read through a connection of the bench's own.
    static func dueWorkAt(_ instant: Date, in path: String) throws -> (taskChecks: Int, levelDeadlines: Int, earlier: Int) {
        let db = try Database(path: path, readOnly: true)
        defer { db.close() }
        let at = Self.milliseconds(instant)
        var counts: [String: Int] = [:]
        for row in try db.query("SELECT kind, COUNT(*) AS n FROM due_work WHERE failed IS NULL AND at = ? GROUP BY kind", [at]) {
            counts[row.string("kind") ?? "?"] = Int(row.int64("n") ?? 0)
        }
        let earlier = try db.queryFirst("SELECT COUNT(*) FROM due_work WHERE failed IS NULL AND at < ?", [at])?.int64(0) ?? -1
        return (counts[DueWork.Kind.taskClock.rawValue] ?? 0, counts[DueWork.Kind.levelDeadline.rawValue] ?? 0, Int(earlier))
    }

    /// A time as `due_work.at` holds it: whole milliseconds since 1970, rounded to the nearest.
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    static func megabytes(_ kilobytes: Int) -> String { String(format: "%.1f MiB", Double(kilobytes) / 1024) }

    static func times(_ ratio: Double) -> String { String(format: "%.2f ×", ratio) }

    /// "1M", "100k".
    static func short(_ count: Int) -> String {
        count % 1_000_000 == 0 ? "\(count / 1_000_000)M" : count % 1_000 == 0 ? "\(count / 1_000)k" : Format.grouped(count)
    }
}

/// Moves a test-clock service forward from a thread and a ZeroMQ context of its own (as another
/// process would), while the bench's thread keeps its load going: sends a clock move, times
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
    private let request: Data
    private let key: String
    private let leadIn: TimeInterval
    private let processes: [(name: String, pid: Int32)]
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<Outcome, any Error> = .failure(BenchError("the clock mover did not run"))

    /// `request` is the `clock.advance` or `clock.set` to send, `key` its key.
    init(response: String, evaluation: String, request: Data, key: String, leadIn: TimeInterval,
         processes: [(name: String, pid: Int32)]) {
        self.response = response
        self.evaluation = evaluation
        self.request = request
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
        Thread.sleep(forTimeInterval: leadIn)
        guard let firedBefore = try response.status(timeout: 60)?.counters["dueFired"] else {
            throw BenchError("ResponseService did not answer status")
        }
        let cpu = CPUAccount(processes)
        let sentAt = Monotonic.now()
        guard let reply = try response.exchange(request, key: key, timeout: 1_800) else {
            throw BenchError("no reply to the clock move within 1,800 s")
        }
        let repliedAt = Monotonic.now()
        let usage = cpu.summary()
        guard reply.head.status == .ok else {
            throw BenchError("clock move refused: \(String(decoding: reply.bytes, as: UTF8.self))")
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
