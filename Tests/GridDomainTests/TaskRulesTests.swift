import Foundation
import GridDomain
import Testing

/// The task rules on the fixture's calendar (Mon–Fri 08:30–11:30, 13:00–17:30, a 7.5-hour working
/// day; 2026-10-01/02 holidays; Sunday 2026-09-27 a make-up working day). 2026-09-04 is a Friday,
/// 2026-09-07 a Monday, 2026-09-25 a Friday.
///
/// The base policy: 签收 in 30 minutes, no 到场, 处置 in 1 working day, the standard response
/// (remind at 50 %, yellow at 80 %, stall after 1 working day, climb on red clock, stall and level
/// deadline). Dispatched Friday 2026-09-04 16:00 it gives:
/// - 签收 due 16:30 (natural): 50 % at 16:15, 80 % at 16:24;
/// - 处置 due Monday 09-07 16:00 (same working offset one working day on), 7.5 working hours:
///   50 % = 3 h 45 min = Fri 16:00–17:30 (1 h 30) + Mon 08:30 + 2 h 15 = Mon 10:45;
///   80 % = 6 h = 1 h 30 + Mon 08:30–11:30 (3 h) + 13:00 + 1 h 30 = Mon 14:30.
/// Signed at 16:10, the stall clock reminds Monday 16:10 and climbs Tuesday 16:10.
@Suite struct TaskRulesTests {
    let calendar: WorkingCalendar
    let whistle = "W20260904-000001"
    let subject = "W20260904-000001/JD-NX-CGZF"
    let policy = Self.policy()

    init() throws {
        calendar = try Fixture.calendar()
    }

    static func policy(
        signFor: String = "30 minutes", arrive: String? = nil, dispose: String = "1 working day",
        response: ResponsePolicy = .standard
    ) -> Policy {
        Policy(matter: "muck-truck", referenceVersion: 1, urgency: .urgent, signFor: Fixture.limit(signFor),
               arrive: arrive.map(Fixture.limit), dispose: Fixture.limit(dispose), storm: false, response: response)
    }

    static func response(
        remindAt: [Double] = [0.5], stallAfter: String = "1 working day",
        escalateOn: [EscalationTrigger] = [.redClock, .stall, .levelDeadline]
    ) -> ResponsePolicy {
        ResponsePolicy(levelDeadlines: ResponsePolicy.standard.levelDeadlines, remindAt: remindAt,
                       stallAfter: Fixture.limit(stallAfter), escalateOn: escalateOn)
    }

    private func dispatch(
        _ policy: Policy? = nil, at time: String = "2026-09-04 16:00", role: TaskRole = .lead, storm: Bool = false
    ) -> TaskDecision {
        TaskRules.dispatch(whistle: whistle, department: "JD-NX-CGZF", role: role, policy: policy ?? self.policy,
                           at: Fixture.at(time), calendar: calendar, storm: storm)
    }

    private func dispatched(_ policy: Policy? = nil, at time: String = "2026-09-04 16:00", role: TaskRole = .lead)
        -> DepartmentTask {
        dispatch(policy, at: time, role: role).task
    }

    /// Dispatched at `dispatchedAt`, signed at `time`.
    private func signed(
        _ policy: Policy? = nil, dispatchedAt: String = "2026-09-04 16:00", at time: String = "2026-09-04 16:10",
        role: TaskRole = .lead
    ) throws -> DepartmentTask {
        try TaskRules.sign(dispatched(policy, at: dispatchedAt, role: role), at: Fixture.at(time), calendar: calendar).task
    }

    private func reported() throws -> DepartmentTask {
        try TaskRules.report(signed(), at: Fixture.at("2026-09-07 10:00"), calendar: calendar).task
    }

    private func fire(_ task: DepartmentTask, _ time: String) -> TaskDecision {
        TaskRules.fire(task, at: Fixture.at(time), calendar: calendar)
    }

    private func fire(_ task: DepartmentTask, _ date: Date) -> TaskDecision {
        TaskRules.fire(task, at: date, calendar: calendar)
    }

    private func arm(_ date: Date) -> [DueChange] {
        [.arm(DueWork(kind: .taskClock, subject: subject, at: date))]
    }

    private var cancel: [DueChange] { [.cancel(.taskClock, subject: subject)] }

    // MARK: dispatch

    @Test func dispatchStartsEveryClockAndArmsOneCheckAtTheFirstThresholdOfTheEarliest() {
        let decision = dispatch()
        let signDue = Fixture.at("2026-09-04 16:30")  // 16:00 + 30 min
        let disposeDue = Fixture.at("2026-09-07 16:00")  // Friday 16:00 + 1 working day
        #expect(decision.task == DepartmentTask(
            whistle: whistle, department: "JD-NX-CGZF", role: .lead, state: .dispatched, round: 1, policy: policy,
            dispatchedAt: Fixture.at("2026-09-04 16:00"), signDue: signDue, disposeDue: disposeDue))
        #expect(decision.task.subject == subject)
        #expect(decision.task.disposeStart == Fixture.at("2026-09-04 16:00"))
        #expect(decision.events == [.dispatched(signDueAt: signDue, disposeDueAt: disposeDue, arriveDueAt: nil)])
        // 签收's 50 % (16:15) comes before 处置's (Monday 10:45): one check, not one per clock.
        #expect(decision.due == arm(Fixture.at("2026-09-04 16:15")))
        #expect(decision.climb == nil)
    }

    @Test func aFridayAfternoonDispatchIsDueTheNextWorkingDayAtTheSameTime() {
        #expect(dispatched(at: "2026-09-04 16:00").disposeDue == Fixture.at("2026-09-07 16:00"))
    }

    @Test func aDispatchBeforeAMakeUpDayIsDueOnIt() {
        // Friday 09-25 10:00 + 1 working day: Saturday is off, Sunday 09-27 is a make-up working day.
        #expect(dispatched(at: "2026-09-25 10:00").disposeDue == Fixture.at("2026-09-27 10:00"))
    }

    @Test func aDispatchBeforeTheHolidaysIsDueAfterThem() {
        // Wednesday 09-30 10:00 + 1 working day: 10-01/02 holidays, 10-03/04 weekend → Monday 10-05 10:00.
        #expect(dispatched(at: "2026-09-30 10:00").disposeDue == Fixture.at("2026-10-05 10:00"))
    }

    @Test func dispatchingToSeveralDepartmentsSharesTheDeadlinesAndTheFirstCheck() {
        let decisions = TaskRules.dispatch(
            whistle: whistle, departments: [("JD-NX-CGZF", .lead), ("JD-LHSR", .co), ("JD-JJ", .co)], policy: policy,
            at: Fixture.at("2026-09-04 16:00"), calendar: calendar)
        #expect(decisions.map(\.task.department) == ["JD-NX-CGZF", "JD-LHSR", "JD-JJ"])
        #expect(decisions.map(\.task.role) == [.lead, .co, .co])
        for decision in decisions {
            #expect(decision.task.signDue == Fixture.at("2026-09-04 16:30"))
            #expect(decision.task.disposeDue == Fixture.at("2026-09-07 16:00"))
            #expect(decision.due == [.arm(DueWork(kind: .taskClock, subject: decision.task.subject,
                                                  at: Fixture.at("2026-09-04 16:15")))])
        }
        #expect(decisions.map(\.task.subject) == [subject, "\(whistle)/JD-LHSR", "\(whistle)/JD-JJ"])
    }

    // MARK: sign

    @Test func signingAtExactlyTheDeadlineIsOnTimeAndMovesTheCheckToTheDisposeClock() throws {
        let decision = try TaskRules.sign(dispatched(), at: Fixture.at("2026-09-04 16:30"), calendar: calendar)
        #expect(decision.task.state == .signed)
        #expect(decision.task.signedAt == Fixture.at("2026-09-04 16:30"))
        #expect(decision.task.activeAt == Fixture.at("2026-09-04 16:30"))
        #expect(decision.events == [.signed(dueAt: Fixture.at("2026-09-04 16:30"), onTime: true)])
        // 处置's 50 % is Monday 10:45; the stall reminder (Monday 16:30) comes later.
        #expect(decision.due == arm(Fixture.at("2026-09-07 10:45")))
        #expect(TaskRules.live(decision.task) == [.dispose])
    }

    @Test func signingASecondAfterTheDeadlineIsLateAndDeclaresTheOverdueItsCheckHasNotYet() throws {
        let decision = try TaskRules.sign(dispatched(), at: Fixture.at("2026-09-04 16:30") + 1, calendar: calendar)
        #expect(decision.events == [.overdue(clock: .signFor, dueAt: Fixture.at("2026-09-04 16:30")),
                                    .signed(dueAt: Fixture.at("2026-09-04 16:30"), onTime: false)])
        #expect(decision.task.overdue == [.signFor])
        #expect(decision.climb == nil, "a red 签收 clock does not climb")
    }

    @Test func aSignAfterOverdueIsAcceptedAndJudgedLate() throws {
        let overdue = fire(dispatched(), "2026-09-04 16:31").task
        let decision = try TaskRules.sign(overdue, at: Fixture.at("2026-09-04 17:00"), calendar: calendar)
        #expect(decision.task.state == .signed)
        #expect(decision.events == [.signed(dueAt: Fixture.at("2026-09-04 16:30"), onTime: false)])
    }

    // MARK: report

    @Test func reportingAtExactlyTheDeadlineIsOnTimeAndCancelsTheCheck() throws {
        let decision = try TaskRules.report(signed(), at: Fixture.at("2026-09-07 16:00"), calendar: calendar)
        #expect(decision.task.state == .reported)
        #expect(decision.task.reportedAt == Fixture.at("2026-09-07 16:00"))
        #expect(decision.events == [.reported(round: 1, dueAt: Fixture.at("2026-09-07 16:00"), onTime: true)])
        #expect(decision.due == cancel, "nothing left to watch: no clock runs and a reported task does not stall")
        #expect(decision.climb == nil)
    }

    @Test func reportingAfterTheDeadlineIsLateDeclaresTheOverdueOnceAndClimbs() throws {
        let decision = try TaskRules.report(signed(), at: Fixture.at("2026-09-07 16:01"), calendar: calendar)
        #expect(decision.events == [.overdue(clock: .dispose, dueAt: Fixture.at("2026-09-07 16:00")),
                                    .reported(round: 1, dueAt: Fixture.at("2026-09-07 16:00"), onTime: false)])
        #expect(decision.climb == .redClock, "the lead's 处置 clock ran out: the whistle climbs as the check would have")
        // Once the check has fired (and climbed), the late step adds no second overdue and no second climb.
        let fired = fire(try signed(), "2026-09-07 16:01")
        #expect(fired.climb == .redClock)
        let late = try TaskRules.report(fired.task, at: Fixture.at("2026-09-07 17:00"), calendar: calendar)
        #expect(late.events == [.reported(round: 1, dueAt: Fixture.at("2026-09-07 16:00"), onTime: false)])
        #expect(late.climb == nil)
    }

    @Test func aReportAfterOverdueIsAcceptedAndJudgedLate() throws {
        let overdue = fire(try signed(), "2026-09-07 16:01").task
        let decision = try TaskRules.report(overdue, at: Fixture.at("2026-09-08 09:00"), calendar: calendar)
        #expect(decision.task.state == .reported)
        #expect(decision.events == [.reported(round: 1, dueAt: Fixture.at("2026-09-07 16:00"), onTime: false)])
    }

    // MARK: overdue

    @Test func anUnsignedTaskIsDeclaredOverdueOnce() {
        let first = fire(dispatched(), "2026-09-04 16:31")
        #expect(first.events == [.overdue(clock: .signFor, dueAt: Fixture.at("2026-09-04 16:30"))],
                "a clock found red is not also announced yellow")
        #expect(first.task.overdue == [.signFor])
        #expect(first.due == arm(Fixture.at("2026-09-07 10:45")), "the check moves on to 处置's 50 %")
        let second = fire(first.task, "2026-09-04 16:40")
        #expect(second.events.isEmpty)
        #expect(second.task == first.task)
        #expect(second.due == first.due)
    }

    @Test func aClockIsNotOverdueAtItsDeadlineOnlyPastIt() throws {
        // At 16:30 the 签收 clock passed 50 % (16:15) and 80 % (16:24) unannounced: one yellow light,
        // no reminder beside it, and not red.
        let atSignDeadline = fire(dispatched(), "2026-09-04 16:30")
        #expect(atSignDeadline.events == [.light(clock: .signFor, light: .yellow, dueAt: Fixture.at("2026-09-04 16:30"))])
        #expect(atSignDeadline.due == arm(Fixture.at("2026-09-04 16:30") + 0.001))
        let pastIt = fire(atSignDeadline.task, Fixture.at("2026-09-04 16:30") + 0.001)
        #expect(pastIt.events == [.overdue(clock: .signFor, dueAt: Fixture.at("2026-09-04 16:30"))])
        // The same for 处置 on Monday 16:00 (the stall reminder is at 16:10).
        let atDisposeDeadline = fire(try signed(), "2026-09-07 16:00")
        #expect(atDisposeDeadline.events
                    == [.light(clock: .dispose, light: .yellow, dueAt: Fixture.at("2026-09-07 16:00"))])
        #expect(atDisposeDeadline.due == arm(Fixture.at("2026-09-07 16:00") + 0.001))
    }

    @Test func aSignedTaskNotReportedInTimeIsDeclaredOverdueOnceAndClimbs() throws {
        let first = fire(try signed(), "2026-09-07 16:01")
        #expect(first.events == [.overdue(clock: .dispose, dueAt: Fixture.at("2026-09-07 16:00"))])
        #expect(first.task.overdue == [.dispose])
        #expect(first.climb == .redClock)
        // A red clock is watched no more; the stall clock is: signed Friday 16:10 + 1 working day.
        #expect(first.due == arm(Fixture.at("2026-09-07 16:10")))
        let second = fire(first.task, "2026-09-07 16:10")
        #expect(second.events == [.reminded(.stall(idleSince: Fixture.at("2026-09-04 16:10")))],
                "no second overdue, only the stall reminder now due")
        #expect(second.climb == nil)
    }

    @Test func oneLateCheckDeclaresEveryClockThatRanOut() {
        let decision = fire(dispatched(), "2026-09-08 09:00")
        #expect(decision.events == [.overdue(clock: .signFor, dueAt: Fixture.at("2026-09-04 16:30")),
                                    .overdue(clock: .dispose, dueAt: Fixture.at("2026-09-07 16:00"))])
        #expect(decision.climb == .redClock)
        #expect(decision.due == cancel, "every clock is red and an unsigned task has no stall clock")
    }

    @Test func anUnsignedTaskCanRunOutOfBothClocks() {
        let sign = fire(dispatched(), "2026-09-04 16:31")
        let dispose = fire(sign.task, "2026-09-07 16:01")
        #expect(dispose.events == [.overdue(clock: .dispose, dueAt: Fixture.at("2026-09-07 16:00"))])
        #expect(dispose.task.overdue == [.signFor, .dispose])
        #expect(TaskRules.light(dispose.task, .signFor) == .red)
        #expect(TaskRules.light(dispose.task, .dispose) == .red)
    }

    @Test func staleDueWorkDeclaresNothing() throws {
        for task in [try signed(), try reported(), TaskRules.close(dispatched(), at: Fixture.at("2026-09-04 16:05")).task] {
            let decision = fire(task, "2026-09-04 16:31")
            #expect(decision.events.isEmpty)
            #expect(decision.task == task)
            #expect(decision.climb == nil)
        }
    }

    // MARK: lights and reminders

    /// 签收 in 2 hours and 处置 in 3 working days, dispatched Monday 09-07 09:00:
    /// - 签收 09:00–11:00: 50 % at 10:00, 80 % (96 min) at 10:36, checked past it at 11:00:00.001;
    /// - 处置 due Thursday 09-10 09:00, 22.5 working hours; 50 % = 11 h 15 = Mon 09:00–11:30 (2 h 30)
    ///   + 13:00–17:30 (4 h 30) + Tue 08:30–11:30 (3 h) + 13:00 + 1 h 15 = Tuesday 09-08 14:15.
    @Test func aClockIsRemindedAtHalfTurnsYellowAt80AndRedPastItsDeadline() {
        let twoHours = Self.policy(signFor: "2 hours", dispose: "3 working days")
        let start = dispatch(twoHours, at: "2026-09-07 09:00")
        let signDue = Fixture.at("2026-09-07 11:00")
        #expect(start.events == [.dispatched(signDueAt: signDue, disposeDueAt: Fixture.at("2026-09-10 09:00"),
                                                arriveDueAt: nil)])
        #expect(start.due == arm(Fixture.at("2026-09-07 10:00")))
        #expect(TaskRules.light(start.task, .signFor) == .green)

        #expect(fire(start.task, "2026-09-07 09:59").events.isEmpty, "early work decides nothing")
        let half = fire(start.task, "2026-09-07 10:00")
        #expect(half.events == [.reminded(.deadline(clock: .signFor, fraction: 0.5, dueAt: signDue))])
        #expect(TaskRules.light(half.task, .signFor) == .green)
        #expect(half.task.marks[.signFor] == 1)
        #expect(half.due == arm(Fixture.at("2026-09-07 10:36")))

        let yellow = fire(half.task, "2026-09-07 10:36")
        #expect(yellow.events == [.light(clock: .signFor, light: .yellow, dueAt: signDue)])
        #expect(TaskRules.light(yellow.task, .signFor) == .yellow)
        #expect(yellow.due == arm(signDue + 0.001))

        let red = fire(yellow.task, signDue + 0.001)
        #expect(red.events == [.overdue(clock: .signFor, dueAt: signDue)])
        #expect(TaskRules.light(red.task, .signFor) == .red)
        #expect(TaskRules.light(red.task, .dispose) == .green)
        #expect(red.climb == nil)
        #expect(red.due == arm(Fixture.at("2026-09-08 14:15")), "on to 处置's 50 %")
    }

    /// 处置 in 6 working hours from Monday 09-07 08:30: 08:30–11:30 (3 h) + 13:00–16:00 (3 h) → 16:00.
    /// 50 % = 3 h: the morning period exactly, so 11:30 — not 13:00, the start of the next period.
    /// 80 % = 4 h 48 = 3 h + 13:00 + 1 h 48 → 14:48. Signed 08:40: the stall reminder is Tuesday 08:40.
    @Test func aWorkingClockHalfwayAtTheEndOfAPeriodIsRemindedAtThatEnd() throws {
        let sixHours = Self.policy(dispose: "6 working hours")
        let start = dispatch(sixHours, at: "2026-09-07 08:30")
        let due = Fixture.at("2026-09-07 16:00")
        #expect(start.events == [.dispatched(signDueAt: Fixture.at("2026-09-07 09:00"), disposeDueAt: due,
                                                arriveDueAt: nil)])
        #expect(start.due == arm(Fixture.at("2026-09-07 08:45")), "签收 30 min: 50 % at 08:45")

        let sign = try TaskRules.sign(start.task, at: Fixture.at("2026-09-07 08:40"), calendar: calendar)
        #expect(sign.due == arm(Fixture.at("2026-09-07 11:30")))

        let half = fire(sign.task, "2026-09-07 11:30")
        #expect(half.events == [.reminded(.deadline(clock: .dispose, fraction: 0.5, dueAt: due))])
        #expect(half.due == arm(Fixture.at("2026-09-07 14:48")))

        let yellow = fire(half.task, "2026-09-07 14:48")
        #expect(yellow.events == [.light(clock: .dispose, light: .yellow, dueAt: due)])
        #expect(TaskRules.light(yellow.task, .dispose) == .yellow)
        #expect(yellow.due == arm(due + 0.001))

        let red = fire(yellow.task, due + 0.001)
        #expect(red.events == [.overdue(clock: .dispose, dueAt: due)])
        #expect(TaskRules.light(red.task, .dispose) == .red)
        #expect(red.climb == .redClock)
        #expect(red.due == arm(Fixture.at("2026-09-08 08:40")), "only the stall clock is left")
    }

    /// 处置 in 5 working days from Friday 09-25 10:00: Sun 09-27 (make-up) 1, Mon 09-28 2, Tue 3,
    /// Wed 09-30 4, (10-01/02 holidays, 10-03/04 weekend) Mon 10-05 5 → due Monday 10-05 10:00.
    /// Working time: Fri 6 h (10:00–11:30, 13:00–17:30) + 4 × 7.5 h + Mon 10-05 1 h 30 = 37.5 h.
    /// - 50 % = 18 h 45: Fri 6 h, Sun 7 h 30 (13 h 30), Mon 09-28 08:30–11:30 (16 h 30) + 13:00 + 2 h 15
    ///   → Monday 09-28 15:15;
    /// - 80 % = 30 h: Fri 6, Sun 13.5, Mon 21, Tue 28.5, Wed 09-30 08:30 + 1 h 30 → Wednesday 09-30 10:00.
    /// The stall clock is 10 working days here so that it stays out of the way (Monday 10-12 10:00).
    @Test func aWorkingClockOverAMakeUpDayAndHolidaysHasItsMomentsInWorkingTime() throws {
        let fiveDays = Self.policy(dispose: "5 working days", response: Self.response(stallAfter: "10 working days"))
        let task = try signed(fiveDays, dispatchedAt: "2026-09-25 10:00", at: "2026-09-25 10:00")
        let due = Fixture.at("2026-10-05 10:00")
        #expect(task.disposeDue == due)
        let sign = try TaskRules.sign(dispatched(fiveDays, at: "2026-09-25 10:00"), at: Fixture.at("2026-09-25 10:00"),
                                      calendar: calendar)
        #expect(sign.due == arm(Fixture.at("2026-09-28 15:15")))

        let half = fire(task, "2026-09-28 15:15")
        #expect(half.events == [.reminded(.deadline(clock: .dispose, fraction: 0.5, dueAt: due))])
        #expect(half.due == arm(Fixture.at("2026-09-30 10:00")))
        let yellow = fire(half.task, "2026-09-30 10:00")
        #expect(yellow.events == [.light(clock: .dispose, light: .yellow, dueAt: due)])
        #expect(yellow.due == arm(due + 0.001), "the holidays hold no working time, so no check falls on them")
        #expect(fire(yellow.task, "2026-10-02 10:00").events.isEmpty)
        #expect(fire(yellow.task, due + 0.001).events == [.overdue(clock: .dispose, dueAt: due)])
    }

    /// 处置 in 3 working days from Friday 09-25 10:00: Sun 09-27 (make-up) 1, Mon 2, Tue 09-29 3 → 10:00.
    /// 22.5 working hours: 50 % = 11 h 15 = Fri 6 h + Sun 08:30–11:30 (3 h) + 13:00 + 2 h 15 → Sunday 15:15;
    /// 80 % = 18 h = Fri 6 + Sun 7.5 + Mon 08:30–11:30 (3 h) + 13:00 + 1 h 30 → Monday 09-28 14:30.
    @Test func aMakeUpSundayCountsAsWorkingTimeForTheReminders() throws {
        let threeDays = Self.policy(dispose: "3 working days", response: Self.response(stallAfter: "10 working days"))
        let task = try signed(threeDays, dispatchedAt: "2026-09-25 10:00", at: "2026-09-25 10:00")
        let due = Fixture.at("2026-09-29 10:00")
        #expect(task.disposeDue == due)
        #expect(fire(task, "2026-09-26 12:00").due == arm(Fixture.at("2026-09-27 15:15")))
        let half = fire(task, "2026-09-27 15:15")
        #expect(half.events == [.reminded(.deadline(clock: .dispose, fraction: 0.5, dueAt: due))])
        #expect(half.due == arm(Fixture.at("2026-09-28 14:30")))
        #expect(fire(half.task, "2026-09-28 14:30").events == [.light(clock: .dispose, light: .yellow, dueAt: due)])
    }

    @Test func severalThresholdsPassedAtOnceGiveOneYellowLightAndNoReminderBesideIt() {
        // 签收 09:00–11:00: 50 % at 10:00 and 80 % at 10:36 are both past at 10:40.
        let task = dispatched(Self.policy(signFor: "2 hours", dispose: "3 working days"), at: "2026-09-07 09:00")
        let late = fire(task, "2026-09-07 10:40")
        #expect(late.events == [.light(clock: .signFor, light: .yellow, dueAt: Fixture.at("2026-09-07 11:00"))])
        #expect(late.task.marks[.signFor] == 2)
        #expect(late.due == arm(Fixture.at("2026-09-07 11:00") + 0.001))
    }

    @Test func severalRemindersPassedAtOnceGiveOneReminderForTheLast() {
        // remindAt [0.3, 0.5] on 签收 09:00–11:00: 30 % at 09:36, 50 % at 10:00, both past at 10:05.
        let policy = Self.policy(signFor: "2 hours", dispose: "3 working days",
                                 response: Self.response(remindAt: [0.3, 0.5]))
        let task = dispatched(policy, at: "2026-09-07 09:00")
        #expect(dispatch(policy, at: "2026-09-07 09:00").due == arm(Fixture.at("2026-09-07 09:36")))
        let late = fire(task, "2026-09-07 10:05")
        #expect(late.events == [.reminded(.deadline(clock: .signFor, fraction: 0.5,
                                                    dueAt: Fixture.at("2026-09-07 11:00")))])
        #expect(late.due == arm(Fixture.at("2026-09-07 10:36")))
    }

    @Test func aReminderBeyondTheYellowLightIsSentBesideIt() {
        // remindAt [0.5, 0.9] on 签收 09:00–11:00: 50 % 10:00, 80 % 10:36, 90 % (108 min) 10:48.
        let policy = Self.policy(signFor: "2 hours", dispose: "3 working days",
                                 response: Self.response(remindAt: [0.5, 0.9]))
        let task = dispatched(policy, at: "2026-09-07 09:00")
        let signDue = Fixture.at("2026-09-07 11:00")
        let allAtOnce = fire(task, "2026-09-07 10:50")
        #expect(allAtOnce.events == [.light(clock: .signFor, light: .yellow, dueAt: signDue),
                                     .reminded(.deadline(clock: .signFor, fraction: 0.9, dueAt: signDue))])
        #expect(allAtOnce.due == arm(signDue + 0.001))
        // Passed up to the yellow light only: the light alone; the 90 % reminder follows at 10:48.
        let upToYellow = fire(task, "2026-09-07 10:40")
        #expect(upToYellow.events == [.light(clock: .signFor, light: .yellow, dueAt: signDue)])
        #expect(upToYellow.due == arm(Fixture.at("2026-09-07 10:48")))
        let ninety = fire(upToYellow.task, "2026-09-07 10:48")
        #expect(ninety.events == [.reminded(.deadline(clock: .signFor, fraction: 0.9, dueAt: signDue))])
        #expect(TaskRules.light(ninety.task, .signFor) == .yellow)
    }

    @Test func aReminderAt80PercentIsTheYellowLightItself() {
        let policy = Self.policy(signFor: "2 hours", dispose: "3 working days",
                                 response: Self.response(remindAt: [0.5, 0.8]))
        let half = fire(dispatched(policy, at: "2026-09-07 09:00"), "2026-09-07 10:00")
        #expect(half.due == arm(Fixture.at("2026-09-07 10:36")))
        let yellow = fire(half.task, "2026-09-07 10:36")
        #expect(yellow.events == [.light(clock: .signFor, light: .yellow, dueAt: Fixture.at("2026-09-07 11:00"))])
    }

    @Test func thresholdsAreTheRemindersAndTheYellowLightInOrderOnce() {
        #expect(TaskRules.thresholds(.standard) == [0.5, 0.8])
        #expect(TaskRules.thresholds(Self.response(remindAt: [0.9, 0.5, 0.8, 0.5])) == [0.5, 0.8, 0.9])
        #expect(TaskRules.thresholds(Self.response(remindAt: [0, 1, 0.3])) == [0.3, 0.8], "0 and 1 are no thresholds")
        #expect(TaskRules.thresholds(Self.response(remindAt: [])) == [0.8])
        #expect(ResponsePolicy.yellowAt == 0.8)
    }

    @Test func aYellowLightWithoutRemindersBeforeIt() {
        // remindAt [] → thresholds [0.8]: the first check of 签收 09:00–11:00 is its 80 %, 10:36.
        let policy = Self.policy(signFor: "2 hours", dispose: "3 working days", response: Self.response(remindAt: []))
        let start = dispatch(policy, at: "2026-09-07 09:00")
        #expect(start.due == arm(Fixture.at("2026-09-07 10:36")))
        let yellow = fire(start.task, "2026-09-07 10:36")
        #expect(yellow.events == [.light(clock: .signFor, light: .yellow, dueAt: Fixture.at("2026-09-07 11:00"))])
        #expect(TaskRules.light(yellow.task, .signFor) == .yellow)
    }

    // MARK: arrival

    /// 到场 in 2 hours, dispatched Friday 16:00: due 18:00 (natural); 50 % at 17:00, 80 % at 17:36.
    @Test func aPolicyWithAnArrivalStepStartsAnArrivalClock() throws {
        let arrival = Self.policy(arrive: "2 hours")
        let start = dispatch(arrival)
        #expect(start.events == [.dispatched(signDueAt: Fixture.at("2026-09-04 16:30"),
                                                disposeDueAt: Fixture.at("2026-09-07 16:00"),
                                                arriveDueAt: Fixture.at("2026-09-04 18:00"))])
        #expect(start.task.arriveDue == Fixture.at("2026-09-04 18:00"))
        #expect(TaskRules.live(start.task) == [.signFor, .arrive, .dispose])
        #expect(TaskRules.span(start.task, .arrive) == ClockSpan(
            start: Fixture.at("2026-09-04 16:00"), due: Fixture.at("2026-09-04 18:00"), working: false))
        #expect(start.due == arm(Fixture.at("2026-09-04 16:15")), "签收's 50 % is still the earliest")
        let sign = try TaskRules.sign(start.task, at: Fixture.at("2026-09-04 16:10"), calendar: calendar)
        #expect(TaskRules.live(sign.task) == [.arrive, .dispose])
        #expect(sign.due == arm(Fixture.at("2026-09-04 17:00")), "到场's 50 %")
        #expect(fire(sign.task, "2026-09-04 17:00").events
                    == [.reminded(.deadline(clock: .arrive, fraction: 0.5, dueAt: Fixture.at("2026-09-04 18:00")))])
    }

    @Test func arrivingIsRefusedBeforeSigningWithoutAnArrivalStepAndTwice() throws {
        let arrival = Self.policy(arrive: "2 hours")
        #expect(throws: TaskStepRefusal.illegal(IllegalTaskTransition(state: .dispatched, action: .arrive))) {
            try TaskRules.arrive(dispatched(arrival), at: Fixture.at("2026-09-04 16:20"), calendar: calendar)
        }
        #expect(throws: TaskStepRefusal.noArrivalStep) {
            try TaskRules.arrive(signed(), at: Fixture.at("2026-09-04 16:20"), calendar: calendar)
        }
        let arrived = try TaskRules.arrive(signed(arrival), at: Fixture.at("2026-09-04 16:20"), calendar: calendar).task
        #expect(throws: TaskStepRefusal.alreadyArrived) {
            try TaskRules.arrive(arrived, at: Fixture.at("2026-09-04 16:40"), calendar: calendar)
        }
    }

    @Test func arrivingAtExactlyTheDeadlineIsOnTimeAndStopsTheArrivalClock() throws {
        let task = try signed(Self.policy(arrive: "2 hours"))
        let decision = try TaskRules.arrive(task, at: Fixture.at("2026-09-04 18:00"), calendar: calendar)
        #expect(decision.events == [.arrived(dueAt: Fixture.at("2026-09-04 18:00"), onTime: true)])
        #expect(decision.task.arrivedAt == Fixture.at("2026-09-04 18:00"))
        #expect(decision.task.state == .signed)
        #expect(decision.task.activeAt == Fixture.at("2026-09-04 18:00"), "arrival shows life")
        #expect(TaskRules.live(decision.task) == [.dispose])
        #expect(TaskRules.light(decision.task, .arrive) == nil)
        // 处置's 50 % Monday 10:45; the stall reminder from Friday 18:00 (after hours) is Tuesday 08:30.
        #expect(decision.due == arm(Fixture.at("2026-09-07 10:45")))
    }

    @Test func arrivingLateIsJudgedLateAndDeclaresTheMissedOverdueFirst() throws {
        let task = try signed(Self.policy(arrive: "2 hours"))
        let late = try TaskRules.arrive(task, at: Fixture.at("2026-09-04 18:30"), calendar: calendar)
        #expect(late.events == [.overdue(clock: .arrive, dueAt: Fixture.at("2026-09-04 18:00")),
                                .arrived(dueAt: Fixture.at("2026-09-04 18:00"), onTime: false)])
        #expect(late.task.overdue == [.arrive])
        #expect(late.climb == nil)
        // Declared by the check already: the late arrival adds no second overdue.
        let fired = fire(task, "2026-09-04 18:01")
        #expect(fired.events == [.overdue(clock: .arrive, dueAt: Fixture.at("2026-09-04 18:00"))])
        #expect(fired.climb == nil, "only the lead's 处置 clock climbs")
        #expect(try TaskRules.arrive(fired.task, at: Fixture.at("2026-09-04 18:30"), calendar: calendar).events
                    == [.arrived(dueAt: Fixture.at("2026-09-04 18:00"), onTime: false)])
    }

    // MARK: progress

    @Test func progressIsOnlyForASignedTask() throws {
        #expect(throws: IllegalTaskTransition(state: .dispatched, action: .progress)) {
            try TaskRules.progress(dispatched(), note: "on the way", at: Fixture.at("2026-09-04 16:20"),
                                   calendar: calendar)
        }
        #expect(throws: IllegalTaskTransition(state: .reported, action: .progress)) {
            try TaskRules.progress(reported(), note: "more", at: Fixture.at("2026-09-07 11:00"), calendar: calendar)
        }
    }

    @Test func progressStoresTheNoteAndShowsLife() throws {
        let decision = try TaskRules.progress(signed(), note: "车辆已拦停", at: Fixture.at("2026-09-07 09:00"),
                                              calendar: calendar)
        #expect(decision.task.state == .signed)
        #expect(decision.task.progress == "车辆已拦停")
        #expect(decision.task.progressAt == Fixture.at("2026-09-07 09:00"))
        #expect(decision.task.activeAt == Fixture.at("2026-09-07 09:00"))
        #expect(decision.events == [.progress(note: "车辆已拦停")])
        // 处置's 50 % (Monday 10:45) before the stall reminder (Tuesday 09:00).
        #expect(decision.due == arm(Fixture.at("2026-09-07 10:45")))
    }

    // MARK: anti-stall

    /// 处置 in 10 working days from Monday 09-07 09:00 → Monday 09-21 09:00 (75 h; 50 % = 37.5 h
    /// = 5 working days → Monday 09-14 09:00), so only the stall clock acts in the first days.
    /// Signed at 09:10: reminded Tuesday 09-08 09:10, climbs Wednesday 09-09 09:10.
    private func idle(_ response: ResponsePolicy = .standard) throws -> DepartmentTask {
        try signed(Self.policy(dispose: "10 working days", response: response), dispatchedAt: "2026-09-07 09:00",
                   at: "2026-09-07 09:10")
    }

    @Test func aSignedTaskIdleForStallAfterIsRemindedThenClimbsAndItsStallClockRestarts() throws {
        let task = try idle()
        #expect(task.disposeDue == Fixture.at("2026-09-21 09:00"))
        let sign = try TaskRules.sign(
            dispatched(Self.policy(dispose: "10 working days"), at: "2026-09-07 09:00"), at: Fixture.at("2026-09-07 09:10"),
            calendar: calendar)
        #expect(sign.due == arm(Fixture.at("2026-09-08 09:10")))
        #expect(fire(task, "2026-09-08 09:09").events.isEmpty)

        let reminded = fire(task, "2026-09-08 09:10")
        #expect(reminded.events == [.reminded(.stall(idleSince: Fixture.at("2026-09-07 09:10")))])
        #expect(reminded.climb == nil)
        #expect(reminded.task.stallReminded)
        #expect(reminded.due == arm(Fixture.at("2026-09-09 09:10")))
        #expect(fire(reminded.task, "2026-09-08 17:00").events.isEmpty, "reminded once")

        let climbed = fire(reminded.task, "2026-09-09 09:10")
        #expect(climbed.events.isEmpty)
        #expect(climbed.climb == .stall)
        #expect(climbed.task.activeAt == Fixture.at("2026-09-09 09:10"))
        #expect(!climbed.task.stallReminded)
        #expect(climbed.due == arm(Fixture.at("2026-09-10 09:10")), "the stall clock starts again from the climb")
        #expect(fire(climbed.task, "2026-09-10 09:10").events
                    == [.reminded(.stall(idleSince: Fixture.at("2026-09-09 09:10")))])
    }

    @Test func withoutStallAmongTheTriggersTheSecondTimeIsAnotherReminder() throws {
        let task = try idle(Self.response(escalateOn: [.redClock, .levelDeadline]))
        let reminded = fire(task, "2026-09-08 09:10")
        let second = fire(reminded.task, "2026-09-09 09:10")
        #expect(second.events == [.reminded(.stall(idleSince: Fixture.at("2026-09-07 09:10")))])
        #expect(second.climb == nil)
        #expect(second.due == arm(Fixture.at("2026-09-10 09:10")))
    }

    @Test func progressInBetweenRestartsTheStallClock() throws {
        let reminded = fire(try idle(), "2026-09-08 09:10").task
        let progress = try TaskRules.progress(reminded, note: "已约谈", at: Fixture.at("2026-09-08 14:00"),
                                              calendar: calendar)
        #expect(!progress.task.stallReminded)
        #expect(progress.due == arm(Fixture.at("2026-09-09 14:00")), "Tuesday 14:00 + 1 working day")
        let stale = fire(progress.task, "2026-09-09 09:10")
        #expect(stale.events.isEmpty)
        #expect(stale.climb == nil)
        let again = fire(progress.task, "2026-09-09 14:00")
        #expect(again.events == [.reminded(.stall(idleSince: Fixture.at("2026-09-08 14:00")))])
        #expect(again.climb == nil, "a first reminder again, not a climb")
    }

    // MARK: red clock climb

    @Test func aCoDepartmentsRedDisposeClockDoesNotClimb() throws {
        let co = fire(try signed(role: .co), "2026-09-07 16:01")
        #expect(co.events == [.overdue(clock: .dispose, dueAt: Fixture.at("2026-09-07 16:00"))])
        #expect(co.climb == nil)
        let report = try TaskRules.report(try signed(role: .co), at: Fixture.at("2026-09-07 16:01"), calendar: calendar)
        #expect(report.climb == nil)
    }

    @Test func aPolicyThatDoesNotClimbOnRedClocksDoesNot() throws {
        let quiet = Self.policy(response: Self.response(escalateOn: [.stall, .levelDeadline]))
        let fired = fire(try signed(quiet), "2026-09-07 16:01")
        #expect(fired.events == [.overdue(clock: .dispose, dueAt: Fixture.at("2026-09-07 16:00"))])
        #expect(fired.climb == nil)
        #expect(try TaskRules.report(try signed(quiet), at: Fixture.at("2026-09-07 16:01"), calendar: calendar).climb == nil)
    }

    // MARK: storms (防汛防台)

    /// Halved: 30 minutes → 15 minutes, 2 hours → 1 hour, 1 working day (450 min) → 225 working minutes.
    /// From Friday 16:00: 签收 16:15, 到场 17:00, 处置 Fri 16:00–17:30 (90 min) + Mon 08:30 + 135 min = 10:45.
    @Test func aStormDispatchRunsOnHalvedLimits() {
        let start = dispatch(Self.policy(arrive: "2 hours"), storm: true)
        #expect(start.events == [.dispatched(signDueAt: Fixture.at("2026-09-04 16:15"),
                                                disposeDueAt: Fixture.at("2026-09-07 10:45"),
                                                arriveDueAt: Fixture.at("2026-09-04 17:00"))])
        #expect(start.task.halved == [.signFor, .arrive, .dispose])
        // 签收 16:00–16:15: 50 % at 16:07:30.
        #expect(start.due == arm(Fixture.at("2026-09-04 16:07") + 30))
        #expect(dispatch(storm: true).task.halved == [.signFor, .dispose], "no arrival clock to halve")
    }

    /// 签收 1 hour and 处置 4 hours (natural), dispatched Monday 09-07 09:00: due 10:00 and 13:00.
    private func natural() -> DepartmentTask {
        dispatched(Self.policy(signFor: "1 hour", dispose: "4 hours"), at: "2026-09-07 09:00")
    }

    @Test func halvingANaturalClockHalvesTheWallTimeLeft() {
        // At 09:30: 签收 30 min left → 15 → 09:45; 处置 3 h 30 left → 1 h 45 → 11:15.
        let decision = TaskRules.halve(natural(), at: Fixture.at("2026-09-07 09:30"), calendar: calendar)
        #expect(decision.task.signDue == Fixture.at("2026-09-07 09:45"))
        #expect(decision.task.disposeDue == Fixture.at("2026-09-07 11:15"))
        #expect(decision.task.halved == [.signFor, .dispose])
        #expect(decision.events == [.light(clock: .signFor, light: .green, dueAt: Fixture.at("2026-09-07 09:45")),
                                    .light(clock: .dispose, light: .green, dueAt: Fixture.at("2026-09-07 11:15"))])
        // 签收 now 09:00–09:45: its 50 % (09:22:30) was skipped, not to be sent; 80 % (36 min) at 09:36.
        // 处置 09:00–11:15: 50 % (67 min 30) at 10:07:30.
        #expect(decision.task.marks[.signFor] == 1)
        #expect(decision.due == arm(Fixture.at("2026-09-07 09:36")))
        let next = fire(decision.task, "2026-09-07 09:36")
        #expect(next.events == [.light(clock: .signFor, light: .yellow, dueAt: Fixture.at("2026-09-07 09:45"))],
                "the skipped 50 % reminder is not sent")
    }

    @Test func halvingAnnouncesTheLightTheClockNowShows() {
        // At 09:40: 签收 20 min left → 10 → 09:50; 09:00–09:50 is yellow from 09:40 (80 % of 50 min).
        // 处置 200 min left → 100 → 11:20; 09:00–11:20 is green (50 % of 140 min at 10:10).
        let decision = TaskRules.halve(natural(), at: Fixture.at("2026-09-07 09:40"), calendar: calendar)
        #expect(decision.events == [.light(clock: .signFor, light: .yellow, dueAt: Fixture.at("2026-09-07 09:50")),
                                    .light(clock: .dispose, light: .green, dueAt: Fixture.at("2026-09-07 11:20"))])
        #expect(TaskRules.light(decision.task, .signFor) == .yellow)
        #expect(decision.due == arm(Fixture.at("2026-09-07 09:50") + 0.001))
    }

    /// 处置 in 6 working hours from Monday 08:30 → 16:00, signed 08:40.
    @Test func halvingAWorkingClockHalvesTheWorkingTimeLeftAndRestoreDoublesIt() throws {
        let task = try signed(Self.policy(dispose: "6 working hours"), dispatchedAt: "2026-09-07 08:30",
                              at: "2026-09-07 08:40")
        // At 10:30: 10:30–11:30 (1 h) + 13:00–16:00 (3 h) = 4 h left → 2 h: 10:30–11:30 + 13:00–14:00 → 14:00.
        let halved = TaskRules.halve(task, at: Fixture.at("2026-09-07 10:30"), calendar: calendar)
        #expect(halved.task.disposeDue == Fixture.at("2026-09-07 14:00"))
        #expect(halved.task.halved == [.dispose])
        // 08:30–14:00 is 4 working hours: 50 % (2 h) 10:30 passed, 80 % (3 h 12) = 11:30 + 12 min → 13:12.
        #expect(halved.events == [.light(clock: .dispose, light: .green, dueAt: Fixture.at("2026-09-07 14:00"))])
        #expect(halved.due == arm(Fixture.at("2026-09-07 13:12")))
        // Restored at 13:00: 1 h left → 2 h → 15:00; 08:30–15:00 is 5 h: 50 % 11:00 passed, 80 % (4 h) 14:00.
        let restored = TaskRules.restore(halved.task, at: Fixture.at("2026-09-07 13:00"), calendar: calendar)
        #expect(restored.task.disposeDue == Fixture.at("2026-09-07 15:00"))
        #expect(restored.task.halved.isEmpty)
        #expect(restored.events == [.light(clock: .dispose, light: .green, dueAt: Fixture.at("2026-09-07 15:00"))])
        #expect(restored.due == arm(Fixture.at("2026-09-07 14:00")))
    }

    @Test func aStormInTheEveningBeforeAnEarlyDeadlineMovesNothing() {
        // Routed Tuesday 09-08 19:00: 1 working day from the next working moment, Wednesday 08:30,
        // is Thursday 08:30. An alert on Wednesday at 18:00 finds no working time left before it:
        // nothing to halve, so nothing moves, nothing is announced and nothing is marked halved.
        let task = dispatched(at: "2026-09-08 19:00")
        #expect(task.disposeDue == Fixture.at("2026-09-10 08:30"))
        #expect(TaskRules.halve(task, at: Fixture.at("2026-09-09 18:00"), calendar: calendar) == TaskDecision(task: task))
    }

    @Test func restoringKeepsTheThresholdsAlreadyAnnounced() {
        let yellow = TaskRules.halve(natural(), at: Fixture.at("2026-09-07 09:40"), calendar: calendar).task
        #expect(TaskRules.light(yellow, .signFor) == .yellow)
        // At 09:41: 签收 09:50 → 9 min left → 18 → 09:59. Its 50 % and 80 % were announced, so it
        // stays yellow and its next check is the millisecond past 09:59 — nothing is announced twice.
        // 处置 11:20 → 99 min left → 198 → 12:59; 09:00–12:59: 50 % (119 min 30) at 10:59:30, green.
        let restored = TaskRules.restore(yellow, at: Fixture.at("2026-09-07 09:41"), calendar: calendar)
        #expect(restored.events == [.light(clock: .signFor, light: .yellow, dueAt: Fixture.at("2026-09-07 09:59")),
                                    .light(clock: .dispose, light: .green, dueAt: Fixture.at("2026-09-07 12:59"))])
        #expect(TaskRules.light(restored.task, .signFor) == .yellow)
        #expect(restored.due == arm(Fixture.at("2026-09-07 09:59") + 0.001))
    }

    @Test func aRedClockIsNotMovedByAStorm() {
        let red = fire(natural(), "2026-09-07 10:01").task
        #expect(red.overdue == [.signFor])
        // At 10:30 only 处置 moves: 2 h 30 left → 1 h 15 → 11:45; 09:00–11:45 (165 min): 80 % at 11:12, green.
        let halved = TaskRules.halve(red, at: Fixture.at("2026-09-07 10:30"), calendar: calendar)
        #expect(halved.task.signDue == Fixture.at("2026-09-07 10:00"))
        #expect(halved.task.disposeDue == Fixture.at("2026-09-07 11:45"))
        #expect(halved.task.halved == [.dispose])
        #expect(halved.events == [.light(clock: .dispose, light: .green, dueAt: Fixture.at("2026-09-07 11:45"))])
        #expect(TaskRules.light(halved.task, .signFor) == .red)
        // Restored at 11:00: 45 min left → 90 → 12:30; 09:00–12:30 (210 min): 80 % at 11:48, green.
        let restored = TaskRules.restore(halved.task, at: Fixture.at("2026-09-07 11:00"), calendar: calendar)
        #expect(restored.task.signDue == Fixture.at("2026-09-07 10:00"))
        #expect(restored.events == [.light(clock: .dispose, light: .green, dueAt: Fixture.at("2026-09-07 12:30"))])
    }

    @Test func restoringDoublesOnlyTheHalvedClocks() {
        // A task whose 处置 clock alone runs halved.
        var task = natural()
        task.halved = [.dispose]
        // At 09:30: 处置 3 h 30 left → 7 h → 16:30; 签收 (10:00) is not touched.
        let restored = TaskRules.restore(task, at: Fixture.at("2026-09-07 09:30"), calendar: calendar)
        #expect(restored.task.signDue == Fixture.at("2026-09-07 10:00"))
        #expect(restored.task.disposeDue == Fixture.at("2026-09-07 16:30"))
        #expect(restored.task.halved.isEmpty)
        #expect(restored.events == [.light(clock: .dispose, light: .green, dueAt: Fixture.at("2026-09-07 16:30"))])
    }

    @Test func halvingHalvedClocksOrRestoringUnhalvedOnesDoesNothing() {
        let storm = dispatch(storm: true).task
        #expect(TaskRules.halve(storm, at: Fixture.at("2026-09-04 16:05"), calendar: calendar) == TaskDecision(task: storm))
        let calm = dispatched()
        #expect(TaskRules.restore(calm, at: Fixture.at("2026-09-04 16:05"), calendar: calendar) == TaskDecision(task: calm))
        let closed = TaskRules.close(calm, at: Fixture.at("2026-09-04 16:05")).task
        #expect(TaskRules.halve(closed, at: Fixture.at("2026-09-04 16:06"), calendar: calendar) == TaskDecision(task: closed))
    }

    @Test func aStormReopenHalvesTheNewDisposeLimit() throws {
        // 225 working minutes from Wednesday 09-30 10:00: 10:00–11:30 (90) + 13:00 + 135 min → 15:15.
        let decision = try TaskRules.reopen(try reported(), round: 2, at: Fixture.at("2026-09-30 10:00"),
                                            calendar: calendar, storm: true)
        #expect(decision.task.disposeDue == Fixture.at("2026-09-30 15:15"))
        #expect(decision.task.halved == [.dispose])
        #expect(decision.events == [.reopened(round: 2, disposeDueAt: Fixture.at("2026-09-30 15:15"))])
        // A calm rework of a storm-dispatched task runs on the full limit again.
        let stormTask = dispatch(storm: true).task
        let stormSigned = try TaskRules.sign(stormTask, at: Fixture.at("2026-09-04 16:10"), calendar: calendar).task
        let stormReported = try TaskRules.report(stormSigned, at: Fixture.at("2026-09-04 17:00"), calendar: calendar).task
        let calm = try TaskRules.reopen(stormReported, round: 2, at: Fixture.at("2026-09-30 10:00"), calendar: calendar)
        #expect(calm.task.disposeDue == Fixture.at("2026-10-05 10:00"))
        #expect(calm.task.halved == [.signFor])
    }

    // MARK: reopen

    @Test func reworkReopensWithAFreshDeadlineClearsDisposeOverdueAndRearms() throws {
        let overdueAndReported = try TaskRules.report(
            fire(try signed(), "2026-09-07 16:01").task, at: Fixture.at("2026-09-08 09:00"), calendar: calendar).task
        #expect(overdueAndReported.overdue == [.dispose])
        let decision = try TaskRules.reopen(overdueAndReported, round: 2, at: Fixture.at("2026-09-30 10:00"),
                                            calendar: calendar)
        let due = Fixture.at("2026-10-05 10:00")  // Wednesday 10:00 + 1 working day over the holidays
        #expect(decision.task.state == .signed)
        #expect(decision.task.round == 2)
        #expect(decision.task.disposeStart == Fixture.at("2026-09-30 10:00"))
        #expect(decision.task.disposeDue == due)
        #expect(decision.task.reportedAt == nil)
        #expect(decision.task.overdue.isEmpty)
        #expect(decision.task.signedAt == Fixture.at("2026-09-04 16:10"))
        #expect(decision.task.activeAt == Fixture.at("2026-09-30 10:00"))
        #expect(decision.events == [.reopened(round: 2, disposeDueAt: due)])
        #expect(TaskRules.span(decision.task, .dispose) == ClockSpan(start: Fixture.at("2026-09-30 10:00"), due: due,
                                                                      working: true))
        // 7.5 working hours: 50 % = 3 h 45 = Wed 10:00–11:30 (1 h 30) + 13:00 + 2 h 15 → Wednesday 15:15,
        // before the stall reminder (Monday 10-05 10:00).
        #expect(decision.due == arm(Fixture.at("2026-09-30 15:15")))
    }

    @Test func aReopenedTaskCanRunOutOfItsNewClock() throws {
        let reopened = try TaskRules.reopen(try reported(), round: 2, at: Fixture.at("2026-09-08 10:00"),
                                            calendar: calendar).task
        // Tuesday 10:00 → Wednesday 10:00, 7.5 h: 80 % = 6 h = 10:00–11:30 + 13:00–17:30, Tuesday 17:30
        // exactly (the end of the day, not Wednesday 08:30); at Wednesday 09:00 it is yellow, not red.
        #expect(fire(reopened, "2026-09-08 17:30").events.contains(
            .light(clock: .dispose, light: .yellow, dueAt: Fixture.at("2026-09-09 10:00"))))
        #expect(fire(reopened, "2026-09-09 09:00").events
                    == [.light(clock: .dispose, light: .yellow, dueAt: Fixture.at("2026-09-09 10:00"))])
        let decision = fire(reopened, "2026-09-09 10:01")
        // The rework showed life at Tuesday 10:00, so the stall reminder falls due at Wednesday 10:00 too.
        #expect(decision.events == [.overdue(clock: .dispose, dueAt: Fixture.at("2026-09-09 10:00")),
                                    .reminded(.stall(idleSince: Fixture.at("2026-09-08 10:00")))])
        #expect(decision.climb == .redClock)
        let report = try TaskRules.report(decision.task, at: Fixture.at("2026-09-09 11:00"), calendar: calendar)
        #expect(report.events == [.reported(round: 2, dueAt: Fixture.at("2026-09-09 10:00"), onTime: false)])
    }

    /// 到场 2 hours from Monday 09:00 (due 11:00, 50 % 10:00, 80 % 10:36), signed 09:10, reminded at
    /// 10:00, reported done at 10:10 without having arrived, and reworked at 10:20: its arrival clock
    /// runs again on the same deadline, whose 50 % reminder was already sent.
    @Test func aReworkDoesNotRepeatTheArrivalRemindersAlreadySent() throws {
        let arrival = Self.policy(arrive: "2 hours")
        let task = try signed(arrival, dispatchedAt: "2026-09-07 09:00", at: "2026-09-07 09:10")
        let reminded = fire(task, "2026-09-07 10:00")
        #expect(reminded.events == [.reminded(.deadline(clock: .arrive, fraction: 0.5,
                                                        dueAt: Fixture.at("2026-09-07 11:00")))])
        let done = try TaskRules.report(reminded.task, at: Fixture.at("2026-09-07 10:10"), calendar: calendar).task
        let reopened = try TaskRules.reopen(done, round: 2, at: Fixture.at("2026-09-07 10:20"), calendar: calendar)
        #expect(TaskRules.live(reopened.task) == [.arrive, .dispose])
        #expect(reopened.due == arm(Fixture.at("2026-09-07 10:36")))
        #expect(fire(reopened.task, "2026-09-07 10:20").events.isEmpty)
    }

    @Test func aStallThatFallsWithARedClockIsRemindedWhileTheRedClockClimbs() throws {
        // 处置 in 2 working days from Friday 16:00: due Tuesday 09-08 16:00. Signed Friday 16:10:
        // stall reminded Monday 16:10, due to climb Tuesday 16:10 — found by a late check at
        // Tuesday 16:10 together with the red disposal clock, which climbs; the stall is reminded.
        let task = try signed(Self.policy(dispose: "2 working days"))
        let reminded = fire(task, "2026-09-07 16:10")
        #expect(reminded.events.contains(.reminded(.stall(idleSince: Fixture.at("2026-09-04 16:10")))))
        #expect(reminded.climb == nil)
        let late = fire(reminded.task, "2026-09-08 16:10")
        #expect(late.climb == .redClock)
        #expect(late.events.first == .overdue(clock: .dispose, dueAt: Fixture.at("2026-09-08 16:00")))
        #expect(late.events.contains(.reminded(.stall(idleSince: Fixture.at("2026-09-04 16:10")))))
        #expect(late.task.activeAt == Fixture.at("2026-09-08 16:10"), "the stall clock restarts")
    }

        // MARK: close

    @Test func closingCancelsTheCheck() throws {
        for task in [dispatched(), try signed(), try reported()] {
            let decision = TaskRules.close(task, at: Fixture.at("2026-09-04 16:20"))
            #expect(decision.task.state == .closed)
            #expect(decision.events == [.closed])
            #expect(decision.due == cancel)
            #expect(TaskRules.live(decision.task).isEmpty)
        }
    }

    @Test func closingAClosedTaskDecidesNothing() {
        let closed = TaskRules.close(dispatched(), at: Fixture.at("2026-09-04 16:05")).task
        #expect(TaskRules.close(closed, at: Fixture.at("2026-09-10 09:00")) == TaskDecision(task: closed))
    }

    @Test func closingPastUndoneDeadlinesDeclaresTheOverdueTheirChecksHaveNotYet() throws {
        let decision = TaskRules.close(dispatched(), at: Fixture.at("2026-09-08 09:00"))
        #expect(decision.events == [.overdue(clock: .signFor, dueAt: Fixture.at("2026-09-04 16:30")),
                                    .overdue(clock: .dispose, dueAt: Fixture.at("2026-09-07 16:00")), .closed])
        let signedLate = TaskRules.close(try signed(), at: Fixture.at("2026-09-08 09:00"))
        #expect(signedLate.events == [.overdue(clock: .dispose, dueAt: Fixture.at("2026-09-07 16:00")), .closed])
        #expect(TaskRules.close(try reported(), at: Fixture.at("2026-09-08 09:00")).events == [.closed])
    }

    // MARK: supervise, live, span

    @Test func supervisingAnnouncesTheClimbAndLeavesTheTaskAlone() throws {
        let task = try signed()
        let decision = TaskRules.supervise(task, level: .cogovernance, coordinator: "grid:JD-NX-A01",
                                           trigger: .redClock, reason: "处置超时")
        #expect(decision == TaskDecision(task: task, events: [
            .supervised(level: .cogovernance, coordinator: "grid:JD-NX-A01", trigger: .redClock, reason: "处置超时"),
        ]))
    }

    @Test func theLiveClocksAreThoseOfUndoneSteps() throws {
        let arrival = Self.policy(arrive: "2 hours")
        #expect(TaskRules.live(dispatched(arrival)) == [.signFor, .arrive, .dispose])
        let signedTask = try signed(arrival)
        #expect(TaskRules.live(signedTask) == [.arrive, .dispose])
        let arrived = try TaskRules.arrive(signedTask, at: Fixture.at("2026-09-04 17:00"), calendar: calendar).task
        #expect(TaskRules.live(arrived) == [.dispose])
        #expect(TaskRules.live(try reported()).isEmpty)
        #expect(TaskRules.light(try reported(), .dispose) == nil)
        #expect(TaskRules.live(dispatched()) == [.signFor, .dispose])
    }

    @Test func spansRunFromTheDispatchOrTheRoundsStartAndCountLikeTheirLimits() throws {
        let task = dispatched()
        #expect(TaskRules.span(task, .signFor) == ClockSpan(
            start: Fixture.at("2026-09-04 16:00"), due: Fixture.at("2026-09-04 16:30"), working: false))
        #expect(TaskRules.span(task, .dispose) == ClockSpan(
            start: Fixture.at("2026-09-04 16:00"), due: Fixture.at("2026-09-07 16:00"), working: true))
    }

    // MARK: illegal transitions

    @Test func illegalTransitionsAreTypedErrors() throws {
        let at = Fixture.at("2026-09-05 10:00")
        #expect(throws: IllegalTaskTransition(state: .dispatched, action: .report)) {
            try TaskRules.report(dispatched(), at: at, calendar: calendar)
        }
        #expect(throws: IllegalTaskTransition(state: .signed, action: .sign)) {
            try TaskRules.sign(signed(), at: at, calendar: calendar)
        }
        #expect(throws: IllegalTaskTransition(state: .signed, action: .reopen)) {
            try TaskRules.reopen(signed(), round: 2, at: at, calendar: calendar)
        }
        #expect(throws: IllegalTaskTransition(state: .reported, action: .report)) {
            try TaskRules.report(reported(), at: at, calendar: calendar)
        }
        let closed = TaskRules.close(dispatched(), at: Fixture.at("2026-09-04 16:05")).task
        #expect(throws: IllegalTaskTransition(state: .closed, action: .sign)) {
            try TaskRules.sign(closed, at: at, calendar: calendar)
        }
        #expect(throws: IllegalTaskTransition(state: .closed, action: .reopen)) {
            try TaskRules.reopen(closed, round: 2, at: at, calendar: calendar)
        }
        #expect(throws: IllegalTaskTransition(state: .closed, action: .progress)) {
            try TaskRules.progress(closed, note: "x", at: at, calendar: calendar)
        }
    }
}
