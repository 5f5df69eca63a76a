import Foundation
import Shared

/// Whistle ids people can read aloud: `W` + the local date it was raised + a running number,
/// e.g. `W20261201-000042`. The number never repeats, so neither does the id.
enum WhistleNumbering {
    static func id(number: Int64, raisedAt: Date, in zone: TimeZone) -> String {
        let day = Timestamp.localDateDigits(raisedAt, in: zone)
        let digits = String(number)
        return "W" + day + "-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
