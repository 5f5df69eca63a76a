/// The counts of one subject over a period: each metric's total, and each time metric's
/// distribution (minutes → how many samples), summed from its contributions.
public struct IndicatorTotals: Sendable, Equatable {
    public var counts: [IndicatorMetric: Int] = [:]
    public var times: [IndicatorMetric: [Int: Int]] = [:]

    public init() {}

    public subscript(_ metric: IndicatorMetric) -> Int { counts[metric] ?? 0 }

    public mutating func add(_ metric: IndicatorMetric, value: Int = 0, count: Int = 1) {
        if metric.isTime {
            times[metric, default: [:]][value, default: 0] += count
        } else {
            counts[metric, default: 0] += count
        }
    }

    /// Adds another subject's totals: a district body's figures are its units' combined.
    public mutating func merge(_ other: IndicatorTotals) {
        for (metric, count) in other.counts { counts[metric, default: 0] += count }
        for (metric, histogram) in other.times {
            for (value, count) in histogram { times[metric, default: [:]][value, default: 0] += count }
        }
    }

    /// The totals of each subject in `contributions`.
    public static func of(_ contributions: [Contribution]) -> [IndicatorSubject: IndicatorTotals] {
        var totals: [IndicatorSubject: IndicatorTotals] = [:]
        for contribution in contributions {
            totals[contribution.subject, default: IndicatorTotals()].add(contribution.metric, value: contribution.value)
        }
        return totals
    }

    /// The summary of a time metric in hours.
    public func summary(_ metric: IndicatorMetric) -> TimeSummary? { TimeSummary(times[metric] ?? [:]) }
}

/// Mean and 90th percentile (nearest rank, exact) of measured times, in working hours.
public struct TimeSummary: Sendable, Codable, Equatable {
    public var count: Int
    public var meanHours: Double
    public var p90Hours: Double

    public init(count: Int, meanHours: Double, p90Hours: Double) {
        self.count = count
        self.meanHours = meanHours
        self.p90Hours = p90Hours
    }

    /// From a distribution of minutes; nil when it is empty.
    public init?(_ minutes: [Int: Int]) {
        let count = minutes.values.reduce(0, +)
        guard count > 0 else { return nil }
        let sum = minutes.reduce(0) { $0 + $1.key * $1.value }
        // Nearest rank: the smallest value with at least ⌈0.9 n⌉ samples at or below it.
        let rank = (9 * count + 9) / 10
        var seen = 0
        var p90 = 0
        for (value, n) in minutes.sorted(by: { $0.key < $1.key }) {
            seen += n
            if seen >= rank { p90 = value; break }
        }
        self.count = count
        meanHours = Double(sum) / Double(count) / 60
        p90Hours = Double(p90) / 60
    }
}

/// The rates of one department (or district body) in a period (考核指标). A rate whose
/// denominator is 0 is nil, not zero. Formulas: docs/assessment.md.
public struct DepartmentIndicators: Sendable, Equatable {
    /// 响应率 — tasks signed for on time over tasks whose sign-for deadline fell in the period.
    public var signForOnTimeRate: Double?
    /// 按期处置率 — disposal rounds reported on time over rounds whose final deadline fell in it.
    public var disposalOnTimeRate: Double?
    /// 结案率 — whistles closed over whistles whose closing deadline fell in it.
    public var closureRate: Double?
    /// 按期结案率 — of those, closed by their closing deadline.
    public var closureOnTimeRate: Double?
    /// 返工率 — of those, whistles with at least one rework.
    public var reworkRate: Double?
    /// 延期率 — tasks with an approved extension over tasks whose final disposal deadline fell in it.
    public var extendedRate: Double?
    /// 退单率 — returns asked for in the period over tasks dispatched in it.
    public var returnRequestRate: Double?
    /// 退单不当率 — returns refused in the period over returns arbitrated in it.
    public var returnRefusedRate: Double?
    /// 解决率 — solved verdicts given in the period over verdicts given in it.
    public var solvedRate: Double?
    /// 满意率 — from released ballots only; nil below K ballots or for a date range.
    public var satisfactionRate: Double?
    /// Time to sign for, over tasks signed for in the period.
    public var signFor: TimeSummary?
    /// Time to close, over whistles closed in the period.
    public var close: TimeSummary?

    public init(_ totals: IndicatorTotals, released: ReleasedOpinions?, policy: EvaluationPolicy) {
        func rate(_ part: IndicatorMetric, _ whole: IndicatorMetric) -> Double? {
            totals[whole] > 0 ? Double(totals[part]) / Double(totals[whole]) : nil
        }
        signForOnTimeRate = rate(.signedOnTime, .signDue)
        disposalOnTimeRate = rate(.disposedOnTime, .disposalDue)
        closureRate = rate(.closed, .closingDue)
        closureOnTimeRate = rate(.closedOnTime, .closingDue)
        reworkRate = rate(.reworked, .closingDue)
        extendedRate = rate(.extended, .extensionDue)
        returnRequestRate = rate(.returnRequested, .dispatched)
        returnRefusedRate = rate(.returnRefused, .returnArbitrated)
        solvedRate = rate(.solved, .verdict)
        satisfactionRate = released?.satisfactionRate(weight: policy.basicallySatisfiedWeight,
                                                      minimum: policy.disclosureMinimum)
        signFor = totals.summary(.signMinutes)
        close = totals.summary(.closeMinutes)
    }
}
