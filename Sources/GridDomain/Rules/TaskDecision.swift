import Foundation

/// A reminder (催办) to a department.
public enum Reminder: Sendable, Equatable {
    /// A clock reached `fraction` of its time; `dueAt` is its deadline.
    case deadline(clock: TaskClock, fraction: Double, dueAt: Date)
    /// 防推诿 — a signed task showed no life since `idleSince`.
    case stall(idleSince: Date)
}

/// What a task rule announces.
public enum TaskEvent: Sendable, Equatable {
    /// 派单 — the task exists; its clocks run from the routed time.
    case dispatched(signDueAt: Date, disposeDueAt: Date, arriveDueAt: Date?)
    /// 签收 — on time when signed at or before the deadline.
    case signed(dueAt: Date, onTime: Bool)
    /// 报到 — arrived on site; on time when at or before the arrival deadline.
    case arrived(dueAt: Date, onTime: Bool)
    /// A progress note.
    case progress(note: String)
    /// 反馈 — reported done; on time when at or before the round's 处置 deadline.
    case reported(round: Int, dueAt: Date, onTime: Bool)
    /// 返工 — the grid said "not solved": the task is back in hand with a new 处置 deadline.
    case reopened(round: Int, disposeDueAt: Date)
    /// 超时 — a clock ran out before its step was done: its light is red.
    case overdue(clock: TaskClock, dueAt: Date)
    /// A clock's light changed (yellow at 80 %), or a weather alert moved its deadline to `dueAt`.
    case light(clock: TaskClock, light: ClockLight, dueAt: Date)
    /// 催办
    case reminded(Reminder)
    /// 督办 — the whistle climbed to `level`; the department answers to `coordinator`.
    case supervised(level: ResponseLevel, coordinator: String, trigger: EscalationTrigger, reason: String)
    /// 结案 — the whistle closed (no wire event of its own today).
    case closed
    /// 退单, 延期 or 挂账 — the department asked the town centre to decide.
    case requested(TaskRequest)
    /// 退单 — the return was arbitrated by `by`: upheld (the task is returned; `to` takes it over,
    /// or the co part is dropped) or refused (the task and its clocks stay).
    case arbitrated(uphold: Bool, to: String?, by: String, reason: String)
    /// 延期 or 挂账 — the request was decided by `by`.
    case decided(TaskRequest.Kind, approve: Bool, by: String, reason: String)
    /// 挂账 — the whistle is parked: the task's clocks stand still.
    case parked(resumeAt: Date?)
    /// The parked whistle resumed: `by` a principal, or nil for its `resumeAt` date.
    case resumed(by: String?)
}

/// A task rule's outcome: the task to store, the events to emit and the due work to change, all in
/// one transaction — and whether the whistle must climb a level (逐级上报) because of it.
public struct TaskDecision: Sendable, Equatable {
    public var task: DepartmentTask
    public var events: [TaskEvent]
    public var due: [DueChange]
    /// Set when the decision climbs the whistle: the lead's disposal clock turned red, or
    /// anti-stall fired a second time.
    public var climb: EscalationTrigger?

    public init(task: DepartmentTask, events: [TaskEvent] = [], due: [DueChange] = [], climb: EscalationTrigger? = nil) {
        self.task = task
        self.events = events
        self.due = due
        self.climb = climb
    }
}
