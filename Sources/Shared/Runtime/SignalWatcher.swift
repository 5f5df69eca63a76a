import Foundation
import Dispatch

/// Turns signals (SIGINT, SIGTERM and SIGHUP for a service) into a readable file descriptor, so
/// the poll loop wakes on them.
/// The signals are blocked until every Dispatch source is registered, then unblocked: one that
/// arrives in between waits, pending, instead of killing the process or vanishing.
public final class SignalWatcher {
    /// Poll this for readability; readable means a signal came.
    public let fileDescriptor: Int32
    private let writeEnd: Int32
    private var sources: [any DispatchSourceSignal] = []
    public private(set) var received: Int32?

    public init(signals: [Int32] = [SIGINT, SIGTERM]) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        fileDescriptor = fds[0]
        writeEnd = fds[1]
        _ = fcntl(fileDescriptor, F_SETFL, O_NONBLOCK)
        let writeEnd = self.writeEnd
        // Held (blocked) while the sources register: a signal that comes meanwhile stays pending
        // instead of killing the process or being dropped, and is delivered once they listen.
        Self.hold(signals)
        let registered = DispatchSemaphore(value: 0)
        for number in signals {
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(writeEnd, &byte, 1)
            }
            source.setRegistrationHandler { registered.signal() }
            source.resume()
            sources.append(source)
        }
        for _ in signals { registered.wait() }
        Self.mask(signals, SIG_UNBLOCK)
    }

    /// Blocks `signals` so they stay pending until a watcher listens; a service calls this first
    /// thing, so a stop asked for during start-up is not lost. Also undoes nothing a parent did:
    /// the watcher unblocks them whatever mask the process was started with.
    public static func hold(_ signals: [Int32] = [SIGINT, SIGTERM]) {
        mask(signals, SIG_BLOCK)
    }

    private static func mask(_ signals: [Int32], _ how: Int32) {
        var set = sigset_t()
        sigemptyset(&set)
        for number in signals { sigaddset(&set, number) }
        pthread_sigmask(how, &set, nil)
    }

    /// Reads what the signals wrote; returns every signal number read, in order.
    @discardableResult
    public func drain() -> [Int32] {
        var byte: UInt8 = 0
        var numbers: [Int32] = []
        while read(fileDescriptor, &byte, 1) == 1 {
            received = Int32(byte)
            numbers.append(Int32(byte))
        }
        return numbers
    }

    deinit {
        sources.forEach { $0.cancel() }
        close(fileDescriptor)
        close(writeEnd)
    }
}

@available(*, unavailable)
extension SignalWatcher: Sendable {}
