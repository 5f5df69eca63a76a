/// The counts of one subject over a period: each metric's total, and each time metric's
/// distribution, summed from its contributions.
public struct IndicatorTotals: Sendable, Equatable {
    public var counts: [IndicatorMetric: Int] = [:]
    public var times: [IndicatorMetric: TimeDistribution] = [:]

    public init() {}

    public subscript(_ metric: IndicatorMetric) -> Int { counts[metric] ?? 0 }

    public mutating func add(_ metric: IndicatorMetric, value: Int = 0, count: Int = 1) {
        if metric.isTime {
            times[metric, default: TimeDistribution()].add(value, count: count)
        } else {
            counts[metric, default: 0] += count
        }
    }

    /// Adds another subject's totals: a district body's figures are its units' combined.
    public mutating func merge(_ other: IndicatorTotals) {
        counts.merge(other.counts, uniquingKeysWith: +)
        for (metric, distribution) in other.times { times[metric, default: TimeDistribution()].merge(distribution) }
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
    public func summary(_ metric: IndicatorMetric) -> TimeSummary? { times[metric].flatMap(TimeSummary.init) }
}

/// Measured times in minutes, each with how many samples have it, kept in ascending order: the
/// store reads them in that order, so adding is an append, and merging and the percentile are
/// one pass.
public struct TimeDistribution: Sendable, Equatable {
    public private(set) var values: [(minutes: Int, count: Int)] = []

    public init() {}

    public var count: Int { values.reduce(0) { $0 + $1.count } }

    public mutating func add(_ minutes: Int, count: Int = 1) {
        if let last = values.last?.minutes, last >= minutes {
            if last == minutes {
                values[values.count - 1].count += count
                return
            }
            var low = 0
            var high = values.count
            while low < high {
                let middle = (low + high) / 2
                if values[middle].minutes < minutes { low = middle + 1 } else { high = middle }
            }
            if values[low].minutes == minutes { values[low].count += count } else { values.insert((minutes, count), at: low) }
            return
        }
        values.append((minutes, count))
    }

    /// Adds `other`'s samples to these.
    public mutating func merge(_ other: TimeDistribution) {
        guard !values.isEmpty else {
            values = other.values
            return
        }
        var merged: [(minutes: Int, count: Int)] = []
        merged.reserveCapacity(values.count + other.values.count)
        var (i, j) = (0, 0)
        while i < values.count || j < other.values.count {
            if j == other.values.count || (i < values.count && values[i].minutes < other.values[j].minutes) {
                merged.append(values[i])
                i += 1
            } else if i == values.count || other.values[j].minutes < values[i].minutes {
                merged.append(other.values[j])
                j += 1
            } else {
                merged.append((values[i].minutes, values[i].count + other.values[j].count))
                i += 1
                j += 1
            }
        }
        values = merged
    }

    public static func == (lhs: TimeDistribution, rhs: TimeDistribution) -> Bool {
        lhs.values.elementsEqual(rhs.values) { $0.minutes == $1.minutes && $0.count == $1.count }
    }
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
    public init?(_ distribution: TimeDistribution) {
        let count = distribution.count
        guard count > 0 else { return nil }
        let sum = distribution.values.reduce(0) { $0 + $1.minutes * $1.count }
        // Nearest rank: the smallest value with at least ⌈0.9 n⌉ samples at or below it.
        let rank = (9 * count + 9) / 10
        var seen = 0
        var p90 = 0
        for (minutes, n) in distribution.values {
            seen += n
            if seen >= rank { p90 = minutes; break }
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
