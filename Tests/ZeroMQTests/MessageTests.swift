import Foundation
import Testing
import ZeroMQ

@Suite struct MessageTests {
    @Test func emptyAndOneMebibyteFramesArriveIntact() throws {
        let context = try ZMQContext()
        let sender = try ZMQSocket(context, .pair)
        let receiver = try ZMQSocket(context, .pair)
        try receiver.bind("inproc://frames")
        try sender.connect("inproc://frames")

        let large = Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let message = [Data(), large, Data()]
        try #require(try sender.send(message))
        #expect(try receive(receiver) == message)
    }

    @Test func receiveWithoutWaitingReturnsNilWhenNothingIsQueued() throws {
        let context = try ZMQContext()
        let pull = try ZMQSocket(context, .pull)
        try pull.bind("inproc://quiet")
        #expect(try pull.receive(dontWait: true) == nil)
    }

    @Test func receiveReturnsNilWhenTheReceiveTimeoutExpires() throws {
        let context = try ZMQContext()
        let pull = try ZMQSocket(context, .pull)
        try pull.bind("inproc://quiet")
        try pull.setReceiveTimeout(milliseconds: 10)
        #expect(try pull.receive() == nil)
    }

    @Test func sendWithoutWaitingReturnsFalseWhenNoPeerCanTakeIt() throws {
        let context = try ZMQContext()
        let push = try ZMQSocket(context, .push)
        try push.bind("inproc://nobody-pulls")
        #expect(try push.send(frames("job"), dontWait: true) == false)
    }

    @Test func sendReturnsFalseWhenHighWaterMarkStaysFullPastTheSendTimeout() throws {
        let context = try ZMQContext()
        let push = try ZMQSocket(context, .push)
        let pull = try ZMQSocket(context, .pull)
        try push.setSendHighWaterMark(1)
        try pull.setReceiveHighWaterMark(1)
        try push.setSendTimeout(milliseconds: 10)
        try pull.bind("inproc://slow")
        try push.connect("inproc://slow")

        var sent = 0
        while try push.send(frames("job")) {
            sent += 1
            try #require(sent < 100, "the high-water mark never stopped the sender")
        }
        #expect(sent >= 1)
    }
}
