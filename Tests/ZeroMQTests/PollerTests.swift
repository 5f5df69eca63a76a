import Foundation
import Testing
import ZeroMQ

@Suite struct PollerTests {
    @Test func pollReportsReadablePipeAndReadableSocketSeparately() throws {
        let context = try ZMQContext()
        let pull = try ZMQSocket(context, .pull)
        let push = try ZMQSocket(context, .push)
        let idle = try ZMQSocket(context, .pull)
        try pull.bind("inproc://work")
        try idle.bind("inproc://idle")
        try push.connect("inproc://work")

        let signalled = try #require(Pipe())
        defer { signalled.close() }
        let quiet = try #require(Pipe())
        defer { quiet.close() }

        let items: [ZMQPollItem] = [
            .fileDescriptor(signalled.read), .socket(pull), .fileDescriptor(quiet.read), .socket(idle),
        ]
        #expect(try ZMQPoller.poll(items, timeoutMilliseconds: 0) == [false, false, false, false])

        var byte: UInt8 = 1
        try #require(write(signalled.write, &byte, 1) == 1)
        try #require(try push.send(frames("job")))
        var ready = [false, false, false, false]
        for _ in 0..<100 where ready != [true, true, false, false] {
            ready = try ZMQPoller.poll(items, timeoutMilliseconds: 50)
        }
        #expect(ready == [true, true, false, false])
    }

    @Test func pollWithNothingReadyReturnsAllFalseAfterTheTimeout() throws {
        let context = try ZMQContext()
        let pull = try ZMQSocket(context, .pull)
        try pull.bind("inproc://idle")
        #expect(try ZMQPoller.poll([.socket(pull)], timeoutMilliseconds: 10) == [false])
    }
}

/// The two ends of a pipe(2).
private struct Pipe {
    let read: Int32
    let write: Int32

    init?() {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        read = fds[0]
        write = fds[1]
    }

    func close() {
        _ = Glibc.close(read)
        _ = Glibc.close(write)
    }
}
