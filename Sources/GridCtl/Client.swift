import Foundation
import GridSockets
import GridWire
import ZeroMQ

/// Sends one request to a service's ROUTER and waits for its reply. A timed-out attempt is sent
/// again with the same idempotency key, so a command is applied at most once however often it
/// is retried.
final class Client {
    private let sockets: SocketFactory
    private let timeout: TimeInterval
    private let attempts: Int

    init(sockets: SocketFactory, timeout: TimeInterval, attempts: Int = 3) {
        self.sockets = sockets
        self.timeout = timeout
        self.attempts = attempts
    }

    /// Sends to the ROUTER at `endpoint`, whose CURVE public key is `serverKey` when the
    /// deployment lists keys.
    func send<Body: Encodable>(_ cmd: String, to endpoint: String, serverKey: String?, key: String?, as principal: String?,
                               body: Body) throws -> ReceivedReply {
        let request = try JSONCoding.encode(OutgoingRequest(cmd: cmd, key: key, as: principal, body: body))
        let perAttempt = timeout / Double(attempts)
        for _ in 0..<attempts {
            // A fresh socket per attempt: a reply to an abandoned attempt can never be mistaken for this one.
            let socket = try sockets.socket(.requestClient, serverKey: serverKey)
            defer { socket.close() }
            // Under CURVE, a key the service does not admit fails the handshake: say so, not "no reply".
            let monitor = try sockets.keys.map { _ in try ZMQMonitor(socket, events: [ZMQMonitorEvent.handshakeFailedAuth]) }
            defer { monitor?.close() }
            try socket.connect(endpoint)
            try socket.send([Data(), request])
            let deadline = Date().addingTimeInterval(perAttempt)
            while Date() < deadline {
                let wait = max(1, Int(deadline.timeIntervalSinceNow * 1000))
                let ready = try ZMQPoller.poll([.socket(socket)] + (monitor.map { [.socket($0.socket)] } ?? []), timeoutMilliseconds: wait)
                if ready.count > 1, ready[1], let event = try monitor?.next(), event.event == ZMQMonitorEvent.handshakeFailedAuth {
                    throw ClientError.keyRefused(endpoint: endpoint)
                }
                guard ready[0] else { continue }
                guard let frames = try socket.receive(dontWait: true), frames.count == 2 else { continue }
                let reply = try ReceivedReply(decoding: frames[1])
                if reply.head.key == key { return reply }
            }
        }
        throw ClientError.timedOut(endpoint: endpoint, seconds: timeout)
    }
}

enum ClientError: Error, CustomStringConvertible {
    case timedOut(endpoint: String, seconds: Double)
    case keyRefused(endpoint: String)

    var description: String {
        switch self {
        case .keyRefused(let endpoint):
            "\(endpoint) refused gridctl's key: it is not in the deployment's keys.admitted (or no longer is)"
        case .timedOut(let endpoint, let seconds):
            "no reply from \(endpoint) within \(Int(seconds)) s; is the service running? (retrying with the same --key is safe)"
        }
    }
}
