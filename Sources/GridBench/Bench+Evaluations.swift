import Foundation
import GridDomain
import GridSockets
import GridWire
import Sodium

extension Bench {
    /// (h) 一键评价 with sealed ballots, on services of its own whose K (`disclosureMinimum`) is the
    /// phase's count, so that no ballot is released until the last evaluation:
    /// 1. `street-vending` whistles (JD-NX-CGZF alone: one ballot each) are raised, signed for and
    ///    reported done, and EvaluationService has applied them all.
    /// 2. They are evaluated one at a time: EvaluationService's CPU per evaluation (each seals and
    ///    stores one ballot), against sealing one ballot in this process.
    /// 3. The last evaluation makes K ballots pending: the time until the assessment shows them
    ///    released (opened, shuffled, counted, deleted, the log truncated), and the CPU it took.
    ///
    /// With `--services` pointing at a build from before sealed ballots, (2) gives the CPU per
    /// evaluation before sealing and (3) is skipped.
    func evaluations() throws {
        let count = options.evaluations
        let department = "JD-NX-CGZF"
        report.section("(h) Evaluation (一键评价): \(Format.grouped(count)) street-vending whistles evaluated one at a time on "
            + "services with K = \(Format.grouped(count)); EvaluationService's CPU per evaluation, then the release of "
            + "\(Format.grouped(count)) ballots")
        let own = try BenchCluster(directory: scratch.appendingPathComponent("evaluations"), name: "\(scratch.lastPathComponent)-h",
                                   binDirectory: services) { config in
            config.reference.evaluation.disclosureMinimum = count
        }
        try own.start()
        let restore = try switchTo(own)
        defer { restore() }
        _ = try waitUntilApplied(timeout: 30)

        // (1) Whistles awaiting evaluation.
        let grids = (1...3).flatMap { area in (1...3).map { "grid:JD-NX-A0\(area)-G0\($0)-M01" } }
        var whistles: [(id: String, grid: String)] = []
        for index in 0..<count {
            let grid = grids[index % grids.count]
            let accepted = try command(.whistle, "raise", as: grid, key: "h-raise-\(index)",
                                       RaiseWhistle(matter: "street-vending", description: "评价 \(index)", location: ""),
                                       reply: WhistleAccepted.self)
            whistles.append((accepted.whistle, grid))
        }
        _ = try waitUntilApplied(timeout: 120)
        for (index, whistle) in whistles.enumerated() {
            _ = try command(.response, "sign", as: "dept:\(department)", key: "h-sign-\(index)", WhistleRef(whistle: whistle.id),
                            reply: TaskView.self)
            _ = try command(.response, "report", as: "dept:\(department)", key: "h-report-\(index)",
                            ReportDone(whistle: whistle.id, summary: "已处置"), reply: TaskView.self)
        }
        _ = try waitUntilApplied(timeout: 120)

        // (2) One at a time, all but the last: no release yet.
        let evaluationPID = try own.pid(.evaluation).orThrow("EvaluationService is not running")
        var latency = Samples()
        let before = CPUAccount.usage(pid: evaluationPID)
        for (index, whistle) in whistles.dropLast().enumerated() {
            let start = Monotonic.now()
            try evaluate(whistle, index)
            latency.append(Monotonic.now() - start)
        }
        let after = CPUAccount.usage(pid: evaluationPID)
        let perEvaluation = (after.cpu - before.cpu) / Double(count - 1) * 1000

        // The baseline: padding and sealing one ballot, here.
        let publicKey = try SealedBoxKeyPair.generate().publicKey
        let ballot = Data(#"{"comment":"摊位已清，处置及时","department":"JD-NX-CGZF","satisfaction":"satisfied","scores":{"timeliness":5}}"#.utf8)
        let sealStart = Monotonic.now()
        for _ in 0..<count { _ = try SealedBox.seal(Padding.pad(ballot, blockSize: 4_096), to: publicKey) }
        let perSeal = Monotonic.seconds(since: sealStart) / Double(count) * 1000
        report.line("  evaluate round trip: p50 \(Format.ms(latency.p50())), p99 \(Format.ms(latency.p99()))")
        report.line("  EvaluationService CPU per evaluation: \(Format.us(perEvaluation)); padding and sealing one ballot "
            + "in this process: \(Format.us(perSeal)) = \(String(format: "%.1f", perSeal / perEvaluation * 100)) % of it")
        report.add("(h) EvaluationService CPU per evaluation", Format.us(perEvaluation),
                   baseline: "sealing one ballot \(Format.us(perSeal)) (\(String(format: "%.1f", perSeal / perEvaluation * 100)) %)")

        // (3) The last evaluation makes K pending; its release runs as due work right after.
        guard try releasedBallots(department) != nil else {
            try evaluate(whistles.last!, count - 1)
            report.line("  release: not measured: these services keep no sealed ballots (no `released` in the assessment)")
            checkHealthy(try waitUntilApplied(timeout: 120))
            return
        }
        let releaseCPU = CPUAccount.usage(pid: evaluationPID)
        let start = Monotonic.now()
        try evaluate(whistles.last!, count - 1)
        var released = 0
        // Asked every 2 ms: the time is good to that, and the questions cost the service little CPU.
        while Monotonic.seconds(since: start) < 60 {
            released = try releasedBallots(department) ?? 0
            if released >= count { break }
            usleep(2_000)
        }
        let seconds = Monotonic.seconds(since: start) * 1000 - latency.p50()
        let cpu = (CPUAccount.usage(pid: evaluationPID).cpu - releaseCPU.cpu) * 1000 - perEvaluation
        check(released == count, "(h) the \(Format.grouped(count)) ballots were released (\(Format.grouped(released)))")
        report.line("  release of \(Format.grouped(count)) ballots: \(Format.ms(seconds)) (from the last evaluation's reply to the "
            + "assessment showing them, less one evaluate round trip), \(Format.ms(cpu)) of EvaluationService CPU = "
            + "\(String(format: "%.1f", cpu / (perEvaluation * Double(count)) * 100)) % of the \(Format.grouped(count)) evaluations' own")
        report.add("(h) release of \(Format.grouped(count)) ballots", Format.ms(seconds),
                   baseline: "\(String(format: "%.1f", seconds / latency.p50())) × one evaluate round trip (\(Format.ms(latency.p50())))")
        checkHealthy(try waitUntilApplied(timeout: 120))
    }

    /// Evaluates `whistle` as its grid: solved, satisfied, with aspect scores and a comment.
    private func evaluate(_ whistle: (id: String, grid: String), _ index: Int) throws {
        _ = try command(.evaluation, "evaluate", as: whistle.grid, key: "h-evaluate-\(index)",
                        Evaluate(whistle: whistle.id, solved: true, satisfaction: index % 4 == 0 ? .basicallySatisfied : .satisfied,
                                 scores: AspectScores(timeliness: 1 + index % 5, quality: 4), comment: "评价 \(index) 处置及时"),
                        reply: EvaluationAccepted.self)
    }

    /// The ballots about `department` released so far, or nil from services that have no `released`.
    private func releasedBallots(_ department: String) throws -> Int? {
        let assessment = try command(.evaluation, "assessment", as: "observer:bench", key: "h-assessment",
                                     AssessmentQuery(department: department), reply: ReleasedOnly.self)
        return assessment.departments.first?.released
    }
}

/// The assessment as any build answers it: `released` only where ballots are sealed.
private struct ReleasedOnly: Decodable {
    struct Row: Decodable { var released: Int? }
    var departments: [Row]
}

extension Optional {
    func orThrow(_ message: String) throws -> Wrapped {
        guard let value = self else { throw BenchError(message) }
        return value
    }
}
