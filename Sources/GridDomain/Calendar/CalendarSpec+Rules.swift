extension CalendarSpec {
    /// Parses the spec, keeping what is valid and listing every mistake with a JSON Pointer
    /// relative to the calendar object ("/week/mon/1", "/holidays/0").
    func rules() -> (rules: CalendarRules, issues: [ValidationIssue]) {
        var issues: [ValidationIssue] = []
        for key in week.keys.sorted() where Weekday(rawValue: key) == nil {
            issues.append(.init(path: "/week/\(jsonPointerEscaped(key))",
                message: "unknown weekday \"\(key)\": the keys are mon, tue, wed, thu, fri, sat and sun"))
        }
        var parsedWeek: [[WorkingPeriod]] = []
        for weekday in Weekday.allCases {
            guard let texts = week[weekday.rawValue] else {
                issues.append(.init(path: "/week",
                    message: "missing weekday \"\(weekday.rawValue)\" (use [] for a day without working periods)"))
                parsedWeek.append([])
                continue
            }
            parsedWeek.append(Self.periods(texts, path: "/week/\(weekday.rawValue)", issues: &issues))
        }
        if parsedWeek.allSatisfy(\.isEmpty) {
            issues.append(.init(path: "/week", message: "no working periods in the whole week: working-time limits could never end"))
        }
        let holidayDates = Self.dates(holidays, path: "/holidays", issues: &issues)
        let makeUpDates = Self.dates(makeUpWorkdays, path: "/makeUpWorkdays", issues: &issues)
        for (index, text) in makeUpWorkdays.enumerated() {
            if let date = LocalDate(parsing: text), holidayDates.contains(date) {
                issues.append(.init(path: "/makeUpWorkdays/\(index)",
                    message: "\(text) is both a holiday and a make-up working day"))
            }
        }
        if !makeUpDates.isEmpty, week[Weekday.mon.rawValue]?.isEmpty == true {
            issues.append(.init(path: "/makeUpWorkdays",
                message: "make-up working days take Monday's working periods, but Monday has none"))
        }
        return (CalendarRules(week: parsedWeek, holidays: holidayDates, makeUpWorkdays: makeUpDates), issues)
    }

    private static func periods(_ texts: [String], path: String, issues: inout [ValidationIssue]) -> [WorkingPeriod] {
        var periods: [WorkingPeriod] = []
        for (index, text) in texts.enumerated() {
            let at = "\(path)/\(index)"
            guard let period = WorkingPeriod(parsing: text) else {
                issues.append(.init(path: at, message: "\"\(text)\" is not a working period: expected \"HH:MM-HH:MM\" such as \"08:30-11:30\""))
                continue
            }
            guard period.end > period.start else {
                issues.append(.init(path: at, message: "working period \"\(text)\" must end after it starts"))
                continue
            }
            if let previous = periods.last, period.start < previous.end {
                issues.append(.init(path: at,
                    message: "working period \"\(text)\" overlaps or comes before the previous one: periods must be ascending and must not overlap"))
                continue
            }
            periods.append(period)
        }
        return periods
    }

    private static func dates(_ texts: [String], path: String, issues: inout [ValidationIssue]) -> Set<LocalDate> {
        var dates: Set<LocalDate> = []
        for (index, text) in texts.enumerated() {
            guard let date = LocalDate(parsing: text) else {
                issues.append(.init(path: "\(path)/\(index)", message: "\"\(text)\" is not a date: expected \"YYYY-MM-DD\""))
                continue
            }
            if !dates.insert(date).inserted {
                issues.append(.init(path: "\(path)/\(index)", message: "\(text) is listed twice"))
            }
        }
        return dates
    }
}
