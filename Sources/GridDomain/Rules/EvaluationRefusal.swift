/// Why an evaluation (一键评价) is refused.
public enum EvaluationRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The whistle was already closed by an evaluation.
    case alreadyClosed(ClosureOutcome)
    /// 逾期未评价 — the evaluation window passed and the whistle closed unevaluated.
    case windowClosed
    /// The departments awaited this round have not all reported done (反馈).
    case notReportedBack(IllegalWhistleStep)
    /// 作废 — the whistle was voided before the evaluation was applied.
    case voided

    public var description: String {
        switch self {
        case .alreadyClosed: "the whistle was evaluated and closed"
        case .windowClosed: "the evaluation window has passed and the whistle closed without an evaluation"
        case .notReportedBack(let step): step.description
        case .voided: "the whistle was voided (作废); there is nothing to evaluate"
        }
    }
}
