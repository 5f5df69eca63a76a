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

    /// 签收 — accepted late too, and then judged late. A sign-for clock that ran out without its
    /// check having fired yet (a start after downtime, a busy moment) is declared overdue first,
    /// so whether a task went overdue never depends on when its check ran.
    public static func sign(_ task: DepartmentTask, at: Date) throws(IllegalTaskTransition) -> TaskDecision {
        var next = task
        next.state = try task.state.after(.sign)
        next.signedAt = at
        let missed = missedOverdue(&next, [.signFor], at: at)
        return TaskDecision(
            task: next,
            events: missed + [.signed(dueAt: task.signDue, onTime: at <= task.signDue)],
            due: [.cancel(.signForOverdue, subject: task.subject)])
    }

    /// 反馈 — reported done this round; accepted late too, and then judged late (a disposal clock
    /// that ran out unnoticed is declared overdue first, as in ``sign(_:at:)``).
    public static func report(_ task: DepartmentTask, at: Date) throws(IllegalTaskTransition) -> TaskDecision {
        var next = task
        next.state = try task.state.after(.report)
        next.reportedAt = at
        let missed = missedOverdue(&next, [.dispose], at: at)
        return TaskDecision(
            task: next,
            events: missed + [.reported(round: task.round, dueAt: task.disposeDue, onTime: at <= task.disposeDue)],
            due: [.cancel(.disposeOverdue, subject: task.subject)])
    }

    /// The overdue events of `clocks` whose deadline `at` is past, whose step is undone and which
    /// were not declared yet; marks them declared on `task`.
    private static func missedOverdue(_ task: inout DepartmentTask, _ clocks: [TaskClock], at: Date) -> [TaskEvent] {
        var events: [TaskEvent] = []
        for clock in clocks where !task.overdue.contains(clock) {
            let (dueAt, undone) = switch clock {
            case .signFor: (task.signDue, task.signedAt == nil || task.signedAt! > task.signDue)
            case .dispose: (task.disposeDue, task.reportedAt == nil || task.reportedAt! > task.disposeDue)
            }
            guard undone, at > dueAt else { continue }
            task.overdue.insert(clock)
            events.append(.overdue(clock: clock, dueAt: dueAt))
        }
        return events
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

    /// 结案 — the whistle closed at `at`; closing a closed task decides nothing. A clock of an
    /// undone step that ran out unnoticed before `at` is declared overdue first.
    public static func close(_ task: DepartmentTask, at: Date) -> TaskDecision {
        switch task.state {
        case .closed:
            return TaskDecision(task: task)
        case .dispatched, .signed, .reported:
            var next = task
            let undone: [TaskClock] = switch task.state {
            case .dispatched: [.signFor, .dispose]
            case .signed: [.dispose]
            case .reported, .closed: []
            }
            let missed = missedOverdue(&next, undone, at: at)
            next.state = .closed
            return TaskDecision(
                task: next,
                events: missed + [.closed],
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
