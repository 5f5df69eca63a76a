import Foundation

/// The rules of a department's task (ResponseService's side): each takes the task, the input and the
/// time it happens, and decides. Deadlines are on the working calendar; a step done at its deadline
/// is on time.
///
/// A task watches its clocks with one item of due work (`taskClock`), armed for the earliest
/// deadline still to watch and moved as steps are done: one row per task, not one per clock.
public enum TaskRules {
    /// When an overdue check is armed: the first millisecond past the deadline (wire times are
    /// milliseconds), since a step done at its deadline is on time.
    public static func overdueCheck(after deadline: Date) -> Date { deadline + 0.001 }

    /// 派单 — a new task for `department`; both clocks start at `at`, the routed time.
    public static func dispatch(
        whistle: String, department: String, role: TaskRole, policy: Policy, at: Date, calendar: WorkingCalendar
    ) -> TaskDecision {
        dispatch(whistle: whistle, departments: [(department, role)], policy: policy, at: at, calendar: calendar)[0]
    }

    /// 派单 — a task for each of a whistle's `departments`, lead and co; they share the whistle's
    /// policy and routed time, so their deadlines are worked out once.
    public static func dispatch(
        whistle: String, departments: [(String, TaskRole)], policy: Policy, at: Date, calendar: WorkingCalendar
    ) -> [TaskDecision] {
        let signDue = calendar.deadline(from: at, adding: policy.signFor)
        let disposeDue = calendar.deadline(from: at, adding: policy.dispose)
        return departments.map { department, role in
            let task = DepartmentTask(whistle: whistle, department: department, role: role, state: .dispatched, round: 1,
                                      policy: policy, signDue: signDue, disposeDue: disposeDue)
            return TaskDecision(task: task, events: [.dispatched(signDueAt: signDue, disposeDueAt: disposeDue)],
                                due: [watch(task)])
        }
    }

    /// 签收 — accepted late too, and then judged late. A sign-for clock that ran out without its
    /// check having fired yet (a start after downtime, a busy moment) is declared overdue first,
    /// so whether a task went overdue never depends on when its check ran.
    public static func sign(_ task: DepartmentTask, at: Date) throws(IllegalTaskTransition) -> TaskDecision {
        var next = task
        next.state = try task.state.after(.sign)
        next.signedAt = at
        let missed = missedOverdue(&next, [.signFor], at: at)
        return TaskDecision(task: next, events: missed + [.signed(dueAt: task.signDue, onTime: at <= task.signDue)],
                            due: [watch(next)])
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
            due: [watch(next)])
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
        return TaskDecision(task: next, events: [.reopened(round: round, disposeDueAt: next.disposeDue)],
                            due: [watch(next)])
    }

    /// 结案 — the whistle closed at `at`; closing a closed task decides nothing. A clock of an
    /// undone step that ran out unnoticed before `at` is declared overdue first.
    public static func close(_ task: DepartmentTask, at: Date) -> TaskDecision {
        guard task.state != .closed else { return TaskDecision(task: task) }
        var next = task
        let missed = missedOverdue(&next, pending(task), at: at)
        next.state = .closed
        return TaskDecision(task: next, events: missed + [.closed], due: [watch(next)])
    }

    /// 超时 — the task's clock check ran at `at`: every clock whose step is still undone and whose
    /// deadline is past is declared overdue, once; then the check moves to the next deadline to
    /// watch, if any. Work that finds nothing past (stale, or early) decides only that move.
    public static func fire(_ task: DepartmentTask, at: Date) -> TaskDecision {
        var next = task
        let events = missedOverdue(&next, pending(task), at: at)
        return TaskDecision(task: next, events: events, due: [watch(next)])
    }

    /// The clocks whose step is undone in the task's state.
    private static func pending(_ task: DepartmentTask) -> [TaskClock] {
        switch task.state {
        case .dispatched: [.signFor, .dispose]
        case .signed: [.dispose]
        case .reported, .closed: []
        }
    }

    /// The task's one clock check: at the earliest deadline of a clock still to watch (undone and
    /// not declared yet), or cancelled when none is left.
    static func watch(_ task: DepartmentTask) -> DueChange {
        let deadlines = pending(task).filter { !task.overdue.contains($0) }.map { clock in
            switch clock {
            case .signFor: task.signDue
            case .dispose, .arrive: task.disposeDue
            }
        }
        guard let earliest = deadlines.min() else { return .cancel(.taskClock, subject: task.subject) }
        return .arm(DueWork(kind: .taskClock, subject: task.subject, at: overdueCheck(after: earliest)))
    }

    /// The overdue events of `clocks` whose deadline `at` is past, whose step is undone and which
    /// were not declared yet; marks them declared on `task`.
    private static func missedOverdue(_ task: inout DepartmentTask, _ clocks: [TaskClock], at: Date) -> [TaskEvent] {
        var events: [TaskEvent] = []
        for clock in clocks where !task.overdue.contains(clock) {
            let dueAt = switch clock {
            case .signFor: task.signDue
            case .dispose, .arrive: task.disposeDue
            }
            guard at > dueAt else { continue }
            task.overdue.insert(clock)
            events.append(.overdue(clock: clock, dueAt: dueAt))
        }
        return events
    }
}
