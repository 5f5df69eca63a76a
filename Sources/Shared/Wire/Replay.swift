import Foundation

/// `replay` query body: the events of `stream` after sequence `after`, at most `limit`; with
/// `types`, only the events of those types (the answer then says how far it looked: `through`).
public struct ReplayQuery: Sendable, Codable {
    public var stream: StreamName
    public var after: Int64
    public var limit: Int?
    public var types: [String]?

    /// The most event types one replay may name.
    public static let maximumTypes = 16

    public init(stream: StreamName, after: Int64, limit: Int?, types: [String]? = nil) {
        self.stream = stream
        self.after = after
        self.limit = limit
        self.types = types
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        stream = try c.decode(StreamName.self, forKey: .stream)
        after = try c.decodeNumber(Int64.self, forKey: .after)
        limit = try c.decodeNumberIfPresent(Int.self, forKey: .limit)
        types = try c.decodeIfPresent([String].self, forKey: .types)
    }
}

/// `replay` answer: the producer's epoch, its highest committed sequence, and the envelopes in order.
/// For a query with `types`, `through`: every event of those types up to it is in `events`.
public struct ReplayAnswer: Sendable, Decodable {
    public var epoch: String
    public var head: Int64
    public var events: [JSONValue]
    public var through: Int64?

    public init(epoch: String, head: Int64, events: [JSONValue], through: Int64? = nil) {
        self.epoch = epoch
        self.head = head
        self.events = events
        self.through = through
    }
}

/// A replay answer as a consumer takes it: the epoch and head decoded, each event left as the
/// bytes the producer stored, found in place.
package struct RawReplayAnswer {
    package var epoch: String
    package var head: Int64
    package var events: [Data]
    /// The answer to a query with `types`: how far it looked.
    package var through: Int64?

    private struct Fields: Decodable {
        var epoch: String
        var head: Int64
        var through: Int64?
    }

    package init(_ reply: ReceivedReply) throws {
        let fields = try reply.body(Fields.self)
        guard let ranges = JSONObjectScanner(reply.bytes)?.object("body")?.elements("events") else {
            throw ProtocolError.invalid("/body/events", "a replay answer's events must be an array")
        }
        epoch = fields.epoch
        head = fields.head
        through = fields.through
        events = ranges.map { reply.bytes.subdata(in: $0.lowerBound + reply.bytes.startIndex ..< $0.upperBound + reply.bytes.startIndex) }
    }
}
