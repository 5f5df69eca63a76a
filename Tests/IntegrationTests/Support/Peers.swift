import Foundation
import GridWire
import ZeroMQ

/// A DEALER that sends arbitrary frames to a service's ROUTER, for malformed-input tests.
final class RawClient {
    private let context: ZMQContext
    private let socket: ZMQSocket

    /// With `curve`, a CURVE client of the server whose public key it names.
    init(_ endpoint: String, curve: (serverKey: String, keys: CurveKeyPair)? = nil) throws {
        context = try ZMQContext()
        socket = try ZMQSocket(context, .dealer)
        if let curve { try socket.setCurveClient(serverKey: curve.serverKey, keys: curve.keys) }
        try socket.connect(endpoint)
    }

    /// Sends `frames` and returns the reply's last frame decoded, or nil after `timeout`.
    func exchange(_ frames: [Data], timeout: TimeInterval = 10) throws -> ReceivedReply? {
        try socket.send(frames)
        return try reply(within: timeout)
    }

    /// Queues `frames` without waiting for a peer: false when none can take them now.
    func post(_ frames: [Data]) throws -> Bool {
        try socket.send(frames, dontWait: true)
    }

    /// The next reply's last frame decoded, or nil after `timeout`.
    func reply(within timeout: TimeInterval) throws -> ReceivedReply? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard try ZMQPoller.poll([.socket(socket)], timeoutMilliseconds: 100)[0],
                  let reply = try socket.receive(dontWait: true), let last = reply.last else { continue }
            return try ReceivedReply(decoding: last)
        }
        return nil
    }

    /// Sends one request (an empty delimiter, then the JSON text).
    func request(_ json: String) throws -> ReceivedReply? {
        try exchange([Data(), Data(json.utf8)])
    }
}

/// A SUB on one service's PUB, for asserting what a party observes on its topic.
final class Subscriber {
    private let context: ZMQContext
    private let socket: ZMQSocket

    /// With `curve`, a CURVE client of the server whose public key it names.
    init(_ endpoint: String, topics: [String], curve: (serverKey: String, keys: CurveKeyPair)? = nil) throws {
        context = try ZMQContext()
        socket = try ZMQSocket(context, .sub)
        if let curve { try socket.setCurveClient(serverKey: curve.serverKey, keys: curve.keys) }
        for topic in topics { try socket.subscribe(topic) }
        try socket.connect(endpoint)
    }

    /// Whether a message is waiting now.
    var hasMessage: Bool { (try? ZMQPoller.poll([.socket(socket)], timeoutMilliseconds: 0)[0]) ?? false }

    /// The next message whose topic starts with `prefix`, within `timeout`.
    func next(_ prefix: String, timeout: TimeInterval = 20) throws -> (topic: String, event: ReceivedEvent)? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard try ZMQPoller.poll([.socket(socket)], timeoutMilliseconds: 100)[0],
                  let frames = try socket.receive(dontWait: true), frames.count == 2 else { continue }
            let topic = String(decoding: frames[0], as: UTF8.self)
            guard topic.hasPrefix(prefix) else { continue }
            return (topic, try ReceivedEvent(decoding: frames[1]))
        }
        return nil
    }

    /// Every message received so far, topic and body, as one run of bytes.
    func drain() -> Data {
        var bytes = Data()
        while let frames = try? socket.receive(dontWait: true) {
            for frame in frames { bytes += frame }
        }
        return bytes
    }

    /// The body of the next message whose topic starts with `prefix`, within `timeout`.
    func nextRaw(_ prefix: String, timeout: TimeInterval) throws -> Data? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard try ZMQPoller.poll([.socket(socket)], timeoutMilliseconds: 50)[0],
                  let frames = try socket.receive(dontWait: true), frames.count == 2 else { continue }
            if String(decoding: frames[0], as: UTF8.self).hasPrefix(prefix) { return frames[1] }
        }
        return nil
    }
}
