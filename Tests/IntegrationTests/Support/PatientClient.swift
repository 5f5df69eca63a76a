import Foundation
import GridWire
import ZeroMQ

/// A client that keeps asking, with the same idempotency key, until it gets an answer it accepts:
/// what an integrator does when a service may be killed and restarted at any moment.
final class PatientClient {
    private let context: ZMQContext
    private let endpoint: String
    private var socket: ZMQSocket
    private let attemptTimeout: TimeInterval

    init(_ endpoint: String, attemptTimeout: TimeInterval = 1.5) throws {
        context = try ZMQContext()
        self.endpoint = endpoint
        self.attemptTimeout = attemptTimeout
        socket = try Self.connect(context, endpoint)
    }

    private static func connect(_ context: ZMQContext, _ endpoint: String) throws -> ZMQSocket {
        let socket = try ZMQSocket(context, .dealer)
        try socket.connect(endpoint)
        return socket
    }

    /// Sends `request` (whose key is `key`) until a reply for that key satisfies `done`, or `timeout`.
    /// `between` runs after each send, before waiting: the crash harness kills services there.
    func insist(_ request: String, key: String, timeout: TimeInterval = 120, between: () -> Void = {},
                done: (ReceivedReply) -> Bool) throws -> ReceivedReply? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            try socket.send([Data(), Data(request.utf8)])
            between()
            let attemptEnds = Date().addingTimeInterval(attemptTimeout)
            var answered = false
            while Date() < attemptEnds {
                guard try ZMQPoller.poll([.socket(socket)], timeoutMilliseconds: 50)[0],
                      let frames = try socket.receive(dontWait: true), let last = frames.last,
                      let reply = try? ReceivedReply(decoding: last), reply.head.key == key else { continue }
                if done(reply) { return reply }
                answered = true
                break
            }
            if !answered {
                // The service may have died with our request: start over on a fresh connection.
                socket.close()
                socket = try Self.connect(context, endpoint)
            } else {
                usleep(20_000)
            }
        }
        return nil
    }
}
