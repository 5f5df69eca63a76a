import Foundation
import Synchronization

/// A zone's UTC offset, remembered until the zone's next transition. Asking the time zone costs a
/// lock and an ICU call each time, and every event renders several local times and every deadline
/// asks for several local days; Asia/Shanghai has had one offset since 1991, so after the first
/// question the answer is a comparison.
package final class ZoneOffsets: Sendable {
    package static let shared = ZoneOffsets()

    private struct Span {
        var identifier: String
        var from: Date
        var until: Date?
        var seconds: Int

        func answers(_ identifier: String, _ date: Date) -> Int? {
            guard identifier == self.identifier, from <= date, until.map({ date < $0 }) ?? true else { return nil }
            return seconds
        }
    }

    private let last = Mutex<Span?>(nil)

    /// The offset of `zone` at `date`, in seconds east of UTC.
    package func seconds(_ zone: TimeZone, at date: Date) -> Int {
        let identifier = zone.identifier
        if let seconds = last.withLock({ $0?.answers(identifier, date) }) { return seconds }
        let seconds = zone.secondsFromGMT(for: date)
        let span = Span(identifier: identifier, from: date, until: zone.nextDaylightSavingTimeTransition(after: date),
                        seconds: seconds)
        last.withLock { $0 = span }
        return seconds
    }
}
