import Foundation
import GridWire
import Testing

/// The test that plays the attacker (docs/anonymity.md): 38 evaluations from 12 grids, of two
/// departments alone, a joint case and two whistles of another town, each with a marker comment
/// only the test knows. It records everything the named attackers can see and works out, for each
/// opinion, every evaluation it could have come from; the smallest such set must hold K = 5.
///
/// - **Insiders** (departments, centres, observers, integrators): every `comments` and
///   `assessment` answer read before and after each evaluation, and every event on every PUB.
/// - **An administrator**: one copy of `evaluation.sqlite`, `-wal` and `-shm`, taken right after
///   an evaluation, one copy at a time, read as every table of every commit image still in the log
///   (the database as of each commit, the "history"), as raw bytes (freed pages, an earlier log's
///   frames) and joined on every attribute a row shares with the whistles; and the logs.
///
/// The attacker uses what the docs say (comments sit in the lead's box; an evaluation gives one
/// comment) and assigns markers to evaluations as a matching, so that a marker that must be one of
/// two evaluations takes one of them from every other. Every set is checked to hold the truth, so
/// an attacker that reasons wrongly fails the test instead of passing it.
///
/// **It fails on the code before sealed ballots** (commit b4e2207, opinions stored in the clear
/// beside their town, matter and departments, in the evaluation's own commit). Run against that
/// build, with `GRIDPLUS_BIN_DIR` pointing at it, it failed with 421 issues and reported:
///
/// ```
/// insiders (comments, assessment, events): 0 comments seen, smallest set 0
/// insiders (satisfaction counters): 36 evaluations disclosed, smallest batch 1
/// administrator, history (commit images, raw bytes), copy after evaluation 3: 3 comments seen, smallest set 1, 3 linked to their evaluation
/// administrator, history and join, copy after evaluation 17: 17 comments seen, smallest set 1, 4 linked to their evaluation
/// administrator, join (attributes), copy after evaluation 24: 24 comments seen, smallest set 1, 2 linked to their evaluation
/// ```
///
/// The three attacks: the **join** named the evaluation of both 嘉定镇 whistles by their town and
/// matter; the **history** paired every comment whose commit was still in the log with its
/// evaluation; **differencing** pinned the satisfaction of 27 evaluations to exactly one, once
/// their department had K opinions and the rate moved with each evaluation (32 readings in which a
/// department's opinions grew by one). On sealed ballots the same run reports a smallest set of 5
/// everywhere (docs/anonymity.md).
@Suite(.serialized) struct AnonymityAttackTests {
    static let k = 5
    static let start = "2026-12-07T09:00:00+08:00"
    static let prefix = "ANONMARK-"
    /// Who evaluates what: 16 street-vending (JD-NX-CGZF alone), 12 food-safety (JD-NX-SCJG), 8
    /// muck-truck (JD-NX-CGZF with JD-LHSR and JD-JJ), and one street-vending and one food-safety
    /// in 嘉定镇, whose departments never reach K.
    static let plan: [(grid: String, matter: String)] = {
        let nanxiang = ["A01-G01-M01", "A01-G02-M01", "A01-G03-M01", "A02-G01-M01", "A02-G02-M01", "A02-G03-M01",
                        "A03-G01-M01", "A03-G02-M01", "A03-G03-M01", "A01-G01-M02"].map { "grid:JD-NX-\($0)" }
        let matters = Array(repeating: "street-vending", count: 16) + Array(repeating: "food-safety", count: 12)
            + Array(repeating: "muck-truck", count: 8)
        // Interleaved, so that releases of the three groups fall between one another's evaluations.
        var order = zip(matters.indices, matters).sorted { ($0.0 * 7919) % 36 < ($1.0 * 7919) % 36 }.map(\.1)
        order.insert("street-vending", at: 11)
        order.insert("food-safety", at: 23)
        return order.enumerated().map { index, matter in
            let grid = index == 11 ? "grid:JD-JDZ-A01-G01-M01" : index == 23 ? "grid:JD-JDZ-A01-G01-M02"
                : nanxiang[index % nanxiang.count]
            return (grid, matter)
        }
    }()
    static let satisfactions = ["satisfied", "basically_satisfied", "satisfied", "dissatisfied", "satisfied",
                                "satisfied", "basically_satisfied"]

    @Test func noAttackerLinksAnOpinionToItsEvaluationBetterThanOneInK() throws {
        let cluster = try Cluster(testClock: Self.start)
        try cluster.start()
        let scratch = cluster.directory.appendingPathComponent("attacker")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let feeds = try [StreamName.whistle, .response, .evaluation].map {
            try Subscriber(cluster.config.endpoints.producer($0).pub, topics: [""])
        }
        let client = try RawClient(cluster.config.endpoints.evaluation.router)
        let scored = try cluster.gridctl(["--help"]).stdout.contains("--timeliness")

        // The whistles, each reported back and awaiting its evaluation.
        var truth: [EvaluationTruth] = []
        for (offset, step) in Self.plan.enumerated() {
            let whistle = try cluster.raiseAndReportBack(grid: step.grid, matter: step.matter)
            let marker = Self.prefix + String(format: "%02d-%04x", offset + 1, UInt16.random(in: .min ... .max))
            truth.append(EvaluationTruth(index: offset + 1, whistle: whistle.whistle, grid: step.grid, town: whistle.town,
                                         matter: whistle.matter, departments: [whistle.lead] + whistle.co, marker: marker,
                                         satisfaction: Self.satisfactions[offset % Self.satisfactions.count]))
        }
        #expect(Set(truth.map(\.grid)).count >= 8)
        let departments = Array(Set(truth.flatMap(\.departments))).sorted()
        let markers = truth.map(\.marker)

        // Each evaluation, with what insiders read before and after it and one administrator's copy.
        var observations: [InsiderObservation] = []
        var copies: [(history: CandidateSets, join: CandidateSets)] = []
        var events = Data()
        for evaluation in truth {
            observations.append(try observe(client, done: evaluation.index - 1, departments))
            try cluster.moveClock(["advance", "60"])
            var arguments = ["--as", evaluation.grid, "evaluate", evaluation.whistle, "--solved", "yes",
                             "--satisfaction", evaluation.satisfaction, "--comment", "\(evaluation.marker) 处置情况评价"]
            if scored { arguments += ["--timeliness", String(1 + evaluation.index % 5), "--attitude", String(1 + evaluation.index % 3)] }
            let evaluated = try cluster.gridctl(arguments)
            try #require(evaluated.status == 0, "\(evaluated)")
            let copy = DatabaseCopy(path: cluster.directory.appendingPathComponent("data/evaluation.sqlite").path)
            copies.append(try administrator(copy, done: evaluation.index, truth: truth, scratch: scratch))
            // The clock's reply comes once what the evaluation made due (a release) has fired.
            try cluster.moveClock(["advance", "0"])
            observations.append(try observe(client, done: evaluation.index, departments))
            for feed in feeds { events += feed.drain() }
        }
        for feed in feeds { events += feed.drain() }

        // Events and logs hold no content at all.
        #expect(!events.isEmpty)
        #expect(events.markers(prefix: Self.prefix, among: markers).isEmpty, "no event carries a comment")
        for evaluated in try cluster.replayed(.evaluation) where evaluated.head.type == "evaluated" {
            let fields = try evaluated.payload([String: JSONValue].self)
            #expect(Set(fields.keys) == ["whistle", "round", "solved"], "evaluation.evaluated. carries the verdict alone")
        }
        let logs = Data(Cluster.Service.allCases.map { cluster.log($0) }.joined().utf8)
        #expect(logs.markers(prefix: Self.prefix, among: markers).isEmpty, "no log line holds a comment")

        // Insiders: the comment boxes as they filled up.
        var insider = CandidateSets(evaluations: truth.count)
        for observation in observations {
            for (department, seen) in observation.boxes {
                for marker in seen where insider.allowed[marker] == nil {
                    insider.restrict(marker, to: Set(truth.filter { $0.index <= observation.done && $0.lead == department }.map(\.index)))
                }
            }
        }
        var report: [String] = []
        report.append(try check("insiders (comments, assessment, events)", insider, truth).line)

        // Insiders: satisfaction read from the counters, before and after each evaluation. Between
        // two readings a department's disclosed ballots grow by K or more, or not at all, and what
        // is shown of them changes only with them.
        for (earlier, later) in zip(observations, observations.dropFirst()) {
            for department in departments {
                let grown = (later.disclosed[department] ?? 0) - (earlier.disclosed[department] ?? 0)
                #expect(grown == 0 || grown >= Self.k,
                        "differencing: \(department)'s ballots grew by \(grown) between \(earlier.done) and \(later.done) evaluations")
                if grown == 0 {
                    #expect(later.shown[department] == earlier.shown[department],
                            "\(department)'s satisfaction changed with no ballot released, after \(later.done) evaluations")
                }
            }
        }
        let batches = satisfactionBatches(observations, truth: truth, departments: departments)
        let smallest = batches.values.min { $0.count < $1.count }
        report.append("insiders (satisfaction counters): \(batches.count) evaluations disclosed, smallest batch \(smallest?.count ?? 0)")
        for (index, batch) in batches {
            #expect(batch.contains(index), "the batch of evaluation \(index) holds it")
            #expect(batch.count >= Self.k, "differencing: evaluation \(index)'s satisfaction is one of \(batch.count)")
        }

        // One administrator's copy at a time: its history, its join, both; then a copy together
        // with everything insiders saw.
        var worst: [String: Finding] = [:]
        for (offset, copy) in copies.enumerated() {
            let both = copy.history.merged(with: copy.join)
            for (kind, sets) in [("history (commit images, raw bytes)", copy.history), ("join (attributes)", copy.join),
                                 ("history and join", both), ("history and join, with the insiders", both.merged(with: insider))]
            where !sets.markers.isEmpty {
                let finding = try check("administrator, \(kind), copy after evaluation \(offset + 1)", sets, truth)
                if worst[kind].map({ finding.isWorse(than: $0) }) ?? true { worst[kind] = finding }
            }
        }
        report += worst.values.sorted { $0.attacker < $1.attacker }.map(\.line)
        if worst.isEmpty { report.append("administrator: no comment in any copy") }
        print("anonymity attack:\n  " + report.joined(separator: "\n  "))
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// What one attacker worked out: how many comments it saw, the smallest set, how many it linked.
    struct Finding {
        var attacker: String
        var seen: Int
        var smallest: Int
        var linked: Int

        var line: String {
            "\(attacker): \(seen) comments seen, smallest set \(smallest)" + (linked > 0 ? ", \(linked) linked to their evaluation" : "")
        }

        func isWorse(than other: Finding) -> Bool { (linked, -smallest) > (other.linked, -other.smallest) }
    }

    /// Expects every set of `sets` sound (holding the truth) and of at least K, and says what it found.
    private func check(_ attacker: String, _ sets: CandidateSets, _ truth: [EvaluationTruth]) throws -> Finding {
        let consistent = sets.consistent()
        for (marker, candidates) in consistent {
            let actual = try #require(truth.first { $0.marker == marker }).index
            #expect(candidates.contains(actual), "\(attacker): the attacker's reasoning must keep the truth for \(marker)")
            #expect(candidates.count >= Self.k, "\(attacker): \(marker) is one of \(candidates.count) evaluations: \(candidates.sorted())")
        }
        return Finding(attacker: attacker, seen: consistent.count, smallest: consistent.values.map(\.count).min() ?? 0,
                       linked: consistent.values.filter { $0.count == 1 }.count)
    }

    /// What insiders read at one moment: the comment boxes and what the assessment discloses of
    /// satisfaction, per department.
    private func observe(_ client: RawClient, done: Int, _ departments: [String]) throws -> InsiderObservation {
        var observation = InsiderObservation(done: done)
        for department in departments {
            let request = #"{"v":1,"cmd":"comments","as":"district:JD","body":{"department":"\#(department)"}}"#
            if let reply = try client.request(request), reply.head.status == .ok {
                let box = try reply.body(Comments.self)
                observation.boxes[department] = Set(box.comments.compactMap { comment in
                    comment.text.split(separator: " ").first.map(String.init).flatMap { $0.hasPrefix(Self.prefix) ? $0 : nil }
                })
            }
        }
        let answer = try #require(try client.request(#"{"v":1,"cmd":"assessment","as":"observer:audit","body":{}}"#))
        for row in try answer.body(DisclosedSatisfaction.self).departments {
            // A build without `released` showed satisfaction from all its opinions once there were K.
            observation.disclosed[row.department] = row.released ?? (row.satisfactionRate == nil ? 0 : row.evaluations)
            let rate = row.satisfactionRate.map { String($0) } ?? "hidden"
            let means = (row.scores ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            observation.shown[row.department] = ([rate] + means).joined(separator: " ")
        }
        return observation
    }

    /// What one copy of the files tells an administrator. History: a marker first seen in a commit
    /// image (or anywhere in the bytes) comes from an evaluation recorded by then. Join: it comes
    /// from an evaluation whose whistle matches every attribute (department, town, matter, grid,
    /// whistle) of the rows it sits in or is joined to.
    private func administrator(_ copy: DatabaseCopy, done: Int, truth: [EvaluationTruth],
                               scratch: URL) throws -> (history: CandidateSets, join: CandidateSets) {
        var history = CandidateSets(evaluations: truth.count)
        var join = CandidateSets(evaluations: truth.count)
        let markers = truth.map(\.marker)
        let index = Dictionary(uniqueKeysWithValues: truth.map { ($0.whistle, $0.index) })
        for image in copy.commitImages() {
            let fresh = image.markers(prefix: Self.prefix, among: markers).filter { history.allowed[$0] == nil }
            guard !fresh.isEmpty else { continue }
            // An image the copy could not take whole tells only that the evaluation came by now.
            let recorded = (try? TableDump.evaluatedWhistles(image: image, scratch: scratch)).map { Set($0.compactMap { index[$0] }) }
                ?? Set(1...done)
            let dump = try TableDump(image: image, scratch: scratch)
            for marker in fresh {
                history.restrict(marker, to: recorded)
                if dump.rows.contains(where: { $0.text.contains(marker) }) { join.restrict(marker, to: Self.joined(marker, dump, truth)) }
            }
        }
        for marker in copy.staleBytes.markers(prefix: Self.prefix, among: markers) where history.allowed[marker] == nil {
            history.restrict(marker, to: Set(1...done))
        }
        return (history, join)
    }

    /// The join: the evaluations consistent with every attribute of the rows holding `marker` and
    /// of the rows that hold their key (the id of a row, wherever else it appears).
    static func joined(_ marker: String, _ dump: TableDump, _ truth: [EvaluationTruth]) -> Set<Int> {
        var attributes: [(EvaluationTruth) -> Bool] = []
        let departments = Set(truth.flatMap(\.departments))
        let holding = dump.rows.filter { $0.text.contains(marker) }
        let keys = Set(holding.compactMap(\.key).filter { !$0.contains(prefix) })
        let linked = dump.rows.filter { row in !row.text.contains(marker) && row.cells.contains { keys.contains($0) } }
        for cell in (holding + linked).flatMap(\.cells) {
            if departments.contains(cell) { attributes.append { $0.departments.contains(cell) } }
            if truth.contains(where: { $0.town == cell }) { attributes.append { $0.town == cell } }
            if truth.contains(where: { $0.matter == cell }) { attributes.append { $0.matter == cell } }
            if truth.contains(where: { $0.grid == "grid:" + cell }) { attributes.append { $0.grid == "grid:" + cell } }
            if truth.contains(where: { $0.whistle == cell }) { attributes.append { $0.whistle == cell } }
        }
        return Set(truth.filter { evaluation in attributes.allSatisfy { $0(evaluation) } }.map(\.index))
    }

    /// Differencing on the counters: for each department, the moments at which every ballot about
    /// it so far is disclosed split its evaluations into batches; an evaluation's satisfaction is
    /// only known as one of those evaluations that sit in the same batch of every department it
    /// judged. Evaluations never wholly disclosed are left out.
    private func satisfactionBatches(_ observations: [InsiderObservation], truth: [EvaluationTruth],
                                     departments: [String]) -> [Int: Set<Int>] {
        var batchOf: [String: [Int: Int]] = [:]
        for department in departments {
            let judged = truth.filter { $0.departments.contains(department) }.map(\.index)
            var complete = [0]
            for observation in observations where observation.done > complete.last! {
                let due = judged.filter { $0 <= observation.done }.count
                if due > 0, observation.disclosed[department] == due { complete.append(observation.done) }
            }
            for (batch, bounds) in zip(complete, complete.dropFirst()).enumerated() {
                for index in judged where index > bounds.0 && index <= bounds.1 { batchOf[department, default: [:]][index] = batch }
            }
        }
        var result: [Int: Set<Int>] = [:]
        for evaluation in truth {
            let signature = evaluation.departments.map { batchOf[$0]?[evaluation.index] }
            guard signature.allSatisfy({ $0 != nil }) else { continue }
            result[evaluation.index] = Set(truth.filter { other in
                Set(other.departments) == Set(evaluation.departments)
                    && other.departments.map { batchOf[$0]?[other.index] } == evaluation.departments.map { batchOf[$0]?[evaluation.index] }
            }.map(\.index))
        }
        return result
    }
}

/// What insiders see at one moment, after `done` evaluations.
struct InsiderObservation {
    var done: Int
    /// The markers in each department's comment box.
    var boxes: [String: Set<String>] = [:]
    /// How many ballots about each department the assessment's satisfaction is made of.
    var disclosed: [String: Int] = [:]
    /// What the assessment shows of them: the satisfaction rate and the aspect means.
    var shown: [String: String] = [:]
}

/// The assessment as any build answers it.
private struct DisclosedSatisfaction: Decodable {
    struct Row: Decodable {
        var department: String
        var evaluations: Int
        var released: Int?
        var satisfactionRate: Double?
        var scores: [String: Double]?
    }

    var departments: [Row]
}
