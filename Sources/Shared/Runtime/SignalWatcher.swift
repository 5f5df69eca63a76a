import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a readable file descriptor, so the poll loop wakes on them.
/// The signals are ignored first and the Dispatch sources registered before anything relies on
/// them: a signal arriving before its source would otherwise kill the process.
public final class SignalWatcher {
    /// Poll this for readability; readable means a stop was asked for.
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
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(writeEnd, &byte, 1)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Reads what the signals wrote; returns the last signal number, if any.
    @discardableResult
    public func drain() -> Int32? {
        var byte: UInt8 = 0
        while read(fileDescriptor, &byte, 1) == 1 { received = Int32(byte) }
        return received
    }

    deinit {
        sources.forEach { $0.cancel() }
        close(fileDescriptor)
        close(writeEnd)
    }
}

@available(*, unavailable)
extension SignalWatcher: Sendable {}
