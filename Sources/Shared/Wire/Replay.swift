import Foundation

/// `replay` query body: the events of `stream` after sequence `after`, at most `limit`.
public struct ReplayQuery: Sendable, Codable {
    public var stream: StreamName
    public var after: Int64
    public var limit: Int?

    public init(stream: StreamName, after: Int64, limit: Int?) {
        self.stream = stream
        self.after = after
        self.limit = limit
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        stream = try c.decode(StreamName.self, forKey: .stream)
        after = try c.decodeNumber(Int64.self, forKey: .after)
        limit = try c.decodeNumberIfPresent(Int.self, forKey: .limit)
    }
}

/// `replay` answer: the producer's epoch, its highest committed sequence, and the envelopes in order.
public struct ReplayAnswer: Sendable, Decodable {
    public var epoch: String
    public var head: Int64
    public var events: [JSONValue]

    public init(epoch: String, head: Int64, events: [JSONValue]) {
        self.epoch = epoch
        self.head = head
        self.events = events
    }
}

/// A replay answer as a consumer takes it: the epoch and head decoded, each event left as the
/// bytes the producer stored, found in place.
package struct RawReplayAnswer {
    package var epoch: String
    package var head: Int64
    package var events: [Data]

    private struct Fields: Decodable {
        var epoch: String
        var head: Int64
    }

    package init(_ reply: ReceivedReply) throws {
        let fields = try reply.body(Fields.self)
        guard let ranges = JSONObjectScanner(reply.bytes)?.object("body")?.elements("events") else {
            throw ProtocolError.invalid("/body/events", "a replay answer's events must be an array")
        }
        epoch = fields.epoch
        head = fields.head
        events = ranges.map { reply.bytes.subdata(in: $0.lowerBound + reply.bytes.startIndex ..< $0.upperBound + reply.bytes.startIndex) }
    }
}
