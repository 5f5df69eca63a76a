/// 街镇“网格+”综合评价 — a town's comprehensive evaluation in a period, in three parts, each the
/// mean of its rates that have a denominator:
/// - 组织保障 organisation support: roster completeness and the town centre's on-time decisions;
/// - 资源整合 resource integration: the self-governance rate and on-time closure of its whistles;
/// - 部门支持 department support: on-time sign-for and disposal of departments on its whistles.
public struct TownEvaluation: Sendable, Equatable {
    /// Unit grids (村居网格) with a chief and at least one full-time grid worker, over its unit grids.
    public var rosterCompleteness: Double?
    /// Requests decided by their decide-by deadline over requests whose deadline fell in the period.
    public var decisionOnTimeRate: Double?
    /// 自治率 — whistles closed without reaching the town (levels 1–2) over whistles closed.
    public var selfGovernanceRate: Double?
    public var closureOnTimeRate: Double?
    public var signForOnTimeRate: Double?
    public var disposalOnTimeRate: Double?
    public var organisation: Double?
    public var resources: Double?
    public var departments: Double?
    /// The weighted parts × 100 over the parts that have a value; nil when none has.
    public var score: Double?
    public var grade: Grade?

    public init(_ totals: IndicatorTotals, rosterCompleteness: Double?, policy: AssessmentPolicy) {
        func rate(_ part: IndicatorMetric, _ whole: IndicatorMetric) -> Double? {
            totals[whole] > 0 ? Double(totals[part]) / Double(totals[whole]) : nil
        }
        func mean(_ values: Double?...) -> Double? {
            let given = values.compactMap { $0 }
            return given.isEmpty ? nil : given.reduce(0, +) / Double(given.count)
        }
        self.rosterCompleteness = rosterCompleteness
        decisionOnTimeRate = rate(.decidedOnTime, .decisionDue)
        selfGovernanceRate = rate(.settledLow, .settled)
        closureOnTimeRate = rate(.closedOnTime, .closingDue)
        signForOnTimeRate = rate(.signedOnTime, .signDue)
        disposalOnTimeRate = rate(.disposedOnTime, .disposalDue)
        organisation = mean(rosterCompleteness, decisionOnTimeRate)
        resources = mean(selfGovernanceRate, closureOnTimeRate)
        departments = mean(signForOnTimeRate, disposalOnTimeRate)
        let weights = policy.town
        let parts = [(organisation, weights.organisation), (resources, weights.resources), (departments, weights.departments)]
            .compactMap { part, weight in part.map { ($0, weight) } }
        let weight = parts.reduce(0) { $0 + $1.1 }
        if weight > 0 {
            let score = parts.reduce(0) { $0 + $1.0 * $1.1 } / weight * 100
            self.score = score
            grade = policy.grades.grade(score)
        }
    }

    /// Of the town's unit grids, the share with a chief and at least one full-time worker; nil
    /// when it has none.
    public static func rosterCompleteness(of town: String, in grids: [Grid], tree: GridTree) -> Double? {
        let units = grids.filter { $0.level == .unit && tree.town(of: $0.id)?.id == town }
        guard !units.isEmpty else { return nil }
        let complete = units.filter { $0.chief != nil && $0.workers.contains { $0.role == .fullTime } }
        return Double(complete.count) / Double(units.count)
    }
}

/// 片区网格评价 — an area grid in a period.
public struct AreaEvaluation: Sendable, Equatable {
    /// Whistles raised in it.
    public var raised: Int
    /// Whistles closed, and of those closed without reaching the town (levels 1–2).
    public var settled: Int
    public var settledLow: Int
    public var selfGovernanceRate: Double?
    public var closureOnTimeRate: Double?
    /// Climbs to it (from its unit grids), and of those settled before its level deadline.
    public var escalationsReceived: Int
    public var escalationsSettled: Int
    public var escalationSettledRate: Double?

    public init(_ totals: IndicatorTotals) {
        raised = totals[.raised]
        settled = totals[.settled]
        settledLow = totals[.settledLow]
        selfGovernanceRate = settled > 0 ? Double(settledLow) / Double(settled) : nil
        closureOnTimeRate = totals[.closingDue] > 0 ? Double(totals[.closedOnTime]) / Double(totals[.closingDue]) : nil
        escalationsReceived = totals[.escalationReceived]
        escalationsSettled = totals[.escalationSettled]
        escalationSettledRate = escalationsReceived > 0 ? Double(escalationsSettled) / Double(escalationsReceived) : nil
    }
}
