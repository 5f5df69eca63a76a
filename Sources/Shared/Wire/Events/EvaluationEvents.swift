import GridDomain

/// Event types of the `evaluation` stream (EvaluationService). Satisfaction and comments never
/// appear here: only the verdict, which the departments need to redo the work.
public enum EvaluationEventType: String, Sendable, CaseIterable {
    /// 评价 — the raising grid checked and evaluated the whistle.
    case evaluated
    /// 结案 — the whistle is closed.
    case closed
    /// 返工 — not solved: the named departments must redo their part.
    case rework
    /// 三色管理 — a micro-grid changed colour.
    case colour

    public var topic: String { Topic.event(.evaluation, rawValue) }
}

/// `evaluation.evaluated.`
public struct WhistleEvaluated: Sendable, Codable, Equatable {
    public var whistle: String
    public var round: Int
    public var solved: Bool

    public init(whistle: String, round: Int, solved: Bool) {
        self.whistle = whistle
        self.round = round
        self.solved = solved
    }
}

/// `evaluation.closed.` — 结案: evaluated as solved (`evaluated`), or closed because the raising
/// grid did not evaluate within the window (`not_evaluated`). An event stored before the outcome
/// existed has none and reads as `evaluated`.
public struct WhistleClosed: Sendable, Codable, Equatable {
    public var whistle: String
    public var round: Int
    public var outcome: ClosureOutcome

    public init(whistle: String, round: Int, outcome: ClosureOutcome) {
        self.whistle = whistle
        self.round = round
        self.outcome = outcome
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        whistle = try c.decode(String.self, forKey: .whistle)
        round = try c.decodeNumber(Int.self, forKey: .round)
        outcome = try c.decodeIfPresent(ClosureOutcome.self, forKey: .outcome) ?? .evaluated
    }
}

/// `evaluation.rework.`
public struct WhistleRework: Sendable, Codable, Equatable {
    public var whistle: String
    /// The round the redone work will report as.
    public var round: Int
    public var departments: [String]

    public init(whistle: String, round: Int, departments: [String]) {
        self.whistle = whistle
        self.round = round
        self.departments = departments
    }
}

/// `evaluation.colour.` — 三色管理: a micro-grid's colour changed at a review: worse at once, better
/// once the better score has held for the configured days. `reasons` are what the score counted.
public struct ColourChanged: Sendable, Codable, Equatable {
    public var grid: String
    public var town: String
    public var from: RiskColour
    public var to: RiskColour
    public var score: Int
    public var reasons: ColourReasons

    public init(grid: String, town: String, from: RiskColour, to: RiskColour, score: Int, reasons: ColourReasons) {
        self.grid = grid
        self.town = town
        self.from = from
        self.to = to
        self.score = score
        self.reasons = reasons
    }
}
