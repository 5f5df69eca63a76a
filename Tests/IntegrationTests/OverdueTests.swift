import Foundation
import GridDomain
import GridWire
import SQLite
import Testing

/// 超时: a task's clock that runs out with its step undone is declared overdue once, on the
/// department's own topic, by the due work ResponseService armed when it dispatched the task —
/// fired by the test clock, and at a start for what fell due while it was down.
@Suite(.serialized) struct OverdueTests {
    /// A Friday afternoon in Shanghai; Sunday 2026-09-20 is a make-up working day (调休) and
    /// 25–27 September a holiday.
    static let start = "2026-09-18T16:00:00+08:00"
    /// 嘉定镇街道's market regulator, lead of food-safety whistles from the grid below (签收 within
    /// 1 working day, 处置 within 5, no co-departments).
    static let squad = "JD-JDZ-SCJG"
    static let grid = "grid:JD-JDZ-A01-G01-M01"

    @Test func aTaskNotSignedForInTimeIsDeclaredOverdueOnceListedFirstAndStillSignedLate() throws {
        let cluster = try Cluster(testClock: Self.start)
        try cluster.start()
        let watcher = try Subscriber(cluster.config.endpoints.response.pub, topics: ["dept.\(Self.squad).", "status.response."])
        #expect(try watcher.next("status.response.") != nil, "subscribed")

        // `early`: raised at 16:00 and signed for in time.
        let early = try raise(cluster)
        let signedEarly = try eventually { try cluster.gridctl(["--as", "dept:\(Self.squad)", "sign", early]).status == 0 }
        #expect(signedEarly)
        // `late`: raised an hour later and left unsigned.
        try cluster.moveClock(["advance", "3600"])
        let late = try raise(cluster)
        let dispatched = try #require(try firstValue { try inbox(cluster)?.tasks.first { $0.whistle == late } })
        #expect(try dispatched.signDueAt == instant("2026-09-20T17:00:00+08:00"), "1 working day, on the make-up Sunday")
        #expect(dispatched.overdue == nil)

        // Sunday 17:30: past both sign-for deadlines; only `late`'s step is undone.
        try cluster.moveClock(["set", "2026-09-20T17:30:00+08:00"])
        let sunday = try #require(try taskEvents(watcher, cluster))
        let overdue = sunday.filter { $0.event.head.type == "overdue" }
        #expect(overdue.count == 1, "one overdue event, for `late` only")
        let declared = try #require(overdue.first)
        #expect(declared.topic == "dept.\(Self.squad).overdue.")
        #expect(try declared.event.payload(TaskOverdue.self) == TaskOverdue(
            whistle: late, department: Self.squad, role: .lead, round: 1, clock: .signFor, dueAt: dispatched.signDueAt))
        #expect(declared.event.head.time == Instant(dispatched.signDueAt.date + 0.001), "the first millisecond past the deadline")

        let listed = try #require(try inbox(cluster))
        #expect(listed.tasks.map(\.whistle) == [late, early], "the overdue task first, though `early`'s deadline is earlier")
        #expect(listed.tasks.map(\.overdue) == [[.signFor], nil])

        // Moving on declares nothing again.
        try cluster.moveClock(["advance", "3600"])
        let later = try #require(try taskEvents(watcher, cluster))
        #expect(later.allSatisfy { $0.event.head.type != "overdue" })

        // Signed for late: accepted, judged late, and still marked.
        let (signing, signedTask) = try cluster.gridctlJSON(TaskView.self, ["--as", "dept:\(Self.squad)", "sign", late])
        let task = try #require(signedTask, "\(signing)")
        #expect(task.state == .signed)
        #expect(task.overdue == [.signFor])
        let signed = try #require(try watcher.next("dept.\(Self.squad).signed."))
        #expect(try signed.event.payload(TaskSigned.self) == TaskSigned(
            whistle: late, department: Self.squad, role: .lead, dueAt: dispatched.signDueAt, onTime: false))

        // Thursday 17:30: both disposal deadlines (5 working days: 16:00 for `early`, 17:00 for `late`) passed.
        try cluster.moveClock(["set", "2026-09-24T17:30:00+08:00"])
        let thursday = try #require(try taskEvents(watcher, cluster))
        let disposal = try thursday.filter { $0.event.head.type == "overdue" }.map { try $0.event.payload(TaskOverdue.self) }
        #expect(disposal.map(\.whistle) == [early, late], "in the order their deadlines passed")
        #expect(disposal.map(\.clock) == [.dispose, .dispose])
        #expect(try disposal.map(\.dueAt) == [instant("2026-09-24T16:00:00+08:00"), instant("2026-09-24T17:00:00+08:00")])
        let both = try #require(try inbox(cluster))
        #expect(both.tasks.map(\.whistle) == [early, late], "both overdue: by sign-for deadline")
        #expect(both.tasks.map(\.overdue) == [[.dispose], [.signFor, .dispose]])

        #expect(try cluster.gridctl(["--as", "dept:\(Self.squad)", "report", late, "--summary", "已责令整改"]).status == 0)
        let reported = try #require(try watcher.next("dept.\(Self.squad).reported."))
        let report = try reported.event.payload(TaskReported.self)
        #expect(report.whistle == late)
        #expect(try report.dueAt == instant("2026-09-24T17:00:00+08:00"))
        #expect(!report.onTime)
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    @Test func anOverdueCheckThatFellDueWhileResponseServiceWasDownFiresOnceAtItsStart() throws {
        let cluster = try Cluster(testClock: Self.start)
        try cluster.start()
        let whistle = try raise(cluster)
        let dispatched = try #require(try firstValue { try inbox(cluster)?.tasks.first })
        #expect(dispatched.whistle == whistle)

        // Killed, then started on a clock past the sign-for deadline (Sunday 16:00).
        cluster.crash(.response)
        let monday = ["--test-clock", "2026-09-21T09:00:00+08:00"]
        try cluster.start([.response], extra: monday)
        let fired = try #require(try firstValue { try overdueEvents(cluster).first })
        #expect(try fired.payload(TaskOverdue.self) == TaskOverdue(
            whistle: whistle, department: Self.squad, role: .lead, round: 1, clock: .signFor, dueAt: dispatched.signDueAt))
        #expect(fired.head.time == Instant(dispatched.signDueAt.date + 0.001), "stamped at its own due time, not at the start")

        // Killed and started again: nothing left is due (only the task's next check and the
        // whistle's level deadline are armed), and the declaration is not repeated.
        cluster.crash(.response)
        try cluster.start([.response], extra: monday)
        // A move of no time is a barrier: its reply waits until whatever is due has fired.
        let barrier = try #require(try firstValue {
            try cluster.gridctl(["clock", "advance", "0"]).status == 0 ? true : nil
        })
        #expect(barrier)
        let settled = try #require(try cluster.gridctlJSON(ServiceStatus.self, ["status", "response"]).1)
        #expect(settled.counters["dueArmed"] == 2)
        #expect(settled.counters["dueFired"] == 0)
        #expect(try overdueEvents(cluster).count == 1)
        #expect(try inbox(cluster)?.tasks.first?.overdue == [.signFor])
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    @Test func aRestartedTestClockResumesAtTheLaterTimeItStored() throws {
        let cluster = try Cluster(testClock: Self.start)
        try cluster.start()
        try cluster.moveClock(["advance", "86400"])
        #expect(cluster.stop(.response) == 0)
        try cluster.start([.response])
        let heartbeats = try Subscriber(cluster.config.endpoints.response.pub, topics: ["status.response."])
        let heartbeat = try #require(try heartbeats.next("status.response."))
        #expect(try heartbeat.event.head.time == instant("2026-09-19T16:00:00+08:00"), "the stored time, not --test-clock's")
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// A database from before the overdue checks (response-1 only) gets one armed for each step
    /// still undone when it is migrated.
    @Test func aMigratedDatabaseWatchesTheOpenTasksItAlreadyHeld() throws {
        let cluster = try Cluster(testClock: Self.start)
        try cluster.start()
        let whistle = try raise(cluster)
        let dispatched = try #require(try firstValue { try inbox(cluster)?.tasks.first })
        #expect(cluster.stop(.response) == 0)
        do {
            let database = try Database(path: cluster.directory.appendingPathComponent("data/response.sqlite").path)
            try database.execute("DELETE FROM due_work")
            try database.execute("ALTER TABLE tasks DROP COLUMN overdue")
            try database.execute("DELETE FROM schema_migrations WHERE name = 'response-2'")
        }
        try cluster.start([.response], extra: ["--test-clock", "2026-09-21T09:00:00+08:00"])
        let fired = try #require(try firstValue { try overdueEvents(cluster).first })
        #expect(try fired.payload(TaskOverdue.self) == TaskOverdue(
            whistle: whistle, department: Self.squad, role: .lead, round: 1, clock: .signFor, dueAt: dispatched.signDueAt))
        #expect(fired.head.time == Instant(dispatched.signDueAt.date + 0.001))
        let status = try cluster.gridctlJSON(ServiceStatus.self, ["status", "response"]).1
        #expect(status?.counters["dueArmed"] == 1, "the disposal check waits for Thursday")
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    // MARK: helpers

    private func raise(_ cluster: Cluster) throws -> String {
        let (raised, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", Self.grid, "raise", "--matter", "food-safety", "--description", "熟食店卫生问题"])
        let whistle = try #require(accepted, "\(raised)")
        #expect(whistle.lead == Self.squad)
        return whistle.whistle
    }

    private func inbox(_ cluster: Cluster) throws -> Inbox? {
        try cluster.gridctlJSON(Inbox.self, ["--as", "dept:\(Self.squad)", "inbox"]).1
    }

    /// The task events `subscriber` receives until a heartbeat at or past ResponseService's head as
    /// it stands now: a heartbeat carries the head when it was published, after every event up to
    /// it, on the same PUB socket — so when it arrives, nothing committed before now is still to
    /// come. Nil if no such heartbeat arrives.
    private func taskEvents(_ subscriber: Subscriber, _ cluster: Cluster) throws -> [(topic: String, event: ReceivedEvent)]? {
        let head = try #require(try cluster.gridctlJSON(ServiceStatus.self, ["status", "response"]).1).head
        var events: [(topic: String, event: ReceivedEvent)] = []
        while let message = try subscriber.next("") {
            guard message.topic.hasPrefix("status.") else {
                events.append(message)
                continue
            }
            if message.event.head.seq >= head { return events }
        }
        return nil
    }

    /// The `overdue` events ResponseService's stream holds, read by replay.
    private func overdueEvents(_ cluster: Cluster) throws -> [ReceivedEvent] {
        try cluster.responseEvents("overdue")
    }
}
