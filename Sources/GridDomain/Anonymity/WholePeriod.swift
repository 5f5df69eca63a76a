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
