import Foundation
import GridConfig
import GridSockets
import GridWire
import ZeroMQ

extension Bench {
    /// (j) CURVE beside development mode: the same raises on two fresh clusters on loopback TCP,
    /// one in development mode and one whose configuration lists keys, measured one after the
    /// other in this run: raise → dispatched at a steady rate, then acknowledged intake. The
    /// clients raise as an integrator naming the grid (under keys a principal is its key's, and
    /// one key serves every connection), so both clusters get the same requests but for `as`.
    func curve() throws {
        report.section("(j) CURVE on loopback TCP beside development mode: raise → dispatched at "
            + "\(Format.grouped(options.latencyRate))/s for \(options.latencySeconds) s, then \(Format.grouped(options.intakeWhistles)) "
            + "raises from \(options.connections) × \(options.window) pipelined clients, on a fresh cluster each")
        let (mainCluster, mainRequesters) = (cluster!, requesters)
        defer { (cluster, requesters) = (mainCluster, mainRequesters) }
        let plain = try curveRun(keyed: false)
        let keyed = try curveRun(keyed: true)
        let ratio = keyed.intake / plain.intake
        report.add("(j) intake, development mode / CURVE", "\(Format.rate(plain.intake)) / \(Format.rate(keyed.intake, "whistles"))",
                   baseline: "CURVE \(Format.ratio(ratio)) of development mode", target: "≥ 0.85: \(Format.verdict(ratio >= 0.85))")
        report.add("(j) raise → dispatched p99, development mode / CURVE", "\(Format.ms(plain.p99)) / \(Format.ms(keyed.p99))",
                   baseline: "CURVE \(String(format: "%.2f", keyed.p99 / plain.p99)) × development mode")
    }

    /// One cluster's run; returns its intake rate and its raise → dispatched p99.
    private func curveRun(keyed: Bool) throws -> (intake: Double, p99: Double) {
        let mode = keyed ? "curve" : "dev"
        let directory = scratch.appendingPathComponent("j-\(mode)")
        let data = directory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        // Keys: one per service in its data folder, one for the raising clients, one for the watcher.
        var list: KeyList?
        var raiser: CurveKeyPair?
        var watcher: CurveKeyPair?
        if keyed {
            var admitted: [KeyList.Entry] = []
            for stream in StreamName.allCases {
                let pair = try CurveKeyFile.create(data.appendingPathComponent("\(stream.rawValue)-transport.key").path)
                admitted.append(.init(principal: Principal(.service, stream.rawValue), key: pair.publicKey))
            }
            raiser = try CurveKeyPair.generate()
            watcher = try CurveKeyPair.generate()
            admitted += [.init(principal: Self.integrator, key: raiser!.publicKey),
                         .init(principal: Principal(.observer, "bench"), key: watcher!.publicKey)]
            list = KeyList(admitted: admitted)
        }
        let ports = try Self.freeLoopbackPorts(7)
        let local = { (index: Int) in "tcp://127.0.0.1:\(ports[index])" }
        let cluster = try BenchCluster(directory: directory, name: "\(scratch.lastPathComponent)-\(mode)", binDirectory: services) {
            $0.endpoints = Endpoints(whistle: .init(pub: local(0), router: local(1), intake: local(2)),
                                     response: .init(pub: local(3), router: local(4)),
                                     evaluation: .init(pub: local(5), router: local(6)))
            $0.keys = list
        }
        cluster.devPrincipals = !keyed
        try cluster.start()
        defer {
            for (service, status) in cluster.stop() {
                check(status == 0, "(j) \(mode): \(service.rawValue) exits 0 on SIGTERM (exit \(status.map(String.init) ?? "killed"))")
            }
        }
        let clients = SocketFactory(context: sockets.context, keys: raiser)
        let serverKey = { (service: BenchCluster.Service) in list?.key(of: service.stream) }
        self.cluster = cluster
        requesters = try Dictionary(uniqueKeysWithValues: BenchCluster.Service.allCases.map { service in
            (service, try Requester(clients, cluster.router(service), serverKey: serverKey(service)))
        })
        try waitUntilApplied(timeout: 30)

        let rate = options.latencyRate
        let count = rate * options.latencySeconds
        let steady = try (0..<count).map { try curveRequest("j-\(mode)-b", $0, keyed: keyed) }
        let load = try SteadyLoad(whistleRouter: cluster.router(.whistle), responsePub: cluster.pub(.response), rate: rate,
                                  sockets: clients, watcherSockets: SocketFactory(context: sockets.context, keys: watcher),
                                  serverKeys: keyed ? (serverKey(.whistle)!, serverKey(.response)!) : nil)
        let log = try load.run(steady, keys: (0..<count).map { workload.key("j-\(mode)-b", $0) })
        var toDispatched = Samples()
        for (whistle, index) in log.indexOfWhistle {
            if let at = log.dispatchedAt[whistle] { toDispatched.append(at - log.sentAt[index]) }
        }
        check(log.refused == 0 && toDispatched.count == count, "(j) \(mode): every steady raise acknowledged and dispatched")
        try waitUntilApplied(timeout: 120)

        let requests = try (0..<options.intakeWhistles).map { try curveRequest("j-\(mode)-a", $0, keyed: keyed) }
        var pipelined = PipelinedClients(endpoint: cluster.router(.whistle), connections: options.connections, window: options.window)
        pipelined.serverKey = serverKey(.whistle)
        let cpu = cpuAccount()
        let outcome = try pipelined.run(requests, sockets: clients)
        check(outcome.ok == requests.count, "(j) \(mode): every pipelined raise ok (\(outcome.ok); \(outcome.refusals))")
        report.line("  \(keyed ? "CURVE" : "development mode"): raise → dispatched p50 \(Format.ms(toDispatched.p50())), "
            + "p99 \(Format.ms(toDispatched.p99())); intake \(Format.rate(outcome.perSecond, "whistles")); \(cpu.summary())")
        try waitUntilApplied(timeout: 600)
        return (outcome.perSecond, toDispatched.p99())
    }

    /// The integrator the raising clients act as: stated in development mode, its key's under keys.
    private static let integrator = Principal(.integrator, "bench")

    /// Raise `index` as the integrator, naming the grid; `as` only in development mode.
    private func curveRequest(_ phase: String, _ index: Int, keyed: Bool) throws -> Data {
        let raise = workload.raise(index)
        var body = raise.body
        body.grid = raise.grid.id
        return try JSONCoding.encode(OutgoingRequest(cmd: "raise", key: workload.key(phase, index),
                                                     as: keyed ? nil : Self.integrator.description, body: body))
    }

    /// `count` TCP ports free on 127.0.0.1 now: each bound to port 0 and read back, all held until
    /// every one is known, then released for the services to bind.
    static func freeLoopbackPorts(_ count: Int) throws -> [Int] {
        var descriptors: [Int32] = []
        defer { descriptors.forEach { close($0) } }
        var ports: [Int] = []
        for _ in 0..<count {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw BenchError("socket: \(String(cString: strerror(errno)))") }
            descriptors.append(descriptor)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                    bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
                }
            }
            guard bound else { throw BenchError("bind 127.0.0.1:0: \(String(cString: strerror(errno)))") }
            ports.append(Int(UInt16(bigEndian: address.sin_port)))
        }
        return ports
    }
}
