/// Keeps a line that repeats for one subject (a refused key reconnects every 100 ms) to one per
/// `interval`, counting what it held back, so that a client that keeps trying cannot flood the log.
/// Times are monotonic nanoseconds, given by the caller. At most `capacity` subjects are
/// remembered; past that it starts over.
public struct RepeatFilter: Sendable {
    private let interval: UInt64
    private let capacity: Int
    private var last: [String: (at: UInt64, held: Int)] = [:]

    public init(intervalSeconds: Double = 60, capacity: Int = 10_000) {
        interval = UInt64(intervalSeconds * 1e9)
        self.capacity = capacity
    }

    /// Whether to write the line for `subject` now, and how many were held back since the last one
    /// written.
    public mutating func admit(_ subject: String, at now: UInt64) -> (write: Bool, heldBack: Int) {
        if let seen = last[subject], now &- seen.at < interval {
            last[subject] = (seen.at, seen.held + 1)
            return (false, 0)
        }
        if last.count >= capacity { last.removeAll(keepingCapacity: true) }
        let held = last[subject]?.held ?? 0
        last[subject] = (now, 0)
        return (true, held)
    }
}
