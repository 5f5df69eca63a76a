/// 工作日历 — the working calendar as configured: working periods per weekday, public holidays
/// and make-up working days (调休).
///
/// Kept as the strings of the JSON so that a `check` can report every mistake with its path;
/// `WorkingCalendar` is the parsed, usable form.
public struct CalendarSpec: Sendable, Codable, Equatable {
    /// Keys `mon` … `sun`, each a list of "HH:MM-HH:MM" working periods, ascending and non-overlapping.
    public var week: [String: [String]]
    /// "YYYY-MM-DD" dates that are not working days.
    public var holidays: [String]
    /// 调休 — "YYYY-MM-DD" dates that are working days with Monday's periods.
    public var makeUpWorkdays: [String]

    public init(week: [String: [String]], holidays: [String] = [], makeUpWorkdays: [String] = []) {
        self.week = week
        self.holidays = holidays
        self.makeUpWorkdays = makeUpWorkdays
    }

    private enum CodingKeys: String, CodingKey {
        case week, holidays, makeUpWorkdays
    }

    /// Missing `holidays` or `makeUpWorkdays` read as empty lists.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        week = try container.decode([String: [String]].self, forKey: .week)
        holidays = try container.decodeIfPresent([String].self, forKey: .holidays) ?? []
        makeUpWorkdays = try container.decodeIfPresent([String].self, forKey: .makeUpWorkdays) ?? []
    }
}
