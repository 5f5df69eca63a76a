import Foundation
import GridWire

extension Bench {
    /// The three services' statuses, read one after the other.
    struct Heads {
        var whistle: ServiceStatus
        var response: ServiceStatus
        var evaluation: ServiceStatus

        var all: [ServiceStatus] { [whistle, response, evaluation] }

        /// Every event produced so far is applied by every consumer: ResponseService has every
        /// whistle event, EvaluationService every whistle and every response event.
        var allApplied: Bool {
            response.consumed["whistle"]?.last == whistle.head
                && evaluation.consumed["whistle"]?.last == whistle.head
                && evaluation.consumed["response"]?.last == response.head
        }

        var summary: String {
            "whistle head \(whistle.head); response applied whistle \(response.consumed["whistle"]?.last ?? -1), "
                + "head \(response.head); evaluation applied whistle \(evaluation.consumed["whistle"]?.last ?? -1), "
                + "response \(evaluation.consumed["response"]?.last ?? -1)"
        }
    }

    /// Starts the services and waits until each answers `status` and both consumers have the
    /// reference data.
    func startServices() throws {
        cluster = try BenchCluster(directory: scratch.appendingPathComponent("services"), name: scratch.lastPathComponent,
                                     binDirectory: services)
        let start = Monotonic.now()
        try cluster.start()
        for service in BenchCluster.Service.allCases {
            requesters[service] = try Requester(sockets, cluster.router(service))
        }
        let heads = try waitUntilApplied(timeout: 30)
        report.section("Services: WhistleService, ResponseService, EvaluationService from \(cluster.binDirectory.path)")
        report.line("  --dev-principals --log-level warning, durability full (default), abstract ipc endpoints "
            + "ipc://@\(scratch.lastPathComponent)-…; data in \(cluster.dataDirectory.path)")
        report.line("  ready in \(Format.seconds(Monotonic.seconds(since: start))): \(heads.summary)")
    }

    func heads(timeout: TimeInterval = 10) throws -> Heads {
        func status(_ service: BenchCluster.Service) throws -> ServiceStatus {
            guard let status = try requesters[service]!.status(timeout: timeout) else {
                throw BenchError("\(service.rawValue) did not answer status within \(Int(timeout)) s")
            }
            return status
        }
        return Heads(whistle: try status(.whistle), response: try status(.response), evaluation: try status(.evaluation))
    }

    /// Polls the statuses until everything produced is applied everywhere (and, when given,
    /// ResponseService's head has reached `responseHead`); prints progress every 10 s.
    @discardableResult
    func waitUntilApplied(responseHead: Int64? = nil, timeout: TimeInterval, progress: Bool = false) throws -> Heads {
        let start = Monotonic.now()
        var lastProgress = start
        while true {
            let heads = try heads()
            if heads.allApplied, heads.whistle.head > 0, responseHead.map({ heads.response.head >= $0 }) ?? true {
                return heads
            }
            let degraded = heads.all.filter { $0.state != .ok }
            guard degraded.isEmpty else {
                throw BenchError("degraded: \(degraded.map { "\($0.service): \($0.problems.joined(separator: "; "))" })")
            }
            if Monotonic.seconds(since: start) > timeout {
                throw BenchError("not all applied after \(Int(timeout)) s: \(heads.summary)")
            }
            if progress, Monotonic.seconds(since: lastProgress) >= 10 {
                lastProgress = Monotonic.now()
                report.line("    … \(Format.seconds(Monotonic.seconds(since: start))): \(heads.summary)")
            }
            usleep(50_000)
        }
    }

    /// How much `counter` grew between two readings of one service's status (0 if it reports none).
    func grown(_ counter: String, from before: ServiceStatus, to after: ServiceStatus) -> Int {
        Int((after.counters[counter] ?? 0) - (before.counters[counter] ?? 0))
    }

    /// "N group commits, M commands each on average", from WhistleService's counters.
    func groupCommits(from before: ServiceStatus, to after: ServiceStatus) -> String {
        guard after.counters["groupCommits"] != nil, after.counters["committedCommands"] != nil else {
            return "WhistleService reports no group-commit counters"
        }
        let n = grown("groupCommits", from: before, to: after)
        let m = grown("committedCommands", from: before, to: after)
        return "WhistleService made \(Format.grouped(n)) group commits, \(String(format: "%.1f", Double(m) / Double(max(1, n)))) commands each on average"
    }

    /// "replays: ResponseService 0 requests, 0 events applied from them · …": how much the consumers
    /// caught up by replay instead of from the live SUB (live is the cheap path).
    func replays(from before: Heads, to after: Heads) -> String {
        "replays: " + zip(before.all, after.all).filter { !$0.1.consumed.isEmpty }.map { before, after in
            "\(after.service) \(Format.grouped(grown("replayRequests", from: before, to: after))) requests, "
                + "\(Format.grouped(grown("eventsAppliedFromReplay", from: before, to: after))) events applied from them"
        }.joined(separator: " · ")
    }

    /// "applied in transactions of: ResponseService 310 events · …": the consumers' mean batch.
    func applyBatches(from before: Heads, to after: Heads) -> String {
        "applied in transactions of: " + zip(before.all, after.all).compactMap { before, after in
            let transactions = grown("applyTransactions", from: before, to: after)
            guard transactions > 0 else { return nil }
            return "\(after.service) \(Format.grouped(grown("eventsApplied", from: before, to: after) / transactions)) events"
        }.joined(separator: " · ")
    }

    /// Points `cluster` and `requesters` at `own`, a phase's services of its own (`heads()`,
    /// `waitUntilApplied`, the pipelined clients and the CPU accounts follow them), until the
    /// returned closure runs: it points them back at (a) to (d)'s services and stops `own`.
    func switchTo(_ own: BenchCluster) throws -> () -> Void {
        let (mainCluster, mainRequesters) = (cluster, requesters)
        let restore = { [self] in
            requesters = mainRequesters
            cluster = mainCluster
            _ = own.stop()
        }
        cluster = own
        requesters = [:]
        do {
            for service in BenchCluster.Service.allCases {
                requesters[service] = try Requester(sockets, own.router(service))
            }
        } catch {
            restore()
            throw error
        }
        return restore
    }

    /// Sends one request and requires an ok reply, decoded as `Reply`.
    func command<Body: Encodable, Reply: Decodable>(_ service: BenchCluster.Service, _ cmd: String, as principal: String,
                                                    key: String, _ body: Body, reply: Reply.Type) throws -> Reply {
        let request = try JSONCoding.encode(OutgoingRequest(cmd: cmd, key: key, as: principal, body: body))
        guard let answer = try requesters[service]!.exchange(request, key: key), answer.head.status == .ok else {
            throw BenchError("\(cmd) (\(key)) was not accepted")
        }
        return try answer.body(Reply.self)
    }

    /// Checks that the services report no problem and no dead letter.
    func checkHealthy(_ heads: Heads) {
        let unhealthy = heads.all.filter { $0.state != .ok || ($0.counters["deadLetters"] ?? 0) != 0 }
        check(unhealthy.isEmpty, "every service ok, no dead letters"
            + (unhealthy.isEmpty ? "" : " (\(unhealthy.map { "\($0.service): \($0.problems)" }))"))
    }
}
