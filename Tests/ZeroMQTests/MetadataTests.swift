import Foundation
import Testing
import ZeroMQ

/// `receiveWithMetadata`: each frame can say where it came from.
@Suite struct MetadataTests {
    /// A ROUTER bound on loopback TCP and a DEALER connected to it, with one `[""][hello]` sent.
    static func routerReceivingOverTCP(_ context: ZMQContext) throws -> (router: ZMQSocket, dealer: ZMQSocket) {
        let router = try ZMQSocket(context, .router)
        let dealer = try ZMQSocket(context, .dealer)
        try router.bind("tcp://127.0.0.1:*")
        try dealer.connect(try router.lastEndpoint())
        try #require(try dealer.send(frames("", "hello")))
        try #require(try ZMQPoller.poll([.socket(router)], timeoutMilliseconds: 5_000) == [true])
        return (router, dealer)
    }

    @Test func framesSentOverTCPNameThePeerAddressAndNoUserWithoutZAP() throws {
        let context = try ZMQContext()
        let (router, _) = try Self.routerReceivingOverTCP(context)
        let received = try #require(try router.receiveWithMetadata(dontWait: true))
        #expect(received.map(\.data).dropFirst() == frames("", "hello")[...], "the routing id, then what was sent")
        for frame in received.dropFirst() {
            #expect(try frame.metadata(.peerAddress) == "127.0.0.1")
            #expect(try frame.metadata(.userID) == nil, "no ZAP handler, so no user id")
            #expect(try frame.metadata(.socketType) == "DEALER")
        }
        // The routing id is the ROUTER's own frame, not one that came over the connection.
        #expect(try received[0].metadata(.peerAddress) == nil)
    }

    @Test func aPropertyNoConnectionCarriesIsNil() throws {
        let context = try ZMQContext()
        let (router, _) = try Self.routerReceivingOverTCP(context)
        let received = try #require(try router.receiveWithMetadata(dontWait: true))
        #expect(try received[1].metadata(ZMQMetadataProperty("X-No-Such-Property")) == nil)
    }

    @Test func framesOverInprocHaveNoPeerAddress() throws {
        let context = try ZMQContext()
        let pull = try ZMQSocket(context, .pull)
        let push = try ZMQSocket(context, .push)
        try pull.bind("inproc://metadata")
        try push.connect("inproc://metadata")
        try #require(try push.send(frames("one", "two")))
        try #require(try ZMQPoller.poll([.socket(pull)], timeoutMilliseconds: 5_000) == [true])
        let received = try #require(try pull.receiveWithMetadata(dontWait: true))
        #expect(received.map(\.data) == frames("one", "two"))
        #expect(try received.map { try $0.metadata(.peerAddress) } == [nil, nil])
    }

    @Test func aFrameKeepsItsMetadataAfterItsSocketIsClosed() throws {
        let context = try ZMQContext()
        let (router, dealer) = try Self.routerReceivingOverTCP(context)
        let received = try #require(try router.receiveWithMetadata(dontWait: true))
        router.close()
        dealer.close()
        #expect(try received.last?.metadata(.peerAddress) == "127.0.0.1")
        #expect(received.last?.data == Data("hello".utf8))
    }

    @Test func nothingWaitingIsNilNotAnError() throws {
        let context = try ZMQContext()
        let pull = try ZMQSocket(context, .pull)
        try pull.bind("inproc://metadata-empty")
        #expect(try pull.receiveWithMetadata(dontWait: true) == nil)
    }

    @Test func aClosedSocketThrowsNotASocket() throws {
        let context = try ZMQContext()
        let pull = try ZMQSocket(context, .pull)
        pull.close()
        let error = #expect(throws: ZMQError.self) { try pull.receiveWithMetadata(dontWait: true) }
        #expect(error?.code == ENOTSOCK)
        #expect(error?.operation == "zmq_msg_recv")
    }
}
