import Foundation
import GridDomain
import Testing

/// The task rules on the fixture's calendar (Mon–Fri 08:30–11:30, 13:00–17:30; 2026-10-01/02
/// holidays; Sunday 2026-09-27 a make-up working day), with 签收 in 30 minutes and 处置 in 1 working day.
@Suite struct TaskRulesTests {
    let calendar: WorkingCalendar
    let policy = Policy(
        matter: "muck-truck", referenceVersion: 1, urgency: .urgent, signFor: Fixture.limit("30 minutes"),
        arrive: nil, dispose: Fixture.limit("1 working day"), storm: false)
    let subject = "W20260904-000001/JD-NX-CGZF"

    init() throws {
        calendar = try Fixture.calendar()
    }

    private func dispatched(at time: String = "2026-09-04 16:00") -> DepartmentTask {
        TaskRules.dispatch(whistle: "W20260904-000001", department: "JD-NX-CGZF", role: .lead, policy: policy,
                           at: Fixture.at(time), calendar: calendar).task
    }

    private func signed() throws -> DepartmentTask {
        try TaskRules.sign(dispatched(), at: Fixture.at("2026-09-04 16:10")).task
    }

    private func reported() throws -> DepartmentTask {
        try TaskRules.report(signed(), at: Fixture.at("2026-09-07 10:00")).task
    }

    // MARK: dispatch

    @Test func dispatchStartsBothClocksOnTheWorkingCalendarAndArmsThem() {
        let decision = TaskRules.dispatch(whistle: "W20260904-000001", department: "JD-NX-CGZF", role: .lead,
                                          policy: policy, at: Fixture.at("2026-09-04 16:00"), calendar: calendar)
        let signDue = Fixture.at("2026-09-04 16:30")
        let disposeDue = Fixture.at("2026-09-07 16:00")
        #expect(decision.task == DepartmentTask(
            whistle: "W20260904-000001", department: "JD-NX-CGZF", role: .lead, state: .dispatched, round: 1,
            policy: policy, signDue: signDue, disposeDue: disposeDue))
        #expect(decision.task.subject == subject)
        #expect(decision.events == [.dispatched(signDueAt: signDue, disposeDueAt: disposeDue)])
        #expect(decision.due == [.arm(DueWork(kind: .taskClock, subject: subject, at: signDue + 0.001))],
                "one check per task, at the first deadline")
    }

    @Test func aFridayAfternoonDispatchIsDueTheNextWorkingDayAtTheSameTime() {
        #expect(dispatched(at: "2026-09-04 16:00").disposeDue == Fixture.at("2026-09-07 16:00"))
    }

    @Test func aDispatchBeforeAMakeUpDayIsDueOnIt() {
        #expect(dispatched(at: "2026-09-25 10:00").disposeDue == Fixture.at("2026-09-27 10:00"))
    }

    // MARK: sign

    @Test func signingAtExactlyTheDeadlineIsOnTimeAndCancelsTheSignClock() throws {
        let decision = try TaskRules.sign(dispatched(), at: Fixture.at("2026-09-04 16:30"))
        #expect(decision.task.state == .signed)
        #expect(decision.task.signedAt == Fixture.at("2026-09-04 16:30"))
        #expect(decision.events == [.signed(dueAt: Fixture.at("2026-09-04 16:30"), onTime: true)])
        #expect(decision.due == [.arm(DueWork(kind: .taskClock, subject: subject, at: Fixture.at("2026-09-07 16:00") + 0.001))],
                "the check moves on to the disposal deadline")
    }

    @Test func signingASecondAfterTheDeadlineIsLateAndDeclaresTheOverdueItsCheckHasNotYet() throws {
        let decision = try TaskRules.sign(dispatched(), at: Fixture.at("2026-09-04 16:30") + 1)
        #expect(decision.events == [.overdue(clock: .signFor, dueAt: Fixture.at("2026-09-04 16:30")),
                                    .signed(dueAt: Fixture.at("2026-09-04 16:30"), onTime: false)])
        #expect(decision.task.overdue == [.signFor])
    }

    // MARK: report

    @Test func reportingAtExactlyTheDeadlineIsOnTimeAndCancelsTheDisposeClock() throws {
        let decision = try TaskRules.report(signed(), at: Fixture.at("2026-09-07 16:00"))
        #expect(decision.task.state == .reported)
        #expect(decision.task.reportedAt == Fixture.at("2026-09-07 16:00"))
        #expect(decision.events == [.reported(round: 1, dueAt: Fixture.at("2026-09-07 16:00"), onTime: true)])
        #expect(decision.due == [.cancel(.taskClock, subject: subject)], "nothing left to watch")
    }

    @Test func reportingAfterTheDeadlineIsLateAndDeclaresTheOverdueOnce() throws {
        let decision = try TaskRules.report(signed(), at: Fixture.at("2026-09-07 16:01"))
        #expect(decision.events == [.overdue(clock: .dispose, dueAt: Fixture.at("2026-09-07 16:00")),
                                    .reported(round: 1, dueAt: Fixture.at("2026-09-07 16:00"), onTime: false)])
        // Once the check has fired, the late step adds no second overdue.
        let fired = TaskRules.fire(try signed(), at: Fixture.at("2026-09-07 16:01")).task
        #expect(try TaskRules.report(fired, at: Fixture.at("2026-09-07 17:00")).events
                    == [.reported(round: 1, dueAt: Fixture.at("2026-09-07 16:00"), onTime: false)])
    }

    // MARK: overdue

    @Test func anUnsignedTaskIsDeclaredOverdueOnce() {
        let task = dispatched()
        let first = TaskRules.fire(task, at: Fixture.at("2026-09-04 16:31"))
        #expect(first.events == [.overdue(clock: .signFor, dueAt: Fixture.at("2026-09-04 16:30"))])
        #expect(first.task.overdue == [.signFor])
        #expect(first.due == [.arm(DueWork(kind: .taskClock, subject: subject, at: Fixture.at("2026-09-07 16:00") + 0.001))])
        let second = TaskRules.fire(first.task, at: Fixture.at("2026-09-04 16:40"))
        #expect(second.events.isEmpty)
        #expect(second.task == first.task)
    }

    @Test func aClockIsNotOverdueAtItsDeadlineOnlyPastIt() {
        let task = dispatched()
        let atSignDeadline = TaskRules.fire(task, at: Fixture.at("2026-09-04 16:30"))
        #expect(atSignDeadline.events.isEmpty)
        #expect(atSignDeadline.due == [.arm(DueWork(kind: .taskClock, subject: subject, at: Fixture.at("2026-09-04 16:30") + 0.001))])
        let signed = TaskRules.fire(task, at: Fixture.at("2026-09-04 16:31")).task
        #expect(TaskRules.fire(signed, at: Fixture.at("2026-09-07 16:00")).events.isEmpty)
    }

    @Test func aSignAfterOverdueIsAcceptedAndJudgedLate() throws {
        let overdue = TaskRules.fire(dispatched(), at: Fixture.at("2026-09-04 16:31")).task
        let decision = try TaskRules.sign(overdue, at: Fixture.at("2026-09-04 17:00"))
        #expect(decision.task.state == .signed)
        #expect(decision.events == [.signed(dueAt: Fixture.at("2026-09-04 16:30"), onTime: false)])
    }

    @Test func aSignedTaskNotReportedInTimeIsDeclaredOverdueOnce() throws {
        let first = TaskRules.fire(try signed(), at: Fixture.at("2026-09-07 16:01"))
        #expect(first.events == [.overdue(clock: .dispose, dueAt: Fixture.at("2026-09-07 16:00"))])
        #expect(first.task.overdue == [.dispose])
        #expect(TaskRules.fire(first.task, at: Fixture.at("2026-09-07 17:00")).events.isEmpty)
    }

    @Test func oneLateCheckDeclaresEveryClockThatRanOut() {
        let decision = TaskRules.fire(dispatched(), at: Fixture.at("2026-09-08 09:00"))
        #expect(decision.events == [.overdue(clock: .signFor, dueAt: Fixture.at("2026-09-04 16:30")),
                                    .overdue(clock: .dispose, dueAt: Fixture.at("2026-09-07 16:00"))])
        #expect(decision.due == [.cancel(.taskClock, subject: subject)])
    }

    @Test func anUnsignedTaskCanRunOutOfBothClocks() {
        let sign = TaskRules.fire(dispatched(), at: Fixture.at("2026-09-04 16:31"))
        let dispose = TaskRules.fire(sign.task, at: Fixture.at("2026-09-07 16:01"))
        #expect(dispose.events == [.overdue(clock: .dispose, dueAt: Fixture.at("2026-09-07 16:00"))])
        #expect(dispose.task.overdue == [.signFor, .dispose])
    }

    @Test func aReportAfterOverdueIsAcceptedAndJudgedLate() throws {
        let overdue = TaskRules.fire(try signed(), at: Fixture.at("2026-09-07 16:01")).task
        let decision = try TaskRules.report(overdue, at: Fixture.at("2026-09-08 09:00"))
        #expect(decision.task.state == .reported)
        #expect(decision.events == [.reported(round: 1, dueAt: Fixture.at("2026-09-07 16:00"), onTime: false)])
    }

    @Test func staleDueWorkDeclaresNothing() throws {
        for task in [try signed(), try reported(), TaskRules.close(dispatched(), at: Fixture.at("2026-09-04 16:05")).task] {
            let decision = TaskRules.fire(task, at: Fixture.at("2026-09-04 16:31"))
            #expect(decision.events.isEmpty)
            #expect(decision.task == task)
        }
    }

    // MARK: reopen

    @Test func reworkReopensWithAFreshDeadlineAndRearmsTheDisposeClock() throws {
        let overdueAndReported = try TaskRules.report(
            TaskRules.fire(try signed(), at: Fixture.at("2026-09-07 16:01")).task,
            at: Fixture.at("2026-09-08 09:00")).task
        let decision = try TaskRules.reopen(overdueAndReported, round: 2, at: Fixture.at("2026-09-30 10:00"),
                                            calendar: calendar)
        let due = Fixture.at("2026-10-05 10:00")
        #expect(decision.task.state == .signed)
        #expect(decision.task.round == 2)
        #expect(decision.task.disposeDue == due)
        #expect(decision.task.reportedAt == nil)
        #expect(decision.task.overdue.isEmpty)
        #expect(decision.task.signedAt == Fixture.at("2026-09-04 16:10"))
        #expect(decision.events == [.reopened(round: 2, disposeDueAt: due)])
        #expect(decision.due == [.arm(DueWork(kind: .taskClock, subject: subject, at: due + 0.001))])
    }

    @Test func aReopenedTaskCanRunOutOfItsNewClock() throws {
        let reopened = try TaskRules.reopen(try reported(), round: 2, at: Fixture.at("2026-09-08 10:00"),
                                            calendar: calendar).task
        #expect(TaskRules.fire(reopened, at: Fixture.at("2026-09-09 09:00")).events.isEmpty)
        let decision = TaskRules.fire(reopened, at: Fixture.at("2026-09-09 10:01"))
        #expect(decision.events == [.overdue(clock: .dispose, dueAt: Fixture.at("2026-09-09 10:00"))])
        let report = try TaskRules.report(decision.task, at: Fixture.at("2026-09-09 11:00"))
        #expect(report.events == [.reported(round: 2, dueAt: Fixture.at("2026-09-09 10:00"), onTime: false)])
    }

    // MARK: close

    @Test func closingCancelsBothClocks() throws {
        for task in [dispatched(), try signed(), try reported()] {
            let decision = TaskRules.close(task, at: Fixture.at("2026-09-04 16:20"))
            #expect(decision.task.state == .closed)
            #expect(decision.events == [.closed])
            #expect(decision.due == [.cancel(.taskClock, subject: subject)])
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

    // MARK: illegal transitions

    @Test func illegalTransitionsAreTypedErrors() throws {
        let at = Fixture.at("2026-09-05 10:00")
        #expect(throws: IllegalTaskTransition(state: .dispatched, action: .report)) {
            try TaskRules.report(dispatched(), at: at)
        }
        #expect(throws: IllegalTaskTransition(state: .signed, action: .sign)) { try TaskRules.sign(signed(), at: at) }
        #expect(throws: IllegalTaskTransition(state: .signed, action: .reopen)) {
            try TaskRules.reopen(signed(), round: 2, at: at, calendar: calendar)
        }
        #expect(throws: IllegalTaskTransition(state: .reported, action: .report)) {
            try TaskRules.report(reported(), at: at)
        }
        let closed = TaskRules.close(dispatched(), at: Fixture.at("2026-09-04 16:05")).task
        #expect(throws: IllegalTaskTransition(state: .closed, action: .sign)) { try TaskRules.sign(closed, at: at) }
        #expect(throws: IllegalTaskTransition(state: .closed, action: .reopen)) {
            try TaskRules.reopen(closed, round: 2, at: at, calendar: calendar)
        }
    }
}
