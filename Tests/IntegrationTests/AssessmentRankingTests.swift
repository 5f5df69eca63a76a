import Foundation
import GridDomain
import GridWire
import SQLite
import Testing

/// The assessment as the district reads it through the three real services: counts by when
/// things fall due (provisional in the current month), the district ranking, the town and area
/// evaluations, the colour map and its event, the export, and the counters rebuilt from the facts.
@Suite(.serialized) struct AssessmentRankingTests {
    static let squad = "JD-NX-CGZF"
    static let grid = "grid:JD-NX-A01-G01-M01"

    @Test func figuresCountWhatFellDueByNowAndSurviveARebuild() throws {
        // Tuesday 2026-12-01 09:00 in Shanghai.
        let cluster = try Cluster(testClock: "2026-12-01T09:00:00+08:00")
        try cluster.start()
        let done = try cluster.raiseAndReportBack(grid: Self.grid, matter: "street-vending")
        #expect(try cluster.gridctl(["--as", Self.grid, "evaluate", done.whistle, "--solved", "yes", "--satisfaction", "satisfied"])
                .status == 0)
        let (raised, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", Self.grid, "raise", "--matter", "street-vending", "--description", "又有占道经营"])
        let open = try #require(accepted, "\(raised)")
        try cluster.awaitTask(open.whistle, of: Self.squad)

        // At 09:00 nothing has fallen due: the sign-for deadlines are at 10:00.
        let early = try #require(try row(cluster))
        #expect(early.dispatched == 2)
        #expect(early.signForDue == 0)
        #expect(early.signForOnTimeRate == nil)
        #expect(early.evaluations == 1)
        // At 10:00 they fall due, and count from that minute on.
        try cluster.moveClock(["set", "2026-12-01T10:00:00+08:00"])
        #expect(try row(cluster)?.signForDue == 2)

        // Thursday 09:00: both sign-for deadlines (Tue 10:00) and disposal deadlines (1 working day)
        // have passed; the first was met, the second not. Its closing deadline (+7 days) has not.
        try cluster.moveClock(["set", "2026-12-03T09:00:00+08:00"])
        let (_, answer) = try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment", "--period", "2026-12"])
        let assessment = try #require(answer)
        #expect(assessment.provisional)
        #expect(assessment.referenceVersion == 1)
        let squad = try #require(assessment.departments.first { $0.department == Self.squad })
        let due: [Int] = [squad.signForDue, squad.signedForOnTime, squad.disposalRoundsDue, squad.disposalRoundsOnTime]
        #expect(due == [2, 1, 2, 1])
        #expect(squad.signForOnTimeRate == 0.5)
        #expect(squad.closingDue == 0)
        #expect(squad.solvedRate == 1)
        #expect(squad.signForHours?.count == 1)
        #expect(squad.notRanked == .belowMinimumVolume)
        #expect(squad.parent == "JD-CGZF")
        let body = try #require(assessment.bodies.first { $0.department == "JD-CGZF" })
        #expect(body.units?.contains(Self.squad) == true)
        #expect(body.dispatched == 2, "its units' figures combined")
        // A finished month is not provisional; a later one has nothing due yet.
        let november = try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment", "--period", "2026-11"]).1
        #expect(november?.provisional == false)
        #expect(november?.departments.isEmpty == true)
        let ranged = try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment", "--period", "2026-12-02..2026-12-02",
                                                               "--department", Self.squad]).1?.departments.first
        #expect(ranged.map { [$0.signForDue, $0.disposalRoundsDue, $0.dispatched] } == [0, 2, 0], "only the 2nd: the disposal deadlines")

        // The town and its area.
        let town = try #require(try cluster.gridctlJSON(TownAssessments.self, ["--as", "centre:JD-NX", "towns", "--town", "JD-NX",
                                                                                "--period", "2026-12"]).1?.towns.first)
        let townDue: [Int] = [town.signForDue, town.signedForOnTime]
        #expect(townDue == [2, 1])
        #expect(town.rosterCompleteness != nil)
        #expect(town.score != nil)
        let area = try #require(try cluster.gridctlJSON(AreaAssessments.self, ["--as", "district:JD", "areas", "--town", "JD-NX"]).1?
            .areas.first { $0.area == "JD-NX-A01" })
        #expect(area.raised == 2)
        #expect(try cluster.gridctlRefusal(["--as", "district:JD", "towns", "--town", "JD-NOPE"])?.code == "unknown_town")

        // 三色管理: the micro-grid has an open, overdue whistle that recurs within 14 days:
        // 3 + 1 + 2 = 6, yellow, announced on `evaluation.colour.`.
        let map = try #require(try cluster.gridctlJSON(ColourMap.self, ["--as", "centre:JD-NX", "colours", "--town", "JD-NX"]).1)
        let micro = try #require(map.grids.first { $0.grid == "JD-NX-A01-G01-M01" })
        #expect(micro.colour == .yellow)
        #expect(micro.reasons == ColourReasons(overdueOpen: 1, open: 1, recurrences: 1))
        #expect(map.grids.first?.grid == micro.grid, "reddest first")
        let colourEvents = try cluster.replayed(.evaluation).filter { $0.head.type == "colour" }
        let changes: [RiskColour] = try colourEvents.map { try $0.payload(ColourChanged.self).to }
        #expect(changes == [.yellow])

        // The export for the assessment office.
        let file = cluster.directory.appendingPathComponent("assessment-2026-12.csv")
        #expect(try cluster.gridctl(["--as", "district:JD", "export", "--period", "2026-12", "--out", file.path]).status == 0)
        let bytes = try Data(contentsOf: file)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 with a byte-order mark")
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.first?.contains("signForOnTimeRate 响应率") == true)
        #expect(lines.contains { $0.hasPrefix("department,,,,\(Self.squad),南翔城管执法中队,JD-CGZF,2,0.5000,") && $0.contains(",2026-12,yes,1,") })

        // Rebuilt from the facts: the counters are emptied, then recomputed at start.
        #expect(cluster.stop(.evaluation) == 0)
        do {
            let database = try Database(path: cluster.directory.appendingPathComponent("data/evaluation.sqlite").path)
            defer { database.close() }
            try database.execute("DELETE FROM indicator_counts; DELETE FROM indicator_times")
        }
        try cluster.start([.evaluation], extra: ["--rebuild-indicators"])
        try cluster.moveClock(["set", "2026-12-03T09:00:00+08:00"])
        let rebuilt = try #require(try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment", "--period", "2026-12"]).1)
        #expect(rebuilt.departments == assessment.departments)
        #expect(rebuilt.bodies == assessment.bodies)

        // Seven weeks on, past the colour window and the recurrence before it (30 + 14 days): the
        // whistle still open counts as open and overdue whatever its age; the closed one is gone.
        try cluster.moveClock(["set", "2027-01-20T09:00:00+08:00"])
        let later = try #require(try cluster.gridctlJSON(ColourMap.self, ["--as", "centre:JD-NX", "colours", "--town", "JD-NX"]).1)
        #expect(later.grids.first { $0.grid == "JD-NX-A01-G01-M01" }?.reasons == ColourReasons(overdueOpen: 1, open: 1))
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    private func row(_ cluster: Cluster) throws -> DepartmentAssessment? {
        try cluster.gridctlJSON(Assessment.self, ["--as", "observer:office", "assessment", "--period", "2026-12",
                                                  "--department", Self.squad]).1?.departments.first
    }
}
