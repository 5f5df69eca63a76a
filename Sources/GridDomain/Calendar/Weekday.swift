/// A day of the week as keyed in `calendar.week`.
enum Weekday: String, Sendable, CaseIterable {
    case mon, tue, wed, thu, fri, sat, sun
}
