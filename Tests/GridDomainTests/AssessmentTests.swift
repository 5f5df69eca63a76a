import Foundation
import Testing
@testable import GridDomain

/// The assessment computed by hand: 20 whistles over November and December 2026 for three
/// departments — 南翔's squad A and 安亭's squad B, units of the district body JD-CGZF, and
/// JD-LHSR, a body of its own — and the figures each must give, worked out in the comments.
/// Every whistle here is on a 7-day evaluation window; times are Asia/Shanghai.
struct AssessmentTests {
    static let a = "JD-NX-CGZF", b = "JD-AT-CGZF", c = "JD-LHSR"
    static let policy = EvaluationPolicy(disclosureMinimum: 5, windowDays: 7, basicallySatisfiedWeight: 1)
    static let assessment = AssessmentPolicy(minimumVolume: 3, weights: .standard, grades: .standard, town: .standard,
                                             colours: .standard)

    /// The totals of `metrics`, in order.
    static func n(_ totals: IndicatorTotals, _ metrics: IndicatorMetric...) -> [Int] { metrics.map { totals[$0] } }

    static func at(_ text: String) -> Date { Fixture.at("2026-\(text)") }

    /// A task dispatched at `dispatched`, due to sign an hour later and to dispose `days` later.
    static func task(_ department: String, lead: Bool = true, _ dispatched: String, signed: String?, signOnTime: Bool,
                     signMinutes: Int, due: String, reported: String?, onTime: Bool) -> TaskFacts {
        let start = at(dispatched)
        var task = TaskFacts(department: department, lead: lead, dispatchedAt: start, signDueAt: start.addingTimeInterval(3_600),
                             disposeDueAt: at(due))
        task.signedAt = signed.map(at)
        task.signedOnTime = signOnTime
        task.signMinutes = signMinutes
        task.rounds[0].reportedAt = reported.map(at)
        task.rounds[0].onTime = onTime
        return task
    }

    static func whistle(_ id: String, lead: String, town: String = "JD-NX", raised: String, tasks: [TaskFacts],
                        verdicts: [(String, String, Bool)] = [], closed: String?, closeMinutes: Int,
                        as outcome: ClosureOutcome = .evaluated) -> WhistleFacts {
        var facts = WhistleFacts(id: id, grid: "\(town)-A01-G01-M01", town: town, area: "\(town)-A01", matter: "street-vending",
                                 raisedAt: at(raised), external: false)
        facts.lead = lead
        facts.windowDays = 7
        facts.tasks = tasks
        var rounds: [String: Int] = [:]
        facts.verdicts = verdicts.map { department, time, solved in
            rounds[department, default: 0] += 1
            return WhistleFacts.Verdict(department: department, round: rounds[department] ?? 1, at: at(time), solved: solved)
        }
        facts.closedAt = closed.map(at)
        facts.closedAs = closed == nil ? nil : outcome
        facts.closeMinutes = closed == nil ? nil : closeMinutes
        return facts
    }

    /// The 20 whistles.
    static func whistles() -> [WhistleFacts] {
        var all: [WhistleFacts] = []
        // W1 — A leads; on time throughout; climbs to the area and is settled there in time.
        var w1 = whistle("W1", lead: a, raised: "11-02 09:00",
                         tasks: [task(a, "11-02 09:00", signed: "11-02 09:30", signOnTime: true, signMinutes: 30,
                                      due: "11-05 09:00", reported: "11-04 10:00", onTime: true)],
                         verdicts: [(a, "11-06 10:00", true)], closed: "11-06 10:00", closeMinutes: 1_860)
        w1.climbs = [.init(level: 2, coordinator: "grid:JD-NX-A01", at: at("11-03 09:00"), dueAt: at("11-04 17:00"))]
        w1.reportedBackAt = at("11-04 10:00")
        all.append(w1)
        // W2 — A signs late, reports round 1 late, is sent back (返工), and reports round 2 on time.
        var w2 = whistle("W2", lead: a, raised: "11-03 09:00",
                         tasks: [task(a, "11-03 09:00", signed: "11-03 11:00", signOnTime: false, signMinutes: 120,
                                      due: "11-06 09:00", reported: "11-07 09:00", onTime: false)],
                         verdicts: [(a, "11-08 10:00", false), (a, "11-13 10:00", true)], closed: "11-13 10:00",
                         closeMinutes: 3_000)
        w2.tasks[0].rounds.append(.init(dueAt: at("11-12 09:00"), reportedAt: at("11-11 09:00"), onTime: true))
        w2.climbs = [.init(level: 2, coordinator: "grid:JD-NX-A01", at: at("11-04 09:00"), dueAt: at("11-05 09:00"))]
        w2.reportedBackAt = at("11-07 09:00")
        all.append(w2)
        // W3 — the carry-over: dispatched in November, due in December, closed not evaluated.
        all.append(whistle("W3", lead: a, raised: "11-27 09:00",
                           tasks: [task(a, "11-27 09:00", signed: "11-27 09:10", signOnTime: true, signMinutes: 10,
                                        due: "12-02 09:00", reported: "12-01 09:00", onTime: true)],
                           closed: "12-08 09:00", closeMinutes: 2_700, as: .notEvaluated))
        // W4 — A's extension (延期) is approved in time: its disposal deadline moves from 11-13 to 11-20.
        var w4 = whistle("W4", lead: a, raised: "11-10 09:00",
                         tasks: [task(a, "11-10 09:00", signed: "11-10 09:20", signOnTime: true, signMinutes: 20,
                                      due: "11-13 09:00", reported: "11-19 09:00", onTime: true)],
                         verdicts: [(a, "11-21 10:00", true)], closed: "11-21 10:00", closeMinutes: 4_000)
        w4.tasks[0].requests = [.init(kind: .extension, at: at("11-11 09:00"), decideBy: at("11-12 09:00"))]
        w4.tasks[0].decide(.extension, granted: true, at: at("11-11 15:00"))
        w4.tasks[0].extended = true
        w4.tasks[0].moveDeadline(to: at("11-20 09:00"))
        all.append(w4)
        // W5 — C leads; A's co part is returned (upheld) and moves to B.
        var returned = task(a, lead: false, "11-05 09:00", signed: "11-05 09:40", signOnTime: true, signMinutes: 40,
                            due: "11-09 09:00", reported: nil, onTime: false)
        returned.requests = [.init(kind: .return, at: at("11-05 10:00"), decideBy: at("11-06 10:00"))]
        returned.decide(.return, granted: true, at: at("11-06 09:00"))
        returned.returned = true
        all.append(whistle("W5", lead: c, raised: "11-05 09:00",
                           tasks: [task(c, "11-05 09:00", signed: "11-05 09:30", signOnTime: true, signMinutes: 30,
                                        due: "11-09 09:00", reported: "11-09 08:00", onTime: true),
                                   returned,
                                   task(b, lead: false, "11-06 09:00", signed: "11-06 09:50", signOnTime: true, signMinutes: 50,
                                        due: "11-09 09:00", reported: "11-08 09:00", onTime: true)],
                           verdicts: [(c, "11-10 10:00", true), (b, "11-10 10:00", true)], closed: "11-10 10:00",
                           closeMinutes: 2_000))
        // W6 — A's return is refused (it keeps the task and signs late); the whistle climbs to the town.
        var w6 = whistle("W6", lead: a, raised: "11-12 09:00",
                         tasks: [task(a, "11-12 09:00", signed: "11-13 09:30", signOnTime: false, signMinutes: 480,
                                      due: "11-16 09:00", reported: "11-16 08:45", onTime: true)],
                         verdicts: [(a, "11-17 10:00", true)], closed: "11-17 10:00", closeMinutes: 3_500)
        w6.tasks[0].requests = [.init(kind: .return, at: at("11-12 09:30"), decideBy: at("11-13 09:30"))]
        w6.tasks[0].decide(.return, granted: false, at: at("11-13 09:00"))
        w6.climbs = [.init(level: 3, coordinator: "centre:JD-NX", at: at("11-14 09:00"), dueAt: at("11-17 09:00"))]
        all.append(w6)
        // W7 — voided (作废): counts nowhere.
        all.append(whistle("W7", lead: a, raised: "11-14 09:00",
                           tasks: [task(a, "11-14 09:00", signed: "11-14 09:10", signOnTime: true, signMinutes: 10,
                                        due: "11-17 09:00", reported: nil, onTime: false)],
                           closed: "11-15 09:00", closeMinutes: 500, as: .voided))
        // W8 — B leads in 安亭: signs late and reports late.
        all.append(whistle("W8", lead: b, town: "JD-AT", raised: "12-01 09:00",
                           tasks: [task(b, "12-01 09:00", signed: "12-01 11:00", signOnTime: false, signMinutes: 120,
                                        due: "12-04 09:00", reported: "12-05 09:00", onTime: false)],
                           verdicts: [(b, "12-07 10:00", true)], closed: "12-07 10:00", closeMinutes: 3_000))
        // W9–W11 — C leads three more, all on time.
        for (index, day) in [2, 3, 4].enumerated() {
            all.append(whistle("W\(9 + index)", lead: c, raised: "12-0\(day) 09:00",
                               tasks: [task(c, "12-0\(day) 09:00", signed: "12-0\(day) 09:30", signOnTime: true, signMinutes: 30,
                                            due: "12-0\(day + 3) 09:00", reported: "12-0\(day + 2) 09:00", onTime: true)],
                               verdicts: [(c, "12-0\(day + 4) 10:00", true)], closed: "12-0\(day + 4) 10:00",
                               closeMinutes: 1_500))
        }
        // F1–F9 — A leads nine in December, dispatched on the 1st to the 9th, all on time; F9 is
        // found not solved and reworked once.
        for day in 1...9 {
            func date(_ offset: Int, _ time: String) -> String {
                let d = day + offset
                return "12-\(d < 10 ? "0" : "")\(d) \(time)"
            }
            let rework = day == 9
            var f = whistle("F\(day)", lead: a, raised: date(0, "09:00"),
                            tasks: [task(a, date(0, "09:00"), signed: date(0, "09:10"), signOnTime: true, signMinutes: 10,
                                         due: date(3, "09:00"), reported: date(2, "09:00"), onTime: true)],
                            verdicts: rework ? [(a, date(3, "10:00"), false), (a, date(7, "10:00"), true)] : [(a, date(3, "10:00"), true)],
                            closed: rework ? date(7, "10:00") : date(3, "10:00"), closeMinutes: rework ? 3_000 : 1_000)
            if rework { f.tasks[0].rounds.append(.init(dueAt: at(date(6, "09:00")), reportedAt: at(date(5, "09:00")), onTime: true)) }
            all.append(f)
        }
        return all
    }

    /// The totals of each subject over the local months given, as the store sums them.
    static func totals(months: Set<String>) throws -> [IndicatorSubject: IndicatorTotals] {
        let calendar = try Fixture.calendar()
        let contributions = whistles().flatMap(IndicatorContributions.of).filter {
            months.contains(calendar.localDate(of: $0.at).monthText)
        }
        return IndicatorTotals.of(contributions)
    }

    @Test func novemberForSquadAByHand() throws {
        let t = try #require(try Self.totals(months: ["2026-11"])[.department(Self.a)])
        // dispatched: W1 W2 W3 W4 W6 and the W5 co task it returned (W7 voided) = 6.
        #expect(t[.dispatched] == 6)
        // Sign-for due in November, returned task left out: W1 W2 W3 W4 W6 = 5; on time W1 W3 W4 = 3.
        #expect(Self.n(t, .signDue, .signedOnTime) == [5, 3])
        // Disposal rounds due: W1 (11-05 ✓), W2 r1 (11-06 ✗), W2 r2 (11-12 ✓), W4 (11-20 ✓, after the
        // extension), W6 (11-16 ✓) = 5, 4 on time; W3's round falls due in December.
        #expect(Self.n(t, .disposalDue, .disposedOnTime) == [5, 4])
        // Final disposal deadlines: W1 W2 (its last round) W4 W6 = 4; one extended (W4).
        #expect(Self.n(t, .extensionDue, .extended) == [4, 1])
        // Closing deadlines (final disposal + 7 days): W1 11-12, W2 11-19, W4 11-27, W6 11-23 = 4,
        // all closed before them; W2 reworked.
        #expect(Self.n(t, .closingDue, .closed, .closedOnTime, .closedNotEvaluated, .reworked) == [4, 4, 4, 0, 1])
        // Returns asked W5 W6; arbitrated W5 (upheld) W6 (refused).
        #expect(Self.n(t, .returnRequested, .returnArbitrated, .returnRefused) == [2, 2, 1])
        // Verdicts W1 ✓, W2 ✗ then ✓, W4 ✓, W6 ✓ = 5, 4 solved.
        #expect(Self.n(t, .verdict, .solved) == [5, 4])
        let rates = DepartmentIndicators(t, released: nil, policy: Self.policy)
        #expect(rates.signForOnTimeRate == 3.0 / 5)
        #expect(rates.disposalOnTimeRate == 4.0 / 5)
        #expect(rates.closureRate == 1)
        #expect(rates.closureOnTimeRate == 1)
        #expect(rates.reworkRate == 1.0 / 4)
        #expect(rates.extendedRate == 1.0 / 4)
        #expect(rates.returnRequestRate == 2.0 / 6)
        #expect(rates.returnRefusedRate == 1.0 / 2)
        #expect(rates.solvedRate == 4.0 / 5)
        #expect(rates.satisfactionRate == nil)
        // Signed in November: 30, 120, 10 (W3), 20, 480 minutes → mean 132 min = 2.2 h; p90 is the
        // ⌈4.5⌉ = 5th smallest, 480 min = 8 h.
        #expect(rates.signFor == TimeSummary(count: 5, meanHours: 132.0 / 60, p90Hours: 8))
        // Closed in November: 1,860, 3,000, 4,000, 3,500 → mean 3,090 min; p90 the 4th, 4,000 min.
        #expect(rates.close == TimeSummary(count: 4, meanHours: 3_090.0 / 60, p90Hours: 4_000.0 / 60))
    }

    @Test func decemberAndTheQuarterForSquadAByHand() throws {
        let december = try #require(try Self.totals(months: ["2026-12"])[.department(Self.a)])
        // F1–F9 dispatched and due to sign (all on time); rounds due: W3, F1–F8, F9's two = 11, all
        // on time; final deadlines W3 F1–F9 = 10, none extended.
        #expect(Self.n(december, .dispatched, .signDue, .signedOnTime) == [9, 9, 9])
        #expect(Self.n(december, .disposalDue, .disposedOnTime, .extensionDue, .extended) == [11, 11, 10, 0])
        // Closing due: W3 (12-09; closed 12-08 not evaluated) and F1–F9 = 10, all on time; F9 reworked.
        #expect(Self.n(december, .closingDue, .closed, .closedOnTime, .closedNotEvaluated, .reworked) == [10, 10, 10, 1, 1])
        #expect(Self.n(december, .verdict, .solved, .returnRequested) == [10, 9, 0])
        let rates = DepartmentIndicators(december, released: nil, policy: Self.policy)
        #expect(rates.returnRefusedRate == nil, "nothing arbitrated")
        #expect(rates.returnRequestRate == 0)
        // Closed in December: W3 2,700, F1–F8 1,000 each, F9 3,000 → mean 1,370 min; p90 the 9th, 2,700.
        #expect(rates.close == TimeSummary(count: 10, meanHours: 1_370.0 / 60, p90Hours: 45))

        // The quarter counts its own events: W3, dispatched in November and due in December, once.
        let quarter = try #require(try Self.totals(months: ["2026-10", "2026-11", "2026-12"])[.department(Self.a)])
        #expect(Self.n(quarter, .dispatched, .signDue, .signedOnTime) == [15, 14, 12])
        #expect(Self.n(quarter, .disposalDue, .disposedOnTime) == [16, 15])
        #expect(Self.n(quarter, .closingDue, .closedOnTime, .reworked) == [14, 14, 2])
        #expect(Self.n(quarter, .verdict, .solved) == [15, 13])
    }

    @Test func squadBAndTheLandscapeBureauByHand() throws {
        let november = try Self.totals(months: ["2026-11"])
        let b = try #require(november[.department(Self.b)])
        // B took over A's returned part of W5: one co task, on time; it leads nothing in November.
        #expect(Self.n(b, .dispatched, .signDue, .signedOnTime, .disposalDue, .disposedOnTime, .closingDue) == [1, 1, 1, 1, 1, 0])
        let c = try #require(november[.department(Self.c)])
        #expect(Self.n(c, .dispatched, .signedOnTime, .closingDue, .closedOnTime, .verdict) == [1, 1, 1, 1, 1])
        // Town 南翔 in November: requests with a deadline W4 (ext.), W5 and W6 (returns), all decided in time.
        let town = try #require(november[.town("JD-NX")])
        #expect(Self.n(town, .decisionDue, .decidedOnTime) == [3, 3])
        // Closed in November: W1 W2 W4 W5 W6; W6 reached the town, so 4 settled at levels 1–2.
        #expect(Self.n(town, .settled, .settledLow) == [5, 4])
        // Area JD-NX-A01: climbs to it W1 (reported back 11-04 10:00, before 17:00 ✓) and W2 (✗).
        let area = try #require(november[.area("JD-NX-A01")])
        #expect(Self.n(area, .escalationReceived, .escalationSettled) == [2, 1])
        #expect(AreaEvaluation(area).escalationSettledRate == 0.5)
    }

    @Test func decemberRankingWithGradesMinimumVolumeAndRollUp() throws {
        let december = try Self.totals(months: ["2026-12"])
        // A's released ballots: 4 满意, 1 基本满意 (weight 1) → 满意率 1.
        var released = ReleasedOpinions()
        released.satisfied = 4
        released.basicallySatisfied = 1
        func indicators(_ ids: [String], released: ReleasedOpinions?) -> DepartmentIndicators {
            var total = IndicatorTotals()
            for id in ids { total.merge(december[.department(id)] ?? IndicatorTotals()) }
            return DepartmentIndicators(total, released: released, policy: Self.policy)
        }
        let a = indicators([Self.a], released: released)
        let units = Ranking.rank([(Self.a, 9, a), (Self.b, 1, indicators([Self.b], released: nil)),
                                  (Self.c, 3, indicators([Self.c], released: nil))], policy: Self.assessment)
        // A: 30 × 1 + 35 × 0.9 + 35 × 1 = 96.5 → A, first.
        #expect(abs((units[Self.a]?.score ?? 0) - 96.5) < 1e-9)
        #expect(units[Self.a]?.grade == .a)
        #expect(units[Self.a]?.rank == 1)
        #expect(units[Self.a]?.notRanked == nil)
        #expect(units[Self.b]?.notRanked == .belowMinimumVolume, "one task in December, below 3")
        #expect(units[Self.c]?.notRanked == .satisfactionNotReleased, "three tasks, but no released ballots")
        #expect(units[Self.c]?.rank == nil)
        // The district body JD-CGZF ranks on A and B combined: 响应率 9/10, 解决率 10/11, 满意率 1.
        let body = indicators([Self.a, Self.b], released: released)
        #expect(body.signForOnTimeRate == 9.0 / 10)
        #expect(body.solvedRate == 10.0 / 11)
        let bodies = Ranking.rank([("JD-CGZF", 10, body), (Self.c, 3, indicators([Self.c], released: nil))], policy: Self.assessment)
        let score = try #require(bodies["JD-CGZF"]?.score)
        #expect(abs(score - (30 * 0.9 + 35 * 10.0 / 11 + 35)) < 1e-9)
        #expect(bodies["JD-CGZF"]?.grade == .a)
        #expect(bodies["JD-CGZF"]?.rank == 1)
    }

    @Test func equalScoresShareARankAndGradesFollowTheThresholds() {
        var totals = IndicatorTotals()
        for metric in [IndicatorMetric.signDue, .signedOnTime, .verdict, .solved] { totals.add(metric, count: 10) }
        totals.add(.dispatched, count: 10)
        var released = ReleasedOpinions()
        released.satisfied = 5
        let full = DepartmentIndicators(totals, released: released, policy: Self.policy)
        var weaker = totals
        weaker.counts[.signedOnTime] = 5
        let half = DepartmentIndicators(weaker, released: released, policy: Self.policy)
        let standings = Ranking.rank([("X", 10, full), ("Y", 10, full), ("Z", 10, half)], policy: Self.assessment)
        #expect([standings["X"]?.rank, standings["Y"]?.rank, standings["Z"]?.rank] == [1, 1, 3])
        #expect(abs((standings["Z"]?.score ?? 0) - 85) < 1e-9)
        #expect(standings["Z"]?.grade == .b)
        #expect(GradeThresholds.standard.grade(39.99) == .e)
        #expect(GradeThresholds.standard.grade(40) == .d)
        #expect(GradeThresholds.standard.grade(60) == .c)
    }

    @Test func periodsAreWholeMonthsQuartersYearsOrRangesOfRealDays() {
        #expect(AssessmentPeriod("2026-11")?.days == LocalDate(year: 2026, month: 11, day: 1)...LocalDate(year: 2026, month: 11, day: 30))
        #expect(AssessmentPeriod("2026-Q1")?.days.upperBound == LocalDate(year: 2026, month: 3, day: 31))
        #expect(AssessmentPeriod("2028-02")?.days.upperBound == LocalDate(year: 2028, month: 2, day: 29))
        #expect(AssessmentPeriod("2026-12-01..2026-12-15")?.wholeMonths == nil)
        #expect(AssessmentPeriod("2026-12-05..2026-12-05") != nil, "one day")
        for bad in ["2026-12-15..2026-12-01", "2026-02-30..2026-03-01", "2026-12-01.2026-12-02", "2026-12-01..", "..2026-12-01",
                    "2026-12-01...2026-12-02", "2026-13", "2026-Q0", "26-12", ""] {
            #expect(AssessmentPeriod(bad) == nil, "\(bad)")
        }
    }
}
