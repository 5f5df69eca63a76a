/// One working period of a day, "08:30-11:30", in minutes after local midnight (end may be 24:00).
struct WorkingPeriod: Sendable, Equatable {
    var start: Int
    var end: Int

    /// Parses "HH:MM-HH:MM". Only the syntax is checked here: 00:00–23:59 for the start,
    /// 00:00–24:00 for the end. Order is the caller's rule.
    init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 11, bytes[5] == UInt8(ascii: "-"),
            let start = WorkingPeriod.minutes(bytes[0..<5]), start < 24 * 60,
            let end = WorkingPeriod.minutes(bytes[6..<11])
        else { return nil }
        self.start = start
        self.end = end
    }

    var minutes: Int { end - start }

    /// "HH:MM" as minutes after midnight; "24:00" is allowed as the end of the day.
    private static func minutes(_ bytes: ArraySlice<UInt8>) -> Int? {
        let hour = bytes.prefix(2), minute = bytes.suffix(2)
        guard bytes.count == 5, bytes[bytes.startIndex + 2] == UInt8(ascii: ":"),
            let h = decimal(hour), let m = decimal(minute), m < 60, h < 24 || (h == 24 && m == 0)
        else { return nil }
        return h * 60 + m
    }
}
