import Foundation
import GridDomain

/// Message times are ISO 8601 instants in UTC with milliseconds: `2026-12-01T01:00:00.000Z`.
///
/// Every event carries several, so formatting and parsing the canonical form is done here by
/// arithmetic on the proleptic Gregorian calendar rather than through `Calendar` and
/// `String(format:)`, which cost several microseconds each.
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        let canonical = String(unsafeUninitializedCapacity: 24) { text in
            writeCanonical(date, to: text.baseAddress!) ? 24 : 0
        }
        guard canonical.isEmpty else { return canonical }
        let (civil, millis) = civilTime(of: date)
        return civil.render("YYYY-MM-DDThh:mm:ss.fffZ", millis: millis)
    }

    /// Writes the 24 bytes of ``format(_:)`` at `text`, for a writer that has room for them; false
    /// (nothing written) for a year that needs another form.
    static func writeCanonical(_ date: Date, to text: UnsafeMutablePointer<UInt8>) -> Bool {
        let (civil, millis) = civilTime(of: date)
        guard (0...9_999).contains(civil.year) else { return false }
        writeCanonical(civil, millis: millis, to: text)
        return true
    }

    private static func civilTime(of date: Date) -> (CivilTime, millis: Int64) {
        // Rounded to the millisecond: 0.123 stored as 0.12299… must print as .123.
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, millis) = milliseconds.floorDivision(by: 1000)
        return (CivilTime(secondsSinceEpoch: seconds), millis)
    }

    /// Every event carries several: the canonical form is written at fixed places, not from a template.
    private static func writeCanonical(_ civil: CivilTime, millis: Int64, to text: UnsafeMutablePointer<UInt8>) {
        func digits(_ value: Int64, _ width: Int, at offset: Int) {
            var rest = value
            for index in (offset..<offset + width).reversed() {
                text[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
        }
        digits(civil.year, 4, at: 0)
        text[4] = UInt8(ascii: "-")
        digits(civil.month, 2, at: 5)
        text[7] = UInt8(ascii: "-")
        digits(civil.day, 2, at: 8)
        text[10] = UInt8(ascii: "T")
        digits(civil.hour, 2, at: 11)
        text[13] = UInt8(ascii: ":")
        digits(civil.minute, 2, at: 14)
        text[16] = UInt8(ascii: ":")
        digits(civil.second, 2, at: 17)
        text[19] = UInt8(ascii: ".")
        digits(millis, 3, at: 20)
        text[23] = UInt8(ascii: "Z")
    }

    /// Parses an ISO 8601 instant with or without fractional seconds and with any offset.
    public static func parse(_ text: String) -> Date? {
        if let date = parseCanonical(text) { return date }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) {
            return date
        }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    /// The moment rendered for a person in the deployment's zone: `2026-12-01 09:00`.
    public static func local(_ date: Date, in zone: TimeZone) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(ZoneOffsets.shared.seconds(zone, at: date))
        return CivilTime(secondsSinceEpoch: seconds).render("YYYY-MM-DD hh:mm")
    }

    /// The local date in the deployment's zone as eight digits, `20261201`, for ids.
    public static func localDateDigits(_ date: Date, in zone: TimeZone) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(ZoneOffsets.shared.seconds(zone, at: date))
        return CivilTime(secondsSinceEpoch: seconds).render("YYYYMMDD")
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, exactly as ``format(_:)`` writes it; nil for anything else.
    public static func parseCanonical(_ text: String) -> Date? {
        var text = text
        return text.withUTF8(parseCanonical(_:))
    }

    /// ``parseCanonical(_:)`` on the string's own bytes: every event carries several times.
    private static func parseCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        guard bytes.count == 24, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
              bytes[19] == 46, bytes[23] == 90 else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for index in range {
                let digit = Int64(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let millis = number(20..<23),
              (1...12).contains(month), (1...Int64(LocalDate.days(inMonth: Int(month), of: Int(year)))).contains(day),
              hour < 24, minute < 60, second < 60 else { return nil }
        let days = Int64(LocalDate(year: Int(year), month: Int(month), day: Int(day)).daysSinceEpoch)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
        return Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1000)
    }
}

/// A wall-clock reading of seconds since 1970 (already shifted to a zone): the day by
/// ``LocalDate``'s arithmetic, then the time of day.
struct CivilTime {
    let year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64

    init(secondsSinceEpoch: Int64) {
        let (days, secondOfDay) = secondsSinceEpoch.floorDivision(by: 86_400)
        let date = LocalDate(daysSinceEpoch: Int(days))
        year = Int64(date.year)
        month = Int64(date.month)
        day = Int64(date.day)
        hour = secondOfDay / 3_600
        minute = secondOfDay % 3_600 / 60
        second = secondOfDay % 60
    }

    /// The template with its fields filled in: `YYYY` the year, `MM` `DD` the month and day,
    /// `hh` `mm` `ss` the time, `fff` the milliseconds; any other byte is copied. Written in place,
    /// since every event renders several.
    func render(_ template: StaticString, millis: Int64 = 0) -> String {
        let pattern = UnsafeBufferPointer(start: template.utf8Start, count: template.utf8CodeUnitCount)
        return String(unsafeUninitializedCapacity: pattern.count + 20) { text in
            var written = 0
            var index = 0
            while index < pattern.count {
                let letter = pattern[index]
                var width = 1
                while index + width < pattern.count, pattern[index + width] == letter { width += 1 }
                index += width
                guard let value = field(letter, millis: millis) else {
                    for _ in 0..<width {
                        text[written] = letter
                        written += 1
                    }
                    continue
                }
                if value < 0 {
                    text[written] = UInt8(ascii: "-")
                    written += 1
                }
                var digits = 1
                var rest = value.magnitude
                while rest >= 10 {
                    digits += 1
                    rest /= 10
                }
                let end = written + Swift.max(width, digits)
                rest = value.magnitude
                for position in (written..<end).reversed() {
                    text[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                written = end
            }
            return written
        }
    }

    private func field(_ letter: UInt8, millis: Int64) -> Int64? {
        switch letter {
        case UInt8(ascii: "Y"): year
        case UInt8(ascii: "M"): month
        case UInt8(ascii: "D"): day
        case UInt8(ascii: "h"): hour
        case UInt8(ascii: "m"): minute
        case UInt8(ascii: "s"): second
        case UInt8(ascii: "f"): millis
        default: nil
        }
    }
}

extension Int64 {
    /// Quotient and remainder rounded towards negative infinity (times before 1970 stay right).
    func floorDivision(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = self / divisor
        let remainder = self % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
