import Foundation

/// Whistle ids people can read aloud: `W` + the local date it was raised + a running number,
/// e.g. `W20261201-000042`. The number never repeats, so neither does the id. Weather alerts
/// (防汛防台) are numbered the same way under their own letter: `A20261201-000003`.
public struct WhistleNumbering {
    /// The letter every id starts with: `W` for whistles, `A` for weather alerts.
    public let prefix: String
    /// The local date of the last second asked about: under load raises come many a second, and
    /// a zone's offset is whole seconds, so a local day starts on a second.
    private var day: (second: Double, zone: TimeZone, digits: String)?

    public init(prefix: String = "W") {
        self.prefix = prefix
    }

    public mutating func id(number: Int64, raisedAt: Date, in zone: TimeZone) -> String {
        let second = raisedAt.timeIntervalSince1970.rounded(.down)
        let digits: String
        if let day, day.second == second, day.zone == zone {
            digits = day.digits
        } else {
            digits = Timestamp.localDateDigits(raisedAt, in: zone)
            day = (second, zone, digits)
        }
        let number = String(number)
        return prefix + digits + "-" + String(repeating: "0", count: max(0, 6 - number.count)) + number
    }
}
