/// The parsed content of a `CalendarSpec`: what a day's working periods are.
struct CalendarRules: Sendable, Equatable {
    /// Indexed by `Weekday.allCases` order.
    var week: [[WorkingPeriod]]
    var holidays: Set<LocalDate>
    var makeUpWorkdays: Set<LocalDate>

    func periods(on day: LocalDate) -> [WorkingPeriod] {
        if holidays.contains(day) { return [] }
        if makeUpWorkdays.contains(day) { return periods(of: .mon) }
        return periods(of: day.weekday)
    }

    func periods(of weekday: Weekday) -> [WorkingPeriod] {
        week[Weekday.allCases.firstIndex(of: weekday) ?? 0]
    }
}
