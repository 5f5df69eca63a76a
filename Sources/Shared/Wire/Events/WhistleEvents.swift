import GridDomain

/// Event types of the `whistle` stream (WhistleService).
public enum WhistleEventType: String, Sendable, CaseIterable {
    /// A version of the reference data (version 1 is the configuration file's).
    case reference
    /// 吹哨 — a grid raised a whistle.
    case raised
    /// 派单 — the whistle was routed to its departments, with the policy it keeps.
    case routed
    /// 防汛防台 — a weather alert was declared (``AlertDeclared``).
    case alertDeclared = "alert.declared"
    /// The weather alert was lifted (``AlertLifted``).
    case alertLifted = "alert.lifted"
    /// 作废 — the town centre voided the whistle (``WhistleVoided``).
    case voided
    /// 改派 — an upheld return moved a part of the whistle (``WhistleRerouted``).
    case rerouted

    public var topic: String { Topic.event(.whistle, rawValue) }
}

/// `whistle.reference.`
public struct ReferencePublished: Sendable, Codable {
    public var version: Int
    public var reference: ReferenceData
    public init(version: Int, reference: ReferenceData) {
        self.version = version
        self.reference = reference
    }
}

/// `whistle.raised.` — what the grid said.
public struct WhistleRaised: Sendable, Codable, Equatable {
    public var whistle: String
    public var grid: String
    public var town: String
    public var matter: String
    public var urgency: Urgency
    public var description: String
    public var location: String
    public var evidence: [String]
    public var raisedBy: Principal

    public init(whistle: String, grid: String, town: String, matter: String, urgency: Urgency, description: String, location: String, evidence: [String], raisedBy: Principal) {
        self.whistle = whistle
        self.grid = grid
        self.town = town
        self.matter = matter
        self.urgency = urgency
        self.description = description
        self.location = location
        self.evidence = evidence
        self.raisedBy = raisedBy
    }
}

/// `whistle.routed.` — who is responsible: one lead (主办), any co-departments (协办), the frozen policy.
public struct WhistleRouted: Sendable, Codable, Equatable {
    public var whistle: String
    public var grid: String
    public var town: String
    public var matter: String
    public var lead: String
    public var co: [String]
    public var policy: Policy

    public init(whistle: String, grid: String, town: String, matter: String, lead: String, co: [String], policy: Policy) {
        self.whistle = whistle
        self.grid = grid
        self.town = town
        self.matter = matter
        self.lead = lead
        self.co = co
        self.policy = policy
    }
}

extension WhistleRouted {
    /// What a consumer with no use for the policy reads of a `routed` event: who leads (主办) and
    /// who helps (协办). Reading it skips the policy instead of building it.
    public struct Parties: Sendable, Codable, Equatable {
        public var whistle: String
        public var lead: String
        public var co: [String]
    }
}

/// `whistle.voided.` — the whistle's town centre (or the district) voided it. How it ends is
/// EvaluationService's to say (`evaluation.closed.`): voided, or evaluated if the grid's evaluation
/// was applied first.
public struct WhistleVoided: Sendable, Codable, Equatable {
    public var whistle: String
    public var grid: String
    public var town: String
    public var by: Principal
    public var reason: String

    public init(whistle: String, grid: String, town: String, by: Principal, reason: String) {
        self.whistle = whistle
        self.grid = grid
        self.town = town
        self.by = by
        self.reason = reason
    }
}

/// `whistle.rerouted.` — 改派: `returned`'s return was upheld. `to` takes over its part (`role`),
/// or, for a co-department with no `to`, the part is dropped; `lead` and `co` are the whistle's
/// departments from now on.
public struct WhistleRerouted: Sendable, Codable, Equatable {
    public var whistle: String
    public var grid: String
    public var town: String
    public var matter: String
    public var returned: String
    public var role: TaskRole
    public var to: String?
    public var lead: String
    public var co: [String]
    public var by: Principal
    public var reason: String

    public init(whistle: String, grid: String, town: String, matter: String, returned: String, role: TaskRole,
                to: String? = nil, lead: String, co: [String], by: Principal, reason: String) {
        self.whistle = whistle
        self.grid = grid
        self.town = town
        self.matter = matter
        self.returned = returned
        self.role = role
        self.to = to
        self.lead = lead
        self.co = co
        self.by = by
        self.reason = reason
    }
}
