import Foundation
import Shared

/// Whistle ids people can read aloud: `W` + the local date it was raised + a running number,
/// e.g. `W20261201-000042`. The number never repeats, so neither does the id.
struct WhistleNumbering {
    /// The local date of the last minute asked about: raises come many a minute, and a zone's
    /// offset changes only on a minute boundary.
    private var day: (minute: Double, zone: TimeZone, digits: String)?

    mutating func id(number: Int64, raisedAt: Date, in zone: TimeZone) -> String {
        let minute = (raisedAt.timeIntervalSince1970 / 60).rounded(.down)
        let digits: String
        if let day, day.minute == minute, day.zone == zone {
            digits = day.digits
        } else {
            digits = Timestamp.localDateDigits(raisedAt, in: zone)
            day = (minute, zone, digits)
        }
        let number = String(number)
        return "W" + digits + "-" + String(repeating: "0", count: max(0, 6 - number.count)) + number
    }
}
