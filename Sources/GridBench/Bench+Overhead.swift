import Foundation
import GridWire

extension Bench {
    /// (d) What the services add to a raw libzmq round trip: a `status` query to each (decode,
    /// dispatch, one small SQLite read, encode), and a `raise` one at a time (plus one durable commit).
    func overhead() throws {
        report.section("(d) Messaging overhead: requests one at a time over abstract ipc, against baseline B's "
            + "ipc round trip p50 \(Format.us(zmqIPC.roundTrip.p50()))")
        let raw = zmqIPC.roundTrip.p50()
        for service in BenchCluster.Service.allCases {
            var samples = Samples()
            for number in 0..<options.statusRoundTrips {
                let key = "overhead-\(number)"
                let request = try JSONCoding.encode(OutgoingRequest(cmd: "status", key: key, as: nil, body: EmptyBody()))
                let start = Monotonic.now()
                guard let reply = try requesters[service]!.exchange(request, key: key), reply.head.status == .ok else {
                    throw BenchError("\(service.rawValue) did not answer status")
                }
                samples.append(Monotonic.now() - start)
            }
            let ratio = samples.p50() / raw
            report.line("  status → \(service.rawValue): p50 \(Format.us(samples.p50())), p99 \(Format.us(samples.p99())) "
                + "(\(Format.grouped(samples.count)) round trips) = \(String(format: "%.1f", ratio)) × raw ipc")
            report.add("(d) status round trip \(service.rawValue) p50 / p99", "\(Format.us(samples.p50())) / \(Format.us(samples.p99()))",
                       baseline: "\(String(format: "%.1f", ratio)) × B ipc p50")
        }

        var samples = Samples()
        for index in 0..<options.sequentialRaises {
            let request = try workload.request("d", index)
            let start = Monotonic.now()
            guard let reply = try requesters[.whistle]!.exchange(request, key: workload.key("d", index)) else {
                throw BenchError("no reply to a sequential raise")
            }
            samples.append(Monotonic.now() - start)
            let accepted = try reply.body(WhistleAccepted.self)
            acceptedWhistles += 1
            expectedTasks += 1 + accepted.co.count
        }
        let commit = 1000 / sqliteSingle.rate
        let ratio = samples.p50() / commit
        report.line("  raise → WhistleService, one at a time: p50 \(Format.ms(samples.p50())), p99 \(Format.ms(samples.p99())) "
            + "(\(Format.grouped(samples.count)) raises) = \(String(format: "%.1f", ratio)) × baseline A's commit of the same rows "
            + "(\(Format.ms(commit))), \(String(format: "%.0f", samples.p50() / raw)) × raw ipc")
        report.add("(d) raise one at a time p50 / p99", "\(Format.ms(samples.p50())) / \(Format.ms(samples.p99()))",
                   baseline: "\(String(format: "%.1f", ratio)) × A/1 commit")
        checkHealthy(try waitUntilApplied(timeout: 120))
    }
}
