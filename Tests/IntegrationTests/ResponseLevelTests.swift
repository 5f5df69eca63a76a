import Foundation
import GridConfig
import GridDomain
import GridWire
import Testing

/// 一键响应 on the real services and the test clock: lights and reminders at their working-time
/// fractions, anti-stall, the three-level response and weather alerts. Every expected moment is
/// worked out by hand on the embedded calendar (Mon–Fri 08:30–11:30, 13:00–17:30, Asia/Shanghai;
/// Sunday 2026-09-20 a make-up working day, 25–27 September holidays).
@Suite(.serialized) struct ResponseLevelTests {
    static let squad = "JD-NX-CGZF"
    static let microGrid = "grid:JD-NX-A01-G01-M01"
    static let unitGrid = "grid:JD-NX-A01-G01"
    static let areaGrid = "grid:JD-NX-A01"

    /// muck-truck "normal": sign for within 1 working hour, dispose within 6 working hours, so that
    /// half of the disposal clock from Monday 08:30 ends exactly at 11:30, the end of the morning.
    @Test func lightsAndRemindersFallAtTheirWorkingTimeFractionsAndARedLeadClockClimbs() throws {
        let cluster = try Cluster(testClock: "2026-12-07T08:30:00+08:00") { config in
            try Self.setLimits(&config, matter: "muck-truck", .normal, StepLimits(
                signFor: Limit(parsing: "1 working hour"), dispose: Limit(parsing: "6 working hours")))
        }
        try cluster.start()
        let whistle = try raise(cluster, urgency: "normal")
        let coord = try Subscriber(cluster.config.endpoints.response.pub,
                                   topics: ["coord.\(Self.unitGrid).", "coord.\(Self.areaGrid).", "status.response."])
        #expect(try coord.next("status.response.") != nil, "subscribed")

        // 09:00 — half of the 1-hour sign-for clock (08:30 → 09:30).
        try cluster.moveClock(["set", "2026-12-07T09:00:00+08:00"])
        let reminder = try #require(try cluster.responseEvents("reminded", of: Self.squad).first)
        #expect(try reminder.payload(TaskReminded.self) == TaskReminded(
            whistle: whistle, department: Self.squad, role: .lead, round: 1, reason: .deadline, clock: .signFor,
            fraction: 0.5, dueAt: instant("2026-12-07T09:30:00+08:00")))
        #expect(try reminder.head.time == instant("2026-12-07T09:00:00+08:00"))
        #expect(try cluster.gridctl(["--as", "dept:\(Self.squad)", "sign", whistle]).status == 0)

        // 11:30 — half of the disposal clock: 3 of its 6 working hours, the morning's end, not 13:00.
        try cluster.moveClock(["set", "2026-12-07T11:30:00+08:00"])
        let disposal = try cluster.responseEvents("reminded", of: Self.squad).map { try $0.payload(TaskReminded.self) }
            .filter { $0.clock == .dispose }
        #expect(disposal.count == 1)
        #expect(try cluster.responseEvents("reminded", of: Self.squad).last?.head.time == instant("2026-12-07T11:30:00+08:00"))

        // 14:48 — 80 %: 4 h 48 min of working time (3 h in the morning, 1 h 48 min after 13:00).
        try cluster.moveClock(["set", "2026-12-07T14:47:59+08:00"])
        #expect(try cluster.responseEvents("light", of: Self.squad).isEmpty, "not yet yellow a second before")
        try cluster.moveClock(["set", "2026-12-07T14:48:00+08:00"])
        let yellow = try #require(try cluster.responseEvents("light", of: Self.squad).first)
        #expect(try yellow.payload(TaskLightChanged.self) == TaskLightChanged(
            whistle: whistle, department: Self.squad, role: .lead, round: 1, clock: .dispose, light: .yellow,
            dueAt: instant("2026-12-07T16:00:00+08:00")))
        #expect(try yellow.head.time == instant("2026-12-07T14:48:00+08:00"))
        let inbox = try #require(try cluster.gridctlJSON(Inbox.self, ["--as", "dept:\(Self.squad)", "inbox"]).1)
        #expect(inbox.tasks.first?.lights == ["dispose": ClockLight.yellow])

        // 16:00 — the lead's disposal clock turns red: overdue, and the whistle climbs to the area.
        try cluster.moveClock(["set", "2026-12-07T16:00:01+08:00"])
        let red = try #require(try cluster.responseEvents("overdue", of: Self.squad).first)
        #expect(try red.payload(TaskOverdue.self).light == ClockLight.red)
        #expect(try red.payload(TaskOverdue.self).clock == .dispose)
        let climbed = try #require(try cluster.responseEvents("escalated").first)
        let escalation = try climbed.payload(WhistleEscalated.self)
        #expect(escalation.from.description == Self.unitGrid)
        #expect(escalation.coordinator.description == Self.areaGrid)
        #expect(escalation.trigger == .redClock)
        #expect(escalation.level == 2)
        #expect(try escalation.levelDueAt == instant("2026-12-09T16:00:00.001+08:00"), "2 working days from the climb")
        // Published once on each coordinator's topic, with one seq.
        let toNew = try #require(try coord.next("coord.\(Self.areaGrid).escalated."))
        let toOld = try #require(try coord.next("coord.\(Self.unitGrid).escalated."))
        #expect(toNew.event.head.seq == climbed.head.seq)
        #expect(toOld.event.head.seq == climbed.head.seq)
        let supervised = try cluster.responseEvents("supervised").map { try $0.payload(TaskSupervised.self) }
        #expect(Set(supervised.map(\.department)) == [Self.squad, "JD-LHSR", "JD-JJ"], "every open task, kept by its department")
        #expect(supervised.allSatisfy { $0.level == 2 && $0.coordinator.description == Self.areaGrid })
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// food-safety with a 7-working-day disposal, dispatched Thursday 2026-09-17 10:00: its 52.5
    /// working hours run over the make-up Sunday 09-20 and the 25–27 holidays to Monday 09-28 10:00.
    @Test func aLimitOverAHolidayAndAMakeUpDayRemindsAndTurnsYellowOnWorkingTime() throws {
        let cluster = try Cluster(testClock: "2026-09-17T10:00:00+08:00") { config in
            try Self.setLimits(&config, matter: "food-safety", .normal, StepLimits(
                signFor: Limit(parsing: "1 working day"), dispose: Limit(parsing: "7 working days")))
        }
        try cluster.start()
        let (raised, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", "grid:JD-JDZ-A01-G01-M01", "raise", "--matter", "food-safety", "--urgency", "normal",
            "--description", "熟食店卫生问题"])
        let whistle = try #require(accepted, "\(raised)")
        try awaitDispatch(cluster, whistle)
        let lead = whistle.lead
        // 50 % = 26 h 15 min: Thu 6 h, Fri 7.5 h, Sun (make-up) 7.5 h, Mon 3 h + 2 h 15 min → Mon 09-21 15:15.
        try cluster.moveClock(["set", "2026-09-21T15:14:59+08:00"])
        #expect(try disposal(cluster, "reminded", lead).isEmpty)
        try cluster.moveClock(["set", "2026-09-21T15:15:00+08:00"])
        #expect(try disposal(cluster, "reminded", lead).map(\.head.time) == [instant("2026-09-21T15:15:00+08:00")])
        // 80 % = 42 h: Mon 7.5 h (28.5), Tue 7.5 h (36), Wed 3 h + 3 h → Wed 09-23 16:00.
        try cluster.moveClock(["set", "2026-09-23T16:00:00+08:00"])
        #expect(try disposal(cluster, "light", lead).map(\.head.time) == [instant("2026-09-23T16:00:00+08:00")])
        // Due Monday 09-28 10:00 after the holidays; red a millisecond later.
        try cluster.moveClock(["set", "2026-09-28T10:00:00+08:00"])
        #expect(try disposal(cluster, "overdue", lead).isEmpty, "on time at the deadline itself")
        try cluster.moveClock(["set", "2026-09-28T10:00:01+08:00"])
        #expect(try disposal(cluster, "overdue", lead).map(\.head.time) == [instant("2026-09-28T10:00:00.001+08:00")])
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// 防推诿: a signed task with no progress for a working day is reminded; as long again, the whistle
    /// climbs. Level deadlines are set long so that only anti-stall acts.
    @Test func aStalledTaskIsRemindedThenTheWhistleClimbsAndProgressRestartsTheClock() throws {
        let cluster = try Cluster(testClock: "2026-11-02T09:00:00+08:00") { config in
            config.reference.response.district.levelDeadlines = try ["10 working days", "10 working days",
                "10 working days", "10 working days"].map { try Limit(parsing: $0) }
            try Self.setLimits(&config, matter: "muck-truck", .normal, StepLimits(
                signFor: Limit(parsing: "1 working hour"), dispose: Limit(parsing: "10 working days")))
        }
        try cluster.start()
        let whistle = try raise(cluster, urgency: "normal")
        try cluster.moveClock(["set", "2026-11-02T09:10:00+08:00"])
        #expect(try cluster.gridctl(["--as", "dept:\(Self.squad)", "sign", whistle]).status == 0)
        // Its first coordinator, the unit grid, reads the timeline before anything climbs; the area
        // grid does not yet.
        let firstRead = try eventually { try cluster.gridctl(["--as", Self.unitGrid, "timeline", whistle]).status == 0 }
        #expect(firstRead)
        #expect(try cluster.gridctlRefusal(["--as", Self.areaGrid, "timeline", whistle])
                == Refusal(.forbidden, "not_permitted", at: "/as"))
        // Progress at 10:00 restarts the stall clock: the reminder is due Tuesday 10:00, not 09:10.
        try cluster.moveClock(["set", "2026-11-02T10:00:00+08:00"])
        #expect(try cluster.gridctl(["--as", "dept:\(Self.squad)", "progress", whistle, "--note", "已联系工地"]).status == 0)
        try cluster.moveClock(["set", "2026-11-03T09:59:59+08:00"])
        #expect(try stallReminders(cluster).isEmpty)
        try cluster.moveClock(["set", "2026-11-03T10:00:00+08:00"])
        let reminded = try stallReminders(cluster)
        #expect(try reminded.map(\.head.time) == [instant("2026-11-03T10:00:00+08:00")])
        #expect(try reminded.first?.payload(TaskReminded.self).idleSince == instant("2026-11-02T10:00:00+08:00"))
        #expect(try cluster.responseEvents("escalated").isEmpty)
        // As long again: Wednesday 10:00, the whistle climbs from the unit grid to the area.
        try cluster.moveClock(["set", "2026-11-04T10:00:00+08:00"])
        let climbed = try #require(try cluster.responseEvents("escalated").first)
        #expect(try climbed.payload(WhistleEscalated.self).trigger == .stall)
        #expect(try climbed.payload(WhistleEscalated.self).coordinator.description == Self.areaGrid)
        #expect(try climbed.head.time == instant("2026-11-04T10:00:00+08:00"))
        let task = try #require(try cluster.gridctlJSON(Inbox.self, ["--as", "dept:\(Self.squad)", "inbox"]).1?.tasks.first)
        #expect(task.progress == "已联系工地")

        // Handed on to the district by its coordinators, the still-idle task has nowhere left to
        // climb: the stall cycle restarted at the climb (Wednesday 10:00) reminds on Thursday and,
        // in place of a climb, again on Friday.
        for coordinator in [Self.areaGrid, "centre:JD-NX"] {
            #expect(try cluster.gridctl(["--as", coordinator, "escalate", whistle, "--reason", "需上级协调"]).status == 0)
        }
        try cluster.moveClock(["set", "2026-11-06T10:00:00+08:00"])
        #expect(try stallReminders(cluster).map(\.head.time) == [instant("2026-11-03T10:00:00+08:00"),
                                                                 instant("2026-11-05T10:00:00+08:00"),
                                                                 instant("2026-11-06T10:00:00+08:00")])
        #expect(try cluster.responseEvents("escalated").map { try $0.payload(WhistleEscalated.self).trigger }
                == [.stall, .coordinator, .coordinator])
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// A whistle climbs by its coordinator, then by a red clock, then by a level deadline, up to the
    /// district, where the deadline is recorded once. Monday 2026-11-02 09:00; muck-truck urgent
    /// (dispose 1 working day); level deadlines 1, 2, 3, 5 working days.
    @Test func aWhistleClimbsByItsCoordinatorARedClockAndALevelDeadlineToTheDistrict() throws {
        let cluster = try Cluster(testClock: "2026-11-02T09:00:00+08:00")
        try cluster.start()
        let whistle = try raise(cluster, urgency: "urgent")
        let reason = ["--reason", "涉及多个部门，超出本级协调能力"]
        // Only the current coordinator, the unit grid, may escalate.
        for principal in ["dept:\(Self.squad)", Self.microGrid, Self.areaGrid, "centre:JD-NX", "district:JD", "grid:JD-AT-A01-G01"] {
            let refused = try cluster.gridctlRefusal(["--as", principal, "escalate", whistle] + reason)
            #expect(refused == Refusal(.forbidden, "not_permitted", at: "/as"), "\(principal)")
        }
        #expect(try cluster.gridctlRefusal(["--as", Self.unitGrid, "escalate", "W20261102-999999"] + reason)
                == Refusal(.notFound, "unknown_whistle", at: "/body/whistle"))
        let (escalating, view) = try cluster.gridctlJSON(CoordinationView.self, ["--as", Self.unitGrid, "escalate", whistle] + reason)
        let level2 = try #require(view, "\(escalating)")
        #expect(level2.level == 2)
        #expect(level2.coordinator.description == Self.areaGrid)
        #expect(try level2.levelDueAt == instant("2026-11-04T09:00:00+08:00"), "2 working days")
        #expect(try cluster.gridctlRefusal(["--as", Self.unitGrid, "escalate", whistle] + reason)
                == Refusal(.forbidden, "not_permitted", at: "/as"), "no longer the coordinator")

        // Tuesday 09:00 the lead's disposal clock turns red: level 3, the town centre.
        try cluster.moveClock(["set", "2026-11-03T09:00:01+08:00"])
        // Its deadline, 3 working days from the red moment (09:00:00.001), is Friday 09:00:00.001:
        // at the millisecond past it, level 4, the district.
        try cluster.moveClock(["set", "2026-11-06T09:00:01+08:00"])
        let climbs = try cluster.responseEvents("escalated").map { try $0.payload(WhistleEscalated.self) }
        #expect(climbs.map(\.trigger) == [.coordinator, .redClock, .levelDeadline])
        #expect(climbs.map(\.level) == [2, 3, 4])
        #expect(climbs.map(\.coordinator.description) == [Self.areaGrid, "centre:JD-NX", "district:JD"])
        #expect(try climbs.map(\.levelDueAt) == [instant("2026-11-04T09:00:00+08:00"),
                                                 instant("2026-11-06T09:00:00.001+08:00"),
                                                 instant("2026-11-13T09:00:00.002+08:00")])
        #expect(try cluster.gridctlRefusal(["--as", "district:JD", "escalate", whistle] + reason)
                == Refusal(.conflict, "wrong_state", at: "/body/whistle"), "nothing above the district")
        // The district's own deadline passes: recorded once, never repeated, nothing climbs.
        try cluster.moveClock(["set", "2026-11-20T09:00:00+08:00"])
        let lapses = try cluster.responseEvents("levelOverdue")
        #expect(lapses.count == 1)
        #expect(try lapses.first?.payload(LevelOverdue.self) == LevelOverdue(
            whistle: whistle, level: 4, coordinator: try #require(Principal(parsing: "district:JD")),
            dueAt: instant("2026-11-13T09:00:00.002+08:00")))
        #expect(try cluster.responseEvents("escalated").count == 3)

        // Each coordinator's inbox: the district has it now, the unit grid had it before.
        let before = try #require(try cluster.gridctlJSON(CoordinatorInbox.self, ["--as", Self.unitGrid, "inbox"]).1)
        #expect(before.whistles.map(\.whistle) == [whistle])
        #expect(before.whistles.first?.current == false)
        let now = try #require(try cluster.gridctlJSON(CoordinatorInbox.self, ["--as", "district:JD", "inbox"]).1)
        #expect(now.whistles.first?.current == true)
        #expect(now.whistles.first?.levelOverdue == true)
        // A past coordinator reads the timeline; a grid that never coordinated it does not.
        let timeline = try #require(try cluster.gridctlJSON(Timeline.self, ["--as", Self.areaGrid, "timeline", whistle]).1)
        #expect(timeline.entries.filter { $0.type == "escalated" }.count == 3)
        #expect(try cluster.gridctlRefusal(["--as", "grid:JD-NX-A02", "timeline", whistle])
                == Refusal(.forbidden, "not_permitted", at: "/as"))
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// 防汛防台 in 南翔, Monday 2026-11-02: waterlogging (storm; sign 15 min, arrive 1 h, dispose 4 h,
    /// natural time; level 1: 1 working day) raised at 10:00, an alert declared at 10:06, a second
    /// whistle raised at 10:20, the alert lifted at 10:40. Every dueAt below is worked out by hand.
    @Test func aStormHalvesWhatIsLeftOfStormClocksAndLiftingDoublesItBack() throws {
        let cluster = try Cluster(testClock: "2026-11-02T10:00:00+08:00")
        try cluster.start()
        let lead = "JD-NX-FXB"
        let first = try raise(cluster, matter: "waterlogging")
        let plain = try raise(cluster, urgency: "normal")
        try cluster.moveClock(["set", "2026-11-02T10:06:00+08:00"])
        let (declaring, declared) = try cluster.gridctlJSON(AlertView.self, ["--as", "centre:JD-NX", "alert", "declare", "--reason", "暴雨红色预警"])
        let alert = try #require(declared, "\(declaring)")
        // Halved from 10:06: sign 9 → 4.5 min (10:10:30), arrive 54 → 27 min (10:33), dispose
        // 3 h 54 → 1 h 57 (12:03); level 444 working minutes → 222 (11:30, then 13:00 + 138 → 15:18).
        let declaredAt = try instant("2026-11-02T10:06:00+08:00")
        let halved = try cluster.responseEvents("light", of: lead).filter { $0.head.time == declaredAt }
            .map { try $0.payload(TaskLightChanged.self) }
        #expect(try halved.map(\.dueAt) == [instant("2026-11-02T10:10:30+08:00"), instant("2026-11-02T10:33:00+08:00"),
                                             instant("2026-11-02T12:03:00+08:00")])
        #expect(halved.map(\.clock) == [.signFor, .arrive, .dispose])
        let level = try #require(try cluster.responseEvents("levelLight").first).payload(LevelLightChanged.self)
        #expect(try level.dueAt == instant("2026-11-02T15:18:00+08:00"))
        #expect(try cluster.responseEvents("light").allSatisfy { try $0.payload(TaskLightChanged.self).whistle != plain },
                "a whistle without storm in its policy keeps its clocks")

        // Raised during the storm: halved limits from the start — sign 8 min, arrive 30 min,
        // dispose 2 h; level 1 working day = 450 min → 225 working minutes (70 + 155 → 15:35).
        try cluster.moveClock(["set", "2026-11-02T10:20:00+08:00"])
        let second = try raise(cluster, matter: "waterlogging")
        let dispatched = try #require(try firstValue {
            try cluster.responseEvents("dispatched", of: lead).map { try $0.payload(TaskDispatched.self) }.first { $0.whistle == second }
        })
        #expect(try dispatched.signDueAt == instant("2026-11-02T10:28:00+08:00"))
        #expect(try dispatched.arriveDueAt == instant("2026-11-02T10:50:00+08:00"))
        #expect(try dispatched.disposeDueAt == instant("2026-11-02T12:20:00+08:00"))
        let secondLevel = try #require(try cluster.gridctlJSON(CoordinatorInbox.self, ["--as", Self.unitGrid, "inbox"]).1?
            .whistles.first { $0.whistle == second })
        #expect(try secondLevel.levelDueAt == instant("2026-11-02T15:35:00+08:00"))

        // Lifted at 10:40: the time left on every halved clock still running doubles; red ones stay.
        try cluster.moveClock(["set", "2026-11-02T10:40:00+08:00"])
        let lifting = try cluster.gridctl(["--as", "centre:JD-NX", "alert", "lift", alert.alert])
        #expect(lifting.status == 0, "\(lifting)")
        let liftedAt = try instant("2026-11-02T10:40:00+08:00")
        let restored = try cluster.responseEvents("light", of: lead).filter { $0.head.time == liftedAt }
            .map { try $0.payload(TaskLightChanged.self) }
        // First whistle: dispose 12:03 → 83 min left → 166 (13:26); sign and arrival are red.
        // Second: arrival 10:50 → 10 → 20 min (11:00), dispose 12:20 → 100 → 200 min (14:00).
        #expect(try restored.map { "\($0.whistle == first ? 1 : 2) \($0.clock.rawValue) \($0.dueAt)" } == [
            "1 dispose \(instant("2026-11-02T13:26:00+08:00"))",
            "2 arrive \(instant("2026-11-02T11:00:00+08:00"))", "2 dispose \(instant("2026-11-02T14:00:00+08:00"))"])
        // Levels: 15:18 → 188 working minutes left → 376 (Tuesday 09:26); 15:35 → 205 → 410 (Tuesday 10:00).
        let levels = try cluster.responseEvents("levelLight").filter { $0.head.time == liftedAt }
            .map { try $0.payload(LevelLightChanged.self) }
        #expect(try levels.map(\.dueAt) == [instant("2026-11-03T09:26:00+08:00"), instant("2026-11-03T10:00:00+08:00")])
        let status = try #require(try cluster.gridctlJSON(ServiceStatus.self, ["status", "whistle"]).1)
        #expect(status.alerts == [])
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    // MARK: helpers

    private static func setLimits(_ config: inout DeploymentConfig, matter: String, _ urgency: Urgency, _ limits: StepLimits) throws {
        let index = try #require(config.reference.matters.firstIndex { $0.id == matter })
        config.reference.matters[index].urgencies[urgency] = limits
    }

    private func raise(_ cluster: Cluster, matter: String = "muck-truck", urgency: String? = nil) throws -> String {
        let (raised, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", Self.microGrid, "raise", "--matter", matter, "--description", "渣土车撒漏"]
            + (urgency.map { ["--urgency", $0] } ?? []))
        let whistle = try #require(accepted, "\(raised)")
        try awaitDispatch(cluster, whistle)
        return whistle.whistle
    }

    /// Waits until ResponseService has dispatched `whistle` (its lead's inbox lists it).
    private func awaitDispatch(_ cluster: Cluster, _ whistle: WhistleAccepted) throws {
        try cluster.awaitTask(whistle.whistle, of: whistle.lead)
    }

    private func disposal(_ cluster: Cluster, _ type: String, _ department: String) throws -> [ReceivedEvent] {
        try cluster.responseEvents(type, of: department).filter { try $0.payload(ClockOnly.self).clock == .dispose }
    }

    private func stallReminders(_ cluster: Cluster) throws -> [ReceivedEvent] {
        try cluster.responseEvents("reminded", of: Self.squad).filter { try $0.payload(TaskReminded.self).reason == .stall }
    }

    private struct ClockOnly: Codable, Sendable { var clock: TaskClock? }
}
