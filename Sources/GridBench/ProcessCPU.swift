import Foundation

/// CPU time of processes, and time their threads spent ready but waiting for a core, read from
/// /proc: which process used the two cores during a phase, and how much they queued for them.
struct CPUAccount {
    /// (name, pid), the bench itself included.
    let processes: [(name: String, pid: Int32)]
    private let start: [Usage]
    private let machineStart = Self.machineBusy()
    private let startedAt = Monotonic.now()

    struct Usage {
        /// utime + stime of all threads, seconds.
        var cpu = 0.0
        /// stime alone: the kernel's share of `cpu` (syscalls, wakeups, page cache), seconds.
        var system = 0.0
        /// Times a thread was put on a core, summed over the threads: each is a wakeup or a preemption.
        var slices = 0.0
        /// Time runnable but not running, summed over the threads, seconds.
        var queued = 0.0
    }

    init(_ processes: [(name: String, pid: Int32)]) {
        self.processes = processes
        start = processes.map { Self.usage(pid: $0.pid) }
    }

    /// "cpu: WhistleService 3.10 s (62%) +0.40 s queued · … · total 180% of one core over 5.00 s (2 cores)".
    func summary() -> String {
        let wall = Monotonic.seconds(since: startedAt)
        var total = 0.0
        var parts: [String] = []
        for (index, process) in processes.enumerated() {
            let now = Self.usage(pid: process.pid)
            let cpu = now.cpu - start[index].cpu
            total += cpu
            parts.append("\(process.name) " + String(format: "%.2f s (%.0f%%) +%.2f s queued", cpu, 100 * cpu / wall,
                                                     now.queued - start[index].queued))
        }
        // Whatever else ran on the machine meanwhile (a build, a test run) took cores from the figures.
        let others = max(0, Self.machineBusy() - machineStart - total)
        return "cpu: " + parts.joined(separator: " · ")
            + String(format: " · total %.0f%% of one core over %.2f s (%d cores); other processes %.0f%%",
                     100 * total / wall, wall, ProcessInfo.processInfo.activeProcessorCount, 100 * others / wall)
    }

    /// "WhistleService 185 µs (60 in the kernel, 2.1 runs) · …": CPU per item over the phase so far,
    /// the kernel's part of it, and how many times per item the process's threads were put on a core.
    func perItem(_ count: Int) -> String {
        let items = Double(max(1, count))
        return zip(processes, start).map { process, start in
            let now = Self.usage(pid: process.pid)
            return "\(process.name) " + String(format: "%.0f µs (%.0f in the kernel, %.1f runs)",
                                               (now.cpu - start.cpu) * 1e6 / items,
                                               (now.system - start.system) * 1e6 / items,
                                               (now.slices - start.slices) / items)
        }.joined(separator: " · ") + " of CPU"
    }

    /// Seconds of CPU the whole machine has spent not idle, from the first line of /proc/stat.
    static func machineBusy() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first else { return 0 }
        // cpu user nice system idle iowait irq softirq steal …
        let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count >= 8 else { return 0 }
        let busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]
        return busy / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func usage(pid: Int32) -> Usage {
        var usage = Usage()
        // Fields 14 and 15 of /proc/PID/stat (utime, stime) count every thread of the process.
        if let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
           let close = text.lastIndex(of: ")") {
            // After "pid (comm)" come the fields from 3 (state) on.
            let fields = text[text.index(after: close)...].split(separator: " ")
            if fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) {
                usage.cpu = (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
                usage.system = system / Double(sysconf(Int32(_SC_CLK_TCK)))
            }
        }
        // /proc/PID/task/TID/schedstat: ns on a cpu, ns waiting on a run queue, timeslices.
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        for task in tasks {
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/schedstat", encoding: .utf8) else { continue }
            let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
            if fields.count > 2, let queued = Double(fields[1]), let slices = Double(fields[2]) {
                usage.queued += queued / 1e9
                usage.slices += slices
            }
        }
        return usage
    }
}
