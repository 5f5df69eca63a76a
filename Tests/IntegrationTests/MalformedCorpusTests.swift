import Foundation
import GridWire
import Testing
import ZeroMQ

/// The malformed corpus (Support/MalformedCorpus.swift) fed to each service's ROUTER and to
/// WhistleService's intake: every kind gets exactly one answer with its typed refusal (or none, on
/// the intake, for a message that is not two frames), the services keep serving, and nothing is
/// accepted by mistake.
@Suite(.serialized) struct MalformedCorpusTests {
    @Test func theCorpusHasAtLeastFiftyDistinctKindsForEachService() {
        for service in Cluster.Service.allCases {
            let kinds = MalformedCorpus.cases(for: service).map(\.kind)
            #expect(Set(kinds).count == kinds.count, "\(service.rawValue): a kind is listed twice")
            #expect(kinds.count >= 50, "\(service.rawValue): \(kinds.count) kinds")
        }
        let intakeKinds = (MalformedCorpus.whistle + MalformedCorpus.intakeFrames).filter { $0.intakeFrames != nil }.map(\.kind)
        #expect(Set(intakeKinds).count == intakeKinds.count)
        #expect(intakeKinds.count >= 50, "intake: \(intakeKinds.count) kinds")
    }

    @Test func eachServiceRefusesEveryMalformedMessageWithItsTypedErrorAndKeepsServing() throws {
        let cluster = try Cluster()
        try cluster.start()
        // ResponseService and EvaluationService need the reference data (whistle seq 1) for the
        // cases that look a department up.
        for service in [Cluster.Service.response, .evaluation] {
            let client = try RawClient(router(service, cluster))
            let learned = try eventually {
                try status(client, key: "ready")?.consumed["whistle"]?.last ?? 0 >= 1
            }
            #expect(learned, "\(service.rawValue) never applied the reference data")
        }

        for service in Cluster.Service.allCases {
            let client = try RawClient(router(service, cluster))
            for (index, bad) in MalformedCorpus.cases(for: service).enumerated() {
                guard let frames = bad.routerFrames else { continue }
                let label = "\(service.rawValue) · \(bad.kind)"
                let reply = try client.exchange(frames, timeout: 10)
                #expect(reply != nil, "\(label): no reply — the service crashed or hung (see its log)\n\(cluster.log(service).suffix(2_000))")
                guard let reply else { break }
                check(reply, against: bad.router, bad, label)
                // Exactly one answer per message: the next request gets its own reply.
                let sync = try client.request(#"{"v":1,"cmd":"status","key":"sync-\#(index)","body":{}}"#)
                #expect(sync?.head.key == "sync-\(index)", "\(label): answered more than once, or the next request went unanswered")
            }
            let after = try status(client, key: "after-corpus")
            #expect(after?.state == .ok, "\(service.rawValue) after the corpus: \(String(describing: after?.problems))")
            #expect(after?.counters["deadLetters"] == 0, "\(service.rawValue)")
        }

        // Replay answers that are odd but legal are still right.
        let whistleClient = try RawClient(cluster.config.endpoints.whistle.router)
        let beyond = try #require(try whistleClient.request(#"{"v":1,"cmd":"replay","key":"beyond","body":{"stream":"whistle","after":1000000}}"#))
        let beyondAnswer = try beyond.body(ReplayAnswer.self)
        #expect(beyondAnswer.events.isEmpty)
        #expect(beyondAnswer.head == 1, "only the reference event")
        let limitZero = try #require(try whistleClient.request(#"{"v":1,"cmd":"replay","key":"zero","body":{"stream":"whistle","after":0,"limit":0}}"#))
        #expect(try limitZero.body(ReplayAnswer.self).events.count == 1, "limit 0 is clamped to 1")

        // Nothing was accepted by mistake: no service produced an event beyond the reference data,
        // and the first whistle raised now is number 1.
        for service in Cluster.Service.allCases {
            let head = try status(try RawClient(router(service, cluster)), key: "head")?.head
            #expect(head == (service == .whistle ? 1 : 0), "\(service.rawValue) produced events from malformed input")
        }
        let raised = try #require(try whistleClient.request(
            #"{"v":1,"cmd":"raise","key":"after-corpus","as":"\#(MalformedCorpus.grid)","body":\#(MalformedCorpus.raiseBody)}"#))
        let whistle = try raised.body(WhistleAccepted.self).whistle
        #expect(whistle.hasSuffix("-000001"))

        // An out-of-range field that is checked only once the whistle is known: a 501-character comment.
        let evaluationClient = try RawClient(cluster.config.endpoints.evaluation.router)
        let timeline = #"{"v":1,"cmd":"timeline","as":"\#(MalformedCorpus.grid)","body":{"whistle":"\#(whistle)"}}"#
        let known = try eventually { try evaluationClient.request(timeline)?.head.status == .ok }
        #expect(known, "EvaluationService never learned \(whistle)")
        let comment = String(repeating: "评", count: 501)
        let long = try #require(try evaluationClient.request(
            #"{"v":1,"cmd":"evaluate","key":"long-comment","as":"\#(MalformedCorpus.grid)","body":{"whistle":"\#(whistle)","solved":true,"satisfaction":"satisfied","comment":"\#(comment)"}}"#))
        #expect(long.head.status == .badRequest)
        #expect(long.head.error?.code == "invalid_value")
        #expect(long.head.error?.at == "/body/comment")
        for (service, code) in cluster.stopAll() { #expect(code == 0, "\(service.rawValue) did not stop cleanly") }
    }

    @Test func theIntakeAnswersEveryMalformedMessageOnceOnItsTopicAndAcceptsNothing() throws {
        let cluster = try Cluster()
        try cluster.start([.whistle])
        let listener = try IntakeListener(cluster.config.endpoints.whistle.pub)
        let context = try ZMQContext()
        let feed = try ZMQSocket(context, .pub)
        try feed.setLinger(milliseconds: 0)
        try feed.connect(cluster.config.endpoints.whistle.intake)

        // PUB drops until the connection is up: publish a probe until one is answered, then
        // sync on a fresh key so every earlier probe's answer is behind us.
        var connected = false
        for attempt in 0..<100 where !connected {
            try feed.send([Data("probe".utf8), Data(#"{"v":1,"cmd":"probe","key":"probe-\#(attempt)","body":{}}"#.utf8)])
            connected = try listener.next(timeout: 0.2) != nil
        }
        #expect(connected, "the intake never answered a probe")
        var synced = try sync(feed, listener, "sync-start")
        #expect(synced)

        let corpus = (MalformedCorpus.whistle + MalformedCorpus.intakeFrames).filter { $0.intakeFrames != nil }
        for (index, bad) in corpus.enumerated() {
            let label = "intake · \(bad.kind)"
            try feed.send(bad.intakeFrames ?? [])
            if bad.intake != .silent {
                let answer = try listener.next(timeout: 10)
                #expect(answer != nil, "\(label): no confirmation\n\(cluster.log(.whistle).suffix(2_000))")
                guard let answer else { break }
                #expect(answer.topic == bad.intakeTopic, "\(label): answered on \(answer.topic)")
                let reply = try ReceivedReply(decoding: answer.body)
                check(reply, against: bad.intake, bad, label)
            }
            // Exactly one answer (none for a message that is not two frames): the next one is the sync's.
            synced = try sync(feed, listener, "sync-\(index)")
            #expect(synced, "\(label): answered more than once, or answered when it should have been dropped")
            if !synced { break }
        }

        let client = try RawClient(cluster.config.endpoints.whistle.router)
        let after = try status(client, key: "after-intake")
        #expect(after?.state == .ok)
        #expect(after?.head == 1, "the intake accepted a malformed message")
        let raised = try #require(try client.request(
            #"{"v":1,"cmd":"raise","key":"after-intake","as":"\#(MalformedCorpus.grid)","body":\#(MalformedCorpus.raiseBody)}"#))
        #expect(try raised.body(WhistleAccepted.self).whistle.hasSuffix("-000001"))
        #expect(cluster.stop(.whistle) == 0)
    }

    @Test func aServiceOnTheTestClockRefusesMalformedClockCommandsAndKeepsServing() throws {
        let cluster = try Cluster(testClock: "2026-12-04T08:00:00+08:00")
        try cluster.start([.whistle])
        let client = try RawClient(cluster.config.endpoints.whistle.router)
        for bad in MalformedCorpus.clock {
            let label = "test clock · \(bad.kind)"
            let reply = try client.exchange(bad.routerFrames ?? [], timeout: 5)
            #expect(reply != nil, "\(label): no reply — the service crashed or hung\n\(cluster.log(.whistle).suffix(1_500))")
            guard let reply else { break }
            check(reply, against: bad.router, bad, label)
        }
        let after = try status(client, key: "after-clock", timeout: 3)
        #expect(after?.state == .ok, "WhistleService stopped answering after the clock corpus")
        _ = cluster.stopAll()
    }

    // MARK: helpers (plain functions, so the #expect macros are not nested in closures)

    /// One expectation per case, so a case that fails reads as one issue with the whole reply.
    private func check(_ reply: ReceivedReply, against expected: MalformedOutcome, _ bad: MalformedCase, _ label: String) {
        let text = String(decoding: reply.bytes.prefix(600), as: UTF8.self)
        let matches: Bool
        switch expected {
        case .ok:
            matches = reply.head.status == .ok
        case .silent:
            matches = false
        case .refused(let status, let codes, let at):
            matches = reply.head.status == status && codes.contains(reply.head.error?.code ?? "-")
                && (at == nil || reply.head.error?.at == at) && reply.head.error?.message.isEmpty == false
        }
        #expect(matches, "\(label): expected \(expected), got \(text)")
        switch bad.key {
        case .unchecked: break
        case .echoed(let key): #expect(reply.head.key == key, "\(label): the reply must echo the key: \(text)")
        case .absent: #expect(reply.head.key == nil, "\(label): the reply must carry no key: \(text)")
        }
    }

    private func router(_ service: Cluster.Service, _ cluster: Cluster) -> String {
        cluster.config.endpoints.producer(Self.stream(of: service)).router
    }

    private static func stream(of service: Cluster.Service) -> StreamName {
        switch service {
        case .whistle: .whistle
        case .response: .response
        case .evaluation: .evaluation
        }
    }

    private func status(_ client: RawClient, key: String, timeout: TimeInterval = 10) throws -> ServiceStatus? {
        let reply = try client.exchange([Data(), Data(#"{"v":1,"cmd":"status","key":"\#(key)","body":{}}"#.utf8)], timeout: timeout)
        return try reply.map { try $0.body(ServiceStatus.self) }
    }

    /// Publishes a request the intake refuses (`unknown_command`) carrying `key`, and reads
    /// confirmations until that one arrives; true if the first one read is it.
    private func sync(_ feed: ZMQSocket, _ listener: IntakeListener, _ key: String) throws -> Bool {
        try feed.send([Data("sync".utf8), Data(#"{"v":1,"cmd":"sync","key":"\#(key)","body":{}}"#.utf8)])
        var first = true
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            guard let message = try listener.next(timeout: 0.5) else { continue }
            if (try? ReceivedReply(decoding: message.body))?.head.key == key { return first }
            first = false
        }
        return false
    }
}

/// A SUB on WhistleService's PUB that reads intake confirmations with their topic.
final class IntakeListener {
    private let context: ZMQContext
    private let socket: ZMQSocket

    init(_ endpoint: String) throws {
        context = try ZMQContext()
        socket = try ZMQSocket(context, .sub)
        try socket.setLinger(milliseconds: 0)
        try socket.subscribe("intake.")
        try socket.connect(endpoint)
    }

    /// The next confirmation within `timeout`.
    func next(timeout: TimeInterval) throws -> (topic: String, body: Data)? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if try ZMQPoller.poll([.socket(socket)], timeoutMilliseconds: 50)[0],
               let frames = try socket.receive(dontWait: true), frames.count == 2 {
                return (String(decoding: frames[0], as: UTF8.self), frames[1])
            }
        } while Date() < deadline
        return nil
    }
}
