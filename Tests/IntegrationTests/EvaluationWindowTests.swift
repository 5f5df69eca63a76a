import Foundation
import GridDomain
import GridWire
import Testing

/// The evaluation window (评价期限) across the three processes, on the test clock: a whistle left
/// unevaluated for `windowDays` after report-back closes as not evaluated (逾期未评价).
@Suite(.serialized) struct EvaluationWindowTests {
    /// 食品安全投诉 in 嘉定镇街道: one department, JD-JDZ-SCJG, no co-department.
    let grid = "grid:JD-JDZ-A01-G01-M01"
    let lead = "JD-JDZ-SCJG"
    /// The sample's `windowDays`, in seconds of natural time.
    let window: TimeInterval = 7 * 86_400
    /// Where the test clocks start: Tuesday 2026-12-01 09:00 in Shanghai.
    let start = "2026-12-01T09:00:00+08:00"

    @Test func aWhistleLeftUnevaluatedClosesNotEvaluatedAtTheEndOfItsWindow() throws {
        let cluster = try Cluster(testClock: start)
        try cluster.start()
        let closings = try Subscriber(cluster.config.endpoints.evaluation.pub, topics: ["evaluation.closed."])
        let whistle = try raiseAndReportBack(cluster)
        let end = try reportBackTime(cluster, whistle).addingTimeInterval(window)

        try advance(cluster, by: window + 60)
        let closing = try #require(try closings.next("evaluation.closed."))
        let closed = try closing.event.payload(WhistleClosed.self)
        #expect(closed == WhistleClosed(whistle: whistle, round: 1, outcome: .notEvaluated))
        #expect(closing.event.head.time == Instant(end), "the window's end, not the time the clock moved to")

        let whistleClosed = try eventually {
            let view = try cluster.gridctlJSON(JSONValue.self, ["whistle", whistle]).1
            return view?["state"] == .string("closed") && view?["outcome"] == .string("not_evaluated")
        }
        #expect(whistleClosed, "WhistleService applied the closure and keeps its outcome")
        let taskClosed = try eventually {
            try cluster.gridctlJSON(Inbox.self, ["--as", "dept:\(lead)", "inbox", "--all"]).1?
                .tasks.first { $0.whistle == whistle }?.state == .closed
        }
        #expect(taskClosed, "ResponseService closed the department's task")

        let late = try cluster.gridctlRefusal(["--as", grid, "evaluate", whistle, "--solved", "yes", "--satisfaction", "satisfied"])
        #expect(late == Refusal(.conflict, "evaluation_window_closed", at: "/body/whistle"))

        let (_, timeline) = try cluster.gridctlJSON(Timeline.self, ["--as", grid, "timeline", whistle])
        #expect(timeline?.phase == .closed)
        #expect(timeline?.outcome == .notEvaluated)
        let last = try #require(timeline?.entries.last)
        #expect(last.type == "closed")
        #expect(last.stream == .evaluation)
        #expect(last.seq == closing.event.head.seq)
        #expect(last.time == Instant(end))
        #expect(timeline?.entries.contains { $0.type == "evaluated" } == false)

        // Counted apart: closed, and of those not evaluated; no verdict, no opinion.
        let (_, assessment) = try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment", "--department", lead])
        let counts = try #require(assessment?.departments.first)
        #expect(counts.closeHours?.count == 1, "closed in the period")
        #expect(counts.evaluations == 0)
        #expect(counts.solvedRate == nil)
        #expect(counts.satisfactionRate == nil)
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    @Test func anEvaluationWithinTheWindowEndsItSoNothingClosesTheWhistleAgain() throws {
        let cluster = try Cluster(testClock: start)
        try cluster.start()
        let whistle = try raiseAndReportBack(cluster)
        try move(cluster, to: try date(start).addingTimeInterval(86_400))
        let (evaluated, accepted) = try cluster.gridctlJSON(EvaluationAccepted.self, [
            "--as", grid, "evaluate", whistle, "--solved", "yes", "--satisfaction", "satisfied"])
        #expect(accepted?.outcome == .closed, "\(evaluated)")
        let head = try #require(try cluster.gridctlJSON(ServiceStatus.self, ["status", "evaluation"]).1).head
        #expect(head == 2, "evaluated, then closed")

        let moved = Instant(try date(start).addingTimeInterval(86_400 + window))
        try move(cluster, to: moved.date)
        // The clock's reply comes only after what it made due has fired and committed, so a status
        // read after it shows anything the window could have done.
        let status = try #require(try cluster.gridctlJSON(ServiceStatus.self, ["status", "evaluation"]).1)
        #expect(status.head == head, "no second closed event")
        #expect(status.counters["dueArmed"] == 1, "the window is disarmed: only the hourly colour review waits")
        let view = try cluster.gridctlJSON(JSONValue.self, ["whistle", whistle]).1
        #expect(view?["outcome"] == .string("evaluated"))
        let (_, assessment) = try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment", "--department", lead])
        #expect(assessment?.departments.first?.evaluations == 1)
        let again = try cluster.gridctlRefusal(["--as", grid, "evaluate", whistle, "--solved", "yes", "--satisfaction", "satisfied"])
        #expect(again == Refusal(.conflict, "already_evaluated", at: "/body/whistle"))
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    @Test func aReworkRoundOpensANewWindowAtItsOwnReportBack() throws {
        let cluster = try Cluster(testClock: start)
        try cluster.start()
        let closings = try Subscriber(cluster.config.endpoints.evaluation.pub, topics: ["evaluation.closed."])
        let whistle = try raiseAndReportBack(cluster)
        let firstEnd = try reportBackTime(cluster, whistle).addingTimeInterval(window)
        try move(cluster, to: try date(start).addingTimeInterval(86_400))
        let (sentBack, rework) = try cluster.gridctlJSON(EvaluationAccepted.self, [
            "--as", grid, "evaluate", whistle, "--solved", "no", "--satisfaction", "dissatisfied"])
        #expect(rework?.outcome == .rework, "\(sentBack)")

        try move(cluster, to: try date(start).addingTimeInterval(3 * 86_400))
        let reported = try eventually {
            try cluster.gridctl(["--as", "dept:\(lead)", "report", whistle, "--summary", "已复查整改"]).status == 0
        }
        #expect(reported)
        let awaiting = try eventually {
            try cluster.gridctlJSON(Timeline.self, ["--as", grid, "timeline", whistle]).1?.phase == .reported
        }
        #expect(awaiting)
        let secondEnd = try reportBackTime(cluster, whistle).addingTimeInterval(window)
        #expect(secondEnd > firstEnd.addingTimeInterval(86_400))

        // Past the first round's end: that window was ended by the evaluation, and the clock's
        // reply comes after whatever fell due, so the whistle still awaiting evaluation is proof.
        try move(cluster, to: firstEnd.addingTimeInterval(3_600))
        let (_, waiting) = try cluster.gridctlJSON(Timeline.self, ["--as", grid, "timeline", whistle])
        #expect(waiting?.phase == .reported)
        #expect(waiting?.outcome == nil)

        try move(cluster, to: secondEnd.addingTimeInterval(60))
        let closing = try #require(try closings.next("evaluation.closed."))
        #expect(try closing.event.payload(WhistleClosed.self) == WhistleClosed(whistle: whistle, round: 2, outcome: .notEvaluated))
        #expect(closing.event.head.time == Instant(secondEnd))
        let (_, assessment) = try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment", "--department", lead])
        let counts = try #require(assessment?.departments.first)
        #expect(counts.evaluations == 1, "the round-1 verdict only")
        #expect(counts.solvedRate == 0)
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    @Test func theTimelineShowsADepartmentsClockRunningOut() throws {
        let cluster = try Cluster(testClock: start)
        try cluster.start()
        let (raised, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", grid, "raise", "--matter", "food-safety", "--description", "熟食店卫生问题"])
        let whistle = try #require(accepted, "\(raised)").whistle
        let dispatched = try firstValue {
            try cluster.gridctlJSON(Inbox.self, ["--as", "dept:\(lead)", "inbox"]).1?.tasks.first { $0.whistle == whistle }
        }
        let task = try #require(dispatched)
        // Not signed for by its deadline (1 working day): the sign-for clock runs out.
        try move(cluster, to: task.signDueAt.date.addingTimeInterval(60))
        let shown = try firstValue {
            try cluster.gridctlJSON(Timeline.self, ["--as", grid, "timeline", whistle]).1?.entries.first { $0.type == "overdue" }
        }
        let entry = try #require(shown, "the timeline shows dept.\(lead).overdue.")
        #expect(entry.stream == .response)
        #expect(entry.department == lead)
        #expect(entry.time > task.signDueAt)
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    // MARK: helpers

    /// Raises a food-safety whistle, and has its lead sign for it and report it done; returns the
    /// whistle once EvaluationService has it awaiting evaluation (待评价).
    private func raiseAndReportBack(_ cluster: Cluster) throws -> String {
        let (raised, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", grid, "raise", "--matter", "food-safety", "--description", "熟食店卫生问题"])
        let whistle = try #require(accepted, "\(raised)")
        #expect(whistle.lead == lead)
        #expect(whistle.co.isEmpty)
        let signed = try eventually { try cluster.gridctl(["--as", "dept:\(lead)", "sign", whistle.whistle]).status == 0 }
        #expect(signed)
        let report = try cluster.gridctl(["--as", "dept:\(lead)", "report", whistle.whistle, "--summary", "已责令整改"])
        #expect(report.status == 0, "\(report)")
        let awaiting = try eventually {
            try cluster.gridctlJSON(Timeline.self, ["--as", grid, "timeline", whistle.whistle]).1?.phase == .reported
        }
        #expect(awaiting)
        return whistle.whistle
    }

    /// When the current round was reported back: the time of the whistle's last `reported` entry.
    private func reportBackTime(_ cluster: Cluster, _ whistle: String) throws -> Date {
        let (_, timeline) = try cluster.gridctlJSON(Timeline.self, ["--as", grid, "timeline", whistle])
        return try #require(timeline?.entries.last { $0.type == "reported" }).time.date
    }

    /// Moves the three test clocks by `seconds` (`gridctl clock advance`).
    private func advance(_ cluster: Cluster, by seconds: TimeInterval) throws {
        let moved = try cluster.gridctl(["clock", "advance", String(seconds)])
        #expect(moved.status == 0, "\(moved)")
    }

    /// Sets the three test clocks to `time` (`gridctl clock set`). Either reply comes after what
    /// the move made due has fired.
    private func move(_ cluster: Cluster, to time: Date) throws {
        let moved = try cluster.gridctl(["clock", "set", Timestamp.format(time)])
        #expect(moved.status == 0, "\(moved)")
    }

    private func date(_ text: String) throws -> Date {
        try #require(Timestamp.parse(text))
    }
}
