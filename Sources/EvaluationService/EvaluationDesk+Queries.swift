import Foundation
import GridDomain
import GridRuntime
import GridWire

extension EvaluationDesk {
    /// Every step of one whistle across the three streams. The raising grid, the departments
    /// working on it, its town's centre, the district centre and observers may read it.
    func timeline(_ context: CommandContext, _ id: String) throws -> Timeline {
        let principal = try context.require(.grid, .dept, .centre, .district, .observer, .service, to: "read a timeline")
        let whistle = try WhistleRecord.load(id, from: host.store.db)
        let allowed = switch principal.kind {
        case .grid: try principal.id == whistle.grid || coordinated(id, about: whistle.grid, by: principal)
        case .dept: whistle.departments.contains(principal.id)
        case .centre: principal.id == whistle.town
        case .district, .observer, .service: true
        case .integrator: false
        }
        guard allowed else { throw ProtocolError.notPermitted(principal, "read the timeline of \(id)") }
        let rows = try host.store.db.query("""
            SELECT time, stream, seq, type, department, text FROM timeline WHERE whistle = ?
            ORDER BY time, rowid
            """, [id])
        let entries = rows.compactMap { row -> TimelineEntry? in
            guard let time = row.string("time").flatMap(Timestamp.parse), let stream = row.string("stream").flatMap(StreamName.init),
                  let seq = row.int64("seq"), let type = row.string("type"), let text = row.string("text") else { return nil }
            return TimelineEntry(time: Instant(time), stream: stream, seq: seq, type: type, department: row.string("department"),
                                 text: text)
        }
        let loop = whistle.evaluation.loop
        return Timeline(whistle: id, grid: whistle.grid, matter: whistle.matter, urgency: whistle.urgency,
                        lead: whistle.lead, co: whistle.co, phase: loop.phase, round: loop.round,
                        outcome: whistle.evaluation.closedAs, entries: entries)
    }

    /// Whether `principal` coordinates or coordinated the whistle (三级网格响应): its first
    /// coordinator, derived from the grid tree as ResponseService derives it, or one that an
    /// `escalated` event named.
    private func coordinated(_ whistle: String, about grid: String, by principal: Principal) throws -> Bool {
        if let chain = CoordinationRules.chain(for: grid, in: try book.require().tree),
           chain.coordinators[chain.start.rawValue - 1] == principal.description { return true }
        return try host.store.db.queryFirst("SELECT 1 AS yes FROM coordinators WHERE whistle = ? AND principal = ?",
                                            [whistle, principal.description]) != nil
    }

    /// Indicators per department. Task counts use the month of dispatch; verdicts the month of
    /// evaluation; satisfaction and aspect scores the released counters alone (分批公开), by month
    /// of release. A period is a whole month, quarter or year. A voided whistle counts nowhere; a
    /// returned task only as a return. A whistle closed without an evaluation (逾期未评价) counts as
    /// closed and, apart, as not evaluated: it has no verdict and no ballot.
    func assessment(_ context: CommandContext, _ query: AssessmentQuery) throws -> Assessment {
        _ = try context.require(.dept, .centre, .district, .observer, .service, to: "read the assessment")
        let months = try Self.months(of: query.period)
        let reference = try book.require()
        if let department = query.department, reference.department(department) == nil {
            throw ProtocolError(.notFound, "unknown_department", at: "/body/department", "no department '\(department)'")
        }
        var counts: [String: DepartmentCounts] = [:]
        var notEvaluated: [String: Int] = [:]
        let filter = PeriodFilter.sql(months, after: "AND")
        let arguments = months ?? []
        for row in try host.store.db.query("""
            SELECT department, COUNT(*) AS dispatched, SUM(signed * kept) AS signed,
                   SUM(signed_on_time * kept) AS signed_on_time, SUM(reported * kept) AS reported,
                   SUM(reported_on_time * kept) AS reported_on_time, SUM(closed * kept) AS closed,
                   SUM(not_evaluated * kept) AS not_evaluated, SUM(reworked * kept) AS reworked, SUM(returns) AS returns,
                   SUM(returned) AS returned, SUM(returns_refused) AS returns_refused, SUM(extended * kept) AS extended
            FROM (SELECT *, 1 - returned AS kept FROM department_tasks)
            WHERE whistle NOT IN (SELECT id FROM whistles WHERE closed_as = 'voided')\(filter) GROUP BY department
            """, arguments) {
            guard let department = row.string("department") else { continue }
            var c = DepartmentCounts()
            c.dispatched = row.int("dispatched") ?? 0
            c.signed = row.int("signed") ?? 0
            c.signedOnTime = row.int("signed_on_time") ?? 0
            c.reported = row.int("reported") ?? 0
            c.reportedOnTime = row.int("reported_on_time") ?? 0
            c.closed = row.int("closed") ?? 0
            c.reworked = row.int("reworked") ?? 0
            c.returns = row.int("returns") ?? 0
            c.returned = row.int("returned") ?? 0
            c.returnsRefused = row.int("returns_refused") ?? 0
            c.extended = row.int("extended") ?? 0
            counts[department] = c
            notEvaluated[department] = row.int("not_evaluated") ?? 0
        }
        for row in try host.store.db.query("""
            SELECT department, COUNT(*) AS evaluations, SUM(solved) AS solved FROM verdicts
            WHERE whistle NOT IN (SELECT id FROM whistles WHERE closed_as = 'voided')\(filter) GROUP BY department
            """, arguments) {
            guard let department = row.string("department") else { continue }
            counts[department, default: DepartmentCounts()].evaluations = row.int("evaluations") ?? 0
            counts[department, default: DepartmentCounts()].solved = row.int("solved") ?? 0
        }
        let released = try BallotBox.released(in: months, db: host.store.db)
        let policy = reference.data.evaluation
        let departments = reference.data.departments
            .filter { query.department == nil || $0.id == query.department }
            .filter { query.department != nil || counts[$0.id] != nil || released[$0.id] != nil }
            .map { department in
                let c = counts[department.id] ?? DepartmentCounts()
                let opinions = released[department.id] ?? ReleasedOpinions()
                let rates = DepartmentIndicators(c, released: opinions, policy: policy)
                return DepartmentAssessment(
                    department: department.id, name: department.name, dispatched: c.dispatched, signed: c.signed,
                    signedOnTime: c.signedOnTime, reported: c.reported, reportedOnTime: c.reportedOnTime,
                    closed: c.closed, notEvaluated: notEvaluated[department.id] ?? 0, reworked: c.reworked,
                    evaluations: c.evaluations, returns: c.returns, returned: c.returned,
                    returnsRefused: c.returnsRefused, extended: c.extended,
                    responseRate: rates.responseRate, onTimeDisposalRate: rates.onTimeDisposalRate,
                    solvedRate: rates.solvedRate, released: opinions.ballots, satisfactionRate: rates.satisfactionRate,
                    satisfactionHidden: rates.satisfactionHidden,
                    scores: AspectMeans(opinions, minimum: policy.disclosureMinimum), returnRate: rates.returnRate,
                    wrongReturnRate: rates.wrongReturnRate, extensionRate: rates.extensionRate)
            }
        return Assessment(period: query.period, disclosureMinimum: policy.disclosureMinimum, departments: departments)
    }
}
