import Foundation

/// How the assessment's stored counters move when whistles' contributions change: the counts per
/// local day, those dated by a deadline also per minute (for what is due by now today), and the
/// time samples per day and per month. A whistle's move is the difference of its contributions
/// before and after, computed in memory; moves of many whistles add up, so a batch writes each
/// counter once.
package struct IndicatorMoves {
    /// A count of `metric` for `subject` on a local day.
    package struct Count: Hashable {
        package var day: LocalDate
        package var subject: IndicatorSubject
        package var metric: IndicatorMetric
    }

    /// A count of a deadline's `metric` for `subject` on a local day, in the minute that ends at
    /// `minute` (minutes since 1970, rounded up): it is due by `now` once `minute` ≤ `now`'s minute.
    package struct Moment: Hashable {
        package var day: LocalDate
        package var minute: Int64
        package var subject: IndicatorSubject
        package var metric: IndicatorMetric
    }

    /// Time samples of `minutes` working minutes, of `metric` for `subject`, on a local day (or in
    /// the month beginning on `day`).
    package struct Sample: Hashable {
        package var day: LocalDate
        package var subject: IndicatorSubject
        package var metric: IndicatorMetric
        package var minutes: Int
    }

    package private(set) var counts: [Count: Int] = [:]
    package private(set) var moments: [Moment: Int] = [:]
    package private(set) var dailySamples: [Sample: Int] = [:]
    /// Keyed by the first day of the month.
    package private(set) var monthlySamples: [Sample: Int] = [:]

    package init() {}

    /// Adds the move of one whistle from `old` facts (nil: none yet) to `new` (nil: none any
    /// more); days are local to `calendar`. Only contributions that changed are counted.
    package mutating func move(from old: WhistleFacts?, to new: WhistleFacts?, calendar: WorkingCalendar) {
        // Most of a whistle's contributions stay as they were: each one before is matched with an
        // equal one after, by a search that costs less than hashing for these few dozen.
        var added = new.map(IndicatorContributions.of) ?? []
        for contribution in old.map(IndicatorContributions.of) ?? [] {
            if let index = added.firstIndex(of: contribution) {
                added.swapAt(index, added.count - 1)
                added.removeLast()
            } else {
                add(contribution, -1, calendar: calendar)
            }
        }
        for contribution in added { add(contribution, 1, calendar: calendar) }
    }

    /// Adds `n` of `contribution` (negative to take them away).
    package mutating func add(_ contribution: Contribution, _ n: Int, calendar: WorkingCalendar) {
        let day = calendar.localDate(of: contribution.at)
        let (subject, metric) = (contribution.subject, contribution.metric)
        if metric.isTime {
            dailySamples[Sample(day: day, subject: subject, metric: metric, minutes: contribution.value), default: 0] += n
            let month = LocalDate(year: day.year, month: day.month, day: 1)
            monthlySamples[Sample(day: month, subject: subject, metric: metric, minutes: contribution.value), default: 0] += n
        } else {
            counts[Count(day: day, subject: subject, metric: metric), default: 0] += n
            guard metric.isDatedByDeadline else { return }
            moments[Moment(day: day, minute: Self.minuteEnding(contribution.at), subject: subject, metric: metric), default: 0] += n
        }
    }

    /// The minute (since 1970) at whose start `date` is over: `date` rounded up to a whole minute,
    /// counted to the millisecond as the facts keep it.
    package static func minuteEnding(_ date: Date) -> Int64 {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        return milliseconds >= 0 ? (milliseconds + 59_999) / 60_000 : -(-milliseconds / 60_000)
    }

    /// The whole minutes since 1970 at `date`: every ``Moment`` whose minute is at most this one
    /// is due by `date`.
    package static func minute(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 60).rounded(.down))
    }
}
