import Foundation

/// Whistle ids people can read aloud: `W` + the local date it was raised + a running number,
/// e.g. `W20261201-000042`. The number never repeats, so neither does the id.
enum WhistleNumbering {
    static func id(number: Int64, raisedAt: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let day = calendar.dateComponents([.year, .month, .day], from: raisedAt)
        return String(format: "W%04d%02d%02d-%06lld", day.year!, day.month!, day.day!, number)
    }
}
