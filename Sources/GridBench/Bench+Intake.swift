import Foundation

extension Bench {
    var pipelined: PipelinedClients {
        PipelinedClients(endpoint: cluster.router(.whistle), connections: options.connections, window: options.window)
    }

    /// (a) Acknowledged intake, fully durable, from pipelined clients.
    func intake() throws {
        let count = options.intakeWhistles
        report.section("(a) Acknowledged intake: \(Format.grouped(count)) raises, \(options.connections) DEALER "
            + "connections × \(options.window) outstanding, each reply read and checked")
        let requests = try workload.requests("a", count: count)
        let before = try heads()
        let cpu = cpuAccount()
        let outcome = try pipelined.run(requests, sockets: sockets)
        report.line("  \(cpu.summary())")
        report.line("  per accepted whistle: " + cpu.perItem(outcome.ok)
            + String(format: " (JSON alone, measured above: %.0f µs in WhistleService, %.0f µs in ResponseService)",
                     codec.whistleSide, codec.responseSide))
        report.line("  \(groupCommits(from: before.whistle, to: try heads().whistle))")
        record(outcome, of: count)
        let rate = outcome.perSecond
        intakeRate = rate
        let ratio = rate / sqliteBatched.rate
        report.line("  \(Format.grouped(outcome.ok)) ok in \(Format.seconds(outcome.seconds)) → \(Format.rate(rate, "whistles"))")
        report.line("  ratio to baseline A, \(options.batchSize) per commit (\(Format.rate(sqliteBatched.rate))): "
            + "\(Format.ratio(ratio)) (target ≥ 0.10: \(Format.verdict(ratio >= 0.10)))")
        report.line("  ratio to baseline A, 1 per commit (\(Format.rate(sqliteSingle.rate))): "
            + Format.ratio(rate / sqliteSingle.rate))
        report.line("  against the absolute floor of 20,000/s: \(Format.ratio(rate / 20_000)) "
            + "(\(Format.verdict(rate >= 20_000)))")
        report.add("(a) acknowledged intake", Format.rate(rate, "whistles"),
                   baseline: "\(Format.ratio(ratio)) of A/\(options.batchSize), \(Format.ratio(rate / sqliteSingle.rate)) of A/1",
                   target: "≥ 0.10 and ≥ 20,000/s: \(Format.verdict(ratio >= 0.10 && rate >= 20_000))")
        let settle = Monotonic.now()
        let heads = try waitUntilApplied(timeout: 600, progress: true)
        report.line("  the other two services finished applying \(Format.seconds(Monotonic.seconds(since: settle))) "
            + "after the last acknowledgement: \(heads.summary)")
        report.line("  \(replays(from: before, to: heads))")
        report.line("  \(applyBatches(from: before, to: heads))")
    }

    /// Adds a pipelined run's accepted whistles to the totals and checks every reply was `ok`.
    func record(_ outcome: PipelinedClients.Outcome, of count: Int) {
        acceptedWhistles += outcome.ok
        expectedTasks += outcome.tasks
        check(outcome.ok == count, "every reply ok (\(Format.grouped(outcome.ok)) of \(Format.grouped(count)))"
            + (outcome.refusals.isEmpty ? "" : "; refusals \(outcome.refusals), first: \(outcome.firstRefusal ?? "")"))
    }
}
