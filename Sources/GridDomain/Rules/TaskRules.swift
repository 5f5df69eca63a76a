import Foundation

/// The rules of a department's task (ResponseService's side): each takes the task, the input and the
/// time it happens, and decides. Deadlines are on the working calendar; a step done at its deadline
/// is on time.
public enum TaskRules {
    /// When an overdue check is armed: the first millisecond past the deadline (wire times are
    /// milliseconds), since a step done at its deadline is on time.
    public static func overdueCheck(after deadline: Date) -> Date { deadline + 0.001 }

    /// 派单 — a new task for `department`; both clocks start at `at`, the routed time.
    public static func dispatch(
        whistle: String, department: String, role: TaskRole, policy: Policy, at: Date, calendar: WorkingCalendar
    ) -> TaskDecision {
        let task = DepartmentTask(
            whistle: whistle, department: department, role: role, state: .dispatched, round: 1, policy: policy,
            signDue: calendar.deadline(from: at, adding: policy.signFor),
            disposeDue: calendar.deadline(from: at, adding: policy.dispose))
        return TaskDecision(
            task: task,
            events: [.dispatched(signDueAt: task.signDue, disposeDueAt: task.disposeDue)],
            due: [.arm(DueWork(kind: .signForOverdue, subject: task.subject, at: overdueCheck(after: task.signDue))),
                  .arm(DueWork(kind: .disposeOverdue, subject: task.subject, at: overdueCheck(after: task.disposeDue)))])
    }

    /// 签收 — accepted late too, and then judged late.
    public static func sign(_ task: DepartmentTask, at: Date) throws(IllegalTaskTransition) -> TaskDecision {
        var next = task
        next.state = try task.state.after(.sign)
        next.signedAt = at
        return TaskDecision(
            task: next,
            events: [.signed(dueAt: task.signDue, onTime: at <= task.signDue)],
            due: [.cancel(.signForOverdue, subject: task.subject)])
    }

    /// 反馈 — reported done this round; accepted late too, and then judged late.
    public static func report(_ task: DepartmentTask, at: Date) throws(IllegalTaskTransition) -> TaskDecision {
        var next = task
        next.state = try task.state.after(.report)
        next.reportedAt = at
        return TaskDecision(
            task: next,
            events: [.reported(round: task.round, dueAt: task.disposeDue, onTime: at <= task.disposeDue)],
            due: [.cancel(.disposeOverdue, subject: task.subject)])
    }

    /// 返工 — the grid named this department for `round`: the task is back in hand, with a fresh
    /// 处置 deadline from `at` and its dispose clock watched again.
    public static func reopen(
        _ task: DepartmentTask, round: Int, at: Date, calendar: WorkingCalendar
    ) throws(IllegalTaskTransition) -> TaskDecision {
        var next = task
        next.state = try task.state.after(.reopen)
        next.round = round
        next.disposeDue = calendar.deadline(from: at, adding: task.policy.dispose)
        next.reportedAt = nil
        next.overdue.remove(.dispose)
        return TaskDecision(
            task: next,
            events: [.reopened(round: round, disposeDueAt: next.disposeDue)],
            due: [.arm(DueWork(kind: .disposeOverdue, subject: task.subject, at: overdueCheck(after: next.disposeDue)))])
    }

    /// 结案 — the whistle closed; closing a closed task decides nothing.
    public static func close(_ task: DepartmentTask) -> TaskDecision {
        switch task.state {
        case .closed:
            return TaskDecision(task: task)
        case .dispatched, .signed, .reported:
            var next = task
            next.state = .closed
            return TaskDecision(
                task: next,
                events: [.closed],
                due: [.cancel(.signForOverdue, subject: task.subject),
                      .cancel(.disposeOverdue, subject: task.subject)])
        }
    }

    /// 超时 — due work of `kind` ran at `at`. A clock is declared overdue once, only while its step
    /// is still undone and only once `at` is past its current deadline; anything else is stale and
    /// decides nothing.
    public static func fire(_ task: DepartmentTask, _ kind: DueWork.Kind, at: Date) -> TaskDecision {
        let clock: TaskClock
        let dueAt: Date
        let pending: Bool
        switch kind {
        case .signForOverdue:
            (clock, dueAt, pending) = (.signFor, task.signDue, task.state == .dispatched)
        case .disposeOverdue:
            (clock, dueAt, pending) = (.dispose, task.disposeDue, task.state == .dispatched || task.state == .signed)
        case .evaluationWindow:
            return TaskDecision(task: task)
        }
        guard pending, at > dueAt, !task.overdue.contains(clock) else { return TaskDecision(task: task) }
        var next = task
        next.overdue.insert(clock)
        return TaskDecision(task: next, events: [.overdue(clock: clock, dueAt: dueAt)])
    }
}
