import Foundation
import GridConfig
import GridSockets
import ZeroMQ

/// One run: the two baselines, then the services through phases (a) to (d) and (g), phases (e), (f),
/// (h) and (i) on services of their own, then shutdown and a check of every database. Single-threaded (but for
/// the thread that moves phase (e)'s test clock); each phase is in its own `Bench+Phase.swift`.
final class Bench {
    let options: BenchOptions
    let report = Report()
    let workload: Workload
    /// Everything the run writes: baseline databases, the cluster's configuration, data and logs.
    let scratch: URL
    /// Where the sockets that talk to the services come from, as gridctl's do.
    let sockets: SocketFactory
    /// Something that must hold did not; the run goes on measuring but exits 1 and keeps its files.
    var problems: [String] = []

    // Same-run baselines.
    var sqliteSingle: SQLiteBaseline.Result!
    var sqliteBatched: SQLiteBaseline.Result!
    var zmqIPC: ZeroMQBaseline.Result!
    var zmqTCP: ZeroMQBaseline.Result!
    var codec: CodecCost.Result!
    /// Mean size of a raise request, which baseline B sends.
    var requestBytes = 0

    // The services.
    var cluster: BenchCluster!
    var requesters: [BenchCluster.Service: Requester] = [:]
    /// Every whistle accepted and every task it dispatches, over all phases (checked in the databases).
    var acceptedWhistles = 0
    /// Upheld returns re-dispatched (改派) in phase (g): one `whistle.rerouted` event each.
    var reroutes = 0
    var expectedTasks = 0
    /// Figures of (a) and (b) that phase (e) sets its own against; nil when they did not run.
    var intakeRate: Double?
    var dispatchLatency: (p50: Double, p99: Double)?

    init(options: BenchOptions) throws {
        self.options = options
        workload = Workload(reference: try DeploymentConfig.load(path: nil).reference)
        scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("gridplus-bench-\(workload.runID)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        sockets = try SocketFactory()
    }

    /// Runs everything; returns the exit status (0 when every check held).
    func run() -> Int32 {
        let zmq = ZMQ.version
        let only = options.phases.count < 10 ? " --phases \(String(options.phases.sorted()))" : ""
        report.line("gridplus-bench\(options.quick ? " --quick" : "")\(only): \(ProcessInfo.processInfo.activeProcessorCount) cores, "
            + "libzmq \(zmq.major).\(zmq.minor).\(zmq.patch), load average \(Self.loadAverage()), scratch \(scratch.path)")
        report.line("workload: raises from \(workload.variety) of \(Workload.towns.joined(separator: "/")), one key each")
        do {
            try baselineSQLite()
            try baselineZeroMQ()
            try codecCost()
            try startServices()
        } catch {
            problems.append("cannot measure: \(error)")
            _ = cluster?.stop()
        }
        if problems.isEmpty {
            // A phase that fails is reported and the next one still runs, so one run shows all it can.
            let phases = [("a", intake), ("b", latency), ("c", storm), ("d", overhead), ("e", dueWork), ("f", openTasks),
                          ("g", redispatch), ("h", evaluations), ("i", assessment), ("j", curve)]
                .filter { options.phases.contains($0.0.first!) }.map { ("(\($0.0))", $0.1) }
                + [("shutdown", shutDownAndVerify)]
            for (name, phase) in phases {
                do {
                    try phase()
                } catch {
                    report.line("  \(name) FAILED: \(error)")
                    problems.append("\(name) did not finish: \(error)")
                }
            }
            _ = cluster.stop()
            if !problems.isEmpty {
                for service in BenchCluster.Service.allCases {
                    report.line("--- \(service.rawValue) log, last lines:\n\(cluster.logTail(service))")
                }
            }
        }
        report.printSummary()
        if problems.isEmpty {
            if options.keep {
                report.line("\nall checks held; \(scratch.path) kept (--keep)")
            } else {
                try? FileManager.default.removeItem(at: scratch)
                report.line("\nall checks held; \(scratch.path) removed")
            }
            return 0
        }
        report.line("\nPROBLEMS (files kept in \(scratch.path)):")
        problems.forEach { report.line("  - \($0)") }
        return 1
    }

    /// Records a check; a failed one becomes a problem.
    func check(_ holds: Bool, _ what: String) {
        report.line("  check: \(what): \(holds ? "yes" : "NO")")
        if !holds { problems.append(what) }
    }

    /// The machine's 1, 5 and 15 minute load averages: a busy machine gives lower figures.
    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// Where every cluster's services are launched from: `--services`, or this program's folder.
    var services: URL {
        options.services.map { URL(fileURLWithPath: $0) } ?? BenchCluster.ownFolder
    }

    /// CPU accounting for the services and the bench itself.
    func cpuAccount() -> CPUAccount {
        CPUAccount((cluster?.pids ?? []) + [("bench", getpid())])
    }
}
