import Foundation
import Testing
import ZeroMQ

@Suite struct LifecycleTests {
    @Test func linkedLibraryIsVersionFour() {
        #expect(ZMQ.version.major == 4)
    }

    @Test func secondTCPBindToTheSamePortThrowsAddressInUse() throws {
        let context = try ZMQContext()
        let first = try ZMQSocket(context, .router)
        try first.bind("tcp://127.0.0.1:*")
        let endpoint = try first.lastEndpoint()
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        #expect(!endpoint.hasSuffix(":*"))

        let second = try ZMQSocket(context, .router)
        let error = #expect(throws: ZMQError.self) { try second.bind(endpoint) }
        #expect(error?.code == EADDRINUSE)
        #expect(error?.operation == "zmq_bind")
        #expect(error?.description == "zmq_bind failed: Address already in use (errno \(EADDRINUSE))")
    }

    @Test func closingTwiceIsHarmlessAndLaterCallsThrowNotASocket() throws {
        let context = try ZMQContext()
        let socket = try ZMQSocket(context, .push)
        socket.close()
        socket.close()

        let sendError = #expect(throws: ZMQError.self) { try socket.send(frames("late")) }
        #expect(sendError?.code == ENOTSOCK)
        let receiveError = #expect(throws: ZMQError.self) { try socket.receive(dontWait: true) }
        #expect(receiveError?.code == ENOTSOCK)
        let pollError = #expect(throws: ZMQError.self) {
            try ZMQPoller.poll([.socket(socket)], timeoutMilliseconds: 0)
        }
        #expect(pollError?.code == ENOTSOCK)
    }

    @Test func everyOptionAcceptsAnOrdinaryValueAndReadsItBack() throws {
        let context = try ZMQContext()
        let router = try ZMQSocket(context, .router)
        #expect(try router.lingerMilliseconds() == 0)
        try router.setLinger(milliseconds: 100)
        #expect(try router.lingerMilliseconds() == 100)
        try router.setLinger(milliseconds: -1)
        #expect(try router.lingerMilliseconds() == -1)

        // Each value differs from libzmq's default, so a setter that does nothing fails here.
        try router.setSendHighWaterMark(10_000)
        try router.setReceiveHighWaterMark(20_000)
        try router.setRouterMandatory(true)
        try router.setImmediate(true)
        try router.setHeartbeat(intervalMilliseconds: 1_000, timeoutMilliseconds: 3_000, ttlMilliseconds: 5_000)
        try router.setMaxMessageSize(1 << 20)
        try router.setRoutingID(Data("router-1".utf8))
        try router.setSendTimeout(milliseconds: 500)
        try router.setReceiveTimeout(milliseconds: 700)
        #expect(try router.sendHighWaterMark() == 10_000)
        #expect(try router.receiveHighWaterMark() == 20_000)
        #expect(try router.isImmediate())
        let heartbeat = try router.heartbeat()
        #expect(heartbeat.intervalMilliseconds == 1_000)
        #expect(heartbeat.timeoutMilliseconds == 3_000)
        #expect(heartbeat.ttlMilliseconds == 5_000)
        #expect(try router.maxMessageSize() == 1 << 20)
        #expect(try router.routingID() == Data("router-1".utf8))
        #expect(try router.sendTimeoutMilliseconds() == 500)
        #expect(try router.receiveTimeoutMilliseconds() == 700)

        try router.setImmediate(false)
        #expect(try !router.isImmediate())
        // libzmq cannot read ROUTER_MANDATORY back: what it changes is that a send to an unknown
        // routing id fails instead of vanishing.
        let unknownPeer = #expect(throws: ZMQError.self) { try router.send(frames("nobody", "x"), dontWait: true) }
        #expect(unknownPeer?.code == EHOSTUNREACH)

        let subscriber = try ZMQSocket(context, .sub)
        try subscriber.subscribe("")
        try subscriber.unsubscribe("")
    }

    @Test func readingAnOptionOfAClosedSocketThrowsNotASocketNamingTheOption() throws {
        let context = try ZMQContext()
        let dealer = try ZMQSocket(context, .dealer)
        dealer.close()
        let error = #expect(throws: ZMQError.self) { try dealer.lingerMilliseconds() }
        #expect(error?.code == ENOTSOCK)
        #expect(error?.operation == "zmq_getsockopt(ZMQ_LINGER)")
    }

    @Test func invalidOptionValueThrowsInvalidArgumentNamingTheOption() throws {
        let context = try ZMQContext()
        let dealer = try ZMQSocket(context, .dealer)
        let error = #expect(throws: ZMQError.self) { try dealer.setRoutingID(Data()) }
        #expect(error?.code == EINVAL)
        #expect(error?.operation == "zmq_setsockopt(ZMQ_ROUTING_ID)")
    }

    @Test func contextShutdownFailsABlockingReceiveInAnotherThreadAsTerminated() async throws {
        let context = try ZMQContext()
        let socketIsOpen = DispatchSemaphore(value: 0)
        let outcome: Result<[Data]?, any Error> = await withCheckedContinuation { continuation in
            Thread {
                do {
                    let pull = try ZMQSocket(context, .pull)
                    // Bounds the test if shutdown fails to wake the receive.
                    try pull.setReceiveTimeout(milliseconds: 10_000)
                    try pull.bind("inproc://never")
                    socketIsOpen.signal()
                    continuation.resume(returning: .success(try pull.receive()))
                } catch {
                    socketIsOpen.signal()
                    continuation.resume(returning: .failure(error))
                }
            }.start()
            socketIsOpen.wait()
            context.shutdown()
            context.shutdown()
        }
        guard case .failure(let failure) = outcome else {
            Issue.record("receive returned \(outcome) instead of failing")
            return
        }
        let error = try #require(failure as? ZMQError)
        #expect(error.isTerminated)
        #expect(error.operation == "zmq_msg_recv")
    }
}
