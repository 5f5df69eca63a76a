/// 三级网格响应 — the level a whistle is coordinated at. What one level cannot settle climbs to
/// the next.
public enum ResponseLevel: Int, Sendable, Codable, Comparable, CaseIterable {
    /// 村居(单元)网格长自治 — the unit grid above the raising grid.
    case autonomy = 1
    /// 片区网格长共治 — the area grid above that.
    case cogovernance = 2
    /// 街镇总网格长牵头 — the town, through its city-operations centre.
    case townLead = 3
    /// 区城运中心 — the district centre, the last resort.
    case district = 4

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The level above; nil at the district.
    public var next: ResponseLevel? { ResponseLevel(rawValue: rawValue + 1) }
}

/// Why a whistle climbs a level (逐级上报).
public enum EscalationTrigger: String, Sendable, NamedCase {
    /// The current coordinator declared the matter beyond its level's power (`escalate`).
    case coordinator
    /// The lead department's disposal clock turned red (超时).
    case redClock
    /// 防推诿 — a signed task got no progress, arrival or report twice over `stallAfter`.
    case stall
    /// The level's own deadline passed.
    case levelDeadline
    /// 返工 — a "not solved" verdict came after `reworkCap` reworks.
    case reworkCap
    /// 退单 — the town centre did not arbitrate a return within `arbitrateWithin`: the whistle goes
    /// to the district, which then arbitrates.
    case arbitration

    /// Whether the trigger always climbs, whatever `escalateOn` says: a coordinator's own call,
    /// the rework cap and an arbitration not made in time.
    public var isAlwaysOn: Bool {
        switch self {
        case .coordinator, .reworkCap, .arbitration: true
        case .redClock, .stall, .levelDeadline: false
        }
    }
}

/// The response settings a whistle keeps (frozen with its policy when it is routed): the level
/// deadlines, the reminders (催办), anti-stall and which events climb a level.
public struct ResponsePolicy: Sendable, Codable, Hashable {
    /// The deadline of each level, from level 1 (自治) to level 4 (the district); it starts when the
    /// whistle reaches the level.
    public var levelDeadlines: [Limit]
    /// The fractions of a clock (0 < f < 1) at which its department is reminded (催办); the yellow
    /// light at 80 % counts as the reminder there.
    public var remindAt: [Double]
    /// 防推诿 — how long a signed task may go without progress, arrival or report before it is
    /// reminded; as long again, and the whistle climbs.
    public var stallAfter: Limit
    /// Which automatic triggers climb a level; those always on (``EscalationTrigger/isAlwaysOn``)
    /// are not listed.
    public var escalateOn: [EscalationTrigger]
    /// 退单 — how long the town centre has to arbitrate a return before it goes to the district.
    public var arbitrateWithin: Limit
    /// 返工 — after this many reworks, the next "not solved" also climbs the whistle a level.
    public var reworkCap: Int

    /// Where a clock turns yellow.
    public static let yellowAt = 0.8

    public static let standard = ResponsePolicy(
        levelDeadlines: [Limit(amount: 1, unit: .workingDays), Limit(amount: 2, unit: .workingDays),
                         Limit(amount: 3, unit: .workingDays), Limit(amount: 5, unit: .workingDays)],
        remindAt: [0.5], stallAfter: Limit(amount: 1, unit: .workingDays),
        escalateOn: [.redClock, .stall, .levelDeadline], arbitrateWithin: Limit(amount: 1, unit: .workingDays),
        reworkCap: 2)

    public init(
        levelDeadlines: [Limit], remindAt: [Double], stallAfter: Limit, escalateOn: [EscalationTrigger],
        arbitrateWithin: Limit = ResponsePolicy.standard.arbitrateWithin, reworkCap: Int = ResponsePolicy.standard.reworkCap
    ) {
        self.levelDeadlines = levelDeadlines
        self.remindAt = remindAt
        self.stallAfter = stallAfter
        self.escalateOn = escalateOn
        self.arbitrateWithin = arbitrateWithin
        self.reworkCap = reworkCap
    }

    /// The deadline of `level` (the last configured one for a list that is too short).
    public func deadline(of level: ResponseLevel) -> Limit {
        let index = level.rawValue - 1
        if levelDeadlines.indices.contains(index) { return levelDeadlines[index] }
        return levelDeadlines.last ?? Self.standard.levelDeadlines[index]
    }

    /// Whether `trigger` climbs a level under this policy.
    public func climbs(on trigger: EscalationTrigger) -> Bool {
        trigger.isAlwaysOn || escalateOn.contains(trigger)
    }
}

extension ResponsePolicy {
    private enum CodingKeys: String, CodingKey {
        case levelDeadlines, remindAt, stallAfter, escalateOn, arbitrateWithin, reworkCap
    }

    /// A policy frozen before `arbitrateWithin` and `reworkCap` existed reads them as the standard's.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            levelDeadlines: try container.decode([Limit].self, forKey: .levelDeadlines),
            remindAt: try container.decode([Double].self, forKey: .remindAt),
            stallAfter: try container.decode(Limit.self, forKey: .stallAfter),
            escalateOn: try container.decode([EscalationTrigger].self, forKey: .escalateOn),
            arbitrateWithin: try container.decodeIfPresent(Limit.self, forKey: .arbitrateWithin)
                ?? Self.standard.arbitrateWithin,
            reworkCap: try container.decodeIfPresent(Int.self, forKey: .reworkCap) ?? Self.standard.reworkCap)
    }
}

/// A town's own three-level response flow (「各街镇…制定…三级网格响应流程」): what it overrides of
/// the district's settings.
public struct TownResponse: Sendable, Codable, Equatable {
    public var levelDeadlines: [Limit]?
    public var escalateOn: [EscalationTrigger]?
    public var stallAfter: Limit?

    public init(levelDeadlines: [Limit]? = nil, escalateOn: [EscalationTrigger]? = nil, stallAfter: Limit? = nil) {
        self.levelDeadlines = levelDeadlines
        self.escalateOn = escalateOn
        self.stallAfter = stallAfter
    }
}

/// `reference.response` — the district's response settings and each town's overrides. Every
/// member may be left out and reads as ``ResponsePolicy/standard``'s.
public struct ResponseSettings: Sendable, Equatable {
    public var district: ResponsePolicy
    /// By town grid id.
    public var towns: [String: TownResponse]

    public static let standard = ResponseSettings(district: .standard, towns: [:])

    public init(district: ResponsePolicy, towns: [String: TownResponse]) {
        self.district = district
        self.towns = towns
    }

    /// The settings a whistle of `town` keeps.
    public func policy(forTown town: String) -> ResponsePolicy {
        guard let own = towns[town] else { return district }
        var policy = district
        if let levels = own.levelDeadlines { policy.levelDeadlines = levels }
        if let triggers = own.escalateOn { policy.escalateOn = triggers }
        if let stall = own.stallAfter { policy.stallAfter = stall }
        return policy
    }
}

extension ResponseSettings: Codable {
    private enum CodingKeys: String, CodingKey {
        case levelDeadlines, remindAt, stallAfter, escalateOn, arbitrateWithin, reworkCap, towns
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = ResponsePolicy.standard
        district = ResponsePolicy(
            levelDeadlines: try container.decodeIfPresent([Limit].self, forKey: .levelDeadlines) ?? standard.levelDeadlines,
            remindAt: try container.decodeIfPresent([Double].self, forKey: .remindAt) ?? standard.remindAt,
            stallAfter: try container.decodeIfPresent(Limit.self, forKey: .stallAfter) ?? standard.stallAfter,
            escalateOn: try container.decodeIfPresent([EscalationTrigger].self, forKey: .escalateOn) ?? standard.escalateOn,
            arbitrateWithin: try container.decodeIfPresent(Limit.self, forKey: .arbitrateWithin) ?? standard.arbitrateWithin,
            reworkCap: try container.decodeIfPresent(Int.self, forKey: .reworkCap) ?? standard.reworkCap)
        towns = try container.decodeIfPresent([String: TownResponse].self, forKey: .towns) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(district.levelDeadlines, forKey: .levelDeadlines)
        try container.encode(district.remindAt, forKey: .remindAt)
        try container.encode(district.stallAfter, forKey: .stallAfter)
        try container.encode(district.escalateOn, forKey: .escalateOn)
        try container.encode(district.arbitrateWithin, forKey: .arbitrateWithin)
        try container.encode(district.reworkCap, forKey: .reworkCap)
        try container.encode(towns, forKey: .towns)
    }
}
