import GridDomain

/// One department's (or district body's) figures in a period (docs/assessment.md has every
/// formula). Counts are by when each thing fell due or happened; a rate with a zero denominator
/// is absent; satisfaction is absent below K released ballots and for a range of days.
public struct DepartmentAssessment: Sendable, Codable, Equatable {
    public var department: String
    public var name: String
    /// The district body it belongs to (a town unit); absent for a body.
    public var parent: String?
    /// For a body's row in the district ranking: the units whose figures are combined with its own.
    public var units: [String]?
    /// 派单 — tasks dispatched in the period.
    public var dispatched = 0
    /// Tasks whose sign-for deadline fell in the period, and of those signed for on time.
    public var signForDue = 0
    public var signedForOnTime = 0
    /// Disposal rounds whose final deadline fell in the period, and of those reported on time.
    public var disposalRoundsDue = 0
    public var disposalRoundsOnTime = 0
    /// Whistles it leads whose closing deadline fell in the period; of those closed, closed by the
    /// deadline, closed not evaluated (逾期未评价), and reworked at least once.
    public var closingDue = 0
    public var closingClosed = 0
    public var closingOnTime = 0
    public var closingNotEvaluated = 0
    public var closingReworked = 0
    /// Tasks whose final disposal deadline fell in the period, and of those with an approved extension.
    public var extensionsDue = 0
    public var extensionsApproved = 0
    /// 退单 — returns asked for in the period; arbitrated in it, and of those refused.
    public var returnsRequested = 0
    public var returnsArbitrated = 0
    public var returnRefusals = 0
    /// 评价 — verdicts given in the period, and of those "solved".
    public var evaluations = 0
    public var solved = 0
    /// 已公开 — ballots released in the period (满意度 is shown from these alone).
    public var released = 0
    /// 响应率.
    public var signForOnTimeRate: Double?
    /// 按期处置率.
    public var disposalOnTimeRate: Double?
    /// 结案率 and 按期结案率.
    public var closureRate: Double?
    public var closureOnTimeRate: Double?
    /// 返工率.
    public var reworkRate: Double?
    /// 延期率.
    public var extendedRate: Double?
    /// 退单率 and 退单不当率.
    public var returnRequestRate: Double?
    public var returnRefusedRate: Double?
    /// 解决率 (shown at any count: the verdict is not anonymous).
    public var solvedRate: Double?
    /// 满意率 — from released ballots only.
    public var satisfactionRate: Double?
    /// Whether satisfaction is hidden: fewer than K released ballots, or a range of days.
    public var satisfactionHidden = true
    /// 分项评价 — the mean of each aspect over released ballots, each absent below K scores.
    public var scores: AspectMeans?
    /// Time to sign for (tasks signed in the period) and to close (whistles closed in it), in working hours.
    public var signForHours: TimeSummary?
    public var closeHours: TimeSummary?
    /// The composite score, when its three rates exist; grade and rank only when ranked.
    public var score: Double?
    public var grade: Grade?
    public var rank: Int?
    /// Why it is listed but not ranked.
    public var notRanked: NotRankedReason?

    public init(department: String, name: String, parent: String? = nil) {
        self.department = department
        self.name = name
        self.parent = parent
    }
}

/// The answer to `assessment`: every department's own row, ranked among departments, and the
/// district ranking of district bodies on their units' combined figures.
public struct Assessment: Sendable, Codable, Equatable {
    public var period: String?
    /// True while the period is not over: "due" means due by `generatedAt`.
    public var provisional: Bool
    public var generatedAt: Instant
    public var referenceVersion: Int
    public var disclosureMinimum: Int
    public var minimumVolume: Int
    public var weights: CompositeWeights
    public var departments: [DepartmentAssessment]
    /// 区级排名 — district bodies (departments with no parent), each with its units' figures combined.
    public var bodies: [DepartmentAssessment]

    public init(period: String?, provisional: Bool, generatedAt: Instant, referenceVersion: Int, disclosureMinimum: Int,
                minimumVolume: Int, weights: CompositeWeights, departments: [DepartmentAssessment],
                bodies: [DepartmentAssessment]) {
        self.period = period
        self.provisional = provisional
        self.generatedAt = generatedAt
        self.referenceVersion = referenceVersion
        self.disclosureMinimum = disclosureMinimum
        self.minimumVolume = minimumVolume
        self.weights = weights
        self.departments = departments
        self.bodies = bodies
    }
}

/// `towns` and `areas` queries: a period as for `assessment` (all time without one), optionally one town.
public struct TownQuery: Sendable, Codable, Equatable {
    public var period: String?
    public var town: String?

    public init(period: String? = nil, town: String? = nil) {
        self.period = period
        self.town = town
    }
}

/// 街镇“网格+”综合评价 — one town's row.
public struct TownAssessment: Sendable, Codable, Equatable {
    public var town: String
    public var name: String
    public var rosterCompleteness: Double?
    public var decisionsDue = 0
    public var decisionsOnTime = 0
    public var decisionOnTimeRate: Double?
    public var settled = 0
    public var settledLow = 0
    /// 自治率 — settled without reaching the town.
    public var selfGovernanceRate: Double?
    public var closingDue = 0
    public var closingOnTime = 0
    public var closureOnTimeRate: Double?
    public var signForDue = 0
    public var signedForOnTime = 0
    public var signForOnTimeRate: Double?
    public var disposalRoundsDue = 0
    public var disposalRoundsOnTime = 0
    public var disposalOnTimeRate: Double?
    /// 组织保障, 资源整合, 部门支持 (0–1), the score (0–100), grade and rank among towns.
    public var organisation: Double?
    public var resources: Double?
    public var departmentSupport: Double?
    public var score: Double?
    public var grade: Grade?
    public var rank: Int?

    public init(town: String, name: String) {
        self.town = town
        self.name = name
    }
}

/// The answer to `towns`.
public struct TownAssessments: Sendable, Codable, Equatable {
    public var period: String?
    public var provisional: Bool
    public var generatedAt: Instant
    public var referenceVersion: Int
    public var weights: TownWeights
    public var towns: [TownAssessment]

    public init(period: String?, provisional: Bool, generatedAt: Instant, referenceVersion: Int, weights: TownWeights,
                towns: [TownAssessment]) {
        self.period = period
        self.provisional = provisional
        self.generatedAt = generatedAt
        self.referenceVersion = referenceVersion
        self.weights = weights
        self.towns = towns
    }
}

/// 片区网格评价 — one area grid's row.
public struct AreaAssessment: Sendable, Codable, Equatable {
    public var area: String
    public var name: String
    public var town: String
    public var raised = 0
    public var settled = 0
    public var settledLow = 0
    public var selfGovernanceRate: Double?
    public var closingDue = 0
    public var closingOnTime = 0
    public var closureOnTimeRate: Double?
    public var escalationsReceived = 0
    public var escalationsSettled = 0
    public var escalationSettledRate: Double?

    public init(area: String, name: String, town: String) {
        self.area = area
        self.name = name
        self.town = town
    }
}

/// The answer to `areas`.
public struct AreaAssessments: Sendable, Codable, Equatable {
    public var period: String?
    public var provisional: Bool
    public var generatedAt: Instant
    public var referenceVersion: Int
    public var areas: [AreaAssessment]

    public init(period: String?, provisional: Bool, generatedAt: Instant, referenceVersion: Int, areas: [AreaAssessment]) {
        self.period = period
        self.provisional = provisional
        self.generatedAt = generatedAt
        self.referenceVersion = referenceVersion
        self.areas = areas
    }
}

/// `colours` query: the three-colour map (三色管理) of one town.
public struct ColoursQuery: Sendable, Codable, Equatable {
    public var town: String

    public init(town: String) { self.town = town }
}

/// One micro-grid on the map.
public struct GridColour: Sendable, Codable, Equatable {
    public var grid: String
    public var name: String
    public var colour: RiskColour
    public var score: Int
    public var since: Instant?
    public var reasons: ColourReasons
    /// A better colour it is holding for, and since when (it moves once held for `holdDays`).
    public var holding: RiskColour?
    public var holdSince: Instant?

    public init(grid: String, name: String, colour: RiskColour, score: Int, since: Instant?, reasons: ColourReasons,
                holding: RiskColour? = nil, holdSince: Instant? = nil) {
        self.grid = grid
        self.name = name
        self.colour = colour
        self.score = score
        self.since = since
        self.reasons = reasons
        self.holding = holding
        self.holdSince = holdSince
    }
}

/// The answer to `colours`: every micro-grid of the town, reddest first; as of the last review.
public struct ColourMap: Sendable, Codable, Equatable {
    public var town: String
    public var reviewedAt: Instant?
    public var grids: [GridColour]

    public init(town: String, reviewedAt: Instant?, grids: [GridColour]) {
        self.town = town
        self.reviewedAt = reviewedAt
        self.grids = grids
    }
}
