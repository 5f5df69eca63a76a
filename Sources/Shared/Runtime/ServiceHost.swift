import Foundation
import GridConfig
import GridDomain
import GridLogging
import GridSockets
import GridStore
import GridWire
import ZeroMQ

/// The wiring every service shares: command line → configuration → logger → signals → store →
/// sockets → consumers → readiness → poll loop → orderly shutdown. A service adds its commands
/// and what it does with each consumed stream, then calls ``run()``.
public final class ServiceHost {
    public let name: String
    public let options: ServiceOptions
    public let config: DeploymentConfig
    public let logger: Logger
    public let clock: any WallClock
    public let store: ServiceStore
    public let server: CommandServer
    public let publisher: EventPublisher
    /// Due work: what the service's rules armed for later, fired when its time comes.
    public let due: DueWorkScheduler
    /// Where every socket of the service comes from (``socket(_:)``).
    public let sockets: SocketFactory
    /// The service's keys and ZAP handler, when the deployment lists keys (CURVE on every endpoint).
    private let keyGuard: KeyGuard?
    private let signals: SignalWatcher
    private let notifier = SystemdNotifier()
    private let startedAt = Date()
    private var consumers: [StreamConsumer] = []
    /// Each consumed stream's handler, kept for re-driving dead letters.
    var appliers: [StreamName: (ReceivedEvent, inout Transaction) throws -> Void] = [:]
    private var extraWatches: [(ZMQSocket, () throws -> Void)] = []
    /// Every socket the service bound, with its endpoint (``bind(_:_:)``).
    private var bound: [(ZMQSocket, String)] = []
    /// What the service adds to its status (``addToStatus(_:)``), in the order added.
    private var statusAdditions: [(inout ServiceStatus) -> Void] = []

    public static let version = "0.1.0"

    /// Builds the host or exits with a message: 0 after printing the usage (`--help`) or a valid
    /// configuration (`--check`), 64 for a bad command line, 78 for a bad configuration, 73 when
    /// the database cannot be opened, 69 when an endpoint cannot be bound.
    public init(name: String, stream: StreamName, migrations: [(String, String)],
                arguments: [String] = Array(CommandLine.arguments.dropFirst()),
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        SignalWatcher.hold(Self.signalsWatched)
        self.name = name
        let options: ServiceOptions
        do {
            options = try ServiceOptions.parse(arguments, environment: environment)
        } catch {
            Self.exit(64, "\(name): \(error)\n\(Self.usage(name))")
        }
        if options.helpOnly {
            FileHandle.standardOutput.write(Data("\(Self.usage(name))\n".utf8))
            Foundation.exit(0)
        }
        self.options = options
        let config: DeploymentConfig
        do {
            config = try DeploymentConfig.load(path: options.configPath)
        } catch {
            Self.exit(78, "\(name): \(error)")
        }
        if config.keys == nil {
            for endpoint in config.endpoints.used(by: stream) where !EndpointAddress.staysOnThisHost(endpoint) {
                Self.exit(78, "\(name): \(endpoint) is not a loopback, ipc or inproc endpoint, and plaintext ZeroMQ is refused "
                    + "there: whoever reaches it could read every stream and send commands; list keys to use CURVE")
            }
        } else if options.devPrincipals {
            Self.exit(78, "\(name): --dev-principals is refused when the configuration lists keys: a principal is its key's")
        }
        if options.devPrincipals {
            for endpoint in config.endpoints.bound(by: stream) where !EndpointAddress.isLocalOnly(endpoint) {
                Self.exit(78, "\(name): --dev-principals is refused: \(endpoint) is not a loopback or abstract ipc endpoint")
            }
        }
        if options.checkOnly { Self.exit(0, "\(name): configuration \(options.configPath ?? "(embedded default)") is valid") }
        let logger = Logger(label: stream.rawValue, minimum: options.logLevel)
        self.config = config
        self.logger = logger
        // A file-size limit (RLIMIT_FSIZE) should fail the write, which the store reports, rather
        // than kill the process with SIGXFSZ.
        signal(SIGXFSZ, SIG_IGN)
        do {
            signals = try SignalWatcher(signals: Self.signalsWatched)
        } catch {
            Self.exit(71, "\(name): cannot watch signals: \(error)")
        }
        do {
            try FileManager.default.createDirectory(atPath: options.dataDirectory, withIntermediateDirectories: true)
            let store = try ServiceStore(path: "\(options.dataDirectory)/\(stream.rawValue).sqlite", stream: stream,
                                         durability: options.durability, migrations: migrations)
            self.store = store
            // A restarted test clock resumes at the later of its start flag and the time it had.
            if let start = options.testClockStart {
                clock = ManualWallClock(max(start, try store.storedTestClock() ?? start))
            } else {
                clock = SystemWallClock()
            }
        } catch {
            Self.exit(73, "\(name): cannot open its database in \(options.dataDirectory): \(error)")
        }
        let pair = config.keys.map { Self.ownKeyPair(name, stream, listed: $0, in: options.dataDirectory, logger: logger) }
        do {
            let sockets = try SocketFactory(keys: pair)
            self.sockets = sockets
            // Before any CURVE socket binds: until a handler is bound, libzmq admits every key.
            keyGuard = try config.keys.map { try KeyGuard(list: $0, context: sockets.context, logger: logger) }
            let pub = try sockets.socket(.eventPublisher)
            let router = try sockets.socket(.commandServer)
            let endpoints = config.endpoints.producer(stream)
            try pub.bind(endpoints.pub)
            try router.bind(endpoints.router)
            bound = [(pub, endpoints.pub), (router, endpoints.router)]
            publisher = EventPublisher(socket: pub, logger: logger)
            let publisher = publisher
            server = CommandServer(socket: router, store: store, clock: clock, limit: config.limits.maxMessageBytes,
                                   trust: config.keys == nil ? (options.devPrincipals ? .stated : .nobody) : .keys,
                                   logger: logger,
                                   publish: { publisher.publish($0) })
            due = DueWorkScheduler(store: store, clock: clock, batch: config.limits.dueBatch,
                                   budgetMilliseconds: config.limits.dueBatchMilliseconds, logger: logger,
                                   publish: { publisher.publish($0) })
        } catch {
            Self.exit(69, "\(name): cannot open its endpoints: \(error)")
        }
        registerCommonQueries()
        registerDeadLetterCommands()
        logger.notice("started", ["version": Self.version, "epoch": store.epoch, "head": store.head,
                                  "data": options.dataDirectory, "devPrincipals": options.devPrincipals,
                                  "testClock": options.testClockStart.map(Timestamp.format) ?? "off"])
    }

    /// Applies `stream` from its producer with `apply`, exactly once and in order; with `types`,
    /// only the events of those types (``StreamConsumer``'s sparse mode: the producer publishes
    /// each of them on `<stream>.<type>.` too).
    public func consume(_ stream: StreamName, only types: [String]? = nil,
                        apply: @escaping (ReceivedEvent, inout Transaction) throws -> Void) throws {
        appliers[stream] = apply
        let publisher = self.publisher
        consumers.append(try StreamConsumer(
            stream: stream, only: types, endpoints: config.endpoints.producer(stream), serverKey: config.keys?.key(of: stream),
            sockets: sockets, store: store,
            batch: config.limits.replayBatch, timeoutMilliseconds: config.limits.replayTimeoutMilliseconds,
            heartbeatMilliseconds: config.limits.heartbeatMilliseconds,
            logger: logger, apply: apply, publish: { publisher.publish($0) }))
    }

    /// Opens another socket for `role` on the host's context (WhistleService's intake).
    public func socket(_ role: SocketRole) throws -> ZMQSocket { try sockets.socket(role) }

    /// The key list in force (reloaded on SIGHUP); nil in development mode.
    public var keys: KeyList? { keyGuard?.list }

    /// Binds `socket` to `endpoint`, and binds it again whenever the key list is reloaded, so that
    /// every peer authenticates again.
    public func bind(_ socket: ZMQSocket, _ endpoint: String) throws {
        try socket.bind(endpoint)
        bound.append((socket, endpoint))
    }

    /// The service's key pair from its key file, made there at the first start; exits 78 when the
    /// file cannot be used or `listed` does not name its public key as `service:<stream>`,
    /// printing the entry to add.
    private static func ownKeyPair(_ name: String, _ stream: StreamName, listed: KeyList, in directory: String,
                                   logger: Logger) -> CurveKeyPair {
        let path = KeyGuard.path(of: stream, in: directory)
        let pair: CurveKeyPair
        do {
            let (made, created) = try CurveKeyFile.readOrCreate(path)
            if created { logger.notice("key pair made", ["file": path, "publicKey": made.publicKey]) }
            pair = made
        } catch {
            exit(78, "\(name): cannot use its key: \(error)")
        }
        guard listed.key(of: stream) == pair.publicKey else {
            exit(78, "\(name): its public key (\(path)) is not the one keys.admitted lists for service:\(stream.rawValue); "
                + #"list {"principal": "service:\#(stream.rawValue)", "key": "\#(pair.publicKey)"}"#)
        }
        return pair
    }

    /// SIGINT and SIGTERM stop the service; SIGHUP reloads the key list.
    static let signalsWatched = [SIGINT, SIGTERM, SIGHUP]

    /// SIGHUP: reads the configuration file again and admits the keys it lists from then on. Each
    /// bound endpoint is unbound and bound again, which drops every connection: the peers
    /// reconnect and authenticate again, so a key taken off the list loses its subscriptions and
    /// gets no answer to its next request. Only the key list is read; a list with mistakes, none,
    /// or other keys for the services is logged and left, and the keys in force stay.
    private func reloadKeys() throws {
        guard let keyGuard else {
            logger.notice("SIGHUP ignored: the configuration lists no keys (development mode)")
            return
        }
        let list: KeyList
        do {
            guard let keys = try DeploymentConfig.load(path: options.configPath).keys else {
                logger.error("keys not reloaded: the configuration lists none any more, which takes a restart")
                return
            }
            list = keys
        } catch {
            logger.error("keys not reloaded: the configuration has mistakes", ["error": error])
            return
        }
        if let refusal = keyGuard.replace(with: list) {
            logger.error("keys not reloaded: \(refusal)")
            return
        }
        for (socket, endpoint) in bound {
            try socket.unbind(endpoint)
            try Self.bindAgain(socket, endpoint)
        }
        logger.notice("keys reloaded", ["admitted": list.admitted.count, "endpoints": bound.count])
    }

    /// libzmq closes an unbound listener on its I/O thread, so the endpoint may still be taken
    /// for a moment: binding is tried again on `EADDRINUSE` for up to 2 s.
    private static func bindAgain(_ socket: ZMQSocket, _ endpoint: String) throws {
        let deadline = Date().addingTimeInterval(2)
        while true {
            do {
                return try socket.bind(endpoint)
            } catch let error as ZMQError where error.code == EADDRINUSE && Date() < deadline {
                usleep(5_000)
            }
        }
    }

    /// Polls `socket` in the loop with `handler`.
    public func watch(_ socket: ZMQSocket, _ handler: @escaping () throws -> Void) {
        extraWatches.append((socket, handler))
    }

    /// Lets the service add what only it knows to its status (WhistleService: the weather alerts
    /// in force). `add` runs for every heartbeat and every `status` query, so it reads memory,
    /// never the database.
    public func addToStatus(_ add: @escaping (inout ServiceStatus) -> Void) {
        statusAdditions.append(add)
    }

    /// Runs until SIGINT or SIGTERM (SIGHUP reloads the key list), then closes the sockets and the
    /// database; returns the process exit status.
    public func run() -> Int32 {
        let loop = EventLoop()
        loop.watch(fileDescriptor: signals.fileDescriptor) { [unowned self, signals, logger] in
            let numbers = signals.drain()
            if let stop = numbers.first(where: { $0 != SIGHUP }) {
                logger.notice("stopping", ["signal": stop])
                loop.stop()
            } else if !numbers.isEmpty {
                try reloadKeys()
            }
        }
        if let keyGuard {
            loop.watch(keyGuard.handler.socket) { try keyGuard.answer() }
            loop.watch(publisher.socket) { [publisher] in try publisher.admitSubscriptions() }
        }
        loop.watch(server.socket) { [server] in try server.drain() }
        for (socket, handler) in extraWatches { loop.watch(socket, handler) }
        for consumer in consumers {
            loop.watch(consumer.sub) { try consumer.drainLive() }
            loop.watch(consumer.dealer) { try consumer.drainReplies() }
        }
        loop.afterEachRound { [store, consumers] in
            // A stream waiting for another ("not yet") retries once any stream has moved.
            let progress = consumers.reduce(0) { $0 + $1.applied }
            for consumer in consumers { consumer.retryHeld(progress: progress) }
            // Between rounds, not inside a commit: what the log holds is durable already.
            store.keepLogShort()
        }
        // Everything already due fires at start, oldest first, one bounded batch a round; a batch
        // steps aside as soon as a command or an event waits.
        due.yieldsTo { loop.hasInput() }
        // A reply waiting for due work (a test-clock move) goes out once nothing is due by now.
        loop.whenDue({ [due, server] in server.isHoldingReplies ? 0 : due.delay() }) { [due, server] in
            if !due.fire(), due.delay() != 0, due.problem == nil { try server.releaseHeldReplies() }
        }
        loop.every(milliseconds: 250) { [consumers] in
            let now = DispatchTime.now().uptimeNanoseconds
            for consumer in consumers {
                try consumer.tick()
                try consumer.reconnectIfSilent(at: now)
            }
        }
        loop.every(milliseconds: config.limits.heartbeatMilliseconds) { [unowned self] in
            publishStatus()
        }
        if let interval = notifier.watchdogInterval {
            loop.every(milliseconds: max(100, Int(interval * 1000))) { [notifier] in notifier.watchdog() }
        }
        var status: Int32 = 0
        store.startCheckpointing(logger: logger)
        do {
            for consumer in consumers { try consumer.start() }
            publishStatus()
            notifier.ready()
            try loop.run()
        } catch {
            logger.error("stopped by a failure", ["error": error])
            status = 70
        }
        notifier.stopping()
        for consumer in consumers { consumer.close() }
        consumers.removeAll()
        for (socket, _) in extraWatches { socket.close() }
        extraWatches.removeAll()
        server.socket.close()
        publisher.socket.close()
        keyGuard?.handler.close()
        sockets.context.shutdown()
        // Last, once nothing can write: the process exits without running any `deinit`.
        store.close()
        logger.notice("stopped", ["status": status])
        return status
    }

    /// The status a heartbeat carries and the `status` query answers.
    public func status() -> ServiceStatus {
        var problems = consumers.compactMap(\.problem)
        if let storage = server.storageProblem { problems.append(storage) }
        if let stalled = due.problem { problems.append(stalled) }
        let dueCounts = store.dueCounts
        if dueCounts.failed > 0 {
            problems.append("\(dueCounts.failed) item(s) of due work set aside: their rule failed (due_work.failed says why)")
        }
        var consumed: [String: ServiceStatus.ConsumedStream] = [:]
        let now = DispatchTime.now().uptimeNanoseconds
        for consumer in consumers {
            consumed[consumer.stream.rawValue] = .init(
                last: consumer.last, behind: max(0, consumer.producerHead - consumer.last),
                state: consumer.state(at: now))
        }
        let counters: [String: Int64] = [
            "requestsAnswered": server.answered, "requestsRefused": server.refused,
            "groupCommits": server.commits, "committedCommands": server.committedCommands,
            "eventsPublished": publisher.eventsPublished, "publishDropped": publisher.dropped,
            "eventsApplied": consumers.reduce(0) { $0 + $1.applied },
            "applyTransactions": consumers.reduce(0) { $0 + $1.transactions },
            "replayRequests": consumers.reduce(0) { $0 + $1.replayRequests },
            "eventsAppliedFromReplay": consumers.reduce(0) { $0 + $1.appliedFromReplay },
            "streamReconnects": consumers.reduce(0) { $0 + $1.reconnects },
            "deadLetters": (try? store.deadLetterCount()) ?? -1,
            "dueFired": due.fired, "dueBatches": due.batches, "dueArmed": dueCounts.armed, "dueSetAside": dueCounts.failed,
        ]
        var status = ServiceStatus(service: name, version: Self.version, pid: getpid(), startedAt: Instant(startedAt),
                                   uptimeSeconds: Int(Date().timeIntervalSince(startedAt)),
                                   state: problems.isEmpty ? .ok : .degraded, problems: problems,
                                   epoch: store.epoch, head: store.head, consumed: consumed, counters: counters,
                                   commands: server.commandCounts, databaseBytes: store.databaseBytes,
                                   lastCheckpoint: store.lastCheckpoint.map(Instant.init))
        for add in statusAdditions { add(&status) }
        return status
    }

    private func publishStatus() {
        var envelope = Envelope(stream: store.stream, epoch: store.epoch, seq: store.head, time: Instant(clock.now()),
                                type: "status", data: status())
        envelope.id = "status/\(store.stream.rawValue)/\(store.epoch)/\(store.head)"
        if let bytes = try? JSONCoding.encode(envelope) {
            publisher.send(topic: Topic.status(store.stream), bytes)
        }
    }

    private func registerCommonQueries() {
        let store = self.store
        let batch = config.limits.replayBatch
        let keyed = config.keys != nil
        server.rawQuery("replay", ReplayQuery.self) { context, query in
            // Under keys a stream is replayed whole only to the services and the district centre;
            // development mode has no read rights.
            if keyed, let principal = context.principal, !ReadRights.mayReplay(principal.kind) {
                throw ProtocolError.notPermitted(principal, "replay a whole stream")
            }
            guard query.stream == store.stream else {
                throw ProtocolError.invalid("/body/stream", "this service produces the \(store.stream.rawValue) stream")
            }
            guard query.after >= 0 else { throw ProtocolError.invalid("/body/after", "after is 0 or more") }
            let limit = min(max(query.limit ?? batch, 1), batch)
            let epoch = try JSONCoding.encodeString(store.epoch)
            if let types = query.types {
                guard !types.isEmpty, types.count <= ReplayQuery.maximumTypes else {
                    throw ProtocolError.invalid("/body/types", "name 1 to \(ReplayQuery.maximumTypes) event types, or leave types out")
                }
                let (events, through) = try store.events(after: query.after, limit: limit, types: types)
                return #"{"epoch":\#(epoch),"events":[\#(events.joined(separator: ","))],"head":\#(store.head),"through":\#(through)}"#
            }
            let events = try store.events(after: query.after, limit: limit)
            return #"{"epoch":\#(epoch),"events":[\#(events.joined(separator: ","))],"head":\#(store.head)}"#
        }
        server.query("status", EmptyBody.self) { [unowned self] _, _ in status() }
        if let manual = clock as? ManualWallClock {
            // Keyed commands: a retry with the same key gets the first reply and moves nothing. The
            // new time is stored with the command, and the reply waits until every item due by
            // then has fired (each at its own due time, in order, in the loop's bounded batches).
            server.command("clock.set", ClockSet.self, waitsForDueWork: true) { [logger] _, body, transaction in
                let now = try Self.testTime(manual, in: transaction)
                guard body.time.date <= Self.latestTestTime else {
                    throw ProtocolError.invalid("/body/time", "the test clock stops at \(Instant(Self.latestTestTime))")
                }
                guard body.time.date >= now else {
                    throw ProtocolError.invalid("/body/time", "time only moves forward; it is \(Instant(now)) now")
                }
                return try Self.move(manual, to: body.time.date, in: &transaction, logger: logger)
            }
            server.command("clock.advance", ClockAdvance.self, waitsForDueWork: true) { [logger] _, body, transaction in
                let now = try Self.testTime(manual, in: transaction)
                guard body.seconds >= 0 else { throw ProtocolError.invalid("/body/seconds", "time only moves forward") }
                guard now.addingTimeInterval(body.seconds) <= Self.latestTestTime else {
                    throw ProtocolError.invalid("/body/seconds", "the test clock stops at \(Instant(Self.latestTestTime))")
                }
                return try Self.move(manual, to: now.addingTimeInterval(body.seconds), in: &transaction, logger: logger)
            }
        }
    }

    /// The test clock's time as this transaction sees it: a clock command earlier in the same group
    /// commit has stored its move, though the clock itself moves only once the batch commits.
    private static func testTime(_ clock: ManualWallClock, in transaction: Transaction) throws -> Date {
        max(clock.now(), try transaction.storedTestClock() ?? clock.now())
    }

    /// Stores the test clock's new time, to the millisecond as it is stored, in `transaction`, and
    /// moves the clock once it commits.
    private static func move(_ clock: ManualWallClock, to time: Date, in transaction: inout Transaction,
                             logger: Logger) throws -> ClockReading {
        let time = Instant(time).date
        try transaction.storeTestClock(time)
        transaction.afterCommit {
            clock.set(max(clock.now(), time))
            logger.notice("test clock moved", ["now": Instant(time)])
        }
        return ClockReading(now: Instant(time))
    }

    /// The end of the year 9999: every time past it is out of the wire format's range.
    static let latestTestTime = Date(timeIntervalSince1970: 253_402_300_799)

    private static func usage(_ name: String) -> String {
        "usage: \(name) [options]\n\(ServiceOptions.usage)"
    }

    private static func exit(_ status: Int32, _ message: String) -> Never {
        StandardErrorSink().write(message)
        Foundation.exit(status)
    }
}

@available(*, unavailable)
extension ServiceHost: Sendable {}
