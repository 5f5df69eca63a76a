import Dispatch
import ZeroMQ

/// One thread's poll loop: sockets and file descriptors with their handlers, and periodic timers.
/// Every socket it polls is owned by the thread that runs it.
public final class EventLoop {
    private var items: [ZMQPollItem] = []
    private var handlers: [() throws -> Void] = []
    private var timers: [Timer] = []
    private var roundEnds: [() throws -> Void] = []
    private var dueSources: [(delay: () -> Int?, action: () throws -> Void)] = []
    private var stopping = false

    /// Timers run on the monotonic clock, so a wall-clock step (NTP, an operator) cannot stall them.
    private struct Timer {
        var interval: UInt64
        var next: UInt64
        var action: () throws -> Void
    }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

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

    /// Calls `action` every `milliseconds`.
    public func every(milliseconds: Int, _ action: @escaping () throws -> Void) {
        let interval = UInt64(max(1, milliseconds)) * 1_000_000
        timers.append(Timer(interval: interval, next: Self.now() + interval, action: action))
    }

    /// Calls `action` whenever `delay` — milliseconds until it is wanted, nil for not at all —
    /// says 0, and never sleeps in a poll past that.
    public func whenDue(_ delay: @escaping () -> Int?, _ action: @escaping () throws -> Void) {
        dueSources.append((delay, action))
    }

    /// Calls `action` at the end of every round, after the handlers and timers that were due.
    public func afterEachRound(_ action: @escaping () throws -> Void) {
        roundEnds.append(action)
    }

    /// Whether a watched socket or descriptor has something to read now (a poll that does not
    /// wait): long work in a handler asks it to know when to step aside. A failed poll answers true,
    /// so that the loop itself meets the failure.
    public func hasInput() -> Bool {
        (try? ZMQPoller.poll(items, timeoutMilliseconds: 0).contains(true)) ?? true
    }

    /// Ends `run()` after the current round.
    public func stop() { stopping = true }

    /// Polls until `stop()`. A handler that throws ends the loop with that error.
    public func run() throws {
        while !stopping {
            let now = Self.now()
            let nextTimer = timers.map(\.next).min() ?? now + 1_000_000_000
            var timeout = nextTimer <= now ? 0 : min(1000, Int((nextTimer - now + 999_999) / 1_000_000))
            for source in dueSources { timeout = min(timeout, source.delay() ?? timeout) }
            let ready = try ZMQPoller.poll(items, timeoutMilliseconds: timeout)
            for (index, isReady) in ready.enumerated() where isReady && !stopping {
                try handlers[index]()
            }
            let after = Self.now()
            for index in timers.indices where timers[index].next <= after && !stopping {
                timers[index].next = after + timers[index].interval
                try timers[index].action()
            }
            for source in dueSources where !stopping && source.delay() == 0 { try source.action() }
            for action in roundEnds where !stopping { try action() }
        }
    }
}

@available(*, unavailable)
extension EventLoop: Sendable {}
