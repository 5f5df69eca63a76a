/// Why a department is listed but not ranked.
public enum NotRankedReason: String, Sendable, Codable {
    /// Fewer tasks dispatched in the period than `minimumVolume`.
    case belowMinimumVolume = "below_minimum_volume"
    /// Its satisfaction is not released for the period (fewer than K ballots, or a date range).
    case satisfactionNotReleased = "satisfaction_not_released"
    /// No task's sign-for deadline fell in the period, so 响应率 has no denominator.
    case noResponseDue = "no_response_due"
    /// No verdict was given in the period, so 解决率 has no denominator.
    case noVerdicts = "no_verdicts"
}

/// Where a department stands: its composite score, and its grade and rank when ranked.
public struct Standing: Sendable, Equatable {
    public var score: Double?
    public var grade: Grade?
    public var rank: Int?
    public var notRanked: NotRankedReason?
}

/// 排名 — the composite score, grades and ranks of departments in one period.
public enum Ranking {
    /// (w₁ × 响应率 + w₂ × 解决率 + w₃ × 满意率) / (w₁ + w₂ + w₃) × 100; nil when one of the three is.
    public static func score(_ indicators: DepartmentIndicators, weights: CompositeWeights) -> Double? {
        guard let response = indicators.signForOnTimeRate, let solved = indicators.solvedRate,
              let satisfaction = indicators.satisfactionRate, weights.total > 0 else { return nil }
        return (weights.response * response + weights.solved * solved + weights.satisfaction * satisfaction)
            / weights.total * 100
    }

    /// Ranks the entries (an id, tasks dispatched, the indicators) among themselves: the highest
    /// score first, equal scores sharing a rank ("1, 2, 2, 4").
    public static func rank(_ entries: [(id: String, dispatched: Int, indicators: DepartmentIndicators)],
                            policy: AssessmentPolicy) -> [String: Standing] {
        var standings: [String: Standing] = [:]
        var ranked: [(id: String, score: Double)] = []
        for entry in entries {
            let score = score(entry.indicators, weights: policy.weights)
            let reason: NotRankedReason? =
                if entry.dispatched < policy.minimumVolume { .belowMinimumVolume }
                else if entry.indicators.satisfactionRate == nil { .satisfactionNotReleased }
                else if entry.indicators.signForOnTimeRate == nil { .noResponseDue }
                else if entry.indicators.solvedRate == nil { .noVerdicts }
                else { nil }
            standings[entry.id] = Standing(score: score, notRanked: reason)
            if reason == nil, let score { ranked.append((entry.id, score)) }
        }
        ranked.sort { ($0.score, $1.id) > ($1.score, $0.id) }
        for (index, entry) in ranked.enumerated() {
            let rank = index > 0 && ranked[index - 1].score == entry.score ? standings[ranked[index - 1].id]?.rank : index + 1
            standings[entry.id]?.rank = rank
            standings[entry.id]?.grade = policy.grades.grade(entry.score)
        }
        return standings
    }
}
