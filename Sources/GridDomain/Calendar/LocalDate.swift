/// A day on the local calendar of the deployment's time zone, without a time: "2026-10-01".
package struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var year: Int
    package var month: Int
    package var day: Int

    /// Parses "YYYY-MM-DD" and rejects dates that do not exist (2026-02-30).
    package init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = decimal(bytes[0..<4]), let month = decimal(bytes[5..<7]), let day = decimal(bytes[8..<10]),
            (1...12).contains(month), (1...LocalDate.days(inMonth: month, of: year)).contains(day)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    package init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `days` after 1970-01-01 (Howard Hinnant's civil-from-days).
    package init(daysSinceEpoch days: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month,
                  day: dayOfYear - (153 * monthIndex + 2) / 5 + 1)
    }

    /// "YYYY-MM-DD".
    package var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// The month it falls in: "YYYY-MM".
    package var monthText: String { String(description.prefix(7)) }

    /// The following day.
    package var next: LocalDate {
        if day < LocalDate.days(inMonth: month, of: year) { return LocalDate(year: year, month: month, day: day + 1) }
        if month < 12 { return LocalDate(year: year, month: month + 1, day: 1) }
        return LocalDate(year: year + 1, month: 1, day: 1)
    }

    /// The day before.
    package var previous: LocalDate {
        if day > 1 { return LocalDate(year: year, month: month, day: day - 1) }
        if month > 1 { return LocalDate(year: year, month: month - 1, day: LocalDate.days(inMonth: month - 1, of: year)) }
        return LocalDate(year: year - 1, month: 12, day: 31)
    }

    var weekday: Weekday {
        let fromThursday = ((daysSinceEpoch % 7) + 7) % 7
        return Weekday.allCases[(fromThursday + 3) % 7]
    }

    package static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    package static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func isLeap(_ year: Int) -> Bool {
        year.isMultiple(of: 4) && (!year.isMultiple(of: 100) || year.isMultiple(of: 400))
    }

    /// Days since 1970-01-01 (a Thursday), by the proleptic Gregorian calendar.
    package var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// The value of ASCII digits, or nil if any byte is not a digit.
func decimal(_ bytes: ArraySlice<UInt8>) -> Int? {
    var value = 0
    for byte in bytes {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return bytes.isEmpty ? nil : value
}
