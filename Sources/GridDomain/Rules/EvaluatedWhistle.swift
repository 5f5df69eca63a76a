import Foundation

/// How a whistle's loop was closed (结案).
public enum ClosureOutcome: String, Sendable, NamedCase {
    /// 已评价 — the grid evaluated it as solved.
    case evaluated
    /// 逾期未评价 — the evaluation window passed without an evaluation.
    case notEvaluated = "not_evaluated"
    /// 作废 — the town centre voided it (a duplicate, not a real matter) before it closed otherwise.
    case voided
}

/// A whistle as the evaluation rules see it (EvaluationService's side).
public struct EvaluatedWhistle: Sendable, Equatable {
    public var id: String
    public var loop: WhistleLoop
    /// 主办 — the lead department.
    public var lead: String
    /// The lead first, then the co-departments (协办).
    public var departments: [String]
    /// The departments whose report-back opens this round's evaluation.
    public var awaiting: [String]
    /// When this round was reported back (反馈), opening the evaluation window; nil until then.
    public var reportedBackAt: Date?
    /// How the loop closed; nil while it is open.
    public var closedAs: ClosureOutcome?

    public init(
        id: String, loop: WhistleLoop = WhistleLoop(), lead: String, departments: [String], awaiting: [String],
        reportedBackAt: Date? = nil, closedAs: ClosureOutcome? = nil
    ) {
        self.id = id
        self.loop = loop
        self.lead = lead
        self.departments = departments
        self.awaiting = awaiting
        self.reportedBackAt = reportedBackAt
        self.closedAs = closedAs
    }
}
