import Foundation
import GridConfig
import GridSockets
import GridWire
import SQLite
import ZeroMQ

extension Bench {
    /// (f) ResponseService restarting over many open tasks, every clock armed and none overdue:
    /// 1. The three services, on a test clock far ahead, take in `muck-truck` whistles (a lead and
    ///    two co-departments: three tasks each) until ResponseService holds the tasks asked for,
    ///    each with its task check armed, and each whistle with its level deadline.
    /// 2. They stop. ResponseService alone restarts over that database, on the real clock (every
    ///    check decades ahead), against an empty database: exec → `READY=1`, and its resident
    ///    memory once ready and after a heartbeat; and the raw SQLite floor: opening the file and
    ///    counting its due work.
    func openTasks() throws {
        let reference = try DeploymentConfig.load(path: nil).reference
        let muck = Workload(reference: reference, only: "muck-truck")
        let perWhistle = muck.raise(0).tasks
        let whistles = (options.openTasks + perWhistle - 1) / perWhistle
        // A Tuesday in working hours, decades past the real clock of the restarts.
        let testTime = "2099-09-15T09:00:00+08:00"
        report.section("(f) Open tasks: \(Format.grouped(whistles)) muck-truck whistles (lead + \(perWhistle - 1) co: "
            + "\(Format.grouped(whistles * perWhistle)) tasks) through the three services on a test clock at \(testTime); "
            + "then ResponseService alone restarts over them on the real clock, against an empty database, "
            + "\(options.openTaskStarts) starts of each, alternating")

        let built = try BenchCluster(directory: scratch.appendingPathComponent("open-tasks"),
                                     name: "\(scratch.lastPathComponent)-f", binDirectory: services)
        let figures = try buildOpenTasks(in: built, workload: muck, whistles: whistles, testTime: testTime)
        built.extraArguments = []

        // The floor: the raw SQLite wrapper opens the stopped database and runs the two queries the
        // store runs over due work at every start (the earliest due time, and the counts: a scan of
        // every row); then, once, the open tasks and the items by kind.
        func countArmed() throws -> (armed: Int64, seconds: Double) {
            let start = Monotonic.now()
            let db = try Database(path: built.database(.response))
            defer { db.close() }
            _ = try db.queryFirst("SELECT MIN(at) FROM due_work WHERE failed IS NULL")
            let armed = try db.queryFirst("SELECT COUNT(*) - COUNT(failed) AS armed, COUNT(failed) AS failed FROM due_work")?
                .int64("armed") ?? -1
            return (armed, Monotonic.seconds(since: start))
        }
        let first = try countArmed()
        let armedInFile = first.armed
        let db = try Database(path: built.database(.response))
        let openInFile = try db.queryFirst("SELECT COUNT(*) FROM tasks WHERE state IN ('dispatched', 'signed')")?.int64(0) ?? -1
        let earliest = try db.queryFirst("SELECT MIN(at) FROM due_work WHERE failed IS NULL")?.int64(0) ?? 0
        let byKind = try db.query("SELECT kind, COUNT(*) AS n FROM due_work GROUP BY kind ORDER BY kind")
            .map { "\(Format.grouped(Int($0.int64("n") ?? 0))) \($0.string("kind") ?? "?")" }
        db.close()
        let nowMilliseconds = Self.milliseconds(Date())
        report.line("  raw SQLite, first open + the store's due-work queries after the stop: \(Format.ms(first.seconds * 1000)); "
            + "\(byKind.joined(separator: ", ")); \(Format.grouped(Int(openInFile))) open tasks; earliest check "
            + "\(Timestamp.format(Date(timeIntervalSince1970: Double(earliest) / 1000))), "
            + "\(String(format: "%.0f", Double(earliest - nowMilliseconds) / 86_400_000 / 365.25)) years ahead of the real clock")
        check(openInFile == Int64(figures.tasks), "(f) every task open in the stopped database: \(Format.grouped(Int(openInFile))) "
            + "= \(Format.grouped(figures.tasks))")
        check(armedInFile == Int64(figures.tasks + whistles), "(f) a check per task and a level deadline per whistle armed: "
            + "\(Format.grouped(Int(armedInFile))) = \(Format.grouped(figures.tasks)) + \(Format.grouped(whistles))")
        check(earliest > nowMilliseconds, "(f) nothing overdue: the earliest check is after the real clock")

        // The same restart over an empty database: its first start makes the tables, unmeasured.
        let empty = try BenchCluster(directory: scratch.appendingPathComponent("open-tasks-empty"),
                                     name: "\(scratch.lastPathComponent)-fe", binDirectory: services)
        _ = try restartAlone(empty, label: "empty-first", armed: 0, head: 0)
        var restarts: [String: [RestartFigures]] = [:]
        var floors: [Double] = []
        for round in 1...options.openTaskStarts {
            let floor = try countArmed()
            floors.append(floor.seconds)
            report.line("  round \(round), raw SQLite: open + the store's due-work queries (\(Format.grouped(Int(floor.armed))) armed) in "
                + "\(Format.ms(floor.seconds * 1000))")
            for (label, folder, armed, head) in [("empty", empty, 0, 0), ("open", built, Int(armedInFile), figures.tasks)] {
                let figure = try restartAlone(folder, label: "\(label)-\(round)", armed: armed, head: head)
                restarts[label, default: []].append(figure)
                report.line("  start \(round), \(label == "open" ? "\(Self.short(figures.tasks)) open tasks" : "empty"): "
                    + "READY=1 after \(Format.ms(figure.seconds * 1000)); once ready VmRSS \(Self.decimalMB(figure.ready.resident)), "
                    + "VmHWM \(Self.decimalMB(figure.ready.peak)); after a heartbeat (\(Format.ms(figure.heartbeatSeconds * 1000)) "
                    + "after READY) and a status: VmRSS \(Self.decimalMB(figure.afterHeartbeat.resident)), "
                    + "VmHWM \(Self.decimalMB(figure.afterHeartbeat.peak)); dueArmed \(Format.grouped(figure.dueArmed))")
            }
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        guard let emptyStarts = restarts["empty"], let openStarts = restarts["open"] else { return }
        let ready = (open: median(openStarts.map(\.seconds)), empty: median(emptyStarts.map(\.seconds)))
        let floorSeconds = median(floors)
        let peak = (open: median(openStarts.map { Double($0.afterHeartbeat.peak) }),
                    empty: median(emptyStarts.map { Double($0.afterHeartbeat.peak) }))
        let resident = (open: median(openStarts.map { Double($0.afterHeartbeat.resident) }),
                        empty: median(emptyStarts.map { Double($0.afterHeartbeat.resident) }))
        let readyMet = ready.open <= 5
        let peakMet = Double(Int(peak.open) * 1024) <= 500e6
        report.line("  median of \(options.openTaskStarts): READY=1 after \(Format.ms(ready.open * 1000)) over "
            + "\(Format.grouped(figures.tasks)) open tasks vs \(Format.ms(ready.empty * 1000)) empty (\(Self.times(ready.open / ready.empty))), "
            + "\(Self.times(ready.open / floorSeconds)) the raw open + queries (\(Format.ms(floorSeconds * 1000))); limit 5 s: "
            + "\(Format.verdict(readyMet)) (\(String(format: "%.1f %%", 100 * ready.open / 5)) of it)")
        report.line("  peak resident memory (VmHWM) after a heartbeat: \(Self.decimalMB(Int(peak.open))) vs "
            + "\(Self.decimalMB(Int(peak.empty))) empty (\(Self.times(peak.open / peak.empty))); limit 500 MB: \(Format.verdict(peakMet)) "
            + "(\(String(format: "%.1f %%", Double(Int(peak.open) * 1024) / 5e6)) of it); VmRSS \(Self.decimalMB(Int(resident.open))) "
            + "vs \(Self.decimalMB(Int(resident.empty)))")
        report.add("(f) \(Self.short(figures.tasks)) open tasks made through the services",
                   "\(Format.seconds(figures.appliedSeconds)) (\(Format.rate(Double(whistles) / figures.appliedSeconds, "whistles")))",
                   baseline: "\(Format.ratio(Double(whistles) / figures.appliedSeconds / sqliteBatched.rate)) of A/\(options.batchSize)")
        report.add("(f) restart over \(Self.short(figures.tasks)) open tasks: exec → READY=1", Format.ms(ready.open * 1000),
                   baseline: "\(Self.times(ready.open / ready.empty)) empty database (\(Format.ms(ready.empty * 1000))); "
                       + "\(Self.times(ready.open / floorSeconds)) raw SQLite open + queries (\(Format.ms(floorSeconds * 1000)))",
                   target: "≤ 5 s: \(Format.verdict(readyMet))")
        report.add("(f) restart over \(Self.short(figures.tasks)) open tasks: VmHWM after a heartbeat", Self.decimalMB(Int(peak.open)),
                   baseline: "\(Self.times(peak.open / peak.empty)) empty database (\(Self.decimalMB(Int(peak.empty))))",
                   target: "≤ 500 MB: \(Format.verdict(peakMet))")
        report.add("(f) restart over \(Self.short(figures.tasks)) open tasks: VmRSS after a heartbeat", Self.decimalMB(Int(resident.open)),
                   baseline: "\(Self.times(resident.open / resident.empty)) empty database (\(Self.decimalMB(Int(resident.empty))))")
    }

    /// What making the open tasks took.
    private struct BuildFigures {
        var tasks: Int
        var acknowledgedSeconds: Double
        var appliedSeconds: Double
    }

    /// Raises `whistles` through the three services of `built` on a test clock, in chunks, waits
    /// until everything is applied, checks what ResponseService holds, and stops the services.
    private func buildOpenTasks(in built: BenchCluster, workload: Workload, whistles: Int,
                                testTime: String) throws -> BuildFigures {
        built.extraArguments = ["--test-clock", testTime]
        try built.start()
        let restore = try switchTo(built)
        defer { restore() }
        let before = try waitUntilApplied(timeout: 30)
        let cpu = cpuAccount()
        let start = Monotonic.now()
        var sent = 0
        var outcome = PipelinedClients.Outcome()
        let chunk = 50_000
        while sent < whistles {
            let count = min(chunk, whistles - sent)
            // Encoded before each chunk is sent: its clock does not run meanwhile, the phase's does.
            let requests = try (sent..<sent + count).map { try workload.request("f", $0) }
            let part = try pipelined.run(requests, sockets: sockets)
            outcome.ok += part.ok
            outcome.tasks += part.tasks
            outcome.seconds += part.seconds
            outcome.refusals.merge(part.refusals, uniquingKeysWith: +)
            outcome.firstRefusal = outcome.firstRefusal ?? part.firstRefusal
            sent += count
            let heads = try heads()
            report.line("    … \(Format.seconds(Monotonic.seconds(since: start))): \(Format.grouped(sent)) sent, "
                + "this chunk acknowledged at \(Format.rate(part.perSecond, "whistles")); ResponseService head "
                + "\(Format.grouped(Int(heads.response.head))), EvaluationService applied response "
                + "\(Format.grouped(Int(heads.evaluation.consumed["response"]?.last ?? -1)))")
        }
        let acknowledged = Monotonic.seconds(since: start)
        check(outcome.ok == whistles, "(f) every raise ok (\(Format.grouped(outcome.ok)) of \(Format.grouped(whistles)))"
            + (outcome.refusals.isEmpty ? "" : "; refusals \(outcome.refusals), first: \(outcome.firstRefusal ?? "")"))
        let after = try waitUntilApplied(responseHead: before.response.head + Int64(outcome.tasks), timeout: 3_600, progress: true)
        let applied = Monotonic.seconds(since: start)
        report.line("  \(cpu.summary())")
        report.line("  per whistle, intake and applying: \(cpu.perItem(outcome.ok))")
        report.line("  \(replays(from: before, to: after))")
        report.line("  \(applyBatches(from: before, to: after))")
        report.line("  \(Format.grouped(outcome.ok)) acknowledged in \(Format.seconds(acknowledged)) "
            + "(\(Format.rate(Double(outcome.ok) / acknowledged, "whistles"))), \(Format.grouped(outcome.tasks)) tasks "
            + "dispatched and applied everywhere in \(Format.seconds(applied)) (\(Format.rate(Double(outcome.ok) / applied, "whistles")))")
        let armed = after.response.counters["dueArmed"] ?? -1
        check(after.response.head == before.response.head + Int64(outcome.tasks) && armed == Int64(outcome.tasks + outcome.ok)
                && grown("dueFired", from: before.response, to: after.response) == 0,
              "(f) ResponseService dispatched every task (head \(Format.grouped(Int(after.response.head)))), armed a check per "
                + "task and a level deadline per whistle (dueArmed \(Format.grouped(Int(armed)))), fired nothing")
        checkHealthy(after)
        requesters.removeAll()
        for (service, status) in built.stop() {
            check(status == 0, "(f) \(service.rawValue) exits 0 on SIGTERM (\(status.map { "exit \($0)" } ?? "had to be killed"))")
        }
        let bytes = ["", "-wal"].compactMap {
            (try? FileManager.default.attributesOfItem(atPath: built.database(.response) + $0)[.size] as? Int) ?? 0
        }.reduce(0, +)
        report.line("  response.sqlite: \(String(format: "%.0f MB", Double(bytes) / 1e6))")
        return BuildFigures(tasks: outcome.tasks, acknowledgedSeconds: acknowledged, appliedSeconds: applied)
    }

    /// What one restart of ResponseService alone measured.
    private struct RestartFigures {
        var seconds: Double
        var ready: (resident: Int, peak: Int)
        /// After the first heartbeat published once ready, and a `status` query.
        var afterHeartbeat: (resident: Int, peak: Int)
        var heartbeatSeconds: Double
        var dueArmed: Int
    }

    /// Starts ResponseService alone over `cluster`'s folder with NOTIFY_SOCKET on a socket of the
    /// bench's: launch → READY=1, memory once ready, then after a heartbeat and a `status` (which
    /// must show `armed` items and `head`); then SIGTERM, which it must answer with exit 0.
    private func restartAlone(_ cluster: BenchCluster, label: String, armed: Int, head: Int) throws -> RestartFigures {
        let listener = try NotifyListener(abstractName: "\(scratch.lastPathComponent)-f-notify-\(label)")
        let heartbeats = try sockets.socket(.watcher)
        defer { heartbeats.close() }
        try heartbeats.subscribe(Topic.status(.response))
        try heartbeats.connect(cluster.pub(.response))
        try cluster.start([.response], environment: ["NOTIFY_SOCKET": listener.address])
        guard let pid = cluster.pid(.response), let launched = cluster.launchedAt[.response],
              let readyAt = listener.await("READY=1", timeout: 600, alive: { cluster.isRunning(.response) }) else {
            let status = cluster.stop()
            throw BenchError("ResponseService (\(label)) sent no READY=1 "
                + "(\(status.first?.1.map { "exit \($0)" } ?? "killed")): \(cluster.logTail(.response))")
        }
        let ready = ProcessMemory.kilobytes(pid: pid) ?? (0, 0)
        // A heartbeat produced after READY=1: whatever was queued before is dropped first.
        while try heartbeats.receive(dontWait: true) != nil {}
        var heartbeatAt: UInt64?
        while heartbeatAt == nil, Monotonic.seconds(since: readyAt) < 30 {
            if try ZMQPoller.poll([.socket(heartbeats)], timeoutMilliseconds: 100)[0], try heartbeats.receive(dontWait: true) != nil {
                heartbeatAt = Monotonic.now()
            }
        }
        let requester = try Requester(sockets, cluster.router(.response))
        let status = try requester.status(timeout: 60)
        let after = ProcessMemory.kilobytes(pid: pid) ?? (0, 0)
        let exit = cluster.stop().first?.1
        check(heartbeatAt != nil && status?.counters["dueArmed"] == Int64(armed) && status?.head == Int64(head)
                && status?.state == .ok && exit == 0,
              "(f) ResponseService (\(label)): ready, a heartbeat, dueArmed \(status?.counters["dueArmed"].map { Format.grouped(Int($0)) } ?? "?") "
                + "= \(Format.grouped(armed)), head \(status.map { Format.grouped(Int($0.head)) } ?? "?"), "
                + "exit \(exit.map(String.init) ?? "killed") on SIGTERM")
        return RestartFigures(seconds: Double(readyAt - launched) / 1e9, ready: ready, afterHeartbeat: after,
                              heartbeatSeconds: Double((heartbeatAt ?? readyAt) - readyAt) / 1e9,
                              dueArmed: Int(status?.counters["dueArmed"] ?? -1))
    }

    /// kB of /proc (KiB) as decimal megabytes, the unit of the 500 MB limit.
    static func decimalMB(_ kilobytes: Int) -> String { String(format: "%.1f MB", Double(kilobytes) * 1024 / 1e6) }
}
