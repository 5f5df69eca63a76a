import Foundation

/// A moment on the wire: encoded as an ISO 8601 UTC string with milliseconds (see ``Timestamp``).
public struct Instant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) {
        // Milliseconds are what the wire carries; round here so a value survives a round trip unchanged.
        self.date = Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = Timestamp.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "'\(text)' is not an ISO 8601 time such as 2026-12-01T09:00:00+08:00"))
        }
        self.init(date)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String { Timestamp.format(date) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.date < rhs.date }
}
