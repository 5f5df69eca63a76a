import Foundation
import GridDomain
import Testing

/// The side-flows of a task (退单, 延期, 挂账, 作废) on the fixture's calendar (Mon–Fri
/// 08:30–11:30, 13:00–17:30; 2026-09-04 is a Friday, 2026-09-07 a Monday).
///
/// The task: 签收 in 30 minutes (natural), 处置 in 1 working day (7.5 working hours), dispatched
/// Friday 09-04 16:00 and signed 16:10: disposal due Monday 09-07 16:00, its 50 % reminder Monday
/// 10:45, its yellow light Monday 14:30.
@Suite struct SideFlowRulesTests {
    let calendar: WorkingCalendar
    let whistle = "W20260904-000001"
    let subject = "W20260904-000001/JD-NX-CGZF"

    init() throws {
        calendar = try Fixture.calendar()
    }

    private func dispatched(role: TaskRole = .lead) -> DepartmentTask {
        TaskRules.dispatch(whistle: whistle, department: "JD-NX-CGZF", role: role, policy: TaskRulesTests.policy(),
                           at: Fixture.at("2026-09-04 16:00"), calendar: calendar).task
    }

    private func signed() throws -> DepartmentTask {
        try TaskRules.sign(dispatched(), at: Fixture.at("2026-09-04 16:10"), calendar: calendar).task
    }

    private func ask(
        _ task: DepartmentTask, _ kind: TaskRequest.Kind, until: String? = nil, resumeAt: String? = nil,
        pending: Set<TaskRequest.Kind> = [], at time: String = "2026-09-07 09:00"
    ) throws(RequestRefusal) -> (request: TaskRequest, decision: TaskDecision) {
        try TaskRules.ask(task, kind, reason: "不属本部门职责", until: until.map(Fixture.at),
                          resumeAt: resumeAt.map(Fixture.at), pending: pending, at: Fixture.at(time), calendar: calendar)
    }

    // MARK: - Asking

    /// A return is to be arbitrated within 1 working day: Monday 09:00 → Tuesday 09:00, watched a
    /// millisecond later; the task and its clocks stay as they are.
    @Test func aReturnIsArbitratedWithinOneWorkingDayAndLeavesTheTaskRunning() throws {
        let task = try signed()
        let asked = try ask(task, .return)
        #expect(asked.request.decideBy == Fixture.at("2026-09-08 09:00"))
        #expect(asked.decision.task == task)
        #expect(asked.decision.events == [.requested(asked.request)])
        #expect(asked.decision.due == [.arm(DueWork(kind: .arbitration, subject: subject,
                                                    at: Fixture.at("2026-09-08 09:00") + 0.001))])
    }

    @Test func aRequestIsRefusedOnATaskNotOpenParkedOrAlreadyAsking() throws {
        let reported = try TaskRules.report(signed(), at: Fixture.at("2026-09-07 08:45"), calendar: calendar).task
        #expect(throws: RequestRefusal.notOpen(.reported)) { try ask(reported, .return) }
        #expect(throws: RequestRefusal.notOpen(.voided)) { try ask(TaskRules.void(signed()).task, .park) }
        let parked = TaskRules.park(try signed(), at: Fixture.at("2026-09-07 08:40"), resumeAt: nil).task
        #expect(throws: RequestRefusal.parked) { try ask(parked, .extension, until: "2026-09-09 12:00") }
        #expect(throws: RequestRefusal.pending(.return)) { try ask(try signed(), .return, pending: [.return, .park]) }
        #expect(throws: Never.self) { try ask(try signed(), .extension, until: "2026-09-09 12:00", pending: [.return]) }
    }

    @Test func anExtensionMustEndLaterThanTheDeadlineAndAParkResumeInTheFuture() throws {
        let task = try signed()
        #expect(throws: RequestRefusal.notLater(than: Fixture.at("2026-09-07 16:00"))) {
            try ask(task, .extension, until: "2026-09-07 16:00")
        }
        #expect(throws: RequestRefusal.past("until")) { try ask(task, .extension, until: "2026-09-07 08:00") }
        #expect(throws: RequestRefusal.past("resumeAt")) { try ask(task, .park, resumeAt: "2026-09-07 09:00") }
        let park = try ask(task, .park, resumeAt: "2026-10-08 09:00")
        #expect(park.request.resumeAt == Fixture.at("2026-10-08 09:00"))
        #expect(park.decision.due == [])
    }

    // MARK: - Deciding

    @Test func anUpheldReturnClosesTheTaskAsReturnedAndARefusedOneLeavesIt() throws {
        let task = try signed()
        let upheld = try TaskRules.arbitrate(task, uphold: true, to: "JD-NX-SW", by: "centre:JD-NX", reason: "属水务")
        #expect(upheld.task.state == .returned)
        #expect(TaskRules.live(upheld.task) == [])
        #expect(upheld.events == [.arbitrated(uphold: true, to: "JD-NX-SW", by: "centre:JD-NX", reason: "属水务")])
        #expect(upheld.due == [.cancel(.arbitration, subject: subject), .cancel(.taskClock, subject: subject)])
        let refused = try TaskRules.arbitrate(task, uphold: false, to: nil, by: "centre:JD-NX", reason: "属本部门")
        #expect(refused.task == task)
        #expect(refused.due == [.cancel(.arbitration, subject: subject)])
        #expect(throws: IllegalTaskTransition(state: .returned, action: .returned)) {
            try TaskRules.arbitrate(upheld.task, uphold: true, to: nil, by: "centre:JD-NX", reason: "again")
        }
    }

    /// Asked and approved once the disposal clock is red, on Monday 16:10, until Wednesday 09-09
    /// 12:00: the clock runs again from the decision — Monday 16:10–17:30 (1 h 20), Tuesday 7 h 30,
    /// Wednesday 08:30–11:30 (3 h), 11 h 50 in all; its 50 % reminder is 5 h 55 in, Tuesday 14:35
    /// (before the stall reminder a working day after the progress note at 16:05).
    @Test func anApprovedExtensionMovesTheDisposalDeadlineAndRestartsItsLights() throws {
        var task = try signed()
        task = TaskRules.fire(task, at: Fixture.at("2026-09-07 16:01"), calendar: calendar).task
        #expect(task.overdue == [.dispose])
        task = try TaskRules.progress(task, note: "等待施工许可", at: Fixture.at("2026-09-07 16:05"), calendar: calendar).task
        let request = try ask(task, .extension, until: "2026-09-09 12:00", at: "2026-09-07 16:05").request
        let decided = try TaskRules.decide(task, request, approve: true, by: "centre:JD-NX", reason: "需协调施工",
                                           at: Fixture.at("2026-09-07 16:10"), calendar: calendar)
        #expect(decided.task.disposeDue == Fixture.at("2026-09-09 12:00"))
        #expect(decided.task.disposeStart == Fixture.at("2026-09-07 16:10"))
        #expect(decided.task.overdue == [])
        #expect(TaskRules.light(decided.task, .dispose) == .green)
        #expect(decided.events == [.decided(.extension, approve: true, by: "centre:JD-NX", reason: "需协调施工")])
        #expect(decided.due == [.arm(DueWork(kind: .taskClock, subject: subject, at: Fixture.at("2026-09-08 14:35")))])
        let refused = try TaskRules.decide(task, request, approve: false, by: "centre:JD-NX", reason: "可按期完成",
                                           at: Fixture.at("2026-09-07 16:10"), calendar: calendar)
        #expect(refused.task == task)
        #expect(throws: RequestRefusal.past("until")) {
            try TaskRules.decide(task, request, approve: true, by: "centre:JD-NX", reason: "late",
                                 at: Fixture.at("2026-09-09 12:00"), calendar: calendar)
        }
    }

    // MARK: - Park and resume

    /// Parked Monday 10:00, 3 working hours into its 7.5 (Friday 16:00–17:30, Monday 08:30–10:00):
    /// 4 h 30 left. Resumed Wednesday 09-09 14:00: due Thursday 09:30 (Wednesday 14:00–17:30 is
    /// 3 h 30, then 1 h). Its start moves 3 working hours before the resume, to Wednesday 09:30,
    /// so the 50 % reminder, 45 working minutes after the park, is 45 minutes after the resume.
    @Test func aParkedDisposalClockKeepsItsWorkingTimeLeft() throws {
        let parked = TaskRules.park(try signed(), at: Fixture.at("2026-09-07 10:00"), resumeAt: nil)
        #expect(parked.events == [.parked(resumeAt: nil)])
        #expect(parked.due == [.cancel(.taskClock, subject: subject)])
        #expect(TaskRules.live(parked.task) == [])
        #expect(TaskRules.fire(parked.task, at: Fixture.at("2026-09-08 10:00"), calendar: calendar).events == [])
        let resumed = TaskRules.resume(parked.task, at: Fixture.at("2026-09-09 14:00"), by: "centre:JD-NX", calendar: calendar)
        #expect(resumed.task.parkedAt == nil)
        #expect(resumed.task.disposeDue == Fixture.at("2026-09-10 09:30"))
        #expect(resumed.task.disposeStart == Fixture.at("2026-09-09 09:30"))
        #expect(resumed.events == [.resumed(by: "centre:JD-NX")])
        #expect(resumed.due == [.arm(DueWork(kind: .taskClock, subject: subject, at: Fixture.at("2026-09-09 14:45")))])
    }

    /// A natural sign-for clock parked at 16:10 with 20 minutes left is due 20 minutes after the resume.
    @Test func aParkedNaturalClockKeepsItsNaturalTimeLeft() {
        let parked = TaskRules.park(dispatched(), at: Fixture.at("2026-09-04 16:10"), resumeAt: Fixture.at("2026-09-07 09:00"))
        #expect(parked.events == [.parked(resumeAt: Fixture.at("2026-09-07 09:00"))])
        let resumed = TaskRules.resume(parked.task, at: Fixture.at("2026-09-07 09:00"), by: nil, calendar: calendar)
        #expect(resumed.task.signDue == Fixture.at("2026-09-07 09:20"))
        // The disposal clock had run 10 working minutes: 7 h 20 left from Monday 09:00 is Tuesday 08:50.
        #expect(resumed.task.disposeDue == Fixture.at("2026-09-08 08:50"))
        #expect(resumed.events == [.resumed(by: nil)])
    }

    @Test func aRedClockStaysRedThroughAPark() throws {
        var task = dispatched()
        task = TaskRules.fire(task, at: Fixture.at("2026-09-04 16:31"), calendar: calendar).task
        #expect(task.overdue == [.signFor])
        let parked = TaskRules.park(task, at: Fixture.at("2026-09-04 17:00"), resumeAt: nil).task
        let resumed = TaskRules.resume(parked, at: Fixture.at("2026-09-07 09:00"), by: nil, calendar: calendar).task
        #expect(resumed.signDue == Fixture.at("2026-09-04 16:30"))
        #expect(TaskRules.light(resumed, .signFor) == .red)
    }

    /// A stall is not counted while the whistle is parked: the stall clock starts afresh at the resume.
    @Test func theStallClockStandsStillWhileParked() throws {
        let parked = TaskRules.park(try signed(), at: Fixture.at("2026-09-07 09:00"), resumeAt: nil).task
        let resumed = TaskRules.resume(parked, at: Fixture.at("2026-09-21 09:00"), by: nil, calendar: calendar).task
        #expect(resumed.idleSince == Fixture.at("2026-09-21 09:00"))
    }

    @Test func parkingAParkedOrClosedTaskAndResumingARunningOneDecideNothing() throws {
        let parked = TaskRules.park(try signed(), at: Fixture.at("2026-09-07 09:00"), resumeAt: nil).task
        #expect(TaskRules.park(parked, at: Fixture.at("2026-09-07 10:00"), resumeAt: nil) == TaskDecision(task: parked))
        let running = try signed()
        #expect(TaskRules.resume(running, at: Fixture.at("2026-09-07 10:00"), by: nil, calendar: calendar)
                == TaskDecision(task: running))
    }

    // MARK: - Void

    @Test func aVoidedTaskStopsWithNoOverdueAndClosesOnlyIfTheWhistleEndsOtherwise() throws {
        let voided = TaskRules.void(try signed())
        #expect(voided.task.state == .voided)
        #expect(voided.events == [])
        #expect(voided.due == [.cancel(.taskClock, subject: subject)])
        #expect(TaskRules.close(voided.task, at: Fixture.at("2026-09-09 09:00"), outcome: .voided) == TaskDecision(task: voided.task))
        let evaluated = TaskRules.close(voided.task, at: Fixture.at("2026-09-09 09:00"), outcome: .evaluated)
        #expect(evaluated.task.state == .closed)
        #expect(evaluated.events == [.closed])
        #expect(throws: IllegalTaskTransition(state: .voided, action: .sign)) { try voided.task.state.after(.sign) }
        // Closing an open task as voided voids it: no overdue for a clock that ran out.
        let closedAsVoided = TaskRules.close(try signed(), at: Fixture.at("2026-09-09 09:00"), outcome: .voided)
        #expect(closedAsVoided.task.state == .voided)
        #expect(closedAsVoided.events == [])
    }

    @Test func theCalendarCountsWorkingTimeBackwards() {
        #expect(calendar.subtractingWorkingSeconds(3 * 3600, from: Fixture.at("2026-09-09 14:00")) == Fixture.at("2026-09-09 09:30"))
        // From a Monday evening back over the weekend: 17:30–13:00 (4 h 30), then Friday.
        #expect(calendar.subtractingWorkingSeconds(9 * 3600, from: Fixture.at("2026-09-07 20:00")) == Fixture.at("2026-09-04 16:00"))
        #expect(calendar.subtractingWorkingSeconds(0, from: Fixture.at("2026-09-07 20:00")) == Fixture.at("2026-09-07 20:00"))
        // Over the 10-01/02 holidays (Thursday and Friday) to Wednesday 09-30.
        #expect(calendar.subtractingWorkingSeconds(3600, from: Fixture.at("2026-10-05 08:30")) == Fixture.at("2026-09-30 16:30"))
    }
}
