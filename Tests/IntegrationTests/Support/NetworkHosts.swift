import Foundation
import GridConfig
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Hosts for one test: a network namespace for each service and one for the clients, each with a
/// veth pair whose other end is a port of a bridge in a namespace of its own (the switch). Cutting
/// a host sets its switch port down, as a pulled cable would; healing sets it up again.
///
/// Names are `gpn<pid in base 36><tag><host>`, at most 15 characters, so they are unique per run
/// and a later run can tell an earlier run's leftovers (their process is gone) and remove them.
/// Everything is removed by ``remove()`` (also in `deinit`): the processes still in the namespaces
/// are killed, then the namespaces, with their links and the bridge, are deleted.
final class NetworkHosts {
    enum Host: String, CaseIterable {
        case whistle = "w", response = "r", evaluation = "e", clients = "c"

        /// The host's address on the bridge.
        var address: String {
            switch self {
            case .whistle: "10.208.0.1"
            case .response: "10.208.0.2"
            case .evaluation: "10.208.0.3"
            case .clients: "10.208.0.9"
            }
        }
    }

    static let prefix = "gpn"
    private let switchLetter = "x"
    private let run: String
    private var removed = false
    /// The hosts whose cable is pulled.
    private var cutOff: Set<Host> = []

    /// Why namespaces cannot be made here, or nil when they can: they need root and iproute2's `ip`.
    static var unavailable: String? {
        if getuid() != 0 { return "network namespaces need root" }
        if ipPath == nil { return "iproute2's ip is not installed" }
        return nil
    }

    /// Whether a test that needs namespaces runs: always in CI (where their absence is a failure),
    /// elsewhere only where they can be made.
    static var mayRun: Bool { ProcessInfo.processInfo.environment["CI"] != nil || unavailable == nil }

    /// What a skipped test says: why namespaces cannot be made here, and that CI never skips.
    static var whySkipped: Comment {
        Comment(rawValue: "skipped outside CI: \(unavailable ?? "network namespaces can be made here") (CI runs it, and fails without them)")
    }

    /// Where iproute2's `ip` is, if it is installed.
    static let ipPath = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Makes the hosts; `tag` tells apart the runs of one test process.
    init(tag: Character) throws {
        if let why = Self.unavailable { throw HarnessError("cannot make test hosts: \(why)") }
        run = Self.prefix + String(getpid(), radix: 36) + String(tag)
        Self.removeLeftovers(alsoNamed: run)
        do {
            try Self.ip(["netns", "add", namespace(switchLetter)])
            try Self.ip(["-n", namespace(switchLetter), "link", "add", "br0", "type", "bridge"])
            try Self.ip(["-n", namespace(switchLetter), "link", "set", "br0", "up"])
            for host in Host.allCases { try plug(host) }
        } catch {
            remove()
            throw error
        }
    }

    /// Makes `host`'s namespace and plugs it into the switch.
    private func plug(_ host: Host) throws {
        let name = namespace(host)
        try Self.ip(["netns", "add", name])
        try Self.ip(["link", "add", name, "netns", name, "type", "veth", "peer", "name", port(host),
                     "netns", namespace(switchLetter)])
        try Self.ip(["-n", namespace(switchLetter), "link", "set", port(host), "master", "br0"])
        if !cutOff.contains(host) { try Self.ip(["-n", namespace(switchLetter), "link", "set", port(host), "up"]) }
        try Self.ip(["-n", name, "addr", "add", "\(host.address)/24", "dev", name])
        try Self.ip(["-n", name, "link", "set", name, "up"])
        try Self.ip(["-n", name, "link", "set", "lo", "up"])
    }

    deinit { remove() }

    private func namespace(_ letter: String) -> String { run + letter }
    func namespace(_ host: Host) -> String { namespace(host.rawValue) }
    /// The host's switch port: the bridge's end of its veth pair.
    private func port(_ host: Host) -> String { namespace(host) + "p" }

    /// What runs a program on `host`: `ip netns exec <namespace>`, which execs it in place, so
    /// its process id is the program's own.
    func launcher(_ host: Host) -> [String] { [Self.ipPath!, "netns", "exec", namespace(host)] }

    /// Pulls `host`'s cable: its switch port goes down, and its own end loses its carrier.
    func cut(_ host: Host) throws {
        try Self.ip(["-n", namespace(switchLetter), "link", "set", port(host), "down"])
        cutOff.insert(host)
    }

    func heal(_ host: Host) throws {
        try Self.ip(["-n", namespace(switchLetter), "link", "set", port(host), "up"])
        cutOff.remove(host)
    }

    /// Restarts `host` as a power cut would: what runs there is killed and its kernel forgets every
    /// connection, with no word to the peers (its cable stays as it was). The namespace and its
    /// veth pair are made again.
    func reboot(_ host: Host) throws {
        // The pair first: a deleted namespace lets go of its links only some time later.
        try Self.ip(["-n", namespace(switchLetter), "link", "del", port(host)])
        Self.delete([namespace(host)])
        try plug(host)
    }

    /// Runs `body` on a thread of its own that has entered `host`'s network namespace, so that the
    /// sockets it makes (and the threads those make, such as a ZeroMQ context's) are that host's.
    /// The test's other threads stay where they are.
    func thread(on host: Host, _ body: @escaping @Sendable () -> Void) throws -> HostThread {
        let fd = open("/run/netns/\(namespace(host))", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw HarnessError("cannot open \(namespace(host))'s namespace: errno \(errno)") }
        return HostThread(namespace: fd, body)
    }

    /// Kills what still runs in the namespaces and deletes them. Idempotent.
    func remove() {
        guard !removed else { return }
        removed = true
        Self.delete(Host.allCases.map(namespace) + [namespace(switchLetter)])
    }

    /// Removes the namespaces an earlier run left (its process is gone), and any of `name`'s.
    static func removeLeftovers(alsoNamed name: String? = nil) {
        guard let listed = try? ip(["netns", "list"]) else { return }
        let names = listed.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        let leftovers = names.filter { namespace in
            guard namespace.hasPrefix(prefix) else { return false }
            if let name, namespace.hasPrefix(name) { return true }
            // gpn<pid><tag><host>: the pid is what is left between the prefix and the two letters.
            guard let pid = Int32(namespace.dropFirst(prefix.count).dropLast(2), radix: 36) else { return true }
            return kill(pid, 0) != 0 && errno == ESRCH
        }
        delete(leftovers)
    }

    private static func delete(_ namespaces: [String]) {
        for namespace in namespaces {
            if let pids = try? ip(["netns", "pids", namespace]) {
                for pid in pids.split(separator: "\n").compactMap({ Int32($0) }) { kill(pid, SIGKILL) }
            }
            _ = try? ip(["netns", "del", namespace])
        }
    }

    @discardableResult
    private static func ip(_ arguments: [String]) throws -> String {
        guard let ipPath else { throw HarnessError("iproute2's ip is not installed") }
        let result = try CommandResult.run(executable: URL(fileURLWithPath: ipPath), arguments)
        guard result.status == 0 else {
            throw HarnessError("ip \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout
    }
}

/// A thread in another network namespace, running one body.
final class HostThread: @unchecked Sendable {
    // @unchecked: `failure` is written by the thread before `done` is signalled and read only after.
    private let done = DispatchSemaphore(value: 0)
    private var failure: String?

    fileprivate init(namespace fd: Int32, _ body: @escaping @Sendable () -> Void) {
        Thread.detachNewThread { [self] in
            defer { done.signal() }
            defer { close(fd) }
            // setns moves only the calling thread; a network namespace may be entered by one
            // thread of a process that has many.
            guard let setns = Self.setns, setns(fd, Self.newNetworkNamespace) == 0 else {
                failure = "setns failed: errno \(errno)"
                return
            }
            body()
        }
    }

    /// glibc's `setns`, which the Glibc module leaves out (it is a GNU extension).
    private static let setns: (@convention(c) (Int32, Int32) -> Int32)? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setns")
        .map { unsafeBitCast($0, to: (@convention(c) (Int32, Int32) -> Int32).self) }
    /// `CLONE_NEWNET`, from <sched.h>.
    private static let newNetworkNamespace: Int32 = 0x4000_0000

    /// Waits for the body to end (bounded); throws if the thread could not enter the namespace.
    func join(timeout: TimeInterval) throws -> Bool {
        guard done.wait(timeout: .now() + timeout) == .success else { return false }
        if let failure { throw HarnessError(failure) }
        return true
    }
}

extension NetworkHosts {
    /// One deployment's endpoints with each service on its own host, over TCP.
    var endpoints: Endpoints {
        func tcp(_ host: Host, _ port: Int) -> String { "tcp://\(host.address):\(port)" }
        return Endpoints(
            whistle: .init(pub: tcp(.whistle, 7101), router: tcp(.whistle, 7102), intake: tcp(.whistle, 7103)),
            response: .init(pub: tcp(.response, 7111), router: tcp(.response, 7112)),
            evaluation: .init(pub: tcp(.evaluation, 7121), router: tcp(.evaluation, 7122)))
    }
}
