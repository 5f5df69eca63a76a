import Foundation
import GridDomain
import GridWire
import SQLite
import Testing

/// Deadlines on the working calendar, with time moved across processes by the test clock, and the
/// rework loop (返工) of a "not solved" verdict.
@Suite(.serialized) struct ClockAndReworkTests {
    @Test func aLateSignatureCountsAgainstTheDepartmentWhenTheTestClockMovesPastItsDeadline() throws {
        // Tuesday 2026-12-01 09:00 in Shanghai, a working day.
        let cluster = try Cluster(testClock: "2026-12-01T09:00:00+08:00")
        try cluster.start()
        let grid = "grid:JD-JDZ-A01-G01-M01"
        let (raised, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", grid, "raise", "--matter", "food-safety", "--description", "熟食店卫生问题"])
        let whistle = try #require(accepted, "\(raised)")
        #expect(whistle.lead == "JD-JDZ-SCJG")
        #expect(whistle.whistle.hasPrefix("W20261201-"))

        let dispatched = try firstValue {
            try cluster.gridctlJSON(Inbox.self, ["--as", "dept:JD-JDZ-SCJG", "inbox"]).1?.tasks.first
        }
        let task = try #require(dispatched)
        // Sign for within 1 working day: Wednesday 09:00; dispose within 5 working days: next Tuesday 09:00.
        #expect(task.signDueAt == Instant(try #require(Timestamp.parse("2026-12-02T09:00:00+08:00"))))
        #expect(task.disposeDueAt == Instant(try #require(Timestamp.parse("2026-12-08T09:00:00+08:00"))))

        let moved = try cluster.gridctl(["clock", "set", "2026-12-02T10:00:00+08:00"])
        #expect(moved.status == 0, "\(moved)")
        #expect(try cluster.gridctl(["--as", "dept:JD-JDZ-SCJG", "sign", whistle.whistle]).status == 0)
        let late = try eventually {
            let (_, assessment) = try cluster.gridctlJSON(Assessment.self, [
                "--as", "observer:office", "assessment", "--period", "2026-12", "--department", "JD-JDZ-SCJG"])
            return assessment?.departments.first.map { $0.signForDue == 1 && $0.signedForOnTime == 0 } ?? false
        }
        #expect(late, "signed a day late: its deadline fell due, and it was not met")
        // The timeline's signed entry is the response event that says it was late.
        let (_, timeline) = try cluster.gridctlJSON(Timeline.self, ["--as", grid, "timeline", whistle.whistle])
        let entry = try #require(timeline?.entries.first { $0.type == "signed" })
        #expect(entry.stream == .response)
        #expect(entry.department == "JD-JDZ-SCJG")
        let responses = try RawClient(cluster.config.endpoints.response.router)
        let reply = try #require(try responses.request(
            #"{"v":1,"cmd":"replay","body":{"stream":"response","after":\#(entry.seq - 1),"limit":1}}"#))
        let event = try ReceivedEvent(decoding: JSONCoding.encode(try #require(try reply.body(ReplayAnswer.self).events.first)))
        #expect(event.head.seq == entry.seq)
        #expect(event.head.type == "signed")
        let signed = try event.payload(TaskSigned.self)
        #expect(signed.whistle == whistle.whistle)
        #expect(signed.dueAt == task.signDueAt)
        #expect(!signed.onTime)
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// A whistle's id carries the local date it was raised: one raised a second before midnight in
    /// Shanghai and one at midnight carry two dates, and their numbers follow on.
    @Test func aWhistleIdCarriesTheLocalDateItWasRaisedAcrossMidnight() throws {
        let cluster = try Cluster(testClock: "2026-12-01T23:59:59+08:00")
        try cluster.start()
        func raise() throws -> String {
            let (raised, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
                "--as", "grid:JD-JDZ-A01-G01-M01", "raise", "--matter", "food-safety", "--description", "夜间占道经营"])
            return try #require(accepted, "\(raised)").whistle
        }
        #expect(try raise() == "W20261201-000001")
        let moved = try cluster.gridctl(["clock", "set", "2026-12-02T00:00:00+08:00"])
        #expect(moved.status == 0, "\(moved)")
        #expect(try raise() == "W20261202-000002")
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    @Test func notSolvedSendsTheWhistleBackToTheLeadWhoReportsAgainBeforeItCloses() throws {
        let cluster = try Cluster()
        try cluster.start()
        let grid = "grid:JD-NX-A02-G01-M01"
        let (_, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", grid, "raise", "--matter", "exposed-garbage", "--description", "路边垃圾堆放"])
        let whistle = try #require(accepted)
        let lead = "dept:\(whistle.lead)"
        let watcher = try Subscriber(cluster.config.endpoints.response.pub, topics: ["dept.\(whistle.lead).reopened."])
        let signed = try eventually { try cluster.gridctl(["--as", lead, "sign", whistle.whistle]).status == 0 }
        #expect(signed)
        #expect(try cluster.gridctl(["--as", lead, "report", whistle.whistle, "--summary", "已清运"]).status == 0)
        let firstReport = try eventually {
            try cluster.gridctlJSON(Timeline.self, ["--as", grid, "timeline", whistle.whistle]).1?.phase == .reported
        }
        #expect(firstReport)
        let (_, first) = try cluster.gridctlJSON(EvaluationAccepted.self, [
            "--as", grid, "evaluate", whistle.whistle, "--solved", "no", "--satisfaction", "dissatisfied"])
        #expect(first?.outcome == .rework)
        let reopened = try #require(try watcher.next("dept.\(whistle.lead).reopened."))
        #expect(try reopened.event.payload(TaskReopened.self).round == 2)

        let reportedAgain = try eventually {
            try cluster.gridctl(["--as", lead, "report", whistle.whistle, "--summary", "已彻底清理并设置围挡"]).status == 0
        }
        #expect(reportedAgain)
        let secondReport = try eventually {
            try cluster.gridctlJSON(Timeline.self, ["--as", grid, "timeline", whistle.whistle]).1?.phase == .reported
        }
        #expect(secondReport)
        let (_, second) = try cluster.gridctlJSON(EvaluationAccepted.self, [
            "--as", grid, "evaluate", whistle.whistle, "--solved", "yes", "--satisfaction", "basic"])
        #expect(second?.outcome == .closed)
        #expect(second?.round == 2)

        let (_, assessment) = try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment", "--department", whistle.lead])
        let counts = try #require(assessment?.departments.first)
        #expect(counts.evaluations == 2)
        #expect(counts.solvedRate == 0.5)
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    @Test func aCoDepartmentAloneCanBeSentBackAndTheLeadIsNotAskedAgain() throws {
        let cluster = try Cluster()
        try cluster.start()
        let grid = "grid:JD-NX-A01-G01-M01"
        let (_, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", grid, "raise", "--matter", "illegal-construction", "--description", "屋顶违法搭建"])
        let whistle = try #require(accepted)
        let co = try #require(whistle.co.first)
        #expect(whistle.lead == "JD-NX-CGZF")
        let leadSigned = try eventually { try cluster.gridctl(["--as", "dept:JD-NX-CGZF", "sign", whistle.whistle]).status == 0 }
        #expect(leadSigned)
        // The lead reports last (主办 after 协办).
        #expect(try cluster.gridctlRefusal(["--as", "dept:JD-NX-CGZF", "report", whistle.whistle, "--summary", "已责令停工"])
                == Refusal(.conflict, "co_pending", at: "/body/whistle"))
        #expect(try cluster.gridctl(["--as", "dept:\(co)", "sign", whistle.whistle]).status == 0)
        #expect(try cluster.gridctl(["--as", "dept:\(co)", "report", whistle.whistle, "--summary", "已核查产权"]).status == 0)
        #expect(try cluster.gridctl(["--as", "dept:JD-NX-CGZF", "report", whistle.whistle, "--summary", "已责令停工"]).status == 0)
        let firstReport = try eventually {
            try cluster.gridctlJSON(Timeline.self, ["--as", grid, "timeline", whistle.whistle]).1?.phase == .reported
        }
        #expect(firstReport)
        #expect(try cluster.gridctl(["--as", grid, "evaluate", whistle.whistle, "--solved", "no", "--satisfaction", "dissatisfied",
                                     "--comment", "产权核查不完整", "--redo", co]).status == 0)

        // Round 2 awaits only the co-department; the lead is not asked again.
        let reopened = try eventually { try cluster.gridctl(["--as", "dept:\(co)", "report", whistle.whistle, "--summary", "补充核查"]).status == 0 }
        #expect(reopened)
        let secondReport = try eventually {
            try cluster.gridctlJSON(Timeline.self, ["--as", grid, "timeline", whistle.whistle]).1?.phase == .reported
        }
        #expect(secondReport)
        let (_, closed) = try cluster.gridctlJSON(EvaluationAccepted.self, [
            "--as", grid, "evaluate", whistle.whistle, "--solved", "yes", "--satisfaction", "satisfied"])
        #expect(closed?.outcome == .closed)
        #expect(closed?.round == 2)

        // What the grid said is not stored beside who said it.
        for (service, code) in cluster.stopAll() { #expect(code == 0, "\(service.rawValue)") }
        let database = try Database(path: cluster.directory.appendingPathComponent("data/evaluation.sqlite").path)
        let remembered = try database.query("SELECT principal, request FROM commands").compactMap { $0.string(1) }
        #expect(remembered.count == 2)
        #expect(remembered.allSatisfy { !$0.contains("dissatisfied") && !$0.contains("产权核查不完整") })
        // Two evaluations of a joint case: a sealed ballot for each of its two departments, each
        // time, all of one length, beside the release group alone; fewer than K, so none released.
        let ballots = try database.query("SELECT release_group, sealed FROM ballots")
        #expect(ballots.count == 4)
        #expect(Set(ballots.compactMap { $0.data("sealed")?.count }).count == 1)
        #expect(Set(ballots.compactMap { $0.string("release_group") }).count == 1)
        #expect(try database.query("PRAGMA table_info(ballots)").compactMap { $0.string(1) } == ["id", "release_group", "sealed"])
        #expect(try database.queryFirst("SELECT COUNT(*) FROM comments")?.int(0) == 0)
    }
}
