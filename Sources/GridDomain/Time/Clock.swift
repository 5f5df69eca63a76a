import Foundation

/// Where every service takes the current time from, so tests can move time.
/// (Named `WallClock` because the standard library already has a `Clock`.)
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The real time of the machine.
public struct SystemWallClock: WallClock {
    public init() {}

    public func now() -> Date { Date() }
}

/// A clock that moves only when told to: for tests and for a service started with the test flag.
public final class ManualWallClock: WallClock, @unchecked Sendable {
    // @unchecked Sendable is safe: the only mutable state, `current`, is read and written only while
    // holding `lock`, so any number of threads may share one instance.
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) {
        current = start
    }

    public func now() -> Date {
        lock.withLock { current }
    }

    public func set(_ date: Date) {
        lock.withLock { current = date }
    }

    public func advance(by seconds: TimeInterval) {
        lock.withLock { current += seconds }
    }
}
