import Foundation

extension Bench {
    /// (b) Latency from sending a raise to receiving the lead department's `dispatched` event on
    /// ResponseService's PUB, at a steady rate.
    func latency() throws {
        let rate = options.latencyRate
        let count = rate * options.latencySeconds
        report.section("(b) Raise → lead department's dept.<id>.dispatched. event, \(Format.grouped(rate))/s for "
            + "\(options.latencySeconds) s, one DEALER, one SUB on dept.")
        let requests = try workload.requests("b", count: count)
        let keys = (0..<count).map { workload.key("b", $0) }
        let load = try SteadyLoad(whistleRouter: cluster.router(.whistle), responsePub: cluster.pub(.response),
                                  rate: rate, sockets: sockets)
        let cpu = cpuAccount()
        let log = try load.run(requests, keys: keys)
        report.line("  \(cpu.summary())")
        acceptedWhistles += log.indexOfWhistle.count
        expectedTasks += log.tasks

        var toDispatched = Samples()
        var toAck = Samples()
        for (whistle, index) in log.indexOfWhistle {
            toAck.append(log.ackedAt[index] - log.sentAt[index])
            if let at = log.dispatchedAt[whistle] { toDispatched.append(at - log.sentAt[index]) }
        }
        let sending = Double(log.sentAt[count - 1] - log.sentAt[0]) / 1e9
        report.line("  sent \(Format.grouped(count)) in \(Format.seconds(sending)) (\(Format.rate(Double(count - 1) / sending))); "
            + "\(Format.grouped(log.indexOfWhistle.count)) acknowledged ok, \(Format.grouped(toDispatched.count)) lead dispatched events seen")
        report.line("  raise → ok reply:              p50 \(Format.ms(toAck.p50())), p99 \(Format.ms(toAck.p99())), max \(Format.ms(toAck.max()))")
        report.line("  raise → lead dispatched event: p50 \(Format.ms(toDispatched.p50())), p99 \(Format.ms(toDispatched.p99())), "
            + "max \(Format.ms(toDispatched.max())) (target p99 ≤ 10 ms: \(Format.verdict(toDispatched.p99() <= 10)))")
        dispatchLatency = (toDispatched.p50(), toDispatched.p99())
        let commit = 1000 / sqliteSingle.rate
        report.line("  for scale: one durable SQLite commit of a raise's rows (baseline A, 1 per commit) takes "
            + "\(Format.ms(commit)); the path to the event has at least two (WhistleService, then ResponseService)")
        check(log.refused == 0 && log.indexOfWhistle.count == count, "every raise acknowledged ok")
        check(toDispatched.count == log.indexOfWhistle.count, "a lead dispatched event for every whistle")
        let seen = toDispatched.count == count ? "" : " (\(Format.grouped(toDispatched.count)) of \(Format.grouped(count)) seen)"
        report.add("(b) raise → dispatched p50 / p99 / max",
                   "\(Format.ms(toDispatched.p50())) / \(Format.ms(toDispatched.p99())) / \(Format.ms(toDispatched.max()))" + seen,
                   baseline: "p50 = \(String(format: "%.1f", toDispatched.p50() / commit)) × A/1 commit",
                   target: "p99 ≤ 10 ms: \(Format.verdict(toDispatched.p99() <= 10))")
        report.add("(b) raise → ok reply p50 / p99 at \(Format.grouped(rate))/s",
                   "\(Format.ms(toAck.p50())) / \(Format.ms(toAck.p99()))",
                   baseline: "p50 = \(String(format: "%.1f", toAck.p50() / commit)) × A/1 commit")
        checkHealthy(try waitUntilApplied(timeout: 120))
    }
}
