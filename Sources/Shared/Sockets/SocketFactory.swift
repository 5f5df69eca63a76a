import ZeroMQ

/// Makes every socket the services, gridctl and the benchmark's clients open, so that what they
/// all share is decided in one place: `LINGER` 0, each role's documented settings, and transport
/// security: with a key pair, every socket speaks CURVE, a bound one as the server and a connected
/// one as a client of the server whose public key the caller names, and the event publisher is an
/// XPUB in manual mode, whose owner grants each subscription it reads. Binding, connecting and
/// subscribing stay with the caller.
///
/// `Sendable` because it holds only the context and keys, which are; the sockets it makes are not,
/// and belong to the thread that asked for them.
public struct SocketFactory: Sendable {
    /// The context every socket is made on; shut it down to end blocking calls at stop.
    public let context: ZMQContext
    /// This process's CURVE key pair; nil in development mode (plaintext, loopback only).
    public let keys: CurveKeyPair?

    public init(context: ZMQContext, keys: CurveKeyPair? = nil) {
        self.context = context
        self.keys = keys
    }

    /// A factory on a context of its own.
    public init(keys: CurveKeyPair? = nil) throws {
        self.init(context: try ZMQContext(), keys: keys)
    }

    /// A new socket for `role`, with `LINGER` 0 (every `ZMQSocket` opens so) and the role's
    /// ``SocketRole/settings``; with ``keys``, a CURVE server if the role binds, else a client
    /// of the server whose public key is `serverKey`, and for ``SocketRole/eventPublisher`` an
    /// XPUB in manual mode. Throws `ZMQError`, or ``MissingServerKey``.
    public func socket(_ role: SocketRole, serverKey: String? = nil) throws -> ZMQSocket {
        let guarded = keys != nil && role == .eventPublisher
        let socket = try ZMQSocket(context, guarded ? .xpub : role.kind)
        try role.settings.apply(to: socket)
        if guarded { try socket.setXPubManual(true) }
        if let keys {
            if role.binds {
                try socket.setCurveServer(secretKey: keys.secretKey)
            } else {
                guard let serverKey else { throw MissingServerKey(role: role) }
                try socket.setCurveClient(serverKey: serverKey, keys: keys)
            }
        }
        return socket
    }

    /// A socket that connects under CURVE was asked for without the server's public key.
    public struct MissingServerKey: Error, CustomStringConvertible {
        public let role: SocketRole
        public var description: String { "a \(role) socket under CURVE needs the public key of the server it connects to" }
    }
}
