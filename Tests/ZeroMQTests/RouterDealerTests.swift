import Foundation
import Testing
import ZeroMQ

@Suite struct RouterDealerTests {
    enum Transport: String, CaseIterable { case inproc, ipc, tcp }

    @Test(arguments: Transport.allCases)
    func routerSeesRoutingIDAndDelimiterAndRepliesThroughThem(over transport: Transport) throws {
        let context = try ZMQContext()
        let router = try ZMQSocket(context, .router)
        let dealer = try ZMQSocket(context, .dealer)
        switch transport {
        case .inproc: try router.bind("inproc://router")
        case .ipc: try router.bind(uniqueIPCEndpoint())
        case .tcp: try router.bind("tcp://127.0.0.1:*")
        }
        try dealer.setRoutingID(Data("worker-1".utf8))
        try dealer.connect(try router.lastEndpoint())

        try #require(try dealer.send(frames("", "hello")))
        let request = try #require(try receive(router))
        #expect(request == frames("worker-1", "", "hello"))

        try #require(try router.send([request[0], Data(), Data("world".utf8)]))
        #expect(try receive(dealer) == frames("", "world"))
    }

    @Test func mandatoryRouterThrowsHostUnreachableForUnknownRoutingID() throws {
        let context = try ZMQContext()
        let router = try ZMQSocket(context, .router)
        try router.setRouterMandatory(true)
        try router.bind("inproc://mandatory")

        let error = #expect(throws: ZMQError.self) {
            try router.send(frames("nobody", "", "lost"))
        }
        #expect(error?.code == EHOSTUNREACH)
        #expect(error?.operation == "zmq_send")
    }

    @Test func routerWithoutMandatoryDropsMessageForUnknownRoutingID() throws {
        let context = try ZMQContext()
        let router = try ZMQSocket(context, .router)
        try router.bind("inproc://lenient")
        #expect(try router.send(frames("nobody", "", "lost")))
    }
}
