import Foundation
import GridDomain
import GridWire
import SQLite
import Testing

/// 匿名评价 across the three processes: ballots sealed while pending, released in a batch of K
/// (the sample's `disclosureMinimum`, 5) by due work, shown only from the released counters, the
/// comment box with its right of reply, and the ballot key the service refuses to lose.
@Suite(.serialized) struct BallotReleaseTests {
    /// 占道经营 in 南翔: JD-NX-CGZF alone.
    let department = "JD-NX-CGZF"
    let grids = ["JD-NX-A01-G01-M01", "JD-NX-A01-G02-M01", "JD-NX-A02-G01-M01", "JD-NX-A02-G02-M01",
                 "JD-NX-A03-G01-M01", "JD-NX-A03-G02-M01"].map { "grid:\($0)" }

    @Test func ballotsWaitSealedUntilKArePendingThenReleaseTogetherAndTakeOneReply() throws {
        let cluster = try Cluster(testClock: "2026-12-07T09:00:00+08:00")
        try cluster.start()
        var whistles: [String] = []
        for grid in grids.prefix(5) {
            whistles.append(try cluster.raiseAndReportBack(grid: grid, matter: "street-vending").whistle)
        }
        let said: [(Satisfaction, AspectScores, String)] = [
            (.satisfied, AspectScores(timeliness: 5, quality: 4, attitude: 5), "BALLOT-A 摊位已清"),
            (.satisfied, AspectScores(timeliness: 4, quality: 4), "BALLOT-B 处置及时"),
            (.basicallySatisfied, AspectScores(timeliness: 3, quality: 3, attitude: 4), "BALLOT-C 仍有反复"),
            (.dissatisfied, AspectScores(timeliness: 1, quality: 2, attitude: 2), "BALLOT-D 态度不好"),
            (.satisfied, AspectScores(timeliness: 5, quality: 5), "BALLOT-E 满意"),
        ]
        for (index, (satisfaction, scores, comment)) in said.enumerated() {
            var arguments = ["--as", grids[index], "evaluate", whistles[index], "--solved", "yes", "--satisfaction",
                             satisfaction.rawValue, "--comment", comment]
            for (aspect, score) in scores.given { arguments += ["--\(aspect.rawValue)", String(score)] }
            let result = try cluster.gridctl(arguments)
            #expect(result.status == 0, "\(result)")
            try cluster.moveClock(["advance", "60"])
            if index < 4 {
                let row = try assessment(cluster)
                #expect(row?.released == 0, "nothing released below K, after \(index + 1)")
                #expect(row?.satisfactionHidden == true)
                #expect(row?.scores == nil)
                #expect(try comments(cluster).comments.isEmpty)
                let files = try databaseBytes(cluster)
                #expect(files.range(of: Data("BALLOT-".utf8)) == nil, "no comment in the files while sealed")
            }
        }
        let released = try eventually { try assessment(cluster)?.released == 5 }
        #expect(released, "the fifth ballot made the release due")
        let row = try #require(try assessment(cluster))
        #expect(row.satisfactionRate == 0.8, "three satisfied and one basically satisfied, weighing 1 in the sample, of five")
        #expect(row.satisfactionHidden == false)
        #expect(row.scores == AspectMeans(timeliness: 18.0 / 5, quality: 18.0 / 5, attitude: nil),
                "attitude was scored three times, below K")
        #expect(row.evaluations == 5 && row.solvedRate == 1)
        let box = try comments(cluster)
        #expect(Set(box.comments.map(\.text)) == Set(said.map(\.2)))
        #expect(box.comments.allSatisfy { $0.period == "2026-12" && $0.reply == nil })
        #expect(try comments(cluster, period: "2026-Q4").comments.count == 5)
        #expect(try comments(cluster, period: "2026").comments.count == 5)
        #expect(try comments(cluster, period: "2026-11").comments.isEmpty)
        let quarter = try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment", "--period", "2026-Q4",
                                                                "--department", department]).1
        #expect(quarter?.departments.first?.released == 5)

        // The right of reply: once, by the department the comment is about.
        let comment = try #require(box.comments.first)
        #expect(try cluster.gridctlRefusal(["--as", "dept:JD-NX-SCJG", "reply", comment.id, "--text", "收到"])?.code == "not_permitted")
        #expect(try cluster.gridctlRefusal(["--as", "dept:\(department)", "reply", comment.id, "--text", " "])
                == Refusal(.badRequest, "invalid_value", at: "/body/text"))
        #expect(try cluster.gridctlRefusal(["--as", "dept:\(department)", "reply", "nope", "--text", "收到"])
                == Refusal(.notFound, "unknown_comment", at: "/body/comment"))
        let replied = try cluster.gridctl(["--as", "dept:\(department)", "reply", comment.id, "--text", "已加强巡查"])
        #expect(replied.status == 0, "\(replied)")
        #expect(try cluster.gridctlRefusal(["--as", "dept:\(department)", "reply", comment.id, "--text", "再答"])
                == Refusal(.conflict, "already_replied", at: "/body/comment"))
        let answered = try comments(cluster).comments.first { $0.id == comment.id }
        #expect(answered?.reply?.text == "已加强巡查")

        // Who may read the box, and for which spans.
        #expect(try cluster.gridctlRefusal(["--as", "dept:JD-NX-SCJG", "comments", department])?.code == "not_permitted")
        #expect(try cluster.gridctlRefusal(["--as", grids[0], "comments", department])?.code == "not_permitted")
        for period in ["2026-12-07", "2026-12-31..2026-12-01", "2026-13"] {
            #expect(try cluster.gridctlRefusal(["--as", "district:JD", "comments", department, "--period", period])
                    == Refusal(.badRequest, "invalid_value", at: "/body/period"))
            #expect(try cluster.gridctlRefusal(["--as", "district:JD", "assessment", "--period", period])
                    == Refusal(.badRequest, "invalid_value", at: "/body/period"))
        }
        // Satisfaction is released by month: a range of days is refused for comments, and the
        // assessment of a range shows none.
        #expect(try cluster.gridctlRefusal(["--as", "district:JD", "comments", department, "--period", "2026-12-01..2026-12-31"])
                == Refusal(.badRequest, "satisfaction_needs_whole_period", at: "/body/period"))
        let ranged = try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment", "--period", "2026-12-01..2026-12-31",
                                                               "--department", department]).1?.departments.first
        #expect(ranged?.satisfactionHidden == true)
        #expect(ranged?.released == 0)
        #expect(try cluster.gridctlRefusal(["--as", "district:JD", "comments", "JD-NOPE"])?.code == "unknown_department")
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    @Test func aRemainderBelowKAtTheMonthsEndWaitsAndCountsInTheMonthOfItsRelease() throws {
        let cluster = try Cluster(testClock: "2026-12-30T09:00:00+08:00")
        try cluster.start()
        func evaluate(_ index: Int) throws {
            let whistle = try cluster.raiseAndReportBack(grid: grids[index], matter: "street-vending").whistle
            let result = try cluster.gridctl(["--as", grids[index], "evaluate", whistle, "--solved", "yes",
                                              "--satisfaction", "satisfied", "--comment", "ROLL-\(index)"])
            #expect(result.status == 0, "\(result)")
        }
        for index in 0..<3 { try evaluate(index) }
        try cluster.moveClock(["set", "2027-01-04T09:00:00+08:00"])
        #expect(try assessment(cluster, period: "2026-12")?.released == 0, "three in December stay sealed past its end")
        #expect(try comments(cluster, period: "2026-12").comments.isEmpty)
        for index in 3..<5 { try evaluate(index) }
        let released = try eventually { try assessment(cluster, period: "2027-01")?.released == 5 }
        #expect(released, "December's three are released with January's two, in January")
        #expect(try assessment(cluster, period: "2027-01")?.satisfactionRate == 1)
        #expect(try assessment(cluster, period: "2026-12")?.released == 0)
        #expect(try assessment(cluster, period: "2026")?.satisfactionHidden == true)
        #expect(try comments(cluster, period: "2027-Q1").comments.map(\.period) == Array(repeating: "2027-01", count: 5))
        #expect(try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment", "--period", "2026-12",
                                                          "--department", department]).1?.departments.first?.evaluations == 3,
                "verdicts keep the month they were given in")
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    @Test func whatAGridSaysIsCheckedWithoutBeingRepeated() throws {
        let cluster = try Cluster(testClock: "2026-12-07T09:00:00+08:00")
        try cluster.start()
        let whistle = try cluster.raiseAndReportBack(grid: grids[0], matter: "street-vending").whistle
        let base = ["--as", grids[0], "evaluate", whistle, "--solved", "yes", "--satisfaction", "satisfied"]
        for (option, pointer) in [("--timeliness", "/body/scores/timeliness"), ("--quality", "/body/scores/quality"),
                                  ("--attitude", "/body/scores/attitude")] {
            for score in ["0", "6", "-1"] {
                #expect(try cluster.gridctlRefusal(base + [option, score]) == Refusal(.badRequest, "invalid_value", at: pointer),
                        "\(option) \(score)")
            }
        }
        let secret = "SECRET-7f3a"
        for comment in [String(repeating: "长", count: 501), secret + String(repeating: "😀", count: 400), secret + "\u{7}bell"] {
            let refused = try cluster.gridctl(["--json"] + base + ["--comment", comment])
            let refusal = try? JSONCoding.decode(Refusal.self, from: Data(refused.stdout.utf8))
            #expect(refused.status == 1 && refusal == Refusal(.badRequest, "invalid_value", at: "/body/comment"), "\(refused)")
            #expect(!refused.stdout.contains(secret), "a refusal does not repeat the comment")
        }
        let ok = try cluster.gridctl(["--key", "eval-1"] + base + ["--comment", "SECRET-7f3a 可以", "--timeliness", "5"])
        #expect(ok.status == 0, "\(ok)")
        let retried = try cluster.gridctl(["--key", "eval-1"] + base + ["--comment", "SECRET-7f3a 换个说法", "--timeliness", "2"])
        #expect(retried.status == 0 && retried.stdout == ok.stdout, "a retry gets the first reply: \(retried)")
        #expect(try cluster.gridctlRefusal(["--key", "eval-2"] + base)?.code == "already_evaluated")
        #expect(!cluster.log(.evaluation).contains(secret), "no log line holds what was said")
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
        let database = try Database(path: cluster.directory.appendingPathComponent("data/evaluation.sqlite").path)
        #expect(try database.queryFirst("SELECT COUNT(*) FROM ballots")?.int(0) == 1, "one ballot, not one per attempt")
    }

    @Test func theServiceRefusesToStartWithoutTheKeyItsPendingBallotsAreSealedTo() throws {
        let cluster = try Cluster(testClock: "2026-12-07T09:00:00+08:00")
        try cluster.start()
        let whistle = try cluster.raiseAndReportBack(grid: grids[0], matter: "street-vending").whistle
        let evaluated = try cluster.gridctl(["--as", grids[0], "evaluate", whistle, "--solved", "yes", "--satisfaction", "satisfied"])
        #expect(evaluated.status == 0, "\(evaluated)")
        let key = cluster.directory.appendingPathComponent("data/evaluation-ballot.key")
        let attributes = try FileManager.default.attributesOfItem(atPath: key.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "readable by the service's user only")
        #expect(cluster.stop(.evaluation) == 0)

        let aside = cluster.directory.appendingPathComponent("ballot.key.backup")
        try FileManager.default.moveItem(at: key, to: aside)
        let refused = try CommandResult.run(Cluster.Service.evaluation.rawValue, [
            "--config", cluster.configPath, "--data", cluster.directory.appendingPathComponent("data").path,
            "--dev-principals", "--test-clock", "2026-12-07T09:00:00+08:00"])
        #expect(refused.status == 78, "a configuration problem: \(refused)")
        #expect((refused.stdout + refused.stderr).contains("evaluation-ballot.key is missing, and 1 ballots are sealed to it"))
        #expect(!FileManager.default.fileExists(atPath: key.path), "no new key was made in its place")

        try FileManager.default.moveItem(at: aside, to: key)
        try cluster.start([.evaluation])
        let back = try eventually { try cluster.gridctl(["status", "evaluation"]).status == 0 }
        #expect(back, "the restored key opens again")
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// A crash right after a release, before the log is truncated, leaves the log's page images
    /// behind; the next start truncates it before it takes anything in.
    @Test func aStartAfterACrashTruncatesTheLogThatAReleaseLeft() throws {
        let cluster = try Cluster(testClock: "2026-12-07T09:00:00+08:00")
        try cluster.start()
        for (index, grid) in grids.prefix(5).enumerated() {
            let whistle = try cluster.raiseAndReportBack(grid: grid, matter: "street-vending").whistle
            let result = try cluster.gridctl(["--as", grid, "evaluate", whistle, "--solved", "yes", "--satisfaction", "satisfied",
                                              "--comment", "CRASH-\(index)"])
            #expect(result.status == 0, "\(result)")
        }
        let released = try eventually { try assessment(cluster)?.released == 5 }
        #expect(released)
        // Something for the log to hold: a reply, committed after the release's truncation.
        let comment = try #require(try comments(cluster).comments.first)
        #expect(try cluster.gridctl(["--as", "dept:\(department)", "reply", comment.id, "--text", "收到"]).status == 0)
        let wal = cluster.directory.appendingPathComponent("data/evaluation.sqlite-wal").path
        func walBytes() -> Int { (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0 }
        #expect(walBytes() > 0)
        cluster.crash(.evaluation)
        #expect(walBytes() > 0, "kill -9 leaves the log as it was")
        try cluster.start([.evaluation])
        let answering = try eventually { try cluster.gridctl(["status", "evaluation"]).status == 0 }
        #expect(answering)
        #expect(walBytes() == 0, "the start truncated the log")
        #expect(try comments(cluster).comments.first { $0.id == comment.id }?.reply?.text == "收到", "nothing was lost")
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// An evaluation database from before sealed ballots (schema evaluation-5, its opinions in the
    /// clear) is migrated at the next start: the opinions of a month with K of them become its
    /// released counters, nothing else is kept, and the old tables are gone.
    @Test func openOpinionsOfAnEarlierVersionBecomeReleasedCountersOnlyWhereTheyWereShown() throws {
        let cluster = try Cluster(testClock: "2026-12-07T09:00:00+08:00")
        try cluster.start([.evaluation])
        let ready = try eventually { try cluster.gridctl(["status", "evaluation"]).status == 0 }
        #expect(ready)
        #expect(cluster.stop(.evaluation) == 0)
        let path = cluster.directory.appendingPathComponent("data/evaluation.sqlite").path
        do {
            // The tables evaluation-5 had in their place, and what an earlier version wrote there.
            let database = try Database(path: path)
            defer { database.close() }
            try database.execute("""
                DROP TABLE ballots; DROP TABLE ballot_key; DROP TABLE released; DROP TABLE comments;
                CREATE TABLE opinions(
                    id TEXT PRIMARY KEY, period TEXT NOT NULL, town TEXT NOT NULL, matter TEXT NOT NULL,
                    satisfaction TEXT NOT NULL, comment TEXT) WITHOUT ROWID;
                CREATE TABLE opinion_departments(
                    opinion TEXT NOT NULL, department TEXT NOT NULL, PRIMARY KEY(opinion, department)) WITHOUT ROWID;
                INSERT INTO opinions VALUES ('o1', '2026-11', 'JD-NX', 'muck-truck', 'dissatisfied', '渣土未清'),
                    ('o2', '2026-11', 'JD-NX', 'street-vending', 'satisfied', NULL),
                    ('o3', '2026-11', 'JD-NX', 'street-vending', 'basically_satisfied', '摊位已清'),
                    ('o4', '2026-11', 'JD-NX', 'street-vending', 'satisfied', NULL),
                    ('o5', '2026-11', 'JD-NX', 'street-vending', 'satisfied', NULL),
                    ('o6', '2026-12', 'JD-NX', 'street-vending', 'satisfied', NULL);
                INSERT INTO opinion_departments VALUES ('o1', 'JD-NX-CGZF'), ('o1', 'JD-LHSR'), ('o2', 'JD-NX-CGZF'),
                    ('o3', 'JD-NX-CGZF'), ('o4', 'JD-NX-CGZF'), ('o5', 'JD-NX-CGZF'), ('o6', 'JD-NX-CGZF');
                DELETE FROM schema_migrations WHERE name = 'evaluation-6';
                """)
        }
        try cluster.start([.evaluation])
        let migrated = try eventually { try cluster.gridctl(["status", "evaluation"]).status == 0 }
        #expect(migrated)
        #expect(cluster.stop(.evaluation) == 0)
        let database = try Database(path: path)
        defer { database.close() }
        #expect(try database.queryFirst("SELECT COUNT(*) FROM schema_migrations WHERE name = 'evaluation-6'")?.int(0) == 1)
        let tables = try database.query("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0.string(0) }
        #expect(!tables.contains("opinions") && !tables.contains("opinion_departments"))
        let counters = try database.query("""
            SELECT department, period, satisfied, basically_satisfied, dissatisfied FROM released ORDER BY department, period
            """).map { "\($0.string(0)!) \($0.string(1)!) \($0.int(2)!)/\($0.int(3)!)/\($0.int(4)!)" }
        #expect(counters == ["JD-NX-CGZF 2026-11 3/1/1"], "only a month with K opinions, as the assessment showed them")
        #expect(try database.queryFirst("SELECT COUNT(*) FROM comments")?.int(0) == 0, "no comment was ever shown; none is now")
        #expect(try database.queryFirst("SELECT COUNT(*) FROM ballot_key")?.int(0) == 1, "the new key's public half")
    }

    private func assessment(_ cluster: Cluster, period: String? = nil) throws -> DepartmentAssessment? {
        let arguments = ["--as", "observer:audit", "assessment", "--department", department] + (period.map { ["--period", $0] } ?? [])
        return try cluster.gridctlJSON(Assessment.self, arguments).1?.departments.first
    }

    private func comments(_ cluster: Cluster, period: String? = nil) throws -> Comments {
        let arguments = ["--as", "dept:\(department)", "comments", department] + (period.map { ["--period", $0] } ?? [])
        let (result, box) = try cluster.gridctlJSON(Comments.self, arguments)
        return try #require(box, "\(result)")
    }

    /// The bytes of evaluation.sqlite and its -wal.
    private func databaseBytes(_ cluster: Cluster) throws -> Data {
        let base = cluster.directory.appendingPathComponent("data/evaluation.sqlite").path
        let paths = [base, base + "-wal"]
        return paths.reduce(into: Data()) { $0 += FileManager.default.contents(atPath: $1) ?? Data() }
    }
}
