/// Why a `CalendarSpec` cannot become a `WorkingCalendar`: every mistake, each with its JSON Pointer
/// relative to the calendar object (or to the reference data, from `ReferenceData.workingCalendar()`).
public struct CalendarError: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [ValidationIssue]

    public init(issues: [ValidationIssue]) {
        self.issues = issues
    }

    public var description: String {
        "invalid working calendar: " + issues.map(\.description).joined(separator: "; ")
    }
}
