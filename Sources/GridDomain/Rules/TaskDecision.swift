import Foundation

/// What a task rule announces.
public enum TaskEvent: Sendable, Equatable {
    /// 派单 — the task exists; its clocks run from the routed time.
    case dispatched(signDueAt: Date, disposeDueAt: Date)
    /// 签收 — on time when signed at or before the deadline.
    case signed(dueAt: Date, onTime: Bool)
    /// 反馈 — reported done; on time when at or before the round's 处置 deadline.
    case reported(round: Int, dueAt: Date, onTime: Bool)
    /// 返工 — the grid said "not solved": the task is back in hand with a new 处置 deadline.
    case reopened(round: Int, disposeDueAt: Date)
    /// 超时 — a clock ran out before its step was done.
    case overdue(clock: TaskClock, dueAt: Date)
    /// 结案 — the whistle closed (no wire event of its own today).
    case closed
}

/// A task rule's outcome: the task to store, the events to emit and the due work to change, all in
/// one transaction.
public struct TaskDecision: Sendable, Equatable {
    public var task: DepartmentTask
    public var events: [TaskEvent]
    public var due: [DueChange]

    public init(task: DepartmentTask, events: [TaskEvent] = [], due: [DueChange] = []) {
        self.task = task
        self.events = events
        self.due = due
    }
}
