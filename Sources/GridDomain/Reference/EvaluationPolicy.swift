/// 评价设置 — the settings of anonymous evaluation (一键评价).
public struct EvaluationPolicy: Sendable, Codable, Equatable {
    /// K ≥ 1: satisfaction and comments reach departments only as aggregates over at least K evaluations.
    public var disclosureMinimum: Int
    /// ≥ 1: how many days after report-back (反馈) the grid may evaluate.
    public var windowDays: Int
    /// 0…1: the weight of 基本满意 (basically satisfied) in 满意率.
    public var basicallySatisfiedWeight: Double

    public init(disclosureMinimum: Int, windowDays: Int, basicallySatisfiedWeight: Double) {
        self.disclosureMinimum = disclosureMinimum
        self.windowDays = windowDays
        self.basicallySatisfiedWeight = basicallySatisfiedWeight
    }
}
