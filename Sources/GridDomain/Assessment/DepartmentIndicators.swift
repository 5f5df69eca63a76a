/// What a department did in a period, counted from the streams (考核计数).
public struct DepartmentCounts: Sendable, Equatable {
    public var dispatched = 0
    public var signed = 0
    public var signedOnTime = 0
    public var reported = 0
    public var reportedOnTime = 0
    public var closed = 0
    public var reworked = 0
    /// 退单 — returns asked for, tasks returned (upheld), returns refused.
    public var returns = 0
    public var returned = 0
    public var returnsRefused = 0
    /// 延期 — tasks with an approved extension.
    public var extended = 0
    /// Verdicts received (one per evaluation round of each whistle it worked on).
    public var evaluations = 0
    public var solved = 0

    public init() {}
}

/// The rates derived from the counts. A rate with a zero denominator is nil, not zero.
public struct DepartmentIndicators: Sendable, Equatable {
    /// 响应率 — signed for on time over dispatched, returned tasks left out (the department was right).
    public var responseRate: Double?
    /// 按期处置率 — reported on time over reported.
    public var onTimeDisposalRate: Double?
    /// 解决率 — solved verdicts over verdicts.
    public var solvedRate: Double?
    /// 满意率 — (满意 + w × 基本满意) over released ballots; nil when hidden.
    public var satisfactionRate: Double?
    /// True when fewer than K ballots are released: satisfaction is not shown at all.
    public var satisfactionHidden: Bool
    /// 退单率 — returns over dispatched.
    public var returnRate: Double?
    /// 退单不当率 — returns refused over returns arbitrated (returned + refused).
    public var wrongReturnRate: Double?
    /// 延期率 — tasks extended over dispatched, returned tasks left out.
    public var extensionRate: Double?

    /// Computes the rates of `counts` and the released ballots under `policy` (K and the weight of 基本满意).
    public init(_ counts: DepartmentCounts, released: ReleasedOpinions, policy: EvaluationPolicy) {
        func rate(_ part: Int, _ whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }
        let kept = counts.dispatched - counts.returned
        responseRate = rate(counts.signedOnTime, kept)
        onTimeDisposalRate = rate(counts.reportedOnTime, counts.reported)
        solvedRate = rate(counts.solved, counts.evaluations)
        satisfactionRate = released.satisfactionRate(weight: policy.basicallySatisfiedWeight,
                                                     minimum: policy.disclosureMinimum)
        satisfactionHidden = satisfactionRate == nil
        returnRate = rate(counts.returns, counts.dispatched)
        wrongReturnRate = rate(counts.returnsRefused, counts.returned + counts.returnsRefused)
        extensionRate = rate(counts.extended, kept)
    }
}
