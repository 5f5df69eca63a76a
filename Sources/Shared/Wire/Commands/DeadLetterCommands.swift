/// `deadletters` query: the events of consumed streams that could not be applied, oldest first.
public struct DeadLetterQuery: Sendable, Codable, Equatable {
    public var stream: StreamName?
    public var limit: Int?
    public init(stream: StreamName? = nil, limit: Int? = nil) {
        self.stream = stream
        self.limit = limit
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        stream = try c.decodeIfPresent(StreamName.self, forKey: .stream)
        limit = try c.decodeNumberIfPresent(Int.self, forKey: .limit)
    }
}

/// One dead letter: which event, why it was refused, when.
public struct DeadLetter: Sendable, Codable, Equatable {
    public var id: Int64
    public var stream: StreamName
    public var seq: Int64
    public var type: String
    public var reason: String
    public var at: Instant

    public init(id: Int64, stream: StreamName, seq: Int64, type: String, reason: String, at: Instant) {
        self.id = id
        self.stream = stream
        self.seq = seq
        self.type = type
        self.reason = reason
        self.at = at
    }
}

/// The answer to `deadletters`.
public struct DeadLetters: Sendable, Codable, Equatable {
    public var service: String
    public var deadLetters: [DeadLetter]

    public init(service: String, deadLetters: [DeadLetter]) {
        self.service = service
        self.deadLetters = deadLetters
    }
}

/// `redrive` command: apply dead letter `id` again (after a fix); on success it is removed.
public struct Redrive: Sendable, Codable, Equatable {
    public var id: Int64
    public init(id: Int64) { self.id = id }
    public init(from decoder: any Decoder) throws {
        id = try decoder.container(keyedBy: CodingKeys.self).decodeNumber(Int64.self, forKey: .id)
    }
}

/// The answer to `redrive`.
public struct Redriven: Sendable, Codable, Equatable {
    public var id: Int64
    public var stream: StreamName
    public var seq: Int64

    public init(id: Int64, stream: StreamName, seq: Int64) {
        self.id = id
        self.stream = stream
        self.seq = seq
    }
}
