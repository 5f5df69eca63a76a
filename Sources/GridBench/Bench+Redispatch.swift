import Foundation
import GridSockets
import GridWire
import ZeroMQ

extension Bench {
    /// (g) 改派 — the latency from an upheld `arbitrate` to the new department's `dispatched`
    /// event: ResponseService commits the decision, WhistleService applies it from the response
    /// stream and publishes `whistle.rerouted`, ResponseService applies that and dispatches. Measured
    /// one whistle at a time, against the raise → lead `dispatched` path timed the same way in the
    /// same phase (one consumer hop instead of two).
    func redispatch() throws {
        let count = options.redispatches
        report.section("(g) Re-dispatch (改派): arbitrate (upheld) → the new department's dept.<id>.dispatched. event, "
            + "\(Format.grouped(count)) whistles one at a time, against raise → dispatched timed alike")
        let sub = try sockets.socket(.watcher)
        defer { sub.close() }
        try sub.setReceiveHighWaterMark(0)
        try sub.subscribe("dept.")
        try sub.subscribe(Topic.status(.response))
        try sub.connect(cluster.pub(.response))
        _ = try awaitEvent(sub, timeout: 10) { topic, _ in topic.hasPrefix("status.") }

        let grid = "JD-NX-A01-G01-M01", lead = "JD-NX-CGZF", to = "JD-NX-PCS"
        var toDispatched = Samples()
        var toRedispatched = Samples()
        for index in 0..<count {
            let key = workload.key("g", index)
            let raise = try JSONCoding.encode(OutgoingRequest(
                cmd: "raise", key: key, as: "grid:\(grid)",
                body: RaiseWhistle(matter: "street-vending", description: "re-dispatch \(index)", location: "")))
            let raised = Monotonic.now()
            guard let reply = try requesters[.whistle]!.exchange(raise, key: key), reply.head.status == .ok else {
                throw BenchError("raise \(index) of (g) was not accepted")
            }
            let whistle = try reply.body(WhistleAccepted.self).whistle
            toDispatched.append(try awaitEvent(sub, timeout: 10) { topic, event in
                topic == "dept.\(lead).dispatched." && (try? event.payload(WhistleRef.self).whistle) == whistle
            } - raised)
            _ = try command(.response, "return", as: "dept:\(lead)", key: "\(key)-return",
                            ReturnTask(whistle: whistle, reason: "不属本部门"), reply: JSONValue.self)
            let arbitrate = try JSONCoding.encode(OutgoingRequest(
                cmd: "arbitrate", key: "\(key)-arbitrate", as: "centre:JD-NX",
                body: Arbitrate(whistle: whistle, department: lead, uphold: true, to: to, reason: "改派")))
            let decided = Monotonic.now()
            guard try requesters[.response]!.exchange(arbitrate, key: "\(key)-arbitrate")?.head.status == .ok else {
                throw BenchError("arbitrate \(index) of (g) was not accepted")
            }
            toRedispatched.append(try awaitEvent(sub, timeout: 10) { topic, event in
                topic == "dept.\(to).dispatched." && (try? event.payload(WhistleRef.self).whistle) == whistle
            } - decided)
        }
        acceptedWhistles += count
        expectedTasks += 2 * count
        reroutes += count
        let ratio = toRedispatched.p50() / toDispatched.p50()
        report.line("  raise → lead dispatched event:         p50 \(Format.ms(toDispatched.p50())), p99 \(Format.ms(toDispatched.p99()))")
        report.line("  arbitrate → re-dispatched event (改派): p50 \(Format.ms(toRedispatched.p50())), p99 \(Format.ms(toRedispatched.p99())), "
            + "max \(Format.ms(toRedispatched.max())) = \(String(format: "%.1f", ratio)) × raise → dispatched p50")
        report.add("(g) arbitrate → re-dispatched p50 / p99",
                   "\(Format.ms(toRedispatched.p50())) / \(Format.ms(toRedispatched.p99()))",
                   baseline: "p50 = \(String(format: "%.1f", ratio)) × raise → dispatched p50 (\(Format.ms(toDispatched.p50())))")
        checkHealthy(try waitUntilApplied(timeout: 120))
    }

    /// Reads `sub` until an event matches; returns when it arrived (monotonic nanoseconds).
    private func awaitEvent(_ sub: ZMQSocket, timeout: TimeInterval,
                       _ matches: (String, ReceivedEvent) -> Bool) throws -> UInt64 {
        let start = Monotonic.now()
        while Monotonic.seconds(since: start) < timeout {
            guard try ZMQPoller.poll([.socket(sub)], timeoutMilliseconds: 100)[0] else { continue }
            while let frames = try sub.receive(dontWait: true) {
                let now = Monotonic.now()
                guard frames.count == 2, let event = try? ReceivedEvent(decoding: frames[1]) else { continue }
                if matches(String(decoding: frames[0], as: UTF8.self), event) { return now }
            }
        }
        throw BenchError("the awaited event did not come within \(Int(timeout)) s")
    }
}
