import Foundation

/// The rules of a department's task (ResponseService's side): each takes the task, the input and the
/// time it happens, and decides. Deadlines are on the working calendar; a step done at its deadline
/// is on time.
///
/// A task watches its clocks with one item of due work (`taskClock`), armed for the earliest moment
/// still to watch — a reminder, a yellow light, a deadline, a stall — and moved as steps are done:
/// one row per task, not one per clock.
public enum TaskRules {
    /// When an overdue check is armed: the first millisecond past the deadline (wire times are
    /// milliseconds), since a step done at its deadline is on time.
    public static func overdueCheck(after deadline: Date) -> Date { deadline + 0.001 }

    /// 派单 — a new task for `department`; its clocks start at `at`, the routed time.
    public static func dispatch(
        whistle: String, department: String, role: TaskRole, policy: Policy, at: Date, calendar: WorkingCalendar,
        storm: Bool = false
    ) -> TaskDecision {
        dispatch(whistle: whistle, departments: [(department, role)], policy: policy, at: at, calendar: calendar,
                 storm: storm)[0]
    }

    /// 派单 — a task for each of a whistle's `departments`, lead and co; they share the whistle's
    /// policy and routed time, so their deadlines and first check are worked out once. `storm`:
    /// the whistle's town is under a weather alert and its policy says `storm`, so every clock
    /// runs on its halved limit (防汛防台).
    public static func dispatch(
        whistle: String, departments: [(String, TaskRole)], policy: Policy, at: Date, calendar: WorkingCalendar,
        storm: Bool = false
    ) -> [TaskDecision] {
        func limit(_ limit: Limit) -> Limit {
            storm ? limit.halved(workingDayMinutes: calendar.standardWorkingDayMinutes) : limit
        }
        let signDue = calendar.deadline(from: at, adding: limit(policy.signFor))
        let arriveDue = policy.arrive.map { calendar.deadline(from: at, adding: limit($0)) }
        let disposeDue = calendar.deadline(from: at, adding: limit(policy.dispose))
        var halved: Set<TaskClock> = []
        if storm { halved = arriveDue == nil ? [.signFor, .dispose] : [.signFor, .arrive, .dispose] }
        var first: Date?
        return departments.map { department, role in
            let task = DepartmentTask(
                whistle: whistle, department: department, role: role, state: .dispatched, round: 1, policy: policy,
                dispatchedAt: at, signDue: signDue, arriveDue: arriveDue, disposeDue: disposeDue, halved: halved)
            let check = first ?? nextCheck(task, calendar)
            first = check
            return TaskDecision(
                task: task, events: [.dispatched(signDueAt: signDue, disposeDueAt: disposeDue, arriveDueAt: arriveDue)],
                due: [watch(task, at: check)])
        }
    }

    /// 签收 — accepted late too, and then judged late. A sign-for clock that ran out without its
    /// check having fired yet (a start after downtime, a busy moment) is declared overdue first,
    /// so whether a task went overdue never depends on when its check ran.
    public static func sign(
        _ task: DepartmentTask, at: Date, calendar: WorkingCalendar
    ) throws(IllegalTaskTransition) -> TaskDecision {
        var next = task
        next.state = try task.state.after(.sign)
        next.signedAt = at
        next.marks[.signFor] = nil
        showsLife(&next, at: at)
        let missed = missedOverdue(&next, [.signFor], at: at)
        return TaskDecision(task: next, events: missed + [.signed(dueAt: task.signDue, onTime: at <= task.signDue)],
                            due: [watch(next, calendar)])
    }

    /// 报到 — the department arrived on site: only where the policy has an arrival step, once, after
    /// signing for; accepted late too, and then judged late.
    public static func arrive(
        _ task: DepartmentTask, at: Date, calendar: WorkingCalendar
    ) throws(TaskStepRefusal) -> TaskDecision {
        var next = task
        do {
            next.state = try task.state.after(.arrive)
        } catch {
            throw .illegal(error)
        }
        guard let dueAt = task.arriveDue else { throw .noArrivalStep }
        guard task.arrivedAt == nil else { throw .alreadyArrived }
        next.arrivedAt = at
        next.marks[.arrive] = nil
        showsLife(&next, at: at)
        let missed = missedOverdue(&next, [.arrive], at: at)
        return TaskDecision(task: next, events: missed + [.arrived(dueAt: dueAt, onTime: at <= dueAt)],
                            due: [watch(next, calendar)])
    }

    /// A progress note from a signed task: it shows life, so the stall clock starts again.
    public static func progress(
        _ task: DepartmentTask, note: String, at: Date, calendar: WorkingCalendar
    ) throws(IllegalTaskTransition) -> TaskDecision {
        var next = task
        next.state = try task.state.after(.progress)
        next.progress = note
        next.progressAt = at
        showsLife(&next, at: at)
        return TaskDecision(task: next, events: [.progress(note: note)], due: [watch(next, calendar)])
    }

    /// 反馈 — reported done this round; accepted late too, and then judged late (a disposal clock
    /// that ran out unnoticed is declared overdue first, as in ``sign(_:at:calendar:)``, and climbs
    /// the whistle as it would have when it ran out).
    public static func report(
        _ task: DepartmentTask, at: Date, calendar: WorkingCalendar
    ) throws(IllegalTaskTransition) -> TaskDecision {
        var next = task
        next.state = try task.state.after(.report)
        next.reportedAt = at
        let missed = missedOverdue(&next, live(task), at: at)
        next.marks[.dispose] = nil
        return TaskDecision(
            task: next,
            events: missed + [.reported(round: task.round, dueAt: task.disposeDue, onTime: at <= task.disposeDue)],
            due: [watch(next, calendar)], climb: redClimb(task, missed))
    }

    /// 返工 — the grid named this department for `round`: the task is back in hand, with a fresh
    /// 处置 deadline from `at` (halved when `storm`) and its dispose clock watched again.
    public static func reopen(
        _ task: DepartmentTask, round: Int, at: Date, calendar: WorkingCalendar, storm: Bool = false
    ) throws(IllegalTaskTransition) -> TaskDecision {
        var next = task
        next.state = try task.state.after(.reopen)
        next.round = round
        next.disposeStart = at
        let limit = storm ? task.policy.dispose.halved(workingDayMinutes: calendar.standardWorkingDayMinutes)
            : task.policy.dispose
        next.disposeDue = calendar.deadline(from: at, adding: limit)
        if storm { next.halved.insert(.dispose) } else { next.halved.remove(.dispose) }
        next.reportedAt = nil
        next.overdue.remove(.dispose)
        next.marks[.dispose] = nil
        showsLife(&next, at: at)
        return TaskDecision(task: next, events: [.reopened(round: round, disposeDueAt: next.disposeDue)],
                            due: [watch(next, calendar)])
    }

    /// 结案 — the whistle closed at `at`; closing a closed or returned task decides nothing, and
    /// neither does closing a voided one as voided. A clock of an undone step that ran out
    /// unnoticed before `at` is declared overdue first.
    public static func close(_ task: DepartmentTask, at: Date, outcome: ClosureOutcome = .evaluated) -> TaskDecision {
        guard task.state != .closed, task.state != .returned, !(task.state == .voided && outcome == .voided) else {
            return TaskDecision(task: task)
        }
        if outcome == .voided { return void(task) }
        var next = task
        let missed = missedOverdue(&next, live(task), at: at)
        next.state = .closed
        next.marks = [:]
        return TaskDecision(task: next, events: missed + [.closed], due: [.cancel(.taskClock, subject: task.subject)])
    }

    /// The task's check ran at `at`: every running clock past its deadline turns red (超时), once;
    /// every threshold it passed is announced — the yellow light at 80 %, a reminder (催办) at each
    /// `remindAt` fraction (one reminder for several passed at once; none beside a yellow light
    /// unless it lies beyond it); a signed task idle for `stallAfter` is reminded, and when as long
    /// passes again the whistle climbs (防推诿). Then the check moves to the next moment to watch.
    /// Work that finds nothing due (stale, or early) decides only that move.
    public static func fire(_ task: DepartmentTask, at: Date, calendar: WorkingCalendar) -> TaskDecision {
        var next = task
        let red = missedOverdue(&next, live(task), at: at)
        var events = red
        var climb = redClimb(task, red)
        for clock in live(next) where !next.overdue.contains(clock) {
            events += passedThresholds(&next, clock, at: at, calendar)
        }
        if let idle = stallCheck(next, calendar), at >= idle.moment {
            if !idle.second {
                events.append(.reminded(.stall(idleSince: idle.since)))
                next.stallReminded = true
            } else {
                if next.policy.response.climbs(on: .stall), climb == nil {
                    climb = .stall
                } else {
                    events.append(.reminded(.stall(idleSince: idle.since)))
                }
                next.activeAt = idle.moment
                next.stallReminded = false
            }
        }
        return TaskDecision(task: next, events: events, due: [watch(next, calendar)], climb: climb)
    }

    /// 防汛防台 — a weather alert now covers the whistle's town: the time left on each running clock
    /// that is not red is halved from `at`; each moved deadline is announced with the light it now
    /// shows. Reminders whose moment the halving skipped are not sent.
    public static func halve(_ task: DepartmentTask, at: Date, calendar: WorkingCalendar) -> TaskDecision {
        rescale(task, at: at, calendar: calendar, halving: true)
    }

    /// The last weather alert over the town was lifted: the time left on each clock that was halved
    /// doubles from `at`. A reminder or yellow light already announced stays announced.
    public static func restore(_ task: DepartmentTask, at: Date, calendar: WorkingCalendar) -> TaskDecision {
        rescale(task, at: at, calendar: calendar, halving: false)
    }

    /// 督办 — the whistle climbed: the task's department is supervised; the task itself is unchanged.
    public static func supervise(
        _ task: DepartmentTask, level: ResponseLevel, coordinator: String, trigger: EscalationTrigger, reason: String
    ) -> TaskDecision {
        TaskDecision(task: task, events: [.supervised(level: level, coordinator: coordinator, trigger: trigger,
                                                     reason: reason)])
    }

    // MARK: - Clocks

    /// The clocks whose step is undone: signing while dispatched, arrival until it is reported,
    /// disposal until the round is reported done. None runs while the whistle is parked (挂账).
    public static func live(_ task: DepartmentTask) -> [TaskClock] {
        guard task.parkedAt == nil else { return [] }
        return undone(task)
    }

    /// The clocks whose step is undone, running or parked.
    static func undone(_ task: DepartmentTask) -> [TaskClock] {
        guard task.isOpen else { return [] }
        var clocks: [TaskClock] = task.state == .dispatched ? [.signFor] : []
        if task.arriveDue != nil, task.arrivedAt == nil { clocks.append(.arrive) }
        clocks.append(.dispose)
        return clocks
    }

    /// A clock's span: sign-for and arrival from the dispatch, disposal from the round's start.
    public static func span(_ task: DepartmentTask, _ clock: TaskClock) -> ClockSpan {
        switch clock {
        case .signFor:
            ClockSpan(start: task.dispatchedAt, due: task.signDue, working: ClockSpan.countsWorkingTime(task.policy.signFor.unit))
        case .arrive:
            ClockSpan(start: task.dispatchedAt, due: task.arriveDue ?? task.disposeDue,
                      working: ClockSpan.countsWorkingTime((task.policy.arrive ?? task.policy.dispose).unit))
        case .dispose:
            ClockSpan(start: task.disposeStart, due: task.disposeDue, working: ClockSpan.countsWorkingTime(task.policy.dispose.unit))
        }
    }

    /// The light of a running clock; nil for one whose step is done.
    public static func light(_ task: DepartmentTask, _ clock: TaskClock) -> ClockLight? {
        guard live(task).contains(clock) else { return nil }
        if task.overdue.contains(clock) { return .red }
        let yellow = thresholds(task.policy.response).firstIndex(of: ResponsePolicy.yellowAt) ?? 0
        return (task.marks[clock] ?? 0) > yellow ? .yellow : .green
    }

    /// The fractions a clock passes, in order: each of `remindAt` and the yellow light's 80 %.
    public static func thresholds(_ response: ResponsePolicy) -> [Double] {
        Array(Set(response.remindAt.filter { $0 > 0 && $0 < 1 } + [ResponsePolicy.yellowAt])).sorted()
    }

    // MARK: - Private

    static func showsLife(_ task: inout DepartmentTask, at: Date) {
        task.activeAt = at
        task.stallReminded = false
    }

    /// `.redClock` when the lead's disposal clock is among `overdue` and the policy climbs on it.
    private static func redClimb(_ task: DepartmentTask, _ overdue: [TaskEvent]) -> EscalationTrigger? {
        guard task.role == .lead, task.policy.response.climbs(on: .redClock),
              overdue.contains(where: { if case .overdue(.dispose, _) = $0 { true } else { false } }) else { return nil }
        return .redClock
    }

    /// The thresholds of `clock` passed by `at` and not yet announced, announced; marks them passed.
    private static func passedThresholds(
        _ task: inout DepartmentTask, _ clock: TaskClock, at: Date, _ calendar: WorkingCalendar
    ) -> [TaskEvent] {
        let fractions = thresholds(task.policy.response)
        let span = span(task, clock)
        let before = task.marks[clock] ?? 0
        var passed = before
        while passed < fractions.count, span.moment(at: fractions[passed], on: calendar) <= at { passed += 1 }
        guard passed > before else { return [] }
        task.marks[clock] = passed
        let newly = fractions[before..<passed]
        var events: [TaskEvent] = []
        let yellow = newly.contains(ResponsePolicy.yellowAt)
        if yellow { events.append(.light(clock: clock, light: .yellow, dueAt: span.due)) }
        if let reminder = newly.last(where: { $0 != ResponsePolicy.yellowAt }),
           !yellow || reminder > ResponsePolicy.yellowAt {
            events.append(.reminded(.deadline(clock: clock, fraction: reminder, dueAt: span.due)))
        }
        return events
    }

    /// A signed task's next stall moment: a reminder `stallAfter` after it last showed life, then
    /// (`second`) a climb as long again after that.
    private static func stallCheck(
        _ task: DepartmentTask, _ calendar: WorkingCalendar
    ) -> (moment: Date, since: Date, second: Bool)? {
        guard task.state == .signed, task.parkedAt == nil else { return nil }
        let since = task.idleSince
        let limit = task.policy.response.stallAfter
        let first = calendar.deadline(from: since, adding: limit)
        guard task.stallReminded else { return (first, since, false) }
        return (calendar.deadline(from: first, adding: limit), since, true)
    }

    private static func rescale(
        _ task: DepartmentTask, at: Date, calendar: WorkingCalendar, halving: Bool
    ) -> TaskDecision {
        var next = task
        var events: [TaskEvent] = []
        for clock in live(task) where !task.overdue.contains(clock) && task.halved.contains(clock) != halving {
            var span = span(task, clock)
            let moved = span.rescaled(by: halving ? 0.5 : 2, at: at, on: calendar)
            guard moved != span.due else { continue }
            span.due = moved
            switch clock {
            case .signFor: next.signDue = span.due
            case .arrive: next.arriveDue = span.due
            case .dispose: next.disposeDue = span.due
            }
            if halving { next.halved.insert(clock) } else { next.halved.remove(clock) }
            let fractions = thresholds(task.policy.response)
            // A threshold already announced is not announced again when a lift moves it later.
            next.marks[clock] = max(task.marks[clock] ?? 0, fractions.prefix { span.moment(at: $0, on: calendar) <= at }.count)
            events.append(.light(clock: clock, light: light(next, clock) ?? .green, dueAt: span.due))
        }
        guard !events.isEmpty else { return TaskDecision(task: task) }
        return TaskDecision(task: next, events: events, due: [watch(next, calendar)])
    }

    /// The task's one check, armed for the earliest moment still to watch, or cancelled when none is left.
    static func watch(_ task: DepartmentTask, _ calendar: WorkingCalendar) -> DueChange {
        watch(task, at: nextCheck(task, calendar))
    }

    static func watch(_ task: DepartmentTask, at moment: Date?) -> DueChange {
        guard let moment else { return .cancel(.taskClock, subject: task.subject) }
        return .arm(DueWork(kind: .taskClock, subject: task.subject, at: moment))
    }

    /// The earliest of: each running clock's next threshold, or the millisecond past its deadline
    /// once they are all passed (none for a red clock); and a signed task's next stall moment.
    private static func nextCheck(_ task: DepartmentTask, _ calendar: WorkingCalendar) -> Date? {
        let fractions = thresholds(task.policy.response)
        var moments: [Date] = []
        for clock in live(task) where !task.overdue.contains(clock) {
            let span = span(task, clock)
            let passed = task.marks[clock] ?? 0
            moments.append(passed < fractions.count ? span.moment(at: fractions[passed], on: calendar)
                                                    : overdueCheck(after: span.due))
        }
        if let stall = stallCheck(task, calendar) { moments.append(stall.moment) }
        return moments.min()
    }

    /// The overdue events of `clocks` whose deadline `at` is past, whose step is undone and which
    /// were not declared yet; marks them declared on `task`.
    private static func missedOverdue(_ task: inout DepartmentTask, _ clocks: [TaskClock], at: Date) -> [TaskEvent] {
        var events: [TaskEvent] = []
        for clock in clocks where !task.overdue.contains(clock) {
            let dueAt = span(task, clock).due
            guard at > dueAt else { continue }
            task.overdue.insert(clock)
            events.append(.overdue(clock: clock, dueAt: dueAt))
        }
        return events
    }
}

/// Why a step a department asked for is refused.
public enum TaskStepRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case illegal(IllegalTaskTransition)
    /// 报到 on a whistle whose matter and urgency name no arrival step.
    case noArrivalStep
    case alreadyArrived

    public var description: String {
        switch self {
        case .illegal(let transition): transition.description
        case .noArrivalStep: "the whistle's matter has no arrival step (到场) at this urgency"
        case .alreadyArrived: "arrival was already reported"
        }
    }
}
