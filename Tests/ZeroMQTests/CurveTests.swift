import Foundation
import Testing
import ZeroMQ

/// CURVE keys, and a ZAP handler deciding which client keys a CURVE server admits, as libzmq
/// 4.3 does it over real loopback TCP.
@Suite struct CurveTests {
    @Test func aNewPairIsTwoZ85KeysOf32BytesAndTheSecretGivesThePublicBack() throws {
        let pair = try CurveKeyPair.generate()
        #expect(pair.publicKey.count == 40 && pair.secretKey.count == 40)
        #expect(Z85.decode(pair.publicKey)?.count == 32)
        #expect(try CurveKeyPair(secretKey: pair.secretKey) == pair)
        #expect(try CurveKeyPair.generate() != pair)
    }

    @Test(arguments: ["", "short", String(repeating: "\"", count: 40), String(repeating: "a", count: 39)])
    func aSecretKeyThatIsNotZ85IsRefused(text: String) {
        #expect(throws: ZMQError(code: EINVAL, operation: "zmq_curve_public")) { try CurveKeyPair(secretKey: text) }
    }

    @Test func z85RoundTripsWholeWordsOnly() throws {
        let bytes = Data([0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B])
        #expect(Z85.encode(bytes) == "HelloWorld", "the example of ZeroMQ RFC 32")
        #expect(Z85.decode("HelloWorld") == bytes)
        #expect(Z85.encode(Data([1, 2, 3])) == nil)
        #expect(Z85.decode("Hello") != nil && Z85.decode("Hell") == nil && Z85.decode("Hell\"") == nil)
    }

    /// A CURVE ROUTER on loopback TCP, its context's ZAP handler admitting `admitted` as
    /// `dept:JD-NX-CGZF`, and what each handshake asked.
    final class GuardedServer {
        let context: ZMQContext
        let zap: ZAPHandler
        let router: ZMQSocket
        let endpoint: String
        let keys: CurveKeyPair
        var asked: [(ZAPRequest?, ZAPDecision)] = []

        init(admitting admitted: String) throws {
            context = try ZMQContext()
            zap = try ZAPHandler(context: context) { request in
                request.curveKey == admitted ? .admit(userID: "dept:JD-NX-CGZF") : .refuse(reason: "unknown key")
            }
            keys = try CurveKeyPair.generate()
            router = try ZMQSocket(context, .router)
            try router.setCurveServer(secretKey: keys.secretKey)
            try router.bind("tcp://127.0.0.1:*")
            endpoint = try router.lastEndpoint()
        }

        /// Answers handshakes until `done` holds or 5 s pass; false if they passed.
        func serve(until done: () throws -> Bool) throws -> Bool {
            let deadline = Date().addingTimeInterval(5)
            while Date() < deadline {
                if try done() { return true }
                let ready = try ZMQPoller.poll([.socket(zap.socket), .socket(router)], timeoutMilliseconds: 50)
                if ready[0] { asked += try zap.answerWaiting() }
                if ready[1] { return try done() }
            }
            return try done()
        }
    }

    /// A DEALER on a context of its own, a CURVE client of `server` with `keys`, that has sent hello.
    static func client(of server: GuardedServer, keys: CurveKeyPair) throws -> ZMQSocket {
        let dealer = try ZMQSocket(try ZMQContext(), .dealer)
        try dealer.setCurveClient(serverKey: server.keys.publicKey, keys: keys)
        try dealer.connect(server.endpoint)
        try #require(try dealer.send(frames("", "hello")))
        return dealer
    }

    @Test func anAdmittedKeyGetsThroughCarryingTheUserIDTheHandlerGave() throws {
        let keys = try CurveKeyPair.generate()
        let server = try GuardedServer(admitting: keys.publicKey)
        let dealer = try Self.client(of: server, keys: keys)
        var received: [ZMQReceivedFrame]?
        #expect(try server.serve { received = try server.router.receiveWithMetadata(dontWait: true); return received != nil })
        let message = try #require(received)
        #expect(message.dropFirst().map(\.data) == frames("", "hello"))
        #expect(try message.last?.metadata(.userID) == "dept:JD-NX-CGZF")
        #expect(try server.router.mechanism() == .curve && server.router.isCurveServer())
        #expect(try dealer.mechanism() == .curve && !dealer.isCurveServer())
        let request = try #require(server.asked.first?.0)
        #expect(request.mechanism == "CURVE" && request.curveKey == keys.publicKey && request.address == "127.0.0.1")
    }

    @Test func anUnknownKeyIsRefusedAndNothingItSentArrives() throws {
        let server = try GuardedServer(admitting: try CurveKeyPair.generate().publicKey)
        let stranger = try CurveKeyPair.generate()
        let dealer = try Self.client(of: server, keys: stranger)
        #expect(try withExtendedLifetime(dealer) { try server.serve { !server.asked.isEmpty } })
        #expect(server.asked.first?.0?.curveKey == stranger.publicKey)
        #expect(server.asked.first?.1 == .refuse(reason: "unknown key"))
        #expect(try server.router.receive(dontWait: true) == nil)
    }

    /// Why the handler must be bound before the sockets it guards: without one, libzmq 4.3 lets
    /// every CURVE key in, with no user id.
    @Test func withoutAHandlerCurveAdmitsAnyKey() throws {
        let context = try ZMQContext()
        let server = try CurveKeyPair.generate()
        let router = try ZMQSocket(context, .router)
        try router.setCurveServer(secretKey: server.secretKey)
        try router.bind("tcp://127.0.0.1:*")
        let dealer = try ZMQSocket(try ZMQContext(), .dealer)
        try dealer.setCurveClient(serverKey: server.publicKey, keys: try CurveKeyPair.generate())
        try dealer.connect(try router.lastEndpoint())
        try #require(try dealer.send(frames("", "hello")))
        try #require(try ZMQPoller.poll([.socket(router)], timeoutMilliseconds: 5_000) == [true])
        let received = try #require(try router.receiveWithMetadata(dontWait: true))
        #expect(try received.last?.metadata(.userID) == nil)
    }

    @Test func aRequestThatIsNotZAP10IsAnswered500() throws {
        let context = try ZMQContext()
        let zap = try ZAPHandler(context: context) { _ in .admit(userID: "x") }
        let asker = try ZMQSocket(context, .req)
        try asker.connect(ZAPHandler.endpoint)
        try #require(try asker.send(frames("2.0", "7")))
        try #require(try ZMQPoller.poll([.socket(zap.socket)], timeoutMilliseconds: 5_000) == [true])
        let answered = try zap.answerWaiting()
        #expect(answered.count == 1 && answered[0].0 == nil)
        let reply = try #require(try receive(asker))
        #expect(reply == frames("1.0", "7", "500", "not a ZAP 1.0 request (2 frames)", "", ""))
    }
}
