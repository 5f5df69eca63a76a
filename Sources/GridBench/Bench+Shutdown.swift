import Foundation
import SQLite

extension Bench {
    /// SIGTERM to each service and exit 0 from each; then count, in each database, what the run
    /// put there: every accepted whistle once, every task once with both clocks armed, no dead letter.
    func shutDownAndVerify() throws {
        report.section("Shutdown, then a look inside each database")
        do {
            try waitUntilApplied(timeout: 120)
        } catch {
            check(false, "everything applied before shutdown (\(error))")
        }
        let problemsBefore = problems.count
        requesters.removeAll()
        let statuses = cluster.stop()
        for (service, status) in statuses {
            check(status == 0, "\(service.rawValue) exits 0 on SIGTERM (\(status.map { "exit \($0)" } ?? "had to be killed"))")
        }
        report.add("shutdown on SIGTERM", statuses.map { "\($0.0.rawValue) \($0.1.map(String.init) ?? "killed")" }.joined(separator: ", "),
                   target: "exit 0: \(Format.verdict(statuses.allSatisfy { $0.1 == 0 }))")

        let whistles = Int64(acceptedWhistles)
        let tasks = Int64(expectedTasks)
        // The whistle stream: the reference, `raised` and `routed` per whistle, `rerouted` per re-dispatch.
        let whistleEvents = 1 + 2 * whistles + Int64(reroutes)
        try inspect(.whistle, [
            ("whistles rows = accepted whistles (\(whistles))", "SELECT COUNT(*) FROM whistles", whistles),
            ("events = 1 reference + 2 per whistle + 1 per re-dispatch", "SELECT COUNT(*) FROM events", whistleEvents),
        ])
        try inspect(.response, [
            ("tasks = tasks the replies named (\(tasks))", "SELECT COUNT(*) FROM tasks", tasks),
            ("tasks with both clocks armed (sign and dispose deadlines)",
             "SELECT COUNT(*) FROM tasks WHERE sign_due != '' AND dispose_due != ''", tasks),
            // Reminders of the shortest clocks (7.5 minutes in) may fire on the real clock in a long run.
            ("dispatched events = one per task", "SELECT COUNT(*) FROM events WHERE type = 'dispatched'", tasks),
            ("whistle stream applied to its end", "SELECT last FROM cursors WHERE stream = 'whistle'", whistleEvents),
        ])
        // On the real clock, a run that lasts long enough fires reminders too: the response stream
        // holds more than the dispatched events, and EvaluationService must have applied all of it.
        let responseHead: Int64
        do {
            let db = try Database(path: cluster.database(.response), readOnly: true)
            defer { db.close() }
            responseHead = try db.queryFirst("SELECT COALESCE(MAX(seq), 0) FROM events")?.int64(0) ?? -1
        }
        try inspect(.evaluation, [
            ("whistles rows = accepted whistles", "SELECT COUNT(*) FROM whistles", whistles),
            ("department tasks = tasks", "SELECT COUNT(*) FROM department_tasks", tasks),
            ("whistle stream applied to its end", "SELECT last FROM cursors WHERE stream = 'whistle'", whistleEvents),
            // No cursor yet when no phase raised a whistle here (--phases e): nothing applied, 0.
            ("response stream applied to its end (\(responseHead))",
             "SELECT COALESCE(MAX(last), 0) FROM cursors WHERE stream = 'response'", responseHead),
        ])
        report.add("whistles / tasks in every database", "\(Format.grouped(acceptedWhistles)) / \(Format.grouped(expectedTasks))",
                   target: "each once, clocks armed: \(Format.verdict(problems.count == problemsBefore))")
    }

    /// Runs each (what, SQL, expected) on the stopped service's database, plus "no dead letters".
    private func inspect(_ service: BenchCluster.Service, _ checks: [(String, String, Int64)]) throws {
        let db = try Database(path: cluster.database(service))
        defer { db.close() }
        for (what, sql, expected) in checks + [("no dead letters", "SELECT COUNT(*) FROM dead_letters", 0)] {
            let found = try db.queryFirst(sql)?.int64(0) ?? -1
            check(found == expected, "\(service.rawValue): \(what): \(Format.grouped(Int(found)))")
        }
    }
}
