import Foundation
import ZeroMQ

/// One thread's poll loop: sockets and file descriptors with their handlers, and periodic timers.
/// Every socket it polls is owned by the thread that runs it.
public final class EventLoop {
    private var items: [ZMQPollItem] = []
    private var handlers: [() throws -> Void] = []
    private var timers: [Timer] = []
    private var stopping = false

    private struct Timer {
        var interval: TimeInterval
        var next: Date
        var action: () throws -> Void
    }

    public init() {}

    /// Calls `handler` whenever `socket` has a message to read.
    public func watch(_ socket: ZMQSocket, _ handler: @escaping () throws -> Void) {
        items.append(.socket(socket))
        handlers.append(handler)
    }

    /// Calls `handler` whenever `fileDescriptor` is readable.
    public func watch(fileDescriptor: Int32, _ handler: @escaping () throws -> Void) {
        items.append(.fileDescriptor(fileDescriptor))
        handlers.append(handler)
    }

    /// Calls `action` every `milliseconds` (monotonic enough for heartbeats and retries).
    public func every(milliseconds: Int, _ action: @escaping () throws -> Void) {
        let interval = TimeInterval(milliseconds) / 1000
        timers.append(Timer(interval: interval, next: Date().addingTimeInterval(interval), action: action))
    }

    /// Ends `run()` after the current round.
    public func stop() { stopping = true }

    /// Polls until `stop()`. A handler that throws ends the loop with that error.
    public func run() throws {
        while !stopping {
            let now = Date()
            let nextTimer = timers.map(\.next).min() ?? now.addingTimeInterval(1)
            let timeout = max(0, min(1000, Int((nextTimer.timeIntervalSince(now) * 1000).rounded(.up))))
            let ready = try ZMQPoller.poll(items, timeoutMilliseconds: timeout)
            for (index, isReady) in ready.enumerated() where isReady && !stopping {
                try handlers[index]()
            }
            let after = Date()
            for index in timers.indices where timers[index].next <= after && !stopping {
                timers[index].next = after.addingTimeInterval(timers[index].interval)
                try timers[index].action()
            }
        }
    }
}

@available(*, unavailable)
extension EventLoop: Sendable {}
