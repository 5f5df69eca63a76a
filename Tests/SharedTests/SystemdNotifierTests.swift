import Foundation
import Glibc
import GridRuntime
import Testing

/// The notifier against a real datagram socket, as systemd listens on one for `Type=notify`.
struct SystemdNotifierTests {
    enum Address: String, CaseIterable {
        /// `@name`: an abstract socket, as systemd usually passes it.
        case abstract
        /// A socket file in the file system.
        case path
    }

    @Test(arguments: Address.allCases)
    func readyStoppingAndWatchdogArriveInOrder(address: Address) throws {
        let name = "gridplus-notify-\(UUID().uuidString.prefix(8))"
        let listener = try NotifySocket(address == .abstract
            ? "@\(name)" : FileManager.default.temporaryDirectory.appendingPathComponent(name).path)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])
        notifier.ready()
        notifier.watchdog()
        notifier.stopping()
        #expect(listener.receive() == "READY=1")
        #expect(listener.receive() == "WATCHDOG=1")
        #expect(listener.receive() == "STOPPING=1")
        #expect(listener.pending() == nil, "one datagram per call")
    }

    @Test func theWatchdogIntervalIsHalfThePeriodSystemdAsksFor() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "@unused", "WATCHDOG_USEC": "30000000"])
        #expect(notifier.watchdogInterval == 15)
        #expect(SystemdNotifier(environment: [:]).watchdogInterval == nil)
    }
}

/// A bound `AF_UNIX` datagram socket standing in for systemd's notification socket; `@` starts an
/// abstract name. It owns the descriptor (and the socket file, if any) and frees them in `deinit`.
final class NotifySocket {
    /// As `NOTIFY_SOCKET` spells it.
    let address: String
    private let descriptor: Int32

    struct Failure: Error, CustomStringConvertible {
        var call: String
        var code: Int32
        var description: String { "\(call) failed: errno \(code)" }
    }

    init(_ address: String) throws(Failure) {
        self.address = address
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(call: "socket", code: errno) }
        // Bounded: a message that never comes fails the test after five seconds instead of hanging it.
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        guard setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size)) == 0 else {
            let code = errno
            close(descriptor)
            throw Failure(call: "setsockopt", code: code)
        }
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        // Abstract: a NUL, then the name, counted exactly; a file: the path and its NUL.
        let bytes = address.hasPrefix("@") ? [0] + Array(address.utf8.dropFirst()) : Array(address.utf8) + [0]
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            let code = errno
            close(descriptor)
            throw Failure(call: "bind", code: code)
        }
    }

    deinit {
        close(descriptor)
        if !address.hasPrefix("@") { unlink(address) }
    }

    /// The next datagram, waiting at most the receive timeout; nil if none came.
    func receive() -> String? { read(flags: 0) }

    /// A datagram already queued, without waiting (a local datagram is queued before `sendto` returns).
    func pending() -> String? { read(flags: Int32(MSG_DONTWAIT)) }

    private func read(flags: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, flags) }
            if count >= 0 { return String(decoding: buffer[..<count], as: UTF8.self) }
            if errno != EINTR { return nil }
        }
    }
}
