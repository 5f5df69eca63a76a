import Foundation

/// A socket's security mechanism (`ZMQ_MECHANISM`).
public enum ZMQMechanism: Int32, Sendable {
    case null = 0, plain = 1, curve = 2
}

/// What libzmq asks a ZAP handler about one connection (ZeroMQ RFC 27).
public struct ZAPRequest: Sendable, Equatable {
    public let requestID: Data
    /// The server socket's `ZMQ_ZAP_DOMAIN`; empty unless set.
    public let domain: String
    /// The peer's IP address, for TCP.
    public let address: String
    /// `NULL`, `PLAIN` or `CURVE`.
    public let mechanism: String
    /// Under CURVE, the client's public key (32 bytes).
    public let credentials: [Data]

    /// The client's CURVE public key in Z85, when the request is a CURVE one.
    public var curveKey: String? {
        guard mechanism == "CURVE", credentials.count == 1, credentials[0].count == 32 else { return nil }
        return Z85.encode(credentials[0])
    }
}

/// A ZAP handler's answer: admit the peer as `userID` (which every message from it then carries as
/// `User-Id`), or refuse it, which fails its handshake.
public enum ZAPDecision: Sendable, Equatable {
    case admit(userID: String)
    case refuse(reason: String)
}

/// Answers the ZAP requests libzmq makes for every connection to a socket of its context that has a
/// security mechanism. It binds `inproc://zeromq.zap.01` in that context: bind it before any
/// socket it is to guard binds (with no handler bound, libzmq 4.3 admits every CURVE key), and
/// close it after the last. One thread owns it: poll ``socket`` for input and call
/// ``answerWaiting()``.
public final class ZAPHandler {
    public static let endpoint = "inproc://zeromq.zap.01"
    public let socket: ZMQSocket
    private let decide: (ZAPRequest) -> ZAPDecision

    public init(context: ZMQContext, decide: @escaping (ZAPRequest) -> ZAPDecision) throws {
        socket = try ZMQSocket(context, .rep)
        try socket.bind(Self.endpoint)
        self.decide = decide
    }

    /// Answers every request waiting, without blocking, and returns each with its answer. A request
    /// that is not ZAP 1.0 is answered with status 500 and returned as refused.
    public func answerWaiting() throws -> [(ZAPRequest?, ZAPDecision)] {
        var answered: [(ZAPRequest?, ZAPDecision)] = []
        while let frames = try socket.receive(dontWait: true) {
            guard frames.count >= 6, frames[0] == Data("1.0".utf8) else {
                let reason = "not a ZAP 1.0 request (\(frames.count) frames)"
                _ = try socket.send(Self.reply(frames.count > 1 ? frames[1] : Data(), "500", reason, ""))
                answered.append((nil, .refuse(reason: reason)))
                continue
            }
            let request = ZAPRequest(requestID: frames[1], domain: Self.text(frames[2]), address: Self.text(frames[3]),
                                     mechanism: Self.text(frames[5]), credentials: Array(frames.dropFirst(6)))
            let decision = decide(request)
            switch decision {
            case .admit(let userID):
                _ = try socket.send(Self.reply(request.requestID, "200", "OK", userID))
            case .refuse(let reason):
                _ = try socket.send(Self.reply(request.requestID, "400", reason, ""))
            }
            answered.append((request, decision))
        }
        return answered
    }

    public func close() { socket.close() }

    private static func reply(_ requestID: Data, _ status: String, _ text: String, _ userID: String) -> [Data] {
        [Data("1.0".utf8), requestID, Data(status.utf8), Data(text.utf8), Data(userID.utf8), Data()]
    }

    private static func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }
}
