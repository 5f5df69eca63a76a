import Foundation

/// `clock.set` body (test clock only).
public struct ClockSet: Sendable, Codable {
    public var time: Instant
    public init(time: Instant) { self.time = time }
}

/// `clock.advance` body (test clock only).
public struct ClockAdvance: Sendable, Codable {
    public var seconds: Double
    public init(seconds: Double) { self.seconds = seconds }
    public init(from decoder: any Decoder) throws {
        seconds = try decoder.container(keyedBy: CodingKeys.self).decodeNumber(Double.self, forKey: .seconds)
    }
}

/// The test clock's reading after a change.
public struct ClockReading: Sendable, Codable {
    public var now: Instant
    public init(now: Instant) { self.now = now }
}
