import Foundation

extension ReferenceData {
    /// The working calendar in the reference's time zone; mistakes carry paths from the reference
    /// root ("/timeZone", "/calendar/week/mon/0").
    public func workingCalendar() throws(CalendarError) -> WorkingCalendar {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw CalendarError(issues: [ValidationIssue(path: "/timeZone", message: unknownTimeZoneMessage)])
        }
        do throws(CalendarError) {
            return try WorkingCalendar(calendar, timeZone: zone)
        } catch {
            throw CalendarError(issues: error.issues.map { ValidationIssue(path: "/calendar" + $0.path, message: $0.message) })
        }
    }

    var unknownTimeZoneMessage: String {
        "unknown time zone \"\(timeZone)\": expected an IANA name known to tzdata, such as \"Asia/Shanghai\""
    }
}
