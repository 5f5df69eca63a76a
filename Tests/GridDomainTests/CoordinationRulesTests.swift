import Foundation
import GridDomain
import Testing

/// The three-level response (三级网格响应) on the fixture's grid tree and calendar (Mon–Fri
/// 08:30–11:30, 13:00–17:30; 2026-09-07 is a Monday). The standard level deadlines are 1, 2, 3 and 5
/// working days; a storm halves them (1 working day → 225 working minutes).
@Suite struct CoordinationRulesTests {
    let calendar: WorkingCalendar
    let tree = GridTree(Fixture.grids)
    let whistle = "W20260907-000001"
    /// The chain of a whistle raised by the micro grid JD-NX-A01-G01-M01.
    let chain = ["grid:JD-NX-A01-G01", "grid:JD-NX-A01", "centre:JD-NX", "district:JD"]

    init() throws {
        calendar = try Fixture.calendar()
    }

    static func policy(_ response: ResponsePolicy = .standard, storm: Bool = false) -> Policy {
        Policy(matter: "muck-truck", referenceVersion: 1, urgency: .urgent, signFor: Fixture.limit("30 minutes"),
               arrive: nil, dispose: Fixture.limit("1 working day"), storm: storm, response: response)
    }

    static func response(
        levelDeadlines: [String] = ["1 working day", "2 working days", "3 working days", "5 working days"],
        escalateOn: [EscalationTrigger] = [.redClock, .stall, .levelDeadline]
    ) -> ResponsePolicy {
        ResponsePolicy(levelDeadlines: levelDeadlines.map(Fixture.limit), remindAt: [0.5],
                       stallAfter: Fixture.limit("1 working day"), escalateOn: escalateOn)
    }

    /// Started at level 1 on Monday 09-07 10:00: due Tuesday 09-08 10:00 (1 working day).
    private func start(
        _ response: ResponsePolicy = .standard, at time: String = "2026-09-07 10:00", storm: Bool = false
    ) -> CoordinationDecision {
        CoordinationRules.start(whistle: whistle, town: "JD-NX", coordinators: chain, level: .autonomy,
                                policy: Self.policy(response), at: Fixture.at(time), calendar: calendar, storm: storm)
    }

    private func started(_ response: ResponsePolicy = .standard) -> Coordination { start(response).coordination }

    private func arm(_ date: Date) -> [DueChange] {
        [.arm(DueWork(kind: .levelDeadline, subject: whistle, at: date))]
    }

    private var cancel: [DueChange] { [.cancel(.levelDeadline, subject: whistle)] }

    private func escalate(_ coordination: Coordination, by principal: String, at time: String, storm: Bool = false)
        throws(EscalationRefusal) -> CoordinationDecision {
        try CoordinationRules.escalate(coordination, by: principal, reason: "超出本级处置能力", at: Fixture.at(time),
                                       calendar: calendar, storm: storm)
    }

    private func fire(_ coordination: Coordination, _ time: String) -> CoordinationDecision {
        CoordinationRules.fire(coordination, at: Fixture.at(time), calendar: calendar, storm: false,
                               reason: "本级时限已到")
    }

    /// Climbed to level 4 by each coordinator in turn (see ``eachCoordinatorCanClimbToTheDistrictWhichIsTheLast``):
    /// the district's 5 working days from Wednesday 09-09 09:00 end Wednesday 09-16 09:00.
    private func atDistrict() throws -> Coordination {
        let two = try escalate(started(), by: chain[0], at: "2026-09-07 14:00").coordination
        let three = try escalate(two, by: chain[1], at: "2026-09-08 09:00").coordination
        return try escalate(three, by: chain[2], at: "2026-09-09 09:00").coordination
    }

    // MARK: chain

    @Test func aMicroGridsWhistleStartsWithItsUnitGrid() throws {
        let found = try #require(CoordinationRules.chain(for: "JD-NX-A01-G01-M01", in: tree))
        #expect(found.start == .autonomy)
        #expect(found.coordinators == ["grid:JD-NX-A01-G01", "grid:JD-NX-A01", "centre:JD-NX", "district:JD"])
    }

    @Test func aUnitGridsWhistleStartsWithItself() throws {
        let found = try #require(CoordinationRules.chain(for: "JD-AT-A01-G01", in: tree))
        #expect(found.start == .autonomy)
        #expect(found.coordinators == ["grid:JD-AT-A01-G01", "grid:JD-AT-A01", "centre:JD-AT", "district:JD"])
    }

    @Test func anAreaGridsWhistleStartsAtLevelTwoWithNoLevelOneCoordinator() throws {
        let found = try #require(CoordinationRules.chain(for: "JD-NX-A02", in: tree))
        #expect(found.start == .cogovernance)
        #expect(found.coordinators == ["", "grid:JD-NX-A02", "centre:JD-NX", "district:JD"])
    }

    @Test func townsTheDistrictAndUnknownGridsHaveNoChain() {
        #expect(CoordinationRules.chain(for: "JD-NX", in: tree) == nil)
        #expect(CoordinationRules.chain(for: "JD", in: tree) == nil)
        #expect(CoordinationRules.chain(for: "JD-XX", in: tree) == nil)
    }

    // MARK: start

    @Test func startArmsTheLevelDeadlineAMillisecondPastIt() {
        let decision = start()
        let due = Fixture.at("2026-09-08 10:00")  // Monday 10:00 + 1 working day
        #expect(decision.coordination == Coordination(
            whistle: whistle, town: "JD-NX", coordinators: chain, level: .autonomy,
            levelSince: Fixture.at("2026-09-07 10:00"), levelDue: due, storm: false, response: .standard))
        #expect(decision.coordination.coordinator == "grid:JD-NX-A01-G01")
        #expect(decision.coordination.state == .open)
        #expect(decision.events.isEmpty)
        #expect(decision.due == arm(due + 0.001))
        #expect(decision.climbed == nil)
    }

    @Test func aStormStartHalvesTheLevelDeadline() {
        // 225 working minutes from Monday 10:00: 10:00–11:30 (90) + 13:00 + 135 min → 15:15.
        let decision = CoordinationRules.start(
            whistle: whistle, town: "JD-NX", coordinators: chain, level: .autonomy, policy: Self.policy(storm: true),
            at: Fixture.at("2026-09-07 10:00"), calendar: calendar, storm: true)
        #expect(decision.coordination.levelDue == Fixture.at("2026-09-07 15:15"))
        #expect(decision.coordination.halved)
        #expect(decision.coordination.storm)
        #expect(decision.due == arm(Fixture.at("2026-09-07 15:15") + 0.001))
    }

    @Test func anAreaWhistleStartsWithTheAreasDeadline() throws {
        let found = try #require(CoordinationRules.chain(for: "JD-NX-A02", in: tree))
        let decision = CoordinationRules.start(
            whistle: whistle, town: "JD-NX", coordinators: found.coordinators, level: found.start,
            policy: Self.policy(), at: Fixture.at("2026-09-07 10:00"), calendar: calendar, storm: false)
        // Level 2: 2 working days → Wednesday 09-09 10:00.
        #expect(decision.coordination.levelDue == Fixture.at("2026-09-09 10:00"))
        #expect(decision.coordination.coordinator == "grid:JD-NX-A02")
        #expect(decision.coordination.coordinator(at: .autonomy) == "")
        #expect(throws: EscalationRefusal.notCoordinator(current: "grid:JD-NX-A02")) {
            try escalate(decision.coordination, by: "", at: "2026-09-07 11:00")
        }
    }

    // MARK: escalate

    @Test func theCoordinatorEscalatesOneLevelWithANewDeadlineFromNow() throws {
        let decision = try escalate(started(), by: "grid:JD-NX-A01-G01", at: "2026-09-07 14:00")
        let due = Fixture.at("2026-09-09 14:00")  // Monday 14:00 + 2 working days
        #expect(decision.coordination.level == .cogovernance)
        #expect(decision.coordination.coordinator == "grid:JD-NX-A01")
        #expect(decision.coordination.levelSince == Fixture.at("2026-09-07 14:00"))
        #expect(decision.coordination.levelDue == due)
        #expect(decision.events == [.escalated(fromLevel: .autonomy, from: "grid:JD-NX-A01-G01", trigger: .coordinator,
                                               reason: "超出本级处置能力")])
        #expect(decision.due == arm(due + 0.001))
        #expect(decision.climbed?.trigger == .coordinator)
        #expect(decision.climbed?.reason == "超出本级处置能力")
    }

    @Test func anEscalationInAStormRunsOnTheHalvedDeadline() throws {
        // Level 2 halved: 2 working days → 1 → Tuesday 14:00.
        let decision = try escalate(started(), by: "grid:JD-NX-A01-G01", at: "2026-09-07 14:00", storm: true)
        #expect(decision.coordination.levelDue == Fixture.at("2026-09-08 14:00"))
        #expect(decision.coordination.halved)
    }

    @Test func onlyTheCurrentCoordinatorMayEscalate() {
        for principal in ["grid:JD-NX-A01", "centre:JD-NX", "district:JD", "grid:JD-NX-A01-G01-M01"] {
            #expect(throws: EscalationRefusal.notCoordinator(current: "grid:JD-NX-A01-G01")) {
                try escalate(started(), by: principal, at: "2026-09-07 14:00")
            }
        }
    }

    @Test func eachCoordinatorCanClimbToTheDistrictWhichIsTheLast() throws {
        let two = try escalate(started(), by: chain[0], at: "2026-09-07 14:00").coordination
        // Level 3, 3 working days from Tuesday 09-08 09:00 → Friday 09-11 09:00.
        let three = try escalate(two, by: chain[1], at: "2026-09-08 09:00")
        #expect(three.coordination.level == .townLead)
        #expect(three.coordination.levelDue == Fixture.at("2026-09-11 09:00"))
        #expect(three.events == [.escalated(fromLevel: .cogovernance, from: "grid:JD-NX-A01", trigger: .coordinator,
                                            reason: "超出本级处置能力")])
        // Level 4, 5 working days from Wednesday 09-09 09:00: Thu, Fri, Mon, Tue, Wed 09-16 09:00.
        let four = try escalate(three.coordination, by: chain[2], at: "2026-09-09 09:00")
        #expect(four.coordination.level == .district)
        #expect(four.coordination.coordinator == "district:JD")
        #expect(four.coordination.levelDue == Fixture.at("2026-09-16 09:00"))
        #expect(throws: EscalationRefusal.lastLevel) {
            try escalate(four.coordination, by: "district:JD", at: "2026-09-10 09:00")
        }
    }

    @Test func aClosedWhistleCannotBeEscalated() {
        let closed = CoordinationRules.close(started()).coordination
        #expect(throws: EscalationRefusal.closed) {
            try escalate(closed, by: "grid:JD-NX-A01-G01", at: "2026-09-07 14:00")
        }
        #expect(CoordinationRules.climb(closed, trigger: .redClock, reason: "x", at: Fixture.at("2026-09-07 14:00"),
                                        calendar: calendar, storm: false) == CoordinationDecision(coordination: closed))
    }

    @Test func aWhistleAwaitingEvaluationDoesNotClimb() {
        let reported = CoordinationRules.reported(started()).coordination
        #expect(throws: EscalationRefusal.reported) {
            try escalate(reported, by: "grid:JD-NX-A01-G01", at: "2026-09-07 14:00")
        }
        #expect(CoordinationRules.climb(reported, trigger: .redClock, reason: "x", at: Fixture.at("2026-09-07 14:00"),
                                        calendar: calendar, storm: false) == CoordinationDecision(coordination: reported))
    }

    @Test func twoCausesAtOneMomentClimbOnce() {
        let at = Fixture.at("2026-09-08 10:00")
        let once = CoordinationRules.climb(started(), trigger: .levelDeadline, reason: "时限", at: at, calendar: calendar,
                                           storm: false)
        #expect(once.coordination.level == .cogovernance)
        let again = CoordinationRules.climb(once.coordination, trigger: .redClock, reason: "处置超时", at: at,
                                            calendar: calendar, storm: false)
        #expect(again == CoordinationDecision(coordination: once.coordination))
        // The coordinator may still hand it on at that moment: that is a decision, not a clock.
        let handed = try? escalate(once.coordination, by: "grid:JD-NX-A01", at: "2026-09-08 10:00")
        #expect(handed?.coordination.level == .townLead)
    }

    @Test func aTriggerThePolicyDoesNotClimbOnChangesNothing() {
        let coordination = started(Self.response(escalateOn: [.levelDeadline]))
        let decision = CoordinationRules.climb(coordination, trigger: .redClock, reason: "处置超时",
                                               at: Fixture.at("2026-09-07 14:00"), calendar: calendar, storm: false)
        #expect(decision == CoordinationDecision(coordination: coordination))
        #expect(decision.climbed == nil)
        let climbed = CoordinationRules.climb(coordination, trigger: .levelDeadline, reason: "时限",
                                              at: Fixture.at("2026-09-07 14:00"), calendar: calendar, storm: false)
        #expect(climbed.coordination.level == .cogovernance)
    }

    // MARK: fire

    @Test func theLevelDeadlineIsNotPassedAtItsMomentOnlyAfter() {
        let coordination = started()
        let atDeadline = fire(coordination, "2026-09-08 10:00")
        #expect(atDeadline.coordination == coordination)
        #expect(atDeadline.events.isEmpty)
        #expect(atDeadline.due == arm(Fixture.at("2026-09-08 10:00") + 0.001))
    }

    @Test func firingPastTheLevelDeadlineClimbsFromThatMoment() {
        let decision = fire(started(), "2026-09-08 10:01")
        let due = Fixture.at("2026-09-10 10:01")  // Tuesday 10:01 + 2 working days
        #expect(decision.coordination.level == .cogovernance)
        #expect(decision.coordination.levelSince == Fixture.at("2026-09-08 10:01"))
        #expect(decision.coordination.levelDue == due)
        #expect(decision.events == [.escalated(fromLevel: .autonomy, from: "grid:JD-NX-A01-G01",
                                               trigger: .levelDeadline, reason: "本级时限已到")])
        #expect(decision.due == arm(due + 0.001))
        #expect(decision.climbed?.trigger == .levelDeadline)
        #expect(decision.climbed?.reason == "本级时限已到")
    }

    @Test func atTheLastLevelThePassedDeadlineIsRecordedOnce() throws {
        let district = try atDistrict()
        let lapse = fire(district, "2026-09-16 09:01")
        #expect(lapse.events == [.levelOverdue(dueAt: Fixture.at("2026-09-16 09:00"))])
        #expect(lapse.coordination.lapsed)
        #expect(lapse.coordination.level == .district)
        #expect(lapse.due == cancel)
        #expect(lapse.climbed == nil)
        let again = fire(lapse.coordination, "2026-09-16 10:00")
        #expect(again.events.isEmpty)
        #expect(again.coordination == lapse.coordination)
        #expect(again.climbed == nil)
    }

    @Test func withoutLevelDeadlineAmongTheTriggersTheLapseIsRecordedInsteadOfAClimb() throws {
        let coordination = started(Self.response(escalateOn: [.redClock, .stall]))
        let lapse = fire(coordination, "2026-09-08 10:01")
        #expect(lapse.coordination.level == .autonomy)
        #expect(lapse.coordination.lapsed)
        #expect(lapse.events == [.levelOverdue(dueAt: Fixture.at("2026-09-08 10:00"))])
        #expect(lapse.due == cancel)
        // The coordinator can still escalate; the new level is watched again (Tuesday 11:00 + 2 working days).
        let escalated = try escalate(lapse.coordination, by: chain[0], at: "2026-09-08 11:00")
        #expect(!escalated.coordination.lapsed)
        #expect(escalated.due == arm(Fixture.at("2026-09-10 11:00") + 0.001))
    }

    // MARK: reported, reopened, close

    @Test func reportingStopsTheLevelClock() {
        let reported = CoordinationRules.reported(started())
        #expect(reported.coordination.state == .reported)
        #expect(reported.due == cancel)
        #expect(reported.events.isEmpty)
        let late = fire(reported.coordination, "2026-09-08 10:01")
        #expect(late.events.isEmpty)
        #expect(late.coordination == reported.coordination)
        #expect(CoordinationRules.reported(reported.coordination) == CoordinationDecision(coordination: reported.coordination))
    }

    @Test func aReworkRestartsTheLevelClockFromItsMoment() {
        let reported = CoordinationRules.reported(started()).coordination
        let decision = CoordinationRules.reopened(reported, at: Fixture.at("2026-09-09 09:00"), calendar: calendar,
                                                  storm: false)
        let due = Fixture.at("2026-09-10 09:00")  // Wednesday 09:00 + 1 working day, still level 1
        #expect(decision.coordination.state == .open)
        #expect(decision.coordination.level == .autonomy)
        #expect(decision.coordination.levelSince == Fixture.at("2026-09-09 09:00"))
        #expect(decision.coordination.levelDue == due)
        #expect(decision.due == arm(due + 0.001))
        #expect(decision.events.isEmpty)
        // In a storm: 225 working minutes from Wednesday 09:00: 09:00–11:30 (150) + 13:00 + 75 min → 14:15.
        let storm = CoordinationRules.reopened(reported, at: Fixture.at("2026-09-09 09:00"), calendar: calendar,
                                               storm: true)
        #expect(storm.coordination.levelDue == Fixture.at("2026-09-09 14:15"))
        #expect(storm.coordination.halved)
        // Only a reported whistle is reopened.
        let open = started()
        #expect(CoordinationRules.reopened(open, at: Fixture.at("2026-09-09 09:00"), calendar: calendar, storm: false)
                    == CoordinationDecision(coordination: open))
    }

    @Test func aReworkAfterALapseWatchesTheLevelAgain() {
        let lapsed = fire(started(Self.response(escalateOn: [])), "2026-09-08 10:01").coordination
        #expect(lapsed.lapsed)
        let reported = CoordinationRules.reported(lapsed).coordination
        let reopened = CoordinationRules.reopened(reported, at: Fixture.at("2026-09-09 09:00"), calendar: calendar,
                                                  storm: false)
        #expect(!reopened.coordination.lapsed)
        #expect(reopened.due == arm(Fixture.at("2026-09-10 09:00") + 0.001))
    }

    @Test func closingStopsTheLevelClockForGood() {
        let closed = CoordinationRules.close(started())
        #expect(closed.coordination.state == .closed)
        #expect(closed.due == cancel)
        #expect(CoordinationRules.close(closed.coordination) == CoordinationDecision(coordination: closed.coordination))
        #expect(fire(closed.coordination, "2026-09-08 10:01").events.isEmpty)
        #expect(CoordinationRules.reopened(closed.coordination, at: Fixture.at("2026-09-09 09:00"), calendar: calendar,
                                           storm: false) == CoordinationDecision(coordination: closed.coordination))
        let reportedThenClosed = CoordinationRules.close(CoordinationRules.reported(started()).coordination)
        #expect(reportedThenClosed.coordination.state == .closed)
        #expect(reportedThenClosed.due == cancel)
    }

    // MARK: rescale

    @Test func aStormHalvesTheWorkingTimeLeftOnTheLevelAndItsEndDoublesItBack() {
        // Level 1, Monday 10:00 → Tuesday 10:00. Halved at Monday 14:00: 14:00–17:30 (3 h 30) + Tue
        // 08:30–10:00 (1 h 30) = 5 h left → 2 h 30 → Monday 16:30. The span 10:00–16:30 is 5 working
        // hours (1 h 30 + 3 h 30): 80 % = 4 h → 11:30 + 2 h 30 after 13:00 → 15:30, later than 14:00: green.
        let halved = CoordinationRules.rescale(started(), halving: true, at: Fixture.at("2026-09-07 14:00"),
                                               calendar: calendar)
        #expect(halved.coordination.levelDue == Fixture.at("2026-09-07 16:30"))
        #expect(halved.coordination.halved)
        #expect(halved.events == [.levelLight(light: .green, dueAt: Fixture.at("2026-09-07 16:30"))])
        #expect(halved.due == arm(Fixture.at("2026-09-07 16:30") + 0.001))
        #expect(halved.climbed == nil)
        #expect(CoordinationRules.rescale(halved.coordination, halving: true, at: Fixture.at("2026-09-07 14:30"),
                                          calendar: calendar) == CoordinationDecision(coordination: halved.coordination),
                "already halved")
        // Restored at 16:00: 30 min left → 60 → 17:00. The span 10:00–17:00 is 5 h 30: 80 % = 4 h 24 →
        // 11:30 + 2 h 54 after 13:00 → 15:54, already passed at 16:00: yellow.
        let restored = CoordinationRules.rescale(halved.coordination, halving: false, at: Fixture.at("2026-09-07 16:00"),
                                                 calendar: calendar)
        #expect(restored.coordination.levelDue == Fixture.at("2026-09-07 17:00"))
        #expect(!restored.coordination.halved)
        #expect(restored.events == [.levelLight(light: .yellow, dueAt: Fixture.at("2026-09-07 17:00"))])
        #expect(restored.due == arm(Fixture.at("2026-09-07 17:00") + 0.001))
    }

    @Test func aNaturalLevelDeadlineIsRescaledInWallTime() {
        // Level 1 in 2 hours from Monday 10:00 → 12:00. Halved at 11:00: 1 h → 30 min → 11:30; the span
        // 10:00–11:30 (90 min) turns yellow at 72 min, 11:12: green at 11:00.
        let coordination = started(Self.response(levelDeadlines: ["2 hours", "4 hours", "8 hours", "1 day"]))
        #expect(coordination.levelDue == Fixture.at("2026-09-07 12:00"))
        let halved = CoordinationRules.rescale(coordination, halving: true, at: Fixture.at("2026-09-07 11:00"),
                                               calendar: calendar)
        #expect(halved.events == [.levelLight(light: .green, dueAt: Fixture.at("2026-09-07 11:30"))])
    }

    @Test func rescalingAClockThatDoesNotRunDoesNothing() {
        let open = started()
        let cases: [Coordination] = [
            CoordinationRules.reported(open).coordination,
            CoordinationRules.close(open).coordination,
            fire(started(Self.response(escalateOn: [])), "2026-09-08 10:01").coordination,  // lapsed
        ]
        for coordination in cases {
            #expect(CoordinationRules.rescale(coordination, halving: true, at: Fixture.at("2026-09-08 11:00"),
                                              calendar: calendar) == CoordinationDecision(coordination: coordination))
        }
        // Past its deadline (Tuesday 10:00), awaiting its check.
        #expect(CoordinationRules.rescale(open, halving: true, at: Fixture.at("2026-09-08 11:00"), calendar: calendar)
                    == CoordinationDecision(coordination: open))
        // Not halved: nothing to restore.
        #expect(CoordinationRules.rescale(open, halving: false, at: Fixture.at("2026-09-07 14:00"), calendar: calendar)
                    == CoordinationDecision(coordination: open))
    }

    // MARK: policy

    @Test func aShortListOfLevelDeadlinesRepeatsItsLast() {
        let short = Self.response(levelDeadlines: ["4 working hours", "1 working day"])
        #expect(short.deadline(of: .autonomy) == Fixture.limit("4 working hours"))
        #expect(short.deadline(of: .cogovernance) == Fixture.limit("1 working day"))
        #expect(short.deadline(of: .townLead) == Fixture.limit("1 working day"))
        #expect(short.deadline(of: .district) == Fixture.limit("1 working day"))
        let none = Self.response(levelDeadlines: [])
        #expect(none.deadline(of: .district) == Fixture.limit("5 working days"))
    }

    @Test func theCoordinatorTriggerAlwaysClimbs() {
        let none = Self.response(escalateOn: [])
        #expect(none.climbs(on: .coordinator))
        #expect(!none.climbs(on: .redClock))
        #expect(!none.climbs(on: .stall))
        #expect(!none.climbs(on: .levelDeadline))
        #expect(ResponsePolicy.standard.escalateOn == [.redClock, .stall, .levelDeadline])
        #expect(ResponsePolicy.standard.remindAt == [0.5])
    }
}
