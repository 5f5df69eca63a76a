import Foundation

/// 工作日历 — a `CalendarSpec` made usable in one time zone: what is working time, and how much
/// working time lies between two moments.
///
/// Working periods are half-open: "08:30-11:30" contains 08:30 and not 11:30.
public struct WorkingCalendar: Sendable, Equatable {
    public let spec: CalendarSpec
    public let timeZone: TimeZone
    let rules: CalendarRules
    let calendar: Calendar
    /// Local days by the zone's offset and arithmetic, where `Calendar` costs microseconds a
    /// question and a deadline asks several; false only in tests, which compare the two.
    let arithmetic: Bool
    let steady: SteadyOffset?

    /// A zone's offset from a moment on, when it never changes again (Asia/Shanghai's since 1991):
    /// a local wall time is then a moment by arithmetic too.
    struct SteadyOffset: Sendable, Equatable {
        /// 2000-01-01T00:00:00Z: earlier moments, and zones with later transitions, ask `Calendar`.
        static let since = Date(timeIntervalSince1970: 946_684_800)
        let seconds: Int
    }

    /// Throws every mistake of the spec; a valid spec has at least one working period in its week,
    /// so every working-time deadline exists.
    public init(_ spec: CalendarSpec, timeZone: TimeZone) throws(CalendarError) {
        try self.init(spec, timeZone: timeZone, arithmetic: true)
    }

    /// `arithmetic: false` always asks `Calendar`; the tests compare the two.
    init(_ spec: CalendarSpec, timeZone: TimeZone, arithmetic: Bool) throws(CalendarError) {
        let (rules, issues) = spec.rules()
        guard issues.isEmpty else { throw CalendarError(issues: issues) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.spec = spec
        self.timeZone = timeZone
        self.rules = rules
        self.calendar = calendar
        self.arithmetic = arithmetic
        let steadySince = arithmetic && timeZone.nextDaylightSavingTimeTransition(after: SteadyOffset.since) == nil
        steady = steadySince ? SteadyOffset(seconds: timeZone.secondsFromGMT(for: SteadyOffset.since)) : nil
    }

    /// The working length of a Monday, the day make-up working days copy: the working day used
    /// to halve an odd number of working days (`Limit.halved(workingDayMinutes:)`).
    public var standardWorkingDayMinutes: Int {
        rules.periods(of: .mon).reduce(0) { $0 + $1.minutes }
    }

    /// Whether `date` falls inside a working period.
    public func isWorkingTime(_ date: Date) -> Bool {
        intervals(on: localDate(of: date)).contains { $0.start <= date && date < $0.end }
    }

    /// Whether the local day containing `date` has working periods (a holiday has none, a make-up day has Monday's).
    public func isWorkingDay(_ date: Date) -> Bool {
        !rules.periods(on: localDate(of: date)).isEmpty
    }

    /// `date` itself if it is working time, else the start of the next working period.
    public func nextWorkingMoment(atOrAfter date: Date) -> Date {
        var day = localDate(of: date)
        while true {
            if let interval = intervals(on: day).first(where: { $0.end > date }) {
                return max(interval.start, date)
            }
            day = day.next
        }
    }

    /// Whole working minutes between two moments, rounded: the assessment's time samples.
    public func workingMinutes(from start: Date, to end: Date) -> Int {
        Int((workingSeconds(from: start, to: end) / 60).rounded())
    }

    /// Working seconds between two moments (0 if `end` <= `start`); for traffic lights and reports.
    public func workingSeconds(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        var day = localDate(of: start)
        let lastDay = localDate(of: end)
        while day <= lastDay {
            for interval in intervals(on: day) {
                let from = max(interval.start, start), to = min(interval.end, end)
                if to > from { total += to.timeIntervalSince(from) }
            }
            day = day.next
        }
        return total
    }

    /// The local day `date` falls on.
    package func localDate(of date: Date) -> LocalDate {
        if arithmetic {
            let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + ZoneOffsets.shared.seconds(timeZone, at: date)
            return LocalDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// The moment the local `day` begins.
    package func start(of day: LocalDate) -> Date { moment(day, minute: 0) }

    /// The day's working periods as moments, in order; empty on a day off.
    func intervals(on day: LocalDate) -> [DateInterval] {
        rules.periods(on: day).compactMap { period in
            let start = moment(day, minute: period.start), end = moment(day, minute: period.end)
            return end > start ? DateInterval(start: start, end: end) : nil
        }
    }

    /// The moment `minute` minutes of wall-clock time into the local `day` (1440 is the next midnight).
    private func moment(_ day: LocalDate, minute: Int) -> Date {
        if let steady {
            let moment = Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch * 86_400 + minute * 60 - steady.seconds))
            if moment >= SteadyOffset.since { return moment }
        }
        let target = minute >= 24 * 60 ? day.next : day
        let components = DateComponents(
            year: target.year, month: target.month, day: target.day, hour: (minute % (24 * 60)) / 60, minute: minute % 60)
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }
}
