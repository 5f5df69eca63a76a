import Foundation
import GridDomain
import GridWire
import SQLite
import Testing

/// One whistle through the whole loop, across the three services as separate processes.
@Suite(.serialized) struct WholeLoopTests {
    let grid = "JD-NX-A01-G01-M01"
    let squad = "JD-NX-CGZF"

    @Test func oneWhistleTravelsTheWholeLoopAndEachPartySeesItsPart() throws {
        let cluster = try Cluster()
        try cluster.start()
        // The 南翔 squad's topic, and 安亭's, which must stay silent; the heartbeat proves we are connected.
        let watcher = try Subscriber(cluster.config.endpoints.response.pub,
                                     topics: ["dept.\(squad).", "dept.JD-AT-CGZF.", "status.response."])
        #expect(try watcher.next("status.response.") != nil)

        let (raised, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", "grid:\(grid)", "raise", "--matter", "muck-truck", "--description", "渣土车沿路撒漏",
            "--location", "沪宜公路 嘉前路口", "--evidence", "photo:nx-0001"])
        let whistle = try #require(accepted, "\(raised)")
        #expect(whistle.lead == squad)
        #expect(whistle.co == ["JD-LHSR", "JD-JJ"])
        #expect(whistle.urgency == .urgent)

        let dispatched = try #require(try watcher.next("dept.\(squad).dispatched."))
        let task = try dispatched.event.payload(TaskDispatched.self)
        #expect(task.whistle == whistle.whistle)
        #expect(task.role == .lead)
        // A heartbeat at or past the dispatch follows everything it published: none of it was for 安亭.
        var topics: [String] = []
        var caughtUp = false
        while !caughtUp, let (topic, event) = try watcher.next("") {
            topics.append(topic)
            caughtUp = topic.hasPrefix("status.response.") && event.head.seq >= dispatched.event.head.seq
        }
        #expect(caughtUp)
        #expect(topics.allSatisfy { !$0.hasPrefix("dept.JD-AT-CGZF.") }, "\(topics)")

        let inboxHasIt = try eventually {
            let (_, inbox) = try cluster.gridctlJSON(Inbox.self, ["--as", "dept:\(squad)", "inbox"])
            return inbox?.tasks.contains { $0.whistle == whistle.whistle && $0.state == .dispatched } ?? false
        }
        #expect(inboxHasIt)

        let signed = try cluster.gridctl(["--as", "dept:\(squad)", "sign", whistle.whistle])
        #expect(signed.status == 0, "\(signed)")
        // 主办 reports last: while its co-departments (协办) work, the lead is told which.
        let early = try cluster.gridctl(["--json", "--as", "dept:\(squad)", "report", whistle.whistle, "--summary", "已冲洗路面"])
        #expect(early.status == 1)
        let coPending = try JSONCoding.decode(ProtocolError.self, from: Data(early.stdout.utf8))
        #expect(coPending.code == "co_pending")
        #expect(coPending.pending == ["JD-JJ", "JD-LHSR"])
        for co in ["JD-LHSR", "JD-JJ"] {
            #expect(try cluster.gridctl(["--as", "dept:\(co)", "sign", whistle.whistle]).status == 0)
            let done = try cluster.gridctl(["--as", "dept:\(co)", "report", whistle.whistle, "--summary", "已配合处置"])
            #expect(done.status == 0, "\(done)")
        }
        let reported = try cluster.gridctl(["--as", "dept:\(squad)", "report", whistle.whistle, "--summary", "已冲洗路面，车辆已查处"])
        #expect(reported.status == 0, "\(reported)")
        #expect(try watcher.next("dept.\(squad).reported.") != nil)

        let awaitingEvaluation = try eventually {
            try cluster.gridctlJSON(Timeline.self, ["--as", "grid:\(grid)", "timeline", whistle.whistle]).1?.phase == .reported
        }
        #expect(awaitingEvaluation)
        let (evaluated, outcome) = try cluster.gridctlJSON(EvaluationAccepted.self, [
            "--as", "grid:\(grid)", "evaluate", whistle.whistle, "--solved", "yes", "--satisfaction", "satisfied",
            "--comment", "处置及时"])
        #expect(outcome?.outcome == .closed, "\(evaluated)")

        let (_, timeline) = try cluster.gridctlJSON(Timeline.self, ["--as", "grid:\(grid)", "timeline", whistle.whistle])
        let steps = timeline?.entries.map(\.type) ?? []
        #expect(steps == ["raised", "routed", "dispatched", "dispatched", "dispatched", "signed", "signed", "reported",
                          "signed", "reported", "reported", "evaluated", "closed"])
        #expect(timeline?.phase == .closed)
        #expect(!(timeline?.entries.contains { $0.text.contains("处置及时") } ?? true), "comments never reach the timeline")

        let (_, assessment) = try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment", "--department", squad])
        let counts = try #require(assessment?.departments.first)
        #expect(counts.dispatched == 1)
        #expect(counts.signForHours?.count == 1, "signed for in the period")
        #expect(counts.closeHours?.count == 1, "it leads the whistle closed in the period")
        #expect(counts.evaluations == 1)
        #expect(counts.satisfactionHidden)
        #expect(counts.satisfactionRate == nil)

        // WhistleService learned the closure from the evaluation stream.
        let closedInWhistleService = try eventually {
            try cluster.gridctlJSON(JSONValue.self, ["whistle", whistle.whistle]).1?["state"] == .string("closed")
        }
        #expect(closedInWhistleService)

        // A database from before the timeline was keyed by whistle: the timeline as it was kept
        // then, and its migration not yet applied. Started again, the service migrates it and the
        // same entries come back in the same order.
        #expect(cluster.stop(.evaluation) == 0)
        do {
            let db = try Database(path: cluster.directory.appendingPathComponent("data/evaluation.sqlite").path)
            try db.execute("""
                CREATE TABLE timeline_before(
                    whistle TEXT NOT NULL, stream TEXT NOT NULL, seq INTEGER NOT NULL, time TEXT NOT NULL,
                    type TEXT NOT NULL, department TEXT, text TEXT NOT NULL, PRIMARY KEY(stream, seq));
                INSERT INTO timeline_before(rowid, whistle, stream, seq, time, type, department, text)
                    SELECT rowid, whistle, stream, seq, time, type, department, text FROM timeline;
                DROP TABLE timeline;
                ALTER TABLE timeline_before RENAME TO timeline;
                CREATE INDEX timeline_whistle ON timeline(whistle);
                DELETE FROM schema_migrations WHERE name = 'evaluation-2';
                """)
        }
        try cluster.start([.evaluation])
        let migrated = try eventually {
            try cluster.gridctlJSON(Timeline.self, ["--as", "grid:\(grid)", "timeline", whistle.whistle]).1?.entries.map(\.type) == steps
        }
        #expect(migrated, "\(cluster.log(.evaluation))")
        let db = try Database(path: cluster.directory.appendingPathComponent("data/evaluation.sqlite").path, readOnly: true)
        #expect(try db.query("SELECT name FROM pragma_index_list('timeline')").count == 1, "one index left: the key")

        for (service, status) in cluster.stopAll() {
            #expect(status == 0, "\(service.rawValue) exit status\n\(cluster.log(service))")
        }
    }

    @Test func reverseStartOrderAndARestartMidwayStillCompleteTheLoop() throws {
        let cluster = try Cluster()
        try cluster.start([.evaluation, .response, .whistle])
        let (raised, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", "grid:JD-AT-A01-G01-M01", "raise", "--matter", "street-vending", "--description", "早市占道经营"])
        let whistle = try #require(accepted, "\(raised)")
        #expect(whistle.lead == "JD-AT-CGZF")

        // ResponseService goes away before the department acts; it must come back with its tasks.
        #expect(cluster.stop(.response) == 0)
        let whileDown = try cluster.gridctl(["--timeout", "1", "--as", "dept:JD-AT-CGZF", "sign", whistle.whistle])
        #expect(whileDown.status == 3, "no reply while the service is down: \(whileDown)")
        try cluster.start([.response])
        let signedAfterRestart = try eventually {
            try cluster.gridctl(["--as", "dept:JD-AT-CGZF", "sign", whistle.whistle]).status == 0
        }
        #expect(signedAfterRestart)

        // EvaluationService misses the report while down, then catches up by replay.
        #expect(cluster.stop(.evaluation) == 0)
        let reported = try cluster.gridctl(["--as", "dept:JD-AT-CGZF", "report", whistle.whistle, "--summary", "已劝离"])
        #expect(reported.status == 0, "\(reported)")
        try cluster.start([.evaluation])
        let caughtUp = try eventually {
            try cluster.gridctlJSON(Timeline.self, ["--as", "grid:JD-AT-A01-G01-M01", "timeline", whistle.whistle]).1?.phase == .reported
        }
        #expect(caughtUp)
        let (_, outcome) = try cluster.gridctlJSON(EvaluationAccepted.self, [
            "--as", "grid:JD-AT-A01-G01-M01", "evaluate", whistle.whistle, "--solved", "yes", "--satisfaction", "basic"])
        #expect(outcome?.outcome == .closed)

        for (service, status) in cluster.stopAll() {
            #expect(status == 0, "\(service.rawValue) exit status\n\(cluster.log(service))")
        }
    }

    @Test func responseEventsThatRunAheadOfTheWhistleStreamWaitForItInsteadOfBeingLost() throws {
        let cluster = try Cluster()
        try cluster.start([.whistle, .response])
        let grid = "grid:JD-JDZ-A01-G01-M01"
        let (_, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", grid, "raise", "--matter", "street-vending", "--description", "占道经营"])
        let whistle = try #require(accepted)
        let signed = try eventually { try cluster.gridctl(["--as", "dept:\(whistle.lead)", "sign", whistle.whistle]).status == 0 }
        #expect(signed)
        #expect(try cluster.gridctl(["--as", "dept:\(whistle.lead)", "report", whistle.whistle, "--summary", "已劝离"]).status == 0)

        // EvaluationService starts while WhistleService is away: it can read the response stream
        // but not the whistle stream those responses depend on.
        #expect(cluster.stop(.whistle) == 0)
        try cluster.start([.evaluation])
        let waiting = try firstValue {
            let status = try cluster.gridctlJSON(ServiceStatus.self, ["status", "evaluation"]).1
            return status.map { $0.consumed["response"]?.behind ?? 0 > 0 ? $0 : nil } ?? nil
        }
        #expect(waiting?.counters["deadLetters"] == 0, "nothing is given up on while it waits")

        try cluster.start([.whistle])
        let evaluable = try eventually {
            try cluster.gridctlJSON(Timeline.self, ["--as", grid, "timeline", whistle.whistle]).1?.phase == .reported
        }
        #expect(evaluable)
        let (_, status) = try cluster.gridctlJSON(ServiceStatus.self, ["status", "evaluation"])
        #expect(status?.counters["deadLetters"] == 0)
        #expect(status?.state == .ok)
        for (service, code) in cluster.stopAll() { #expect(code == 0, "\(service.rawValue)") }
    }
}
