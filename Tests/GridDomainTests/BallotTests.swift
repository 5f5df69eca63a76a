import GridDomain
import Testing

/// 匿名评价 as pure rules: one ballot per department, batches of at least K, counters that
/// keep nothing of one ballot, whole periods.
struct BallotTests {
    @Test func aJointEvaluationCastsOneBallotPerDepartmentWithTheCommentOnTheLeadsAlone() {
        let scores = AspectScores(timeliness: 4, attitude: 2)
        let ballots = Ballot.cast(satisfaction: .basicallySatisfied, scores: scores, comment: "渣土已清",
                                  departments: ["JD-NX-CGZF", "JD-LHSR", "JD-JJ"])
        #expect(ballots == [
            Ballot(department: "JD-NX-CGZF", satisfaction: .basicallySatisfied, scores: scores, comment: "渣土已清"),
            Ballot(department: "JD-LHSR", satisfaction: .basicallySatisfied, scores: scores),
            Ballot(department: "JD-JJ", satisfaction: .basicallySatisfied, scores: scores),
        ])
        #expect(Ballot.cast(satisfaction: .satisfied, scores: AspectScores(), comment: nil, departments: []).isEmpty)
    }

    @Test func aJointCaseWaitsInTheGroupOfItsLeadAndItsCoDepartments() {
        let group = BallotRelease.group(lead: "JD-NX-CGZF", co: ["JD-LHSR", "JD-JJ"])
        #expect(group == "JD-NX-CGZF|JD-JJ,JD-LHSR")
        #expect(BallotRelease.group(lead: "JD-NX-CGZF", co: ["JD-JJ", "JD-LHSR", "JD-JJ"]) == group)
        #expect(BallotRelease.group(lead: "JD-LHSR", co: ["JD-NX-CGZF", "JD-JJ"]) != group,
                "another lead puts its comments in another box, so it is another group")
        #expect(BallotRelease.departments(of: group) == ["JD-NX-CGZF", "JD-JJ", "JD-LHSR"])
        #expect(BallotRelease.group(lead: "JD-NX-CGZF", co: []) == "JD-NX-CGZF")
        #expect(BallotRelease.group(lead: "JD-NX-CGZF", co: ["JD-NX-CGZF"]) == "JD-NX-CGZF")
        #expect(BallotRelease.departments(of: "JD-NX-CGZF") == ["JD-NX-CGZF"])
        let ballots = Ballot.cast(satisfaction: .dissatisfied, scores: AspectScores(), comment: "x", departments: ["A", "B", "A"])
        #expect(ballots.map(\.department) == ["A", "B"], "one ballot per department, however often it is named")
        let counters = BallotRelease.counters(of: ballots)
        #expect(counters["A"]?.dissatisfied == 1 && counters["B"]?.dissatisfied == 1)
    }

    @Test func aReleaseIsDueAtKPendingEvaluationsAndNotBefore() {
        #expect(!BallotRelease.isDue(pending: 4, disclosureMinimum: 5))
        #expect(BallotRelease.isDue(pending: 5, disclosureMinimum: 5))
        #expect(BallotRelease.isDue(pending: 12, disclosureMinimum: 5))
        #expect(!BallotRelease.isDue(pending: 0, disclosureMinimum: 0), "a K below 1 still needs a ballot")
        #expect(BallotRelease.isDue(pending: 1, disclosureMinimum: 1))
    }

    @Test func countersAddUpWithoutKeepingAnyBallot() throws {
        let batch = [
            Ballot(department: "D", satisfaction: .satisfied, scores: AspectScores(timeliness: 5, quality: 4)),
            Ballot(department: "D", satisfaction: .basicallySatisfied, scores: AspectScores(timeliness: 3)),
            Ballot(department: "D", satisfaction: .dissatisfied),
            Ballot(department: "D", satisfaction: .satisfied, scores: AspectScores(timeliness: 4, attitude: 1)),
        ]
        let counters = try #require(BallotRelease.counters(of: batch)["D"])
        #expect(BallotRelease.counters(of: batch).count == 1)
        #expect(counters.ballots == 4)
        #expect(counters.satisfied == 2 && counters.basicallySatisfied == 1 && counters.dissatisfied == 1)
        #expect(counters.satisfactionRate(weight: 0.5, minimum: 4) == 2.5 / 4)
        #expect(counters.satisfactionRate(weight: 0.5, minimum: 5) == nil, "hidden below K")
        #expect(counters.meanScore(.timeliness, minimum: 3) == 4)
        #expect(counters.meanScore(.quality, minimum: 3) == nil, "one score of quality is below K")
        #expect(counters.meanScore(.attitude, minimum: 1) == 1)
        #expect(counters.scored[.timeliness] == 3 && counters.scoreSums[.timeliness] == 12)
    }

    @Test func aPeriodIsAWholeMonthQuarterOrYear() throws {
        #expect(WholePeriod("2026-12")?.months == ["2026-12"])
        #expect(WholePeriod("2026-Q4")?.months == ["2026-10", "2026-11", "2026-12"])
        #expect(WholePeriod("2027-Q1")?.months == ["2027-01", "2027-02", "2027-03"])
        #expect(try #require(WholePeriod("2026")).months.count == 12)
        #expect(WholePeriod("2026")?.months.first == "2026-01")
        #expect(WholePeriod("2026-Q4")?.description == "2026-Q4")
        for text in ["2026-13", "2026-00", "2026-Q5", "2026-Q0", "2026-12-01", "2026-12..2027-01", "26-12",
                     "２０２６-12", "1999", "2026-1", "", "2026-q4"] {
            #expect(WholePeriod(text) == nil, "\(text)")
        }
    }
}
