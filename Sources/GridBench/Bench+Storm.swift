import Foundation

extension Bench {
    /// (c) A storm: raises as fast as the pipelined clients can send, all acknowledged; then wait
    /// until ResponseService has dispatched every task (head = the tasks the replies promised) and
    /// EvaluationService has applied all of it.
    func storm() throws {
        let count = options.stormWhistles
        report.section("(c) Storm: \(Format.grouped(count)) raises as fast as \(options.connections) × \(options.window) "
            + "pipelined clients send, then until routed, dispatched and applied everywhere")
        let before = try heads()
        let problemsBefore = problems.count
        let requests = try workload.requests("c", count: count)
        let cpu = cpuAccount()
        let whole = cpuAccount()
        let start = Monotonic.now()
        let outcome = try pipelined.run(requests, sockets: sockets)
        report.line("  \(cpu.summary()) (intake)")
        report.line("  \(groupCommits(from: before.whistle, to: try heads().whistle))")
        record(outcome, of: count)
        let toAcknowledged = outcome.seconds
        report.line("  all \(Format.grouped(outcome.ok)) acknowledged in \(Format.seconds(toAcknowledged)) "
            + "(\(Format.rate(outcome.perSecond))); they promise \(Format.grouped(outcome.tasks)) dispatched tasks")
        report.add("(c) storm \(Format.grouped(count)): to acknowledged",
                   Format.seconds(toAcknowledged) + " (\(Format.rate(outcome.perSecond, "whistles")))",
                   baseline: "\(Format.ratio(outcome.perSecond / sqliteBatched.rate)) of A/\(options.batchSize)")

        let responseHead = before.response.head + Int64(outcome.tasks)
        let applyCPU = cpuAccount()
        let after = try waitUntilApplied(responseHead: responseHead, timeout: 1_800, progress: true)
        let toApplied = Monotonic.seconds(since: start)
        report.line("  \(replays(from: before, to: after))")
        report.line("  \(applyBatches(from: before, to: after))")
        report.line("  \(applyCPU.summary()) (applying after the last acknowledgement)")
        report.line("  per whistle, intake and applying: \(whole.perItem(outcome.ok))")
        report.line("  fully applied \(Format.seconds(toApplied)) after the first send "
            + "(\(Format.rate(Double(outcome.ok) / toApplied, "whistles")) end to end): \(after.summary)")
        check(after.whistle.head == before.whistle.head + 2 * Int64(outcome.ok),
              "WhistleService stored raised + routed for each: head \(after.whistle.head) = \(before.whistle.head) + 2 × \(outcome.ok)")
        check(after.response.head == responseHead,
              "ResponseService dispatched every task the replies name: head \(after.response.head) = \(before.response.head) + \(outcome.tasks)")
        check(after.evaluation.consumed["response"]?.last == after.response.head,
              "EvaluationService applied every response event (\(after.evaluation.consumed["response"]?.last ?? -1))")
        checkHealthy(after)
        report.add("(c) storm: to fully applied", Format.seconds(toApplied) + " (\(Format.rate(Double(outcome.ok) / toApplied, "whistles")))",
                   baseline: "\(Format.ratio(Double(outcome.ok) / toApplied / sqliteBatched.rate)) of A/\(options.batchSize)",
                   target: "nothing lost: \(Format.verdict(problems.count == problemsBefore))")
    }
}
