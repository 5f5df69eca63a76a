import Foundation
import GridWire
import SQLite
import Testing

/// The three services on three hosts — network namespaces joined by a bridge, with a fourth host
/// for the clients — over TCP with CURVE, from one deployment file that gives each its address.
/// Mid-storm the cable of ResponseService's host is pulled for some seconds, then put back:
/// WhistleService acknowledges throughout, the other two report the response stream `stale` while
/// it is cut and healthy after, the consumers catch up by replay, and the three databases hold
/// every whistle, task and event once. The second case also `kill -9`s ResponseService while it is
/// cut off and restarts it there before the link heals; the third reboots its host while it is cut
/// off, so that its peers are never told their connections to it are gone.
///
/// The namespaces need root and iproute2; outside CI (`CI` unset) the tests skip without them.
@Suite(.serialized) struct SeparateHostsTests {
    static let raiser = "grid:JD-NX-A01-G01-M01"
    static let reader = "district:JD"

    @Test(.enabled(if: NetworkHosts.mayRun, NetworkHosts.whySkipped))
    func aLinkCutMidStormHealsWithNothingLostOrAppliedTwice() throws {
        try cutMidStorm(tag: "a", whileCut: .nothing)
    }

    @Test(.enabled(if: NetworkHosts.mayRun, NetworkHosts.whySkipped))
    func aResponseServiceKilledWhileCutOffRestartsThereAndCatchesUpOnceHealed() throws {
        try cutMidStorm(tag: "b", whileCut: .kill)
    }

    @Test(.enabled(if: NetworkHosts.mayRun, NetworkHosts.whySkipped))
    func aResponseHostRebootedWhileCutOffIsHeardAgainOnceHealed() throws {
        try cutMidStorm(tag: "c", whileCut: .reboot)
    }

    @Test(.enabled(if: NetworkHosts.mayRun, NetworkHosts.whySkipped))
    func whatAnEarlierRunLeftIsRemovedAtTheStartAndWhatARunMadeAtItsEnd() throws {
        // The namespace of a run whose process is gone: a finished child's pid.
        let child = try CommandResult.run(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", "echo $$"])
        let gone = Int32(child.stdout.trimmingCharacters(in: .whitespacesAndNewlines))!
        let leftover = NetworkHosts.prefix + String(gone, radix: 36) + "aw"
        let ip = try #require(NetworkHosts.ipPath)
        #expect(try CommandResult.run(executable: URL(fileURLWithPath: ip), ["netns", "add", leftover]).status == 0)
        func namespaces() throws -> String { try CommandResult.run(executable: URL(fileURLWithPath: ip), ["netns", "list"]).stdout }
        #expect(try namespaces().contains(leftover))
        var hosts: NetworkHosts? = try NetworkHosts(tag: "d")
        let made = try #require(hosts).namespace(.clients)
        #expect(try !namespaces().contains(leftover), "an earlier run's namespace is removed")
        #expect(try namespaces().contains(made))
        #expect(made.count <= 15)
        hosts = nil
        #expect(try !namespaces().contains(made), "a run removes what it made")
    }

    /// What happens to ResponseService while its link is down.
    enum WhileCut { case nothing, kill, reboot }

    private func cutMidStorm(tag: Character, whileCut: WhileCut) throws {
        let hosts = try NetworkHosts(tag: tag)
        defer { hosts.remove() }
        var keyed = try KeyedCluster(principals: [Self.raiser, Self.reader], adjust: { config in
            config.endpoints = hosts.endpoints
            config.limits.heartbeatMilliseconds = 300
        })
        let cluster = keyed.cluster
        // Deferred after the hosts' removal, so run before it: the services stop while their hosts exist.
        defer { _ = cluster.stopAll() }
        cluster.launchers = [.whistle: hosts.launcher(.whistle), .response: hosts.launcher(.response),
                             .evaluation: hosts.launcher(.evaluation)]
        keyed.clientLauncher = hosts.launcher(.clients)
        try keyed.start()

        func status(_ service: StreamName) -> ServiceStatus? {
            guard let result = try? keyed.gridctl(["--json", "status", service.rawValue], as: Self.reader),
                  result.status == 0 || result.status == 4 else { return nil }
            return try? JSONCoding.decode(ServiceStatus.self, from: Data(result.stdout.utf8))
        }
        func responseStream(seenBy service: StreamName) -> ServiceStatus.ConsumedStream.State? {
            status(service)?.consumed[StreamName.response.rawValue]?.state
        }
        let healthy = eventually(timeout: 60) {
            StreamName.allCases.allSatisfy { service in
                guard let status = status(service) else { return false }
                return status.state == .ok && status.consumed.count == 2 && status.consumed.values.allSatisfy { $0.state == .ok }
            }
        }
        try #require(healthy, "the three hosts hear each other over CURVE:\n\(cluster.log(.response))")

        let storm = PacedStorm(perSecond: 800, keyPrefix: "storm-\(tag)")
        let curve = try keyed.curve(Self.raiser, to: .whistle)
        let endpoint = cluster.config.endpoints.whistle.router
        let raising = try hosts.thread(on: .clients) { storm.run(to: endpoint, curve: curve) }
        defer { storm.stop() }
        try #require(eventually(timeout: 60) { storm.acknowledged >= 1_000 }, "the storm is under way: \(storm.refusals.prefix(3))")

        let cutAt = Date()
        let acknowledgedAtCut = storm.acknowledged
        try hosts.cut(.response)
        let stale = eventually(timeout: 30) {
            responseStream(seenBy: .whistle) == .stale && responseStream(seenBy: .evaluation) == .stale
        }
        #expect(stale, "while cut, WhistleService and EvaluationService report the response stream stale")
        #expect(status(.evaluation)?.state == .ok, "a cut link heals by itself: not degraded")
        switch whileCut {
        case .nothing:
            break
        case .kill:
            cluster.crash(.response)
            try keyed.start([.response])
        case .reboot:
            cluster.crash(.response)
            try hosts.reboot(.response)
            try keyed.start([.response])
        }
        // Intake carries on while the link is down: a thousand more whistles and three seconds at least.
        let carriedOn = eventually(timeout: 60) {
            storm.acknowledged >= acknowledgedAtCut + 1_000 && Date().timeIntervalSince(cutAt) >= 3
        }
        #expect(carriedOn, "WhistleService acknowledges while ResponseService is cut off")
        let healAt = Date()
        try hosts.heal(.response)
        let third = healAt.timeIntervalSince(cutAt) / 3
        for part in 0..<3 {
            let from = cutAt.addingTimeInterval(Double(part) * third)
            #expect(storm.acknowledged(from: from, to: from.addingTimeInterval(third)) > 0,
                    "acknowledgements in every third of the cut (third \(part + 1))")
        }

        // Raises go on after the heal too, then stop.
        let acknowledgedAtHeal = storm.acknowledged
        #expect(eventually(timeout: 60) { storm.acknowledged >= acknowledgedAtHeal + 500 })
        storm.stop()
        #expect(try raising.join(timeout: 300), "the storm ends")
        #expect(storm.refusals.isEmpty, "\(storm.refusals.prefix(3))")
        #expect(storm.accepted.count == storm.raised, "every raise acknowledged")
        #expect(storm.raised >= 2_500)
        let healed = eventually(timeout: 60) {
            responseStream(seenBy: .whistle) == .ok && responseStream(seenBy: .evaluation) == .ok
        }
        #expect(healed, "after the heal the response stream is healthy again")

        // Caught up: every consumer at its producer's head, the heads holding still.
        var heads: [StreamName: ServiceStatus] = [:]
        let caughtUp = eventually(timeout: 120) {
            for service in StreamName.allCases {
                guard let status = status(service), status.state == .ok else { return false }
                heads[service] = status
            }
            return StreamName.allCases.allSatisfy { producer in
                StreamName.allCases.filter { $0 != producer }.allSatisfy { consumer in
                    heads[consumer]?.consumed[producer.rawValue]?.last == heads[producer]?.head
                }
            }
        }
        #expect(caughtUp, "every consumer reaches its producer's head")
        // … by replay: what went into the cut link was fetched again, not waited for.
        #expect(heads[.response]?.counters["eventsAppliedFromReplay"] ?? 0 > 0, "ResponseService replayed what it missed")
        #expect(heads[.evaluation]?.counters["replayRequests"] ?? 0 > 0, "EvaluationService asked for what it missed")
        #expect(heads[.evaluation]?.counters["streamReconnects"] ?? 0 > 0, "EvaluationService connected afresh to the silent producer")

        for (service, code) in cluster.stopAll() { #expect(code == 0, "\(service.rawValue) stops cleanly") }
        try checkOnce(cluster, storm.accepted)
    }

    /// Each whistle, task and event once in each of the three databases.
    private func checkOnce(_ cluster: Cluster, _ accepted: [WhistleAccepted]) throws {
        let data = cluster.directory.appendingPathComponent("data")
        func database(_ stream: StreamName) throws -> Database {
            try Database(path: data.appendingPathComponent("\(stream.rawValue).sqlite").path, readOnly: true)
        }
        func count(_ database: Database, _ sql: String) throws -> Int { try database.queryFirst(sql)?.int(0) ?? -1 }
        let whistle = try database(.whistle), response = try database(.response), evaluation = try database(.evaluation)
        let raised = accepted.count
        let tasks = accepted.reduce(0) { $0 + 1 + $1.co.count }
        #expect(Set(accepted.map(\.whistle)).count == raised, "one whistle per raise")
        #expect(try count(whistle, "SELECT COUNT(*) FROM whistles") == raised)
        #expect(try count(whistle, "SELECT COUNT(*) FROM events WHERE type = 'raised'") == raised)
        #expect(try count(response, "SELECT COUNT(*) FROM tasks") == tasks)
        #expect(try count(response, "SELECT COUNT(DISTINCT whistle) FROM tasks") == raised)
        #expect(try count(response, "SELECT COUNT(*) FROM events WHERE type = 'dispatched'") == raised,
                "each whistle dispatched once, though ResponseService heard part of the stream twice")
        #expect(try count(evaluation, "SELECT COUNT(*) FROM whistles") == raised)
        #expect(try count(evaluation, "SELECT COUNT(*) FROM department_tasks") == tasks)
        for database in [whistle, response, evaluation] {
            #expect(try count(database, "SELECT COUNT(*) FROM dead_letters") == 0)
        }
        // Each cursor at its producer's head, in the databases themselves.
        let heads: [StreamName: Int] = [.whistle: try count(whistle, "SELECT MAX(seq) FROM events"),
                                         .response: try count(response, "SELECT MAX(seq) FROM events"),
                                         .evaluation: try count(evaluation, "SELECT MAX(seq) FROM events")]
        for (consumer, database) in [(StreamName.whistle, whistle), (.response, response), (.evaluation, evaluation)] {
            for producer in StreamName.allCases where producer != consumer {
                #expect(try count(database, "SELECT last FROM cursors WHERE stream = '\(producer.rawValue)'") == heads[producer],
                        "\(consumer.rawValue) applied \(producer.rawValue) to its end")
            }
        }
    }
}
