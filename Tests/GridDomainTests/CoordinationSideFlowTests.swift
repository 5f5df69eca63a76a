import Foundation
import GridDomain
import Testing

/// The level clock through the side-flows: a return referred to the district, a park and its
/// resume, the rework cap. Started at level 1 on Monday 09-07 10:00, due Tuesday 09-08 10:00.
@Suite struct CoordinationSideFlowTests {
    let calendar: WorkingCalendar
    let whistle = "W20260907-000001"
    let chain = ["grid:JD-NX-A01-G01", "grid:JD-NX-A01", "centre:JD-NX", "district:JD"]

    init() throws {
        calendar = try Fixture.calendar()
    }

    private func started() -> Coordination {
        CoordinationRules.start(whistle: whistle, town: "JD-NX", coordinators: chain, level: .autonomy,
                                policy: CoordinationRulesTests.policy(), at: Fixture.at("2026-09-07 10:00"),
                                calendar: calendar, storm: false).coordination
    }

    /// The district's 5 working days from Tuesday 09-08 11:00 end Tuesday 09-15 11:00.
    @Test func aReturnNotArbitratedInTimeTakesTheWhistleStraightToTheDistrict() {
        let referred = CoordinationRules.refer(started(), reason: "未按时裁定", at: Fixture.at("2026-09-08 11:00"),
                                               calendar: calendar, storm: false)
        #expect(referred.coordination.level == .district)
        #expect(referred.coordination.coordinator == "district:JD")
        #expect(referred.coordination.levelDue == Fixture.at("2026-09-15 11:00"))
        #expect(referred.events == [.escalated(fromLevel: .autonomy, from: "grid:JD-NX-A01-G01", trigger: .arbitration,
                                               reason: "未按时裁定")])
        #expect(referred.climbed?.trigger == .arbitration)
        let again = CoordinationRules.refer(referred.coordination, reason: "again", at: Fixture.at("2026-09-08 12:00"),
                                            calendar: calendar, storm: false)
        #expect(again == CoordinationDecision(coordination: referred.coordination))
    }

    /// Parked Monday 15:00, 3 h 30 into its working day (10:00–11:30, 13:00–15:00), 4 h left;
    /// resumed Thursday 09-10 09:00: due Thursday 14:30 (09:00–11:30 is 2 h 30, then 1 h 30).
    @Test func aParkedLevelClockKeepsItsTimeLeftAndRefusesEscalation() throws {
        let parked = CoordinationRules.park(started(), at: Fixture.at("2026-09-07 15:00"))
        #expect(parked.coordination.state == .parked)
        #expect(parked.due == [.cancel(.levelDeadline, subject: whistle)])
        #expect(throws: EscalationRefusal.parked) {
            try CoordinationRules.escalate(parked.coordination, by: "grid:JD-NX-A01-G01", reason: "r",
                                           at: Fixture.at("2026-09-08 09:00"), calendar: calendar, storm: false)
        }
        #expect(CoordinationRules.fire(parked.coordination, at: Fixture.at("2026-09-09 09:00"), calendar: calendar,
                                       storm: false, reason: "r").events == [])
        let climbed = CoordinationRules.climb(parked.coordination, trigger: .redClock, reason: "r",
                                              at: Fixture.at("2026-09-09 09:00"), calendar: calendar, storm: false)
        #expect(climbed.climbed == nil)
        let resumed = CoordinationRules.resume(parked.coordination, at: Fixture.at("2026-09-10 09:00"), calendar: calendar)
        #expect(resumed.coordination.state == .open)
        #expect(resumed.coordination.parkedAt == nil)
        #expect(resumed.coordination.levelDue == Fixture.at("2026-09-10 14:30"))
        #expect(resumed.events == [.levelLight(light: .green, dueAt: Fixture.at("2026-09-10 14:30"))])
        #expect(resumed.due == [.arm(DueWork(kind: .levelDeadline, subject: whistle,
                                             at: Fixture.at("2026-09-10 14:30") + 0.001))])
    }

    /// 返工 beyond the cap climbs at the very moment the rework restarted the level clock.
    @Test func theReworkCapClimbsAtTheMomentOfTheRework() {
        var coordination = CoordinationRules.reported(started()).coordination
        let at = Fixture.at("2026-09-09 10:00")
        coordination = CoordinationRules.reopened(coordination, at: at, calendar: calendar, storm: false).coordination
        let climbed = CoordinationRules.climb(coordination, trigger: .reworkCap, reason: "第3次返工", at: at,
                                              calendar: calendar, storm: false)
        #expect(climbed.coordination.level == .cogovernance)
        #expect(climbed.climbed?.trigger == .reworkCap)
        // A clock trigger at that same moment does not climb twice.
        let clock = CoordinationRules.climb(climbed.coordination, trigger: .levelDeadline, reason: "r", at: at,
                                            calendar: calendar, storm: false)
        #expect(clock.climbed == nil)
    }

    @Test func alwaysOnTriggersClimbWhateverEscalateOnSays() {
        let none = ResponsePolicy(levelDeadlines: ResponsePolicy.standard.levelDeadlines, remindAt: [0.5],
                                  stallAfter: Fixture.limit("1 working day"), escalateOn: [])
        #expect(none.climbs(on: .coordinator) && none.climbs(on: .reworkCap) && none.climbs(on: .arbitration))
        #expect(!none.climbs(on: .redClock) && !none.climbs(on: .stall) && !none.climbs(on: .levelDeadline))
    }
}
