/// A whole month (`2026-12`), quarter (`2026-Q4`) or year (`2026`): the only spans released
/// opinions are shown for. A quarter or a year is the sum of its months.
public struct WholePeriod: Sendable, Hashable, CustomStringConvertible {
    public enum Span: Sendable, Hashable {
        case month(Int)
        case quarter(Int)
        case year
    }

    public var year: Int
    public var span: Span

    /// Reads `YYYY-MM`, `YYYY-Qn` or `YYYY` (ASCII digits, year 2000–9999); nil for anything else.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 4, let year = digits(0..<4), year >= 2000 else { return nil }
        self.year = year
        switch bytes.count {
        case 4:
            span = .year
        case 7 where bytes[4] == UInt8(ascii: "-") && bytes[5] == UInt8(ascii: "Q"):
            guard let quarter = digits(6..<7), (1...4).contains(quarter) else { return nil }
            span = .quarter(quarter)
        case 7 where bytes[4] == UInt8(ascii: "-"):
            guard let month = digits(5..<7), (1...12).contains(month) else { return nil }
            span = .month(month)
        default:
            return nil
        }
    }

    /// The months it covers, as `YYYY-MM`.
    public var months: [String] {
        let numbers: ClosedRange<Int> = switch span {
        case .month(let month): month...month
        case .quarter(let quarter): (quarter * 3 - 2)...(quarter * 3)
        case .year: 1...12
        }
        return numbers.map { month in "\(year)-\(month < 10 ? "0" : "")\(month)" }
    }

    public var description: String {
        switch span {
        case .month(let month): "\(year)-\(month < 10 ? "0" : "")\(month)"
        case .quarter(let quarter): "\(year)-Q\(quarter)"
        case .year: "\(year)"
        }
    }
}

/// An assessment period: a whole month, quarter or year, or (for the indicators counted from the
/// streams only) a range of days `YYYY-MM-DD..YYYY-MM-DD`, both ends included.
package enum AssessmentPeriod: Sendable, Hashable, CustomStringConvertible {
    case whole(WholePeriod)
    case range(from: LocalDate, to: LocalDate)

    /// Reads a whole period or a range whose start is not after its end; nil for anything else.
    package init?(_ text: String) {
        if let whole = WholePeriod(text) {
            self = .whole(whole)
            return
        }
        let ends = text.split(separator: ".", omittingEmptySubsequences: false)
        guard ends.count == 3, ends[1].isEmpty, let from = LocalDate(parsing: String(ends[0])),
              let to = LocalDate(parsing: String(ends[2])), from <= to, from.year >= 2000 else { return nil }
        self = .range(from: from, to: to)
    }

    /// The first and last day it covers.
    package var days: ClosedRange<LocalDate> {
        switch self {
        case .whole(let whole):
            let months = whole.months
            let first = months[0], last = months[months.count - 1]
            let year = whole.year
            let firstMonth = Int(first.suffix(2)) ?? 1, lastMonth = Int(last.suffix(2)) ?? 12
            return LocalDate(year: year, month: firstMonth, day: 1)
                ... LocalDate(year: year, month: lastMonth, day: LocalDate.days(inMonth: lastMonth, of: year))
        case .range(let from, let to):
            return from...to
        }
    }

    /// The months of a whole period; nil for a range.
    package var wholeMonths: [String]? {
        if case .whole(let whole) = self { return whole.months }
        return nil
    }

    package var description: String {
        switch self {
        case .whole(let whole): whole.description
        case .range(let from, let to): "\(from)..\(to)"
        }
    }
}
