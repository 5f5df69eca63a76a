import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire

extension EvaluationDesk {
    /// 考核 — every department's figures in the period, ranked, and the district ranking of district
    /// bodies on their units' combined figures. Event-derived figures come from the counters
    /// (docs/assessment.md); satisfaction from the released counters alone, for whole periods.
    func assessment(_ context: CommandContext, _ query: AssessmentQuery) throws -> Assessment {
        _ = try context.require(.dept, .centre, .district, .observer, .service, to: "read the assessment")
        let period = try Self.period(query.period)
        let reference = try book.require()
        if let department = query.department, reference.department(department) == nil {
            throw ProtocolError(.notFound, "unknown_department", at: "/body/department", "no department '\(department)'")
        }
        let now = host.clock.now()
        var totals: [String: IndicatorTotals] = [:]
        for (subject, total) in try indicators.totals("dept:", over: period, now: now, calendar: reference.calendar) {
            if case .department(let id) = subject { totals[id] = total }
        }
        let released = period?.wholeMonths == nil && period != nil
            ? [:] : try BallotBox.released(in: period?.wholeMonths, db: host.store.db)
        let policy = reference.data.evaluation
        let departments = reference.data.departments
        func row(_ department: Department, units: [Department]) -> (DepartmentAssessment, DepartmentIndicators) {
            var total = totals[department.id] ?? IndicatorTotals()
            var opinions = released[department.id]
            for unit in units {
                total.merge(totals[unit.id] ?? IndicatorTotals())
                if let theirs = released[unit.id] { opinions = (opinions ?? ReleasedOpinions()).merged(theirs) }
            }
            let indicators = DepartmentIndicators(total, released: opinions, policy: policy)
            var row = DepartmentAssessment(department: department.id, name: department.name, parent: department.parent)
            if department.parent == nil, !units.isEmpty { row.units = units.map(\.id) }
            row.fill(total, indicators, released: opinions, minimum: policy.disclosureMinimum)
            return (row, indicators)
        }
        let own = departments.map { row($0, units: []) }
        let bodies = departments.filter { $0.parent == nil }.map { body in
            row(body, units: departments.filter { $0.parent == body.id })
        }
        func ranked(_ rows: [(DepartmentAssessment, DepartmentIndicators)]) -> [DepartmentAssessment] {
            let standings = Ranking.rank(rows.map { ($0.0.department, $0.0.dispatched, $0.1) }, policy: reference.data.assessment)
            return rows.map { row, _ in
                var row = row
                let standing = standings[row.department]
                row.score = standing?.score
                row.grade = standing?.grade
                row.rank = standing?.rank
                row.notRanked = standing?.notRanked
                return row
            }
            .sorted { ($0.rank ?? .max, $0.department) < ($1.rank ?? .max, $1.department) }
        }
        let active: (DepartmentAssessment) -> Bool = { row in
            query.department.map { row.department == $0 } ?? (row.dispatched > 0 || row.evaluations > 0 || row.released > 0
                || row.signForDue > 0 || row.disposalRoundsDue > 0 || row.closingDue > 0 || row.returnsArbitrated > 0)
        }
        return Assessment(
            period: query.period, provisional: Self.provisional(period, now: now, calendar: reference.calendar),
            generatedAt: Instant(now), referenceVersion: reference.version, disclosureMinimum: policy.disclosureMinimum,
            minimumVolume: reference.data.assessment.minimumVolume, weights: reference.data.assessment.weights,
            departments: ranked(own).filter(active), bodies: ranked(bodies).filter(active))
    }

    /// 街镇综合评价 — every town (or the one asked for), ranked by score.
    func towns(_ context: CommandContext, _ query: TownQuery) throws -> TownAssessments {
        _ = try context.require(.centre, .district, .observer, .service, to: "read the town evaluation")
        let period = try Self.period(query.period)
        let reference = try book.require()
        let towns = try Self.towns(query.town, in: reference)
        let now = host.clock.now()
        let totals = try indicators.totals("town:", over: period, now: now, calendar: reference.calendar)
        let policy = reference.data.assessment
        var rows = towns.map { town in
            let total = totals[.town(town.id)] ?? IndicatorTotals()
            let roster = TownEvaluation.rosterCompleteness(of: town.id, in: reference.data.grids, tree: reference.tree)
            let evaluation = TownEvaluation(total, rosterCompleteness: roster, policy: policy)
            var row = TownAssessment(town: town.id, name: town.name)
            row.rosterCompleteness = evaluation.rosterCompleteness
            row.decisionsDue = total[.decisionDue]
            row.decisionsOnTime = total[.decidedOnTime]
            row.decisionOnTimeRate = evaluation.decisionOnTimeRate
            row.settled = total[.settled]
            row.settledLow = total[.settledLow]
            row.selfGovernanceRate = evaluation.selfGovernanceRate
            row.closingDue = total[.closingDue]
            row.closingOnTime = total[.closedOnTime]
            row.closureOnTimeRate = evaluation.closureOnTimeRate
            row.signForDue = total[.signDue]
            row.signedForOnTime = total[.signedOnTime]
            row.signForOnTimeRate = evaluation.signForOnTimeRate
            row.disposalRoundsDue = total[.disposalDue]
            row.disposalRoundsOnTime = total[.disposedOnTime]
            row.disposalOnTimeRate = evaluation.disposalOnTimeRate
            row.organisation = evaluation.organisation
            row.resources = evaluation.resources
            row.departmentSupport = evaluation.departments
            row.score = evaluation.score
            row.grade = evaluation.grade
            return row
        }
        let scores = rows.compactMap(\.score).sorted(by: >)
        for index in rows.indices {
            rows[index].rank = rows[index].score.flatMap { score in scores.firstIndex(of: score).map { $0 + 1 } }
        }
        rows.sort { ($0.rank ?? .max, $0.town) < ($1.rank ?? .max, $1.town) }
        return TownAssessments(period: query.period, provisional: Self.provisional(period, now: now, calendar: reference.calendar),
                               generatedAt: Instant(now), referenceVersion: reference.version, weights: policy.town, towns: rows)
    }

    /// 片区网格评价 — every area grid (of one town, if asked).
    func areas(_ context: CommandContext, _ query: TownQuery) throws -> AreaAssessments {
        _ = try context.require(.centre, .district, .observer, .service, to: "read the area evaluation")
        let period = try Self.period(query.period)
        let reference = try book.require()
        let towns = try Self.towns(query.town, in: reference)
        let now = host.clock.now()
        let totals = try indicators.totals("area:", over: period, now: now, calendar: reference.calendar)
        var rows: [AreaAssessment] = []
        for town in towns {
            for area in reference.tree.children(of: town.id) where area.level == .area {
                let total = totals[.area(area.id)] ?? IndicatorTotals()
                let evaluation = AreaEvaluation(total)
                var row = AreaAssessment(area: area.id, name: area.name, town: town.id)
                row.raised = evaluation.raised
                row.settled = evaluation.settled
                row.settledLow = evaluation.settledLow
                row.selfGovernanceRate = evaluation.selfGovernanceRate
                row.closingDue = total[.closingDue]
                row.closingOnTime = total[.closedOnTime]
                row.closureOnTimeRate = evaluation.closureOnTimeRate
                row.escalationsReceived = evaluation.escalationsReceived
                row.escalationsSettled = evaluation.escalationsSettled
                row.escalationSettledRate = evaluation.escalationSettledRate
                rows.append(row)
            }
        }
        return AreaAssessments(period: query.period, provisional: Self.provisional(period, now: now, calendar: reference.calendar),
                               generatedAt: Instant(now), referenceVersion: reference.version, areas: rows)
    }

    /// The towns asked for: all, or the one named (`unknown_town` otherwise).
    static func towns(_ town: String?, in reference: LoadedReference) throws -> [Grid] {
        guard let town else { return reference.data.grids.filter { $0.level == .town } }
        guard let grid = reference.tree.grid(town), grid.level == .town else {
            throw ProtocolError(.notFound, "unknown_town", at: "/body/town", "no town '\(town)'")
        }
        return [grid]
    }

    /// A period as the assessment reads it; nil for all time.
    static func period(_ text: String?) throws -> AssessmentPeriod? {
        guard let text else { return nil }
        guard let period = AssessmentPeriod(text) else { throw ProtocolError.invalid("/body/period", periodForms) }
        return period
    }

    /// Whether the period is not over at `now` (all time never is).
    static func provisional(_ period: AssessmentPeriod?, now: Date, calendar: WorkingCalendar) -> Bool {
        guard let period else { return true }
        return period.days.upperBound >= calendar.localDate(of: now)
    }
}

extension DepartmentAssessment {
    /// Sets the counts and rates from a period's totals, released counters and indicators.
    mutating func fill(_ total: IndicatorTotals, _ indicators: DepartmentIndicators, released opinions: ReleasedOpinions?,
                       minimum: Int) {
        dispatched = total[.dispatched]
        signForDue = total[.signDue]
        signedForOnTime = total[.signedOnTime]
        disposalRoundsDue = total[.disposalDue]
        disposalRoundsOnTime = total[.disposedOnTime]
        closingDue = total[.closingDue]
        closingClosed = total[.closed]
        closingOnTime = total[.closedOnTime]
        closingNotEvaluated = total[.closedNotEvaluated]
        closingReworked = total[.reworked]
        extensionsDue = total[.extensionDue]
        extensionsApproved = total[.extended]
        returnsRequested = total[.returnRequested]
        returnsArbitrated = total[.returnArbitrated]
        returnRefusals = total[.returnRefused]
        evaluations = total[.verdict]
        solved = total[.solved]
        released = opinions?.ballots ?? 0
        signForOnTimeRate = indicators.signForOnTimeRate
        disposalOnTimeRate = indicators.disposalOnTimeRate
        closureRate = indicators.closureRate
        closureOnTimeRate = indicators.closureOnTimeRate
        reworkRate = indicators.reworkRate
        extendedRate = indicators.extendedRate
        returnRequestRate = indicators.returnRequestRate
        returnRefusedRate = indicators.returnRefusedRate
        solvedRate = indicators.solvedRate
        satisfactionRate = indicators.satisfactionRate
        satisfactionHidden = indicators.satisfactionRate == nil
        scores = opinions.flatMap { AspectMeans($0, minimum: minimum) }
        signForHours = indicators.signFor
        closeHours = indicators.close
    }
}
