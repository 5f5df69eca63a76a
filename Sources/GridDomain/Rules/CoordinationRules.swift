import Foundation

/// The rules of the three-level response (三级网格响应):村居(单元)网格长自治 → 片区网格长共治 →
/// 街镇总网格长牵头 → the district centre. A climb raises accountability; the departments keep
/// their tasks.
public enum CoordinationRules {
    /// The coordinators of a whistle about `grid`, one per level, and the level it starts at: a
    /// whistle of a micro or unit grid starts with the unit grid (level 1); one of an area grid
    /// with the area (level 2). Nil for a grid that does not raise whistles or is not in the tree.
    public static func chain(for grid: String, in tree: GridTree) -> (start: ResponseLevel, coordinators: [String])? {
        let ancestors = tree.ancestors(of: grid)
        guard let own = ancestors.first, own.level.raisesWhistles,
              let area = ancestors.first(where: { $0.level == .area }),
              let town = ancestors.first(where: { $0.level == .town }),
              let district = ancestors.first(where: { $0.level == .district }) else { return nil }
        let unit = ancestors.first(where: { $0.level == .unit }).map { "grid:\($0.id)" } ?? ""
        return (own.level == .area ? .cogovernance : .autonomy,
                [unit, "grid:\(area.id)", "centre:\(town.id)", "district:\(district.id)"])
    }

    /// The whistle enters the response at `level` when it is routed, at `at`; `storm` halves the
    /// level deadline (a town under a weather alert and a policy that says `storm`).
    public static func start(
        whistle: String, town: String, coordinators: [String], level: ResponseLevel, policy: Policy, at: Date,
        calendar: WorkingCalendar, storm: Bool
    ) -> CoordinationDecision {
        let due = deadline(policy.response, level, from: at, calendar, storm: storm)
        let coordination = Coordination(whistle: whistle, town: town, coordinators: coordinators, level: level,
                                        levelSince: at, levelDue: due, halved: storm, storm: policy.storm,
                                        response: policy.response)
        return CoordinationDecision(coordination: coordination, due: [watch(coordination)])
    }

    /// 逐级上报 by the coordinator itself: the matter is beyond its level's power.
    public static func escalate(
        _ coordination: Coordination, by principal: String, reason: String, at: Date, calendar: WorkingCalendar,
        storm: Bool
    ) throws(EscalationRefusal) -> CoordinationDecision {
        guard coordination.state != .closed else { throw .closed }
        guard principal == coordination.coordinator else { throw .notCoordinator(current: coordination.coordinator) }
        guard coordination.state != .parked else { throw .parked }
        guard coordination.state == .open else { throw .reported }
        guard coordination.level.next != nil else { throw .lastLevel }
        return climb(coordination, trigger: .coordinator, reason: reason, at: at, calendar: calendar, storm: storm)
    }

    /// The whistle climbs one level because of `trigger`, if departments are at work, the policy
    /// climbs on it, a level is left and it did not already climb at this very moment; otherwise
    /// nothing changes. The new level's deadline starts at `at`.
    public static func climb(
        _ coordination: Coordination, trigger: EscalationTrigger, reason: String, at: Date,
        calendar: WorkingCalendar, storm: Bool
    ) -> CoordinationDecision {
        // Two causes at one moment (a 1-working-day level and disposal deadline) climb once.
        guard coordination.state == .open, coordination.response.climbs(on: trigger),
              trigger.isAlwaysOn || coordination.levelSince < at,
              let level = coordination.level.next else { return CoordinationDecision(coordination: coordination) }
        return moved(coordination, to: level, trigger: trigger, reason: reason, at: at, calendar: calendar, storm: storm)
    }

    /// 退单 — a return the town centre did not arbitrate in time: the whistle goes straight to the
    /// district, which arbitrates it. A parked or closed whistle, or one already with the district,
    /// stays where it is.
    public static func refer(
        _ coordination: Coordination, reason: String, at: Date, calendar: WorkingCalendar, storm: Bool
    ) -> CoordinationDecision {
        guard coordination.state == .open || coordination.state == .reported, coordination.level < .district else {
            return CoordinationDecision(coordination: coordination)
        }
        return moved(coordination, to: .district, trigger: .arbitration, reason: reason, at: at, calendar: calendar,
                     storm: storm)
    }

    private static func moved(
        _ coordination: Coordination, to level: ResponseLevel, trigger: EscalationTrigger, reason: String, at: Date,
        calendar: WorkingCalendar, storm: Bool
    ) -> CoordinationDecision {
        var next = coordination
        next.level = level
        next.levelSince = at
        next.levelDue = deadline(coordination.response, level, from: at, calendar, storm: storm)
        next.halved = storm
        next.lapsed = false
        return CoordinationDecision(
            coordination: next,
            events: [.escalated(fromLevel: coordination.level, from: coordination.coordinator, trigger: trigger,
                                reason: reason)],
            due: [watch(next)])
    }

    /// The level clock's check ran at `at`: past the deadline, the whistle climbs (if the policy
    /// climbs on `levelDeadline` and a level is left), or the lapse is recorded once.
    public static func fire(
        _ coordination: Coordination, at: Date, calendar: WorkingCalendar, storm: Bool, reason: String
    ) -> CoordinationDecision {
        guard coordination.state == .open, !coordination.lapsed, at > coordination.levelDue else {
            return CoordinationDecision(coordination: coordination, due: [watch(coordination)])
        }
        let climbed = climb(coordination, trigger: .levelDeadline, reason: reason, at: at, calendar: calendar,
                            storm: storm)
        if climbed.climbed != nil { return climbed }
        var next = coordination
        next.lapsed = true
        return CoordinationDecision(coordination: next, events: [.levelOverdue(dueAt: coordination.levelDue)],
                                    due: [watch(next)])
    }

    /// Every department reported done: the level clock stops until a rework or closure.
    public static func reported(_ coordination: Coordination) -> CoordinationDecision {
        guard coordination.state == .open else { return CoordinationDecision(coordination: coordination) }
        var next = coordination
        next.state = .reported
        return CoordinationDecision(coordination: next, due: [watch(next)])
    }

    /// 返工 — work resumed at `at`: the level clock starts afresh at the same level.
    public static func reopened(
        _ coordination: Coordination, at: Date, calendar: WorkingCalendar, storm: Bool
    ) -> CoordinationDecision {
        guard coordination.state == .reported else { return CoordinationDecision(coordination: coordination) }
        var next = coordination
        next.state = .open
        next.levelSince = at
        next.levelDue = deadline(coordination.response, coordination.level, from: at, calendar, storm: storm)
        next.halved = storm
        next.lapsed = false
        return CoordinationDecision(coordination: next, due: [watch(next)])
    }

    /// 挂账 — the whistle is parked at `at`: a running level clock stands still, keeping its time left.
    public static func park(_ coordination: Coordination, at: Date) -> CoordinationDecision {
        guard coordination.state == .open else {
            return CoordinationDecision(coordination: coordination)
        }
        var next = coordination
        next.state = .parked
        next.parkedAt = at
        return CoordinationDecision(coordination: next, due: [watch(next)])
    }

    /// The parked whistle resumes at `at`: the level clock runs again with the time it had left (a
    /// lapsed level stays lapsed). The whistle is open again: a department asked to park it, so
    /// one was at work.
    public static func resume(_ coordination: Coordination, at: Date, calendar: WorkingCalendar) -> CoordinationDecision {
        guard coordination.state == .parked, let parkedAt = coordination.parkedAt else {
            return CoordinationDecision(coordination: coordination)
        }
        var next = coordination
        next.state = .open
        next.parkedAt = nil
        if !coordination.lapsed {
            let span = coordination.span.resumed(pausedAt: parkedAt, at: at, on: calendar)
            next.levelSince = span.start
            next.levelDue = span.due
        }
        return CoordinationDecision(coordination: next,
                                    events: [.levelLight(light: light(next, at: at, calendar: calendar), dueAt: next.levelDue)],
                                    due: [watch(next)])
    }

    /// 结案 — the level clock stops for good.
    public static func close(_ coordination: Coordination) -> CoordinationDecision {
        guard coordination.state != .closed else { return CoordinationDecision(coordination: coordination) }
        var next = coordination
        next.state = .closed
        return CoordinationDecision(coordination: next, due: [watch(next)])
    }

    /// 防汛防台 — halves (or, when the alert is lifted, doubles back) the time left on a running
    /// level clock, and announces the new deadline.
    public static func rescale(
        _ coordination: Coordination, halving: Bool, at: Date, calendar: WorkingCalendar
    ) -> CoordinationDecision {
        let moved = coordination.span.rescaled(by: halving ? 0.5 : 2, at: at, on: calendar)
        guard coordination.state == .open, !coordination.lapsed, coordination.halved != halving,
              moved != coordination.levelDue else { return CoordinationDecision(coordination: coordination) }
        var next = coordination
        next.levelDue = moved
        next.halved = halving
        return CoordinationDecision(coordination: next,
                                    events: [.levelLight(light: light(next, at: at, calendar: calendar), dueAt: next.levelDue)],
                                    due: [watch(next)])
    }

    /// The level clock's light at `at`: red once lapsed, yellow from 80 % of its time.
    private static func light(_ coordination: Coordination, at: Date, calendar: WorkingCalendar) -> ClockLight {
        if coordination.lapsed { return .red }
        return coordination.span.moment(at: ResponsePolicy.yellowAt, on: calendar) <= at ? .yellow : .green
    }

    private static func deadline(
        _ response: ResponsePolicy, _ level: ResponseLevel, from start: Date, _ calendar: WorkingCalendar, storm: Bool
    ) -> Date {
        let limit = response.deadline(of: level)
        return calendar.deadline(
            from: start, adding: storm ? limit.halved(workingDayMinutes: calendar.standardWorkingDayMinutes) : limit)
    }

    /// The level clock's check: a millisecond past its deadline while it runs and has not lapsed.
    static func watch(_ coordination: Coordination) -> DueChange {
        guard coordination.state == .open, !coordination.lapsed else {
            return .cancel(.levelDeadline, subject: coordination.whistle)
        }
        return .arm(DueWork(kind: .levelDeadline, subject: coordination.whistle,
                            at: TaskRules.overdueCheck(after: coordination.levelDue)))
    }
}
