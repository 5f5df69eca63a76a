import Dispatch

/// The monotonic clock every figure is timed with.
enum Monotonic {
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func seconds(since start: UInt64) -> Double { Double(now() - start) / 1e9 }
}

/// Durations in nanoseconds, summarised as percentiles.
struct Samples {
    private(set) var values: [UInt64] = []
    private var sorted = true

    var count: Int { values.count }

    mutating func append(_ nanoseconds: UInt64) {
        if let last = values.last, nanoseconds < last { sorted = false }
        values.append(nanoseconds)
    }

    /// The value at quantile `q` (0…1) in milliseconds, nearest rank.
    mutating func milliseconds(at q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        if !sorted {
            values.sort()
            sorted = true
        }
        let rank = min(values.count - 1, Swift.max(0, Int((q * Double(values.count)).rounded(.up)) - 1))
        return Double(values[rank]) / 1e6
    }

    mutating func p50() -> Double { milliseconds(at: 0.50) }
    mutating func p99() -> Double { milliseconds(at: 0.99) }
    mutating func max() -> Double { milliseconds(at: 1.0) }
}
