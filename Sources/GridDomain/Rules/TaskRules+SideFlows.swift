import Foundation

/// The side-flows of a task (一键响应, part 2): a department asks to return (退单), extend (延期) or
/// park (挂账); the town centre arbitrates or decides; a parked whistle resumes; a voided whistle's
/// tasks stop.
extension TaskRules {
    /// The department asks at `at`, on its own open task that is not parked, with no request of
    /// the same kind pending (`pending`). A return gets its arbitration deadline
    /// (`arbitrateWithin`), watched by due work of its own.
    public static func ask(
        _ task: DepartmentTask, _ kind: TaskRequest.Kind, reason: String, until: Date? = nil, resumeAt: Date? = nil,
        pending: Set<TaskRequest.Kind>, at: Date, calendar: WorkingCalendar
    ) throws(RequestRefusal) -> (request: TaskRequest, decision: TaskDecision) {
        guard task.isOpen else { throw .notOpen(task.state) }
        guard task.parkedAt == nil else { throw .parked }
        guard !pending.contains(kind) else { throw .pending(kind) }
        var request = TaskRequest(whistle: task.whistle, department: task.department, kind: kind, reason: reason,
                                  askedAt: at)
        var due: [DueChange] = []
        switch kind {
        case .return:
            let decideBy = calendar.deadline(from: at, adding: task.policy.response.arbitrateWithin)
            request.decideBy = decideBy
            due.append(.arm(DueWork(kind: .arbitration, subject: request.subject, at: overdueCheck(after: decideBy))))
        case .extension:
            guard let until, until > at else { throw .past("until") }
            guard until > task.disposeDue else { throw .notLater(than: task.disposeDue) }
            request.until = until
        case .park:
            if let resumeAt, resumeAt <= at { throw .past("resumeAt") }
            request.resumeAt = resumeAt
        }
        return (request, TaskDecision(task: task, events: [.requested(request)], due: due))
    }

    /// 退单 — `by` arbitrates the task's pending return at `at`. Upheld, the task is returned: its
    /// clocks stop and it leaves the department's figures (it was right). Refused, the task and
    /// its running clocks stay. Either way the arbitration deadline is dropped.
    public static func arbitrate(
        _ task: DepartmentTask, uphold: Bool, to: String?, by: String, reason: String
    ) throws(IllegalTaskTransition) -> TaskDecision {
        let deadline = DueChange.cancel(.arbitration, subject: task.subject)
        let event = TaskEvent.arbitrated(uphold: uphold, to: to, by: by, reason: reason)
        guard uphold else { return TaskDecision(task: task, events: [event], due: [deadline]) }
        var next = task
        next.state = try task.state.after(.returned)
        next.marks = [:]
        next.parkedAt = nil
        return TaskDecision(task: next, events: [event], due: [deadline, .cancel(.taskClock, subject: task.subject)])
    }

    /// 延期 or 挂账 — `by` decides the task's pending `request` at `at`. An approved extension moves
    /// the disposal deadline to `until` and restarts its lights from `at` (a red disposal clock is
    /// running again). An approved park only records the decision here: the whistle's clocks are
    /// parked by ``park(_:at:resumeAt:)``.
    public static func decide(
        _ task: DepartmentTask, _ request: TaskRequest, approve: Bool, by: String, reason: String, at: Date,
        calendar: WorkingCalendar
    ) throws(RequestRefusal) -> TaskDecision {
        let event = TaskEvent.decided(request.kind, approve: approve, by: by, reason: reason)
        guard approve else { return TaskDecision(task: task, events: [event]) }
        guard task.isOpen else { throw .notOpen(task.state) }
        guard task.parkedAt == nil else { throw .parked }
        switch request.kind {
        case .extension:
            guard let until = request.until, until > at else { throw .past("until") }
            var next = task
            next.disposeStart = at
            next.disposeDue = until
            next.marks[.dispose] = nil
            next.overdue.remove(.dispose)
            next.halved.remove(.dispose)
            return TaskDecision(task: next, events: [event], due: [watch(next, calendar)])
        case .park:
            if let resumeAt = request.resumeAt, resumeAt <= at { throw .past("resumeAt") }
            return TaskDecision(task: task, events: [event])
        case .return:
            return TaskDecision(task: task, events: [event])
        }
    }

    /// 挂账 — the whistle is parked at `at`: the task's clocks and reminders stand still, keeping
    /// the time each has left. A task not open, or already parked, is left as it is.
    public static func park(_ task: DepartmentTask, at: Date, resumeAt: Date?) -> TaskDecision {
        guard task.isOpen, task.parkedAt == nil else { return TaskDecision(task: task) }
        var next = task
        next.parkedAt = at
        return TaskDecision(task: next, events: [.parked(resumeAt: resumeAt)],
                            due: [.cancel(.taskClock, subject: task.subject)])
    }

    /// The parked whistle resumes at `at` (`by` a principal, or nil for its `resumeAt`): each clock
    /// that was running goes on with the time it had left, in its own units (working time for
    /// working units, natural time otherwise); the stall clock starts afresh. The disposal clock's
    /// start moves with it, so its reminders and yellow light keep their place; the sign-for and
    /// arrival clocks count from the dispatch, so theirs still to come spread over the park.
    public static func resume(_ task: DepartmentTask, at: Date, by: String?, calendar: WorkingCalendar) -> TaskDecision {
        guard task.isOpen, let parkedAt = task.parkedAt else { return TaskDecision(task: task) }
        var next = task
        next.parkedAt = nil
        for clock in undone(task) where !task.overdue.contains(clock) {
            let span = span(task, clock).resumed(pausedAt: parkedAt, at: at, on: calendar)
            switch clock {
            case .signFor: next.signDue = span.due
            case .arrive: next.arriveDue = span.due
            case .dispose:
                next.disposeStart = span.start
                next.disposeDue = span.due
            }
        }
        showsLife(&next, at: at)
        return TaskDecision(task: next, events: [.resumed(by: by)], due: [watch(next, calendar)])
    }

    /// 作废 — the whistle was voided: the task stops where it is, with no overdue declared (a voided
    /// whistle is outside every figure).
    public static func void(_ task: DepartmentTask) -> TaskDecision {
        guard let state = try? task.state.after(.void) else { return TaskDecision(task: task) }
        var next = task
        next.state = state
        next.marks = [:]
        return TaskDecision(task: next, due: [.cancel(.taskClock, subject: task.subject)])
    }
}
