import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bound `AF_UNIX` datagram socket on an abstract name, standing in for systemd's notification
/// socket: a service started with `NOTIFY_SOCKET=@name` sends `READY=1` to it once it serves
/// (phase e times a start from launch to that datagram). It owns the descriptor.
final class NotifyListener {
    /// As `NOTIFY_SOCKET` spells it: `@name`.
    let address: String
    private let descriptor: Int32

    init(abstractName name: String) throws {
        address = "@\(name)"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw BenchError("socket(AF_UNIX, SOCK_DGRAM) failed: errno \(errno)") }
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        // Abstract: a NUL, then the name, counted exactly.
        let bytes = [UInt8(0)] + Array(name.utf8)
        guard bytes.count <= MemoryLayout.size(ofValue: socketAddress.sun_path) else {
            close(descriptor)
            throw BenchError("notify socket name too long: \(name)")
        }
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            let code = errno
            close(descriptor)
            throw BenchError("bind(\(address)) failed: errno \(code)")
        }
    }

    deinit { close(descriptor) }

    /// The monotonic time at which a datagram holding the line `message` arrived; nil after
    /// `timeout`, or as soon as `alive` says the sender is gone.
    func await(_ message: String, timeout: TimeInterval, alive: () -> Bool) -> UInt64? {
        let deadline = Monotonic.now() + UInt64(timeout * 1e9)
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while Monotonic.now() < deadline {
            var item = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&item, 1, 100)
            guard ready > 0 else {
                if ready == 0, !alive() { return nil }
                continue
            }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            let at = Monotonic.now()
            guard count > 0 else { continue }
            // One datagram may carry several assignments, one a line (sd_notify's format).
            if String(decoding: buffer[..<count], as: UTF8.self).split(separator: "\n").contains(Substring(message)) {
                return at
            }
        }
        return nil
    }
}

/// Resident memory of a process, from `/proc/PID/status`.
enum ProcessMemory {
    /// `VmRSS` (resident now) and `VmHWM` (the peak so far), in kB.
    static func kilobytes(pid: Int32) -> (resident: Int, peak: Int)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func field(_ name: String) -> Int? {
            text.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                .flatMap { $0.dropFirst(name.count + 1).split(whereSeparator: \.isWhitespace).first }.flatMap { Int($0) }
        }
        guard let resident = field("VmRSS"), let peak = field("VmHWM") else { return nil }
        return (resident, peak)
    }
}
