import Foundation
import GridSockets
import GridWire
import ZeroMQ

/// Something the run found wrong: a refusal, a timeout, a count that does not add up.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One DEALER to one service's ROUTER, for requests answered one at a time.
final class Requester {
    private let socket: ZMQSocket
    private var number = 0

    init(_ sockets: SocketFactory, _ endpoint: String, serverKey: String? = nil) throws {
        socket = try sockets.socket(.requestClient, serverKey: serverKey)
        try socket.connect(endpoint)
    }

    /// Sends `request` and waits for the reply with the same key (a late reply to an earlier
    /// request that timed out is skipped); nil after `timeout`.
    func exchange(_ request: Data, key: String, timeout: TimeInterval = 10) throws -> ReceivedReply? {
        try socket.send([Data(), request])
        let deadline = Monotonic.now() + UInt64(timeout * 1e9)
        while Monotonic.now() < deadline {
            guard try ZMQPoller.poll([.socket(socket)], timeoutMilliseconds: 100)[0] else { continue }
            while let frames = try socket.receive(dontWait: true) {
                guard let last = frames.last, let reply = try? ReceivedReply(decoding: last),
                      reply.head.key == key else { continue }
                return reply
            }
        }
        return nil
    }

    /// The service's `status` (the heartbeat's data), or nil when it does not answer in time.
    func status(timeout: TimeInterval = 10) throws -> ServiceStatus? {
        number += 1
        let key = "status-\(number)"
        let request = try JSONCoding.encode(OutgoingRequest(cmd: "status", key: key, as: nil, body: EmptyBody()))
        return try exchange(request, key: key, timeout: timeout).map { try $0.body(ServiceStatus.self) }
    }
}
