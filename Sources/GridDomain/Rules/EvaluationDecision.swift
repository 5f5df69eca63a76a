/// What an evaluation rule announces.
public enum EvaluationEvent: Sendable, Equatable {
    /// 一键评价 — the grid's verdict on `round`.
    case evaluated(round: Int, solved: Bool)
    /// 结案 — the loop closed after `round`, evaluated or not.
    case closed(round: Int, outcome: ClosureOutcome)
    /// 返工 — "not solved": `departments` redo their part in the new `round`.
    case rework(round: Int, departments: [String])
}

/// An evaluation rule's outcome: the whistle to store, the events to emit and the due work to
/// change, all in one transaction.
public struct EvaluationDecision: Sendable, Equatable {
    public var whistle: EvaluatedWhistle
    public var events: [EvaluationEvent]
    public var due: [DueChange]

    public init(whistle: EvaluatedWhistle, events: [EvaluationEvent] = [], due: [DueChange] = []) {
        self.whistle = whistle
        self.events = events
        self.due = due
    }
}
