import Foundation
import GridConfig
import GridDomain
import GridWire
import Testing

/// 一键响应, part 2, on the real services and the test clock: returns and their arbitration,
/// re-dispatch (改派), extensions (延期), parks (挂账), voids (作废) and their race with an
/// evaluation, joint cases and the rework cap. Times are worked out by hand on the embedded
/// calendar (Mon–Fri 08:30–11:30, 13:00–17:30, Asia/Shanghai); 2026-12-07 is a Monday.
///
/// muck-truck (urgent) and street-vending (normal) sign for within 1 working hour and dispose
/// within 1 working day here, with no arrival step. A 南翔 micro grid's muck-truck goes to
/// JD-NX-CGZF (lead) with JD-LHSR and JD-JJ (co); its street-vending to JD-NX-CGZF alone.
@Suite(.serialized) struct SideFlowTests {
    static let grid = "grid:JD-NX-A01-G01-M01"
    static let squad = "JD-NX-CGZF"
    static let centre = "centre:JD-NX"

    @Test func returnsAreArbitratedAndAnUpheldOneIsReDispatchedWithFreshClocks() throws {
        let cluster = try Self.cluster()
        try cluster.start()
        let whistle = try raise(cluster, matter: "muck-truck")
        for co in ["JD-LHSR", "JD-JJ"] { try cluster.awaitTask(whistle, of: co) }
        try ok(cluster, ["--as", "dept:\(Self.squad)", "sign", whistle])
        try cluster.moveClock(["set", "2026-12-07T09:10:00+08:00"])
        let (returned, asked) = try cluster.gridctlJSON(RequestView.self, [
            "--as", "dept:\(Self.squad)", "return", whistle, "--reason", "渣土车上路属交警查处"])
        #expect(try asked?.decideBy == instant("2026-12-08T09:10:00+08:00"), "\(returned)")

        func refusal(_ arguments: [String]) throws -> Refusal? { try cluster.gridctlRefusal(arguments) }
        let notPermitted = Refusal(.forbidden, "not_permitted", at: "/as")
        #expect(try refusal(["--as", "dept:\(Self.squad)", "return", whistle, "--reason", "again"])
                == Refusal(.conflict, "already_requested", at: "/body/whistle"))
        #expect(try refusal(["--as", "dept:\(Self.squad)", "return", whistle, "--reason", " "])
                == Refusal(.badRequest, "invalid_value", at: "/body/reason"))
        #expect(try refusal(["--as", "dept:JD-AT-CGZF", "return", whistle, "--reason", "x"])
                == Refusal(.forbidden, "not_routed_to_you", at: "/body/whistle"))
        #expect(try refusal(["--as", Self.centre, "return", whistle, "--reason", "x"]) == notPermitted)
        #expect(try refusal(["--as", "dept:\(Self.squad)", "report", whistle, "--summary", "done"])
                == Refusal(.conflict, "wrong_state", at: "/body/whistle"), "a department that returned cannot report")
        let inbox = try #require(try cluster.gridctlJSON(CoordinatorInbox.self, ["--as", Self.centre, "inbox"]).1)
        #expect(inbox.requests?.map { "\($0.whistle) \($0.department) \($0.request.rawValue)" } == ["\(whistle) \(Self.squad) return"])

        // A co-department's return, refused: its task and clocks stay.
        try ok(cluster, ["--as", "dept:JD-JJ", "return", whistle, "--reason", "非交警职责"])
        let arbitrateJJ = ["arbitrate", whistle, "--department", "JD-JJ", "--uphold", "no", "--reason", "车辆违规上路需交警查处"]
        #expect(try refusal(["--as", "centre:JD-AT"] + arbitrateJJ) == notPermitted)
        #expect(try refusal(["--as", "dept:JD-JJ"] + arbitrateJJ) == notPermitted)
        #expect(try refusal(["--as", "grid:JD-NX-A01-G01"] + arbitrateJJ) == notPermitted)
        #expect(try refusal(["--as", Self.centre, "arbitrate", whistle, "--department", "JD-LHSR", "--uphold", "no", "--reason", "x"])
                == Refusal(.notFound, "no_request", at: "/body/department"))
        #expect(try refusal(["--as", Self.centre, "arbitrate", whistle, "--department", "JD-NOPE", "--uphold", "no", "--reason", "x"])
                == Refusal(.notFound, "not_routed", at: "/body/department"))
        #expect(try refusal(["--as", Self.centre] + arbitrateJJ + ["--to", "JD-SW"])
                == Refusal(.badRequest, "invalid_value", at: "/body/to"))
        try cluster.moveClock(["set", "2026-12-07T09:30:00+08:00"])
        try ok(cluster, ["--as", Self.centre] + arbitrateJJ)

        // The lead's return: the department named must exist, serve the grid and be new to the whistle.
        let uphold = ["--as", Self.centre, "arbitrate", whistle, "--department", Self.squad, "--uphold", "yes",
                      "--reason", "属交警与市场监管"]
        #expect(try refusal(uphold) == Refusal(.badRequest, "invalid_value", at: "/body/to"), "a lead's part goes to someone")
        #expect(try refusal(uphold + ["--to", "JD-NOPE"]) == Refusal(.notFound, "unknown_department", at: "/body/to"))
        #expect(try refusal(uphold + ["--to", "JD-AT-SCJG"]) == Refusal(.conflict, "not_serving", at: "/body/to"))
        #expect(try refusal(uphold + ["--to", "JD-JJ"]) == Refusal(.conflict, "already_routed", at: "/body/to"))
        try cluster.moveClock(["set", "2026-12-07T10:00:00+08:00"])
        try ok(cluster, uphold + ["--to", "JD-NX-SCJG"])
        try cluster.awaitTask(whistle, of: "JD-NX-SCJG")
        // Fresh clocks from the reroute: sign for by 11:00, dispose by Tuesday 10:00.
        let dispatched = try #require(try cluster.responseEvents("dispatched", of: "JD-NX-SCJG").first)
        #expect(try dispatched.head.time == instant("2026-12-07T10:00:00+08:00"))
        let task = try dispatched.payload(TaskDispatched.self)
        #expect(task.role == .lead)
        #expect(try task.signDueAt == instant("2026-12-07T11:00:00+08:00"))
        #expect(try task.disposeDueAt == instant("2026-12-08T10:00:00+08:00"))
        let rerouted = try #require(try cluster.replayed(.whistle).last { $0.head.type == "rerouted" })
        #expect(try rerouted.payload(WhistleRerouted.self) == WhistleRerouted(
            whistle: whistle, grid: "JD-NX-A01-G01-M01", town: "JD-NX", matter: "muck-truck", returned: Self.squad,
            role: .lead, to: "JD-NX-SCJG", lead: "JD-NX-SCJG", co: ["JD-LHSR", "JD-JJ"], by: Principal(.centre, "JD-NX"),
            reason: "属交警与市场监管"))
        #expect(try cluster.gridctlJSON(JSONValue.self, ["whistle", whistle]).1?["lead"] == .string("JD-NX-SCJG"))
        #expect(try refusal(["--as", "dept:\(Self.squad)", "progress", whistle, "--note", "x"])
                == Refusal(.conflict, "wrong_state", at: "/body/whistle"), "a returned task takes no step")
        let returnedTask = try cluster.gridctlJSON(Inbox.self, ["--as", "dept:\(Self.squad)", "inbox", "--all"]).1?.tasks
        #expect(returnedTask?.first { $0.whistle == whistle }?.state == .returned)
        #expect(try cluster.gridctlJSON(Inbox.self, ["--as", "dept:\(Self.squad)", "inbox"]).1?.tasks.isEmpty == true)

        // A co part dropped: upheld with nobody named.
        try ok(cluster, ["--as", "dept:JD-LHSR", "return", whistle, "--reason", "无撒漏，无需保洁"])
        try ok(cluster, ["--as", Self.centre, "arbitrate", whistle, "--department", "JD-LHSR", "--uphold", "yes",
                         "--reason", "现场已清理"])
        let dropped = try eventually {
            try cluster.gridctlJSON(JSONValue.self, ["whistle", whistle]).1?["co"] == .array([.string("JD-JJ")])
        }
        #expect(dropped)

        // The new lead reports last: refused while JD-JJ works, named in `pending`.
        try ok(cluster, ["--as", "dept:JD-NX-SCJG", "sign", whistle])
        let early = try cluster.gridctl(["--json", "--as", "dept:JD-NX-SCJG", "report", whistle, "--summary", "已查处"])
        let coPending = try JSONCoding.decode(ProtocolError.self, from: Data(early.stdout.utf8))
        #expect(early.status == 1 && coPending.code == "co_pending" && coPending.pending == ["JD-JJ"], "\(early)")
        try ok(cluster, ["--as", "dept:JD-JJ", "sign", whistle])
        try ok(cluster, ["--as", "dept:JD-JJ", "report", whistle, "--summary", "已查扣车辆"])
        try ok(cluster, ["--as", "dept:JD-NX-SCJG", "report", whistle, "--summary", "已查处"])
        let reported = try eventually {
            try cluster.gridctlJSON(Timeline.self, ["--as", Self.grid, "timeline", whistle]).1?.phase == .reported
        }
        #expect(reported)

        // WhistleService follows only the arbitrations: a replay of that type alone says how far it looked.
        let client = try RawClient(cluster.config.endpoints.response.router)
        let sparse = try #require(try client.request(
            #"{"v":1,"cmd":"replay","body":{"stream":"response","after":0,"types":["arbitrated"]}}"#)).body(ReplayAnswer.self)
        #expect(sparse.events.count == 3)
        #expect(sparse.through == sparse.head)
        #expect(try client.request(#"{"v":1,"cmd":"replay","body":{"stream":"response","after":0,"types":[]}}"#)?.head.error?.at
                == "/body/types")
        let whistleStatus = try #require(try cluster.gridctlJSON(ServiceStatus.self, ["status", "whistle"]).1)
        #expect((whistleStatus.consumed["response"]?.last ?? 0) > 0, "its cursor moves past what it does not take")

        // Counted: every return for 退单率, a refused one for 退单不当率; a returned task leaves the
        // response figures.
        let (_, assessment) = try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment"])
        let byDepartment = Dictionary(uniqueKeysWithValues: (assessment?.departments ?? []).map { ($0.department, $0) })
        #expect(byDepartment[Self.squad].map { [$0.returnsRequested, $0.returnsArbitrated, $0.returnRefusals] } == [1, 1, 0])
        #expect(byDepartment[Self.squad]?.signForOnTimeRate == nil, "its only task was returned")
        #expect(byDepartment["JD-JJ"].map { [$0.returnsRequested, $0.returnsArbitrated, $0.returnRefusals] } == [1, 1, 1])
        #expect(byDepartment["JD-JJ"]?.returnRefusedRate == 1)
        #expect(byDepartment["JD-LHSR"].map { [$0.returnsArbitrated, $0.returnRefusals] } == [1, 0])
        // The timeline says who decided, when and why.
        let timeline = try #require(try cluster.gridctlJSON(Timeline.self, ["--as", Self.centre, "timeline", whistle]).1)
        let decisions = timeline.entries.filter { $0.type == "arbitrated" }
        #expect(decisions.count == 3)
        #expect(decisions.allSatisfy { $0.text.contains(Self.centre) })
        #expect(decisions.first?.text.contains("车辆违规上路需交警查处") == true)
        #expect(timeline.entries.filter { $0.type == "rerouted" }.count == 2)
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// Returned Monday 09:30 and not arbitrated by Tuesday 09:30: the whistle goes straight to the
    /// district, which arbitrates instead of the centre.
    @Test func aReturnNotArbitratedInTimeGoesToTheDistrict() throws {
        // Nothing else climbs the whistle: no level deadline falls, no red clock or stall climbs.
        let cluster = try Self.cluster { config in
            config.reference.response.district.levelDeadlines = try Array(repeating: Limit(parsing: "10 working days"), count: 4)
            config.reference.response.district.escalateOn = []
        }
        try cluster.start()
        let whistle = try raise(cluster, matter: "street-vending")
        try cluster.moveClock(["set", "2026-12-07T09:30:00+08:00"])
        try ok(cluster, ["--as", "dept:\(Self.squad)", "return", whistle, "--reason", "属市场监管"])
        try cluster.moveClock(["set", "2026-12-08T09:30:00+08:00"])
        #expect(try cluster.responseEvents("escalated").isEmpty, "the centre has until 09:30 itself")
        try cluster.moveClock(["set", "2026-12-08T09:30:01+08:00"])
        let referral = try #require(try cluster.responseEvents("escalated").first).payload(WhistleEscalated.self)
        #expect(referral.trigger == .arbitration)
        #expect(referral.level == 4)
        #expect(referral.coordinator == Principal(.district, "JD"))
        let decision = ["arbitrate", whistle, "--department", Self.squad, "--uphold", "yes", "--to", "JD-NX-SCJG",
                        "--reason", "无证摊贩属市场监管"]
        #expect(try cluster.gridctlRefusal(["--as", Self.centre] + decision) == Refusal(.forbidden, "not_permitted", at: "/as"))
        let district = try #require(try cluster.gridctlJSON(CoordinatorInbox.self, ["--as", "district:JD", "inbox"]).1)
        #expect(district.requests?.map { "\($0.department) \($0.referred ?? false)" } == ["\(Self.squad) true"])
        #expect(district.whistles.map(\.whistle) == [whistle])
        try ok(cluster, ["--as", "district:JD"] + decision)
        try cluster.awaitTask(whistle, of: "JD-NX-SCJG")
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    @Test func anExtensionApprovedMovesTheDeadlineAndOneRefusedLeavesIt() throws {
        let cluster = try Self.cluster()
        try cluster.start()
        let whistle = try raise(cluster, matter: "street-vending")
        try cluster.moveClock(["set", "2026-12-07T09:10:00+08:00"])
        try ok(cluster, ["--as", "dept:\(Self.squad)", "sign", whistle])
        func refusal(_ arguments: [String]) throws -> Refusal? { try cluster.gridctlRefusal(arguments) }
        let extend = ["--as", "dept:\(Self.squad)", "extend", whistle, "--reason", "需联系产权单位"]
        #expect(try refusal(extend + ["--until", "2026-12-08T09:00:00+08:00"]) == Refusal(.badRequest, "invalid_value", at: "/body/until"),
                "not later than the deadline itself")
        #expect(try refusal(extend + ["--until", "2026-12-07T09:00:00+08:00"]) == Refusal(.badRequest, "invalid_value", at: "/body/until"))
        try ok(cluster, extend + ["--until", "2026-12-09T17:00:00+08:00"])
        #expect(try refusal(extend + ["--until", "2026-12-10T17:00:00+08:00"]) == Refusal(.conflict, "already_requested", at: "/body/whistle"))
        let decide = ["decide", whistle, "--department", Self.squad, "--request", "extension", "--approve", "yes", "--reason", "同意"]
        #expect(try refusal(["--as", "dept:\(Self.squad)"] + decide) == Refusal(.forbidden, "not_permitted", at: "/as"))
        #expect(try refusal(["--as", "centre:JD-AT"] + decide) == Refusal(.forbidden, "not_permitted", at: "/as"))
        #expect(try refusal(["--as", Self.centre, "decide", whistle, "--department", Self.squad, "--request", "park",
                             "--approve", "yes", "--reason", "x"]) == Refusal(.notFound, "no_request", at: "/body/request"))
        try cluster.moveClock(["set", "2026-12-07T10:00:00+08:00"])
        let (approved, task) = try cluster.gridctlJSON(TaskView.self, ["--as", Self.centre] + decide)
        #expect(try task?.disposeDueAt == instant("2026-12-09T17:00:00+08:00"), "\(approved)")
        let decided = try #require(try cluster.responseEvents("decided").first).payload(RequestDecided.self)
        #expect(try decided == RequestDecided(whistle: whistle, department: Self.squad, role: .lead, request: .extension,
                                              approve: true, by: Principal(.centre, "JD-NX"), reason: "同意",
                                              disposeDueAt: instant("2026-12-09T17:00:00+08:00")))
        // The first deadline, Tuesday 09:00, passes quietly.
        try cluster.moveClock(["set", "2026-12-08T09:00:01+08:00"])
        #expect(try cluster.responseEvents("overdue").isEmpty)
        // A second extension, refused: the deadline stays.
        try ok(cluster, extend + ["--until", "2026-12-11T17:00:00+08:00"])
        try ok(cluster, ["--as", Self.centre, "decide", whistle, "--department", Self.squad, "--request", "extension",
                         "--approve", "no", "--reason", "可按期完成"])
        let inbox = try #require(try cluster.gridctlJSON(Inbox.self, ["--as", "dept:\(Self.squad)", "inbox"]).1)
        #expect(try inbox.tasks.first?.disposeDueAt == instant("2026-12-09T17:00:00+08:00"))
        #expect(inbox.tasks.first?.pending == nil)
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// Signed Monday 09:10, disposal due Tuesday 09:00 (1 working day from 09:00), level 1 due then
    /// too. Parked at 10:30 with 1 h 30 run and 6 h left, over the deadline; resumed Wednesday 09:00
    /// by the centre: due Wednesday 16:30 (09:00–11:30, 13:00–16:30). Parked again Wednesday 10:00
    /// (5 h left) until Thursday 09:00, when it resumes by itself: due Thursday 15:30.
    @Test func aParkSpansADeadlineAndResumesByCommandAndByDateWithTheTimeLeft() throws {
        let cluster = try Self.cluster()
        try cluster.start()
        let whistle = try raise(cluster, matter: "street-vending")
        try cluster.moveClock(["set", "2026-12-07T09:10:00+08:00"])
        try ok(cluster, ["--as", "dept:\(Self.squad)", "sign", whistle])
        try cluster.moveClock(["set", "2026-12-07T10:00:00+08:00"])
        try ok(cluster, ["--as", "dept:\(Self.squad)", "park", whistle, "--reason", "需待雨季后施工"])
        try cluster.moveClock(["set", "2026-12-07T10:30:00+08:00"])
        let park = ["decide", whistle, "--department", Self.squad, "--request", "park", "--approve", "yes", "--reason", "同意挂账"]
        let (parkedRun, parked) = try cluster.gridctlJSON(TaskView.self, ["--as", Self.centre] + park)
        #expect(try parked?.parkedAt == instant("2026-12-07T10:30:00+08:00"), "\(parkedRun)")
        func refusal(_ arguments: [String]) throws -> Refusal? { try cluster.gridctlRefusal(arguments) }
        let wrongState = Refusal(.conflict, "wrong_state", at: "/body/whistle")
        #expect(try refusal(["--as", "dept:\(Self.squad)", "report", whistle, "--summary", "done"]) == wrongState)
        #expect(try refusal(["--as", "dept:\(Self.squad)", "park", whistle, "--reason", "again"]) == wrongState)
        try ok(cluster, ["--as", "dept:\(Self.squad)", "progress", whistle, "--note", "已联系施工队"])
        #expect(try refusal(["--as", "dept:\(Self.squad)", "resume", whistle]) == Refusal(.forbidden, "not_permitted", at: "/as"))
        #expect(try refusal(["--as", "centre:JD-AT", "resume", whistle]) == Refusal(.forbidden, "not_permitted", at: "/as"))

        try cluster.moveClock(["set", "2026-12-08T09:00:01+08:00"])
        #expect(try cluster.responseEvents("overdue").isEmpty, "a parked clock does not run out")
        #expect(try cluster.responseEvents("escalated").isEmpty)
        try cluster.moveClock(["set", "2026-12-09T09:00:00+08:00"])
        try ok(cluster, ["--as", Self.centre, "resume", whistle])
        #expect(try refusal(["--as", Self.centre, "resume", whistle]) == wrongState, "no longer parked")
        let resumed = try #require(try cluster.responseEvents("resumed").first).payload(TaskResumed.self)
        #expect(resumed.by == Principal(.centre, "JD-NX"))
        #expect(try resumed.disposeDueAt == instant("2026-12-09T16:30:00+08:00"))
        let level = try #require(try cluster.responseEvents("levelLight").last).payload(LevelLightChanged.self)
        #expect(try level.dueAt == instant("2026-12-09T16:30:00+08:00"))

        try cluster.moveClock(["set", "2026-12-09T10:00:00+08:00"])
        try ok(cluster, ["--as", "dept:\(Self.squad)", "park", whistle, "--reason", "等待管线迁移",
                         "--resume-at", "2026-12-10T09:00:00+08:00"])
        try ok(cluster, ["--as", Self.centre] + park)
        try cluster.moveClock(["set", "2026-12-10T09:00:00+08:00"])
        let byDate = try #require(try cluster.responseEvents("resumed").last)
        #expect(try byDate.head.time == instant("2026-12-10T09:00:00+08:00"))
        #expect(try byDate.payload(TaskResumed.self).by == nil)
        #expect(try byDate.payload(TaskResumed.self).disposeDueAt == instant("2026-12-10T15:30:00+08:00"))
        let timeline = try #require(try cluster.gridctlJSON(Timeline.self, ["--as", Self.centre, "timeline", whistle]).1)
        #expect(timeline.entries.filter { $0.type == "decided" }.allSatisfy { $0.text.contains("同意挂账") && $0.text.contains(Self.centre) })
        #expect(timeline.entries.filter { $0.type == "resumed" }.count == 2)
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// 防汛防台 while parked: a weather alert declared over the town while the whistle is parked
    /// moves nothing then, and halves the time left at the resume. loose-billboard (a storm
    /// matter) signed Monday 09:10 and parked at 10:00 has 6 h 30 of its working day left;
    /// resumed Tuesday 09:00, that is halved to 3 h 15: due 13:45 (09:00–11:30, then 13:00–13:45).
    @Test func aWeatherAlertMetWhileParkedAppliesAtTheResume() throws {
        let cluster = try Self.cluster { config in
            let index = try #require(config.reference.matters.firstIndex { $0.id == "loose-billboard" })
            config.reference.matters[index].urgencies[.urgent] = StepLimits(
                signFor: try Limit(parsing: "1 working hour"), dispose: try Limit(parsing: "1 working day"))
        }
        try cluster.start()
        let whistle = try raise(cluster, matter: "loose-billboard")
        try ok(cluster, ["--as", "dept:\(Self.squad)", "sign", whistle])
        try cluster.moveClock(["set", "2026-12-07T10:00:00+08:00"])
        try ok(cluster, ["--as", "dept:\(Self.squad)", "park", whistle, "--reason", "等待吊车"])
        try ok(cluster, ["--as", Self.centre, "decide", whistle, "--department", Self.squad, "--request", "park",
                         "--approve", "yes", "--reason", "同意"])
        try cluster.moveClock(["set", "2026-12-07T11:00:00+08:00"])
        try ok(cluster, ["--as", "district:JD", "alert", "declare", "--town", "JD-NX", "--reason", "台风橙色预警"])
        let declared = try eventually {
            try cluster.gridctlJSON(ServiceStatus.self, ["status", "response"]).1?.consumed["whistle"]?.last
                == cluster.gridctlJSON(ServiceStatus.self, ["status", "whistle"]).1?.head
        }
        #expect(declared)
        #expect(try cluster.responseEvents("light", of: Self.squad).isEmpty, "a parked clock is not halved")
        try cluster.moveClock(["set", "2026-12-08T09:00:00+08:00"])
        try ok(cluster, ["--as", Self.centre, "resume", whistle])
        let moved = try #require(try cluster.responseEvents("light", of: Self.squad).last).payload(TaskLightChanged.self)
        #expect(moved.clock == .dispose)
        #expect(try moved.dueAt == instant("2026-12-08T13:45:00+08:00"))
        let inbox = try #require(try cluster.gridctlJSON(Inbox.self, ["--as", "dept:\(Self.squad)", "inbox"]).1)
        #expect(try inbox.tasks.first { $0.whistle == whistle }?.disposeDueAt == instant("2026-12-08T13:45:00+08:00"))
        let level = try #require(try cluster.responseEvents("levelLight").last).payload(LevelLightChanged.self)
        #expect(try level.dueAt == instant("2026-12-08T13:45:00+08:00"), "the level clock too")
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// A void that EvaluationService applies first closes the whistle as voided; one that comes
    /// after the grid's evaluation was applied is too late. To make the second race happen for
    /// sure, WhistleService is kept from learning the closure: it is stopped while the grid
    /// evaluates, and started again only once EvaluationService is down.
    @Test func aVoidWinsOrLosesTheRaceWithTheEvaluation() throws {
        let cluster = try Self.cluster()
        try cluster.start()
        func refusal(_ arguments: [String]) throws -> Refusal? { try cluster.gridctlRefusal(arguments) }
        let first = try raise(cluster, matter: "street-vending")
        let void = ["void", first, "--reason", "重复吹哨"]
        #expect(try refusal(["--as", "centre:JD-AT"] + void) == Refusal(.forbidden, "not_permitted", at: "/as"))
        #expect(try refusal(["--as", "dept:\(Self.squad)"] + void) == Refusal(.forbidden, "not_permitted", at: "/as"))
        #expect(try refusal(["--as", Self.grid] + void) == Refusal(.forbidden, "not_permitted", at: "/as"))
        #expect(try refusal(["--as", Self.centre, "void", first, "--reason", ""]) == Refusal(.badRequest, "invalid_value", at: "/body/reason"))
        #expect(try refusal(["--as", Self.centre, "void", "W0-404", "--reason", "x"]) == Refusal(.notFound, "unknown_whistle", at: "/body/whistle"))
        try ok(cluster, ["--as", Self.centre] + void)
        #expect(try refusal(["--as", Self.centre] + void) == Refusal(.conflict, "wrong_state", at: "/body/whistle"))
        let voided = try eventually {
            try cluster.gridctlJSON(JSONValue.self, ["whistle", first]).1?["outcome"] == .string("voided")
        }
        #expect(voided)
        #expect(try refusal(["--as", "dept:\(Self.squad)", "sign", first]) == Refusal(.conflict, "wrong_state", at: "/body/whistle"))
        #expect(try refusal(["--as", Self.grid, "evaluate", first, "--solved", "yes", "--satisfaction", "satisfied"])
                == Refusal(.conflict, "wrong_state", at: "/body/whistle"))
        let timeline = try #require(try cluster.gridctlJSON(Timeline.self, ["--as", Self.centre, "timeline", first]).1)
        #expect(timeline.outcome == .voided)
        #expect(timeline.entries.contains { $0.type == "voided" && $0.text.contains(Self.centre) && $0.text.contains("重复吹哨") })
        let (_, assessment) = try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment", "--department", Self.squad])
        #expect(assessment?.departments.first?.dispatched == 0, "a voided whistle is outside every figure")

        let second = try raise(cluster, matter: "street-vending")
        try ok(cluster, ["--as", "dept:\(Self.squad)", "sign", second])
        try ok(cluster, ["--as", "dept:\(Self.squad)", "report", second, "--summary", "已劝离"])
        let reported = try eventually {
            try cluster.gridctlJSON(Timeline.self, ["--as", Self.grid, "timeline", second]).1?.phase == .reported
        }
        #expect(reported)
        #expect(cluster.stop(.whistle) == 0)
        try ok(cluster, ["--as", Self.grid, "evaluate", second, "--solved", "yes", "--satisfaction", "satisfied"])
        #expect(cluster.stop(.evaluation) == 0)
        try cluster.start([.whistle])
        try ok(cluster, ["--as", Self.centre, "void", second, "--reason", "误报"])
        try cluster.start([.evaluation])
        let tooLate = try eventually {
            try cluster.gridctlJSON(Timeline.self, ["--as", Self.centre, "timeline", second]).1?.entries
                .contains { $0.type == "voided" && $0.text.contains("too late") } == true
        }
        #expect(tooLate)
        let outcome = try eventually {
            try cluster.gridctlJSON(JSONValue.self, ["whistle", second]).1?["outcome"] == .string("evaluated")
        }
        #expect(outcome, "the evaluation applied first wins")
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// With the standard cap of 2, the third "not solved" still reworks, and it climbs the whistle
    /// from the unit grid to the area.
    @Test func aNotSolvedBeyondTheReworkCapAlsoClimbsALevel() throws {
        let cluster = try Self.cluster()
        try cluster.start()
        let whistle = try raise(cluster, matter: "street-vending")
        try ok(cluster, ["--as", "dept:\(Self.squad)", "sign", whistle])
        for round in 1...3 {
            try ok(cluster, ["--as", "dept:\(Self.squad)", "report", whistle, "--summary", "第\(round)次处置"])
            let reported = try eventually {
                try cluster.gridctlJSON(Timeline.self, ["--as", Self.grid, "timeline", whistle]).1?.phase == .reported
            }
            #expect(reported)
            #expect(try cluster.responseEvents("escalated").isEmpty, "no climb before the cap is passed")
            try ok(cluster, ["--as", Self.grid, "evaluate", whistle, "--solved", "no", "--satisfaction", "dissatisfied"])
            try cluster.awaitTaskState(whistle, of: Self.squad, .signed)
        }
        let climb = try #require(try firstValue { try cluster.responseEvents("escalated").first }).payload(WhistleEscalated.self)
        #expect(climb.trigger == .reworkCap)
        #expect(climb.level == 2)
        #expect(climb.coordinator == Principal(.grid, "JD-NX-A01"))
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    // MARK: - Helpers

    /// The embedded configuration with muck-truck (urgent) and street-vending (normal) signed for
    /// within 1 working hour and disposed of within 1 working day, on the test clock from Monday
    /// 2026-12-07 09:00.
    static func cluster(_ adjust: @escaping (inout DeploymentConfig) throws -> Void = { _ in }) throws -> Cluster {
        try Cluster(testClock: "2026-12-07T09:00:00+08:00") { config in
            for (matter, urgency) in [("muck-truck", Urgency.urgent), ("street-vending", .normal)] {
                let index = try #require(config.reference.matters.firstIndex { $0.id == matter })
                config.reference.matters[index].urgencies[urgency] = StepLimits(
                    signFor: try Limit(parsing: "1 working hour"), dispose: try Limit(parsing: "1 working day"))
            }
            try adjust(&config)
        }
    }

    /// Raises a whistle from the 南翔 micro grid and waits for its lead's task.
    private func raise(_ cluster: Cluster, matter: String) throws -> String {
        let (raised, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", Self.grid, "raise", "--matter", matter, "--description", "渣土车撒漏"])
        let whistle = try #require(accepted, "\(raised)")
        try cluster.awaitTask(whistle.whistle, of: whistle.lead)
        return whistle.whistle
    }

    private func ok(_ cluster: Cluster, _ arguments: [String]) throws {
        let result = try cluster.gridctl(arguments)
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result)")
    }
}
