import Foundation

/// One running clock as time passes over it: from `start` to `due`, measured in working time when
/// its limit is in working units and in natural time otherwise (红黄绿灯, 催办, 防汛防台).
///
/// Moments are whole milliseconds, the wire's resolution.
public struct ClockSpan: Sendable, Equatable {
    public var start: Date
    public var due: Date
    /// Whether the clock counts working time (工作时, 工作日) rather than wall time.
    public var working: Bool

    public init(start: Date, due: Date, working: Bool) {
        self.start = start
        self.due = due
        self.working = working
    }

    /// Whether a limit in `unit` counts working time.
    public static func countsWorkingTime(_ unit: LimitUnit) -> Bool {
        switch unit {
        case .workingMinutes, .workingHours, .workingDays: true
        case .seconds, .minutes, .hours, .days: false
        }
    }

    /// The moment the clock has run `fraction` (0…1) of its time: working time elapsed ÷ working
    /// time from start to due, or natural time for natural units.
    public func moment(at fraction: Double, on calendar: WorkingCalendar) -> Date {
        if working {
            let total = calendar.workingSeconds(from: start, to: due)
            return Self.millisecond(calendar.addingWorkingSeconds(Self.rounded(total * fraction), to: start))
        }
        return Self.millisecond(start + Self.rounded(due.timeIntervalSince(start) * fraction))
    }

    /// 防汛防台 — the deadline when the time left at `now` is multiplied by `factor` (½ to halve,
    /// 2 to restore): working time left for a working clock, natural time otherwise. A working
    /// clock with no working time left (`now` in the evening before an 08:30 deadline) keeps its
    /// deadline: there is nothing to halve.
    public func rescaled(by factor: Double, at now: Date, on calendar: WorkingCalendar) -> Date {
        guard due > now else { return due }
        if working {
            let left = calendar.workingSeconds(from: now, to: due)
            guard left > 0 else { return due }
            return Self.millisecond(calendar.addingWorkingSeconds(Self.rounded(left * factor), to: now))
        }
        return Self.millisecond(now + Self.rounded(due.timeIntervalSince(now) * factor))
    }

    /// 挂账 — the span of a clock that stood still from `pausedAt` and runs again at `now`: it keeps
    /// the time it had run and the time it had left, in its own units (working time for a working
    /// clock, natural time otherwise). A working clock with no working time left (paused in the
    /// evening before an 08:30 deadline) is due at the next working moment.
    public func resumed(pausedAt: Date, at now: Date, on calendar: WorkingCalendar) -> ClockSpan {
        guard now > pausedAt, due > pausedAt else { return self }
        if working {
            let run = calendar.workingSeconds(from: start, to: pausedAt)
            let left = calendar.workingSeconds(from: pausedAt, to: due)
            let due = left > 0 ? calendar.addingWorkingSeconds(left, to: now) : calendar.nextWorkingMoment(atOrAfter: now)
            return ClockSpan(start: Self.millisecond(calendar.subtractingWorkingSeconds(run, from: now)),
                             due: Self.millisecond(due), working: true)
        }
        let paused = now.timeIntervalSince(pausedAt)
        return ClockSpan(start: start + paused, due: due + paused, working: false)
    }

    /// Seconds rounded to the nearest millisecond, so that 0.8 × 3 h is 8,640 s and not a hair more.
    static func rounded(_ seconds: TimeInterval) -> TimeInterval {
        (seconds * 1000).rounded() / 1000
    }

    /// `date` on a whole millisecond.
    static func millisecond(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
