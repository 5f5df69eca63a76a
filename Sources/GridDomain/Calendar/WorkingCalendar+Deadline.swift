import Foundation

extension WorkingCalendar {
    /// The deadline `limit` after `start`.
    ///
    /// - Natural units add wall time; days are calendar days in the zone.
    /// - Working minutes and hours consume working periods, counting from the next working moment
    ///   if `start` is outside working time; a deadline that uses up a period exactly is that
    ///   period's end (3 working hours from 08:30 is 11:30).
    /// - Working days: `start` is first moved to the next working moment M; the deadline is the
    ///   moment with M's working-time offset into its day, N working days after M's day
    ///   (Friday 16:00 + 1 working day = Monday 16:00; Saturday 10:00 + 1 = Tuesday 08:30), clamped
    ///   to the end of that day's working time if the day is shorter.
    ///
    /// A non-positive amount gives `start`.
    public func deadline(from start: Date, adding limit: Limit) -> Date {
        guard limit.amount > 0 else { return start }
        let amount = TimeInterval(limit.amount)
        switch limit.unit {
        case .seconds:
            return start + amount
        case .minutes:
            return start + amount * 60
        case .hours:
            return start + amount * 3600
        case .days:
            return calendar.date(byAdding: .day, value: limit.amount, to: start) ?? start + amount * 86_400
        case .workingMinutes:
            return consumingWorkingTime(amount * 60, from: start)
        case .workingHours:
            return consumingWorkingTime(amount * 3600, from: start)
        case .workingDays:
            return addingWorkingDays(limit.amount, to: start)
        }
    }

    /// The moment `seconds` of working time after `start` (counting from the next working moment
    /// when `start` is outside working time); an amount that uses up a period exactly ends at that
    /// period's end (11:30), not at the start of the next. Zero or less gives `start`.
    public func addingWorkingSeconds(_ seconds: TimeInterval, to start: Date) -> Date {
        guard seconds > 0 else { return start }
        return consumingWorkingTime(seconds, from: start)
    }

    /// The moment `seconds` of working time before `end` (counting back from the last working
    /// moment when `end` is outside working time): the start from which `seconds` of working time
    /// run until `end`. Zero or less gives `end`.
    public func subtractingWorkingSeconds(_ seconds: TimeInterval, from end: Date) -> Date {
        guard seconds > 0 else { return end }
        var remaining = seconds
        var day = localDate(of: end)
        while true {
            for interval in intervals(on: day).reversed() where interval.start < end {
                let to = min(interval.end, end)
                let available = to.timeIntervalSince(interval.start)
                if remaining <= available { return to - remaining }
                remaining -= available
            }
            day = day.previous
        }
    }

    private func consumingWorkingTime(_ seconds: TimeInterval, from start: Date) -> Date {
        var remaining = seconds
        var day = localDate(of: start)
        while true {
            for interval in intervals(on: day) where interval.end > start {
                let from = max(interval.start, start)
                let available = interval.end.timeIntervalSince(from)
                if remaining <= available { return from + remaining }
                remaining -= available
            }
            day = day.next
        }
    }

    private func addingWorkingDays(_ count: Int, to start: Date) -> Date {
        let origin = nextWorkingMoment(atOrAfter: start)
        let originDay = localDate(of: origin)
        let offset = workingOffset(of: origin, in: intervals(on: originDay))
        var day = originDay
        var passed = 0
        while passed < count {
            day = day.next
            if !rules.periods(on: day).isEmpty { passed += 1 }
        }
        return moment(atWorkingOffset: offset, in: intervals(on: day)) ?? origin
    }

    /// Working seconds from the start of the day's first period to `date`.
    private func workingOffset(of date: Date, in intervals: [DateInterval]) -> TimeInterval {
        intervals.reduce(0) { sum, interval in
            sum + max(0, min(interval.end, date).timeIntervalSince(interval.start))
        }
    }

    /// The moment `offset` working seconds into the day; an offset that ends a period is the start
    /// of the next one (so Friday 13:00 + 1 working day is Monday 13:00, not 11:30); past the day's
    /// working time, the end of its last period.
    private func moment(atWorkingOffset offset: TimeInterval, in intervals: [DateInterval]) -> Date? {
        var remaining = offset
        for interval in intervals {
            if remaining < interval.duration { return interval.start + remaining }
            remaining -= interval.duration
        }
        return intervals.last?.end
    }
}
