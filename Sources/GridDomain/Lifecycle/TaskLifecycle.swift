/// The department's part in a whistle: 主办 (lead, one per whistle) or 协办 (co-department).
public enum TaskRole: String, Sendable, NamedCase {
    case lead
    case co
}

/// Where a department's task (部门任务) stands.
public enum TaskState: String, Sendable, NamedCase {
    /// 待签收 — dispatched, not yet signed for.
    case dispatched
    /// 处置中 — signed for, being disposed of (also after a rework reopened it).
    case signed
    /// 已反馈 — reported done, awaiting the grid's evaluation.
    case reported
    /// 已结案 — the whistle is closed.
    case closed
    /// 已退单 — the department's return (退单) was upheld: the task is closed, and out of its
    /// response and disposal figures.
    case returned
    /// 已作废 — the whistle was voided (作废); nothing more happens on the task unless the whistle
    /// closes otherwise after all (an evaluation that won the race).
    case voided
}

/// What may happen to a task.
public enum TaskAction: String, Sendable, CaseIterable {
    /// 签收
    case sign
    /// 报到 — arrival on site; the task stays signed for.
    case arrive
    /// A progress note; the task stays signed for.
    case progress
    /// 反馈
    case report
    /// 返工 — the grid said "not solved" and named this department.
    case reopen
    /// 结案
    case close
    /// 退单 upheld — the department was right: the matter is not its own.
    case returned
    /// 作废 — the whistle was voided.
    case void
}

/// A task action its state does not allow.
public struct IllegalTaskTransition: Error, Sendable, Equatable, CustomStringConvertible {
    public let state: TaskState
    public let action: TaskAction

    public init(state: TaskState, action: TaskAction) {
        self.state = state
        self.action = action
    }

    public var description: String {
        switch (state, action) {
        case (.closed, _): "the whistle is closed"
        case (.returned, _): "the task was returned (退单); it is no longer this department's"
        case (.voided, _): "the whistle was voided (作废)"
        case (.dispatched, .report): "the task must be signed for before it is reported done"
        case (.signed, .sign), (.reported, .sign): "the task is already signed for"
        case (.reported, .report): "the task is already reported done; it can be reported again only after a rework"
        case (.dispatched, .arrive): "the task must be signed for before arrival is reported"
        case (.dispatched, .progress): "the task must be signed for before progress is reported"
        case (.reported, .arrive), (.reported, .progress): "the task is reported done; there is nothing in progress"
        case (_, .reopen): "only a reported task can be reopened"
        case (.reported, .returned): "the task is reported done; there is nothing to return"
        default: "a \(state.rawValue) task cannot \(action.rawValue)"
        }
    }
}

extension TaskState {
    /// The state after `action`, or the typed refusal.
    public func after(_ action: TaskAction) throws(IllegalTaskTransition) -> TaskState {
        switch (self, action) {
        case (.dispatched, .sign): return .signed
        case (.signed, .report): return .reported
        case (.signed, .arrive), (.signed, .progress): return .signed
        case (.reported, .reopen): return .signed
        case (.dispatched, .close), (.signed, .close), (.reported, .close), (.voided, .close): return .closed
        case (.dispatched, .returned), (.signed, .returned): return .returned
        case (.dispatched, .void), (.signed, .void), (.reported, .void): return .voided
        case (.dispatched, .report), (.dispatched, .reopen), (.dispatched, .arrive), (.dispatched, .progress),
             (.reported, .arrive), (.reported, .progress), (.signed, .sign), (.signed, .reopen),
             (.reported, .sign), (.reported, .report), (.reported, .returned), (.closed, _), (.returned, _),
             (.voided, .sign), (.voided, .arrive), (.voided, .progress), (.voided, .report), (.voided, .reopen),
             (.voided, .returned), (.voided, .void):
            throw IllegalTaskTransition(state: self, action: action)
        }
    }
}
