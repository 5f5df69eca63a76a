import GridDomain

/// `raise` (一键吹哨), to WhistleService, as the raising grid.
public struct RaiseWhistle: Sendable, Codable, Equatable {
    public var matter: String
    /// One of the urgencies the matter allows; nil means the matter's default.
    public var urgency: Urgency?
    public var description: String
    public var location: String
    /// References to photos or files kept elsewhere (URLs, file ids).
    public var evidence: [String]?
    /// The raising grid; may be omitted when the principal is that grid.
    public var grid: String?

    public init(matter: String, urgency: Urgency? = nil, description: String, location: String,
                evidence: [String]? = nil, grid: String? = nil) {
        self.matter = matter
        self.urgency = urgency
        self.description = description
        self.location = location
        self.evidence = evidence
        self.grid = grid
    }
}

/// The answer to `raise`: the whistle's id and who got it.
public struct WhistleAccepted: Sendable, Codable, Equatable {
    public var whistle: String
    public var grid: String
    public var town: String
    public var matter: String
    public var urgency: Urgency
    public var lead: String
    public var co: [String]
    public var raisedAt: Instant

    public init(whistle: String, grid: String, town: String, matter: String, urgency: Urgency, lead: String, co: [String], raisedAt: Instant) {
        self.whistle = whistle
        self.grid = grid
        self.town = town
        self.matter = matter
        self.urgency = urgency
        self.lead = lead
        self.co = co
        self.raisedAt = raisedAt
    }
}

/// Names one whistle (queries and most commands).
public struct WhistleRef: Sendable, Codable, Equatable {
    public var whistle: String
    public init(whistle: String) { self.whistle = whistle }
}

/// A whistle and why: the body of a command that needs nothing more (`escalate`, `return`, `void`).
public struct WhistleReason: Sendable, Codable, Equatable {
    public var whistle: String
    public var reason: String
    public init(whistle: String, reason: String) {
        self.whistle = whistle
        self.reason = reason
    }
}
