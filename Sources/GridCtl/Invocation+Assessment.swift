import Foundation
import GridCommandLine
import GridDomain
import GridWire

extension Invocation {
    func assessment() throws {
        let query = AssessmentQuery(period: arguments.value("--period"), department: arguments.value("--department"))
        let (assessment, reply) = try call("assessment", on: .evaluation, query, as: Assessment.self)
        show(reply) {
            let state = assessment.provisional ? ", provisional (due by now)" : ""
            let title = "assessment 考核 \(assessment.period ?? "(all periods)")\(state); reference version \(assessment.referenceVersion); ranked from \(assessment.minimumVolume) tasks, satisfaction shown from \(assessment.disclosureMinimum) released ballots"
            guard !assessment.departments.isEmpty else { return title + "\n  no departments with tasks" }
            return [title, "departments 部门:", Self.table(assessment.departments),
                    "district ranking 区级排名 (units combined):", Self.table(assessment.bodies)].joined(separator: "\n")
        }
    }

    private static func percent(_ rate: Double?) -> String { rate.map { String(format: "%.0f%%", $0 * 100) } ?? "—" }

    private static func table(_ rows: [DepartmentAssessment]) -> String {
        Table.render(
            ["RANK", "GRADE", "SCORE", "DEPARTMENT", "DISPATCHED", "响应率", "按期处置率", "结案率", "按期结案率", "返工率", "延期率",
             "退单率", "解决率", "满意率", "SIGN-FOR h (mean/p90)", "NOT RANKED"],
            rows.map { d in
                [d.rank.map(String.init) ?? "—", d.grade?.rawValue ?? "—", d.score.map { String(format: "%.1f", $0) } ?? "—",
                 d.department, "\(d.dispatched)", percent(d.signForOnTimeRate), percent(d.disposalOnTimeRate),
                 percent(d.closureRate), percent(d.closureOnTimeRate), percent(d.reworkRate), percent(d.extendedRate),
                 percent(d.returnRequestRate), percent(d.solvedRate), d.satisfactionHidden ? "hidden" : percent(d.satisfactionRate),
                 d.signForHours.map { String(format: "%.1f/%.1f", $0.meanHours, $0.p90Hours) } ?? "—",
                 d.notRanked?.rawValue ?? ""]
            })
    }

    /// The assessment of a period written for the assessment office, to `--out` or standard output.
    func export() throws {
        guard let period = arguments.value("--period") else { throw UsageError("export needs --period") }
        let format = arguments.value("--format") ?? "csv"
        guard format == "csv" || format == "json" else { throw UsageError("--format is csv or json, not '\(format)'") }
        let (assessment, _) = try call("assessment", on: .evaluation, AssessmentQuery(period: period), as: Assessment.self)
        let text = format == "csv" ? AssessmentExport.csv(assessment) : try JSONCoding.pretty(assessment) + "\n"
        if let out = arguments.value("--out") {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out))
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    func towns() throws {
        let query = TownQuery(period: arguments.value("--period"), town: arguments.value("--town"))
        let (answer, reply) = try call("towns", on: .evaluation, query, as: TownAssessments.self)
        show(reply) {
            let w = answer.weights
            let title = "town evaluation 街镇综合评价 \(answer.period ?? "(all periods)")\(answer.provisional ? ", provisional" : ""); weights 组织保障 \(w.organisation) / 资源整合 \(w.resources) / 部门支持 \(w.departments)"
            return title + "\n" + Table.render(
                ["RANK", "GRADE", "SCORE", "TOWN", "NAME", "组织保障", "资源整合", "部门支持", "ROSTER", "自治率", "按期结案率"],
                answer.towns.map { t in
                    [t.rank.map(String.init) ?? "—", t.grade?.rawValue ?? "—", t.score.map { String(format: "%.1f", $0) } ?? "—",
                     t.town, t.name, Self.percent(t.organisation), Self.percent(t.resources), Self.percent(t.departmentSupport),
                     Self.percent(t.rosterCompleteness), Self.percent(t.selfGovernanceRate), Self.percent(t.closureOnTimeRate)]
                })
        }
    }

    func areas() throws {
        let query = TownQuery(period: arguments.value("--period"), town: arguments.value("--town"))
        let (answer, reply) = try call("areas", on: .evaluation, query, as: AreaAssessments.self)
        show(reply) {
            "area grids 片区网格评价 \(answer.period ?? "(all periods)")\(answer.provisional ? ", provisional" : "")\n" + Table.render(
                ["AREA", "NAME", "RAISED", "SETTLED", "自治率", "按期结案率", "ESCALATIONS", "SETTLED IN TIME"],
                answer.areas.map { a in
                    [a.area, a.name, "\(a.raised)", "\(a.settled)", Self.percent(a.selfGovernanceRate),
                     Self.percent(a.closureOnTimeRate), "\(a.escalationsReceived)", "\(a.escalationsSettled)"]
                })
        }
    }

    func colours() throws {
        guard let town = arguments.value("--town") else { throw UsageError("colours needs --town") }
        let (map, reply) = try call("colours", on: .evaluation, ColoursQuery(town: town), as: ColourMap.self)
        show(reply) {
            let title = "colours 三色管理 of \(map.town), reviewed \(map.reviewedAt.map(local) ?? "not yet")"
            return title + "\n" + Table.render(
                ["GRID", "NAME", "COLOUR", "SCORE", "OVERDUE", "OPEN", "RECURRING", "ALARMS", "NOT SOLVED", "HOLDING"],
                map.grids.map { g in
                    [g.grid, g.name, g.colour.rawValue.uppercased(), "\(g.score)", "\(g.reasons.overdueOpen)", "\(g.reasons.open)",
                     "\(g.reasons.recurrences)", "\(g.reasons.externalAlarms)", "\(g.reasons.notSolved)",
                     g.holding.map { "\($0.rawValue) since \(g.holdSince.map(local) ?? "?")" } ?? ""]
                })
        }
    }
}
