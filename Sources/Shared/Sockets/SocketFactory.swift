import ZeroMQ

/// Makes every socket the services, gridctl and the benchmark's clients open, so that what they
/// all share is decided in one place: `LINGER` 0 and each role's documented settings today, and
/// transport security (CURVE keys per socket) when it comes. Binding, connecting and subscribing
/// stay with the caller.
///
/// `Sendable` because it holds only the context, which is; the sockets it makes are not, and
/// belong to the thread that asked for them.
public struct SocketFactory: Sendable {
    /// The context every socket is made on; shut it down to end blocking calls at stop.
    public let context: ZMQContext

    public init(context: ZMQContext) {
        self.context = context
    }

    /// A factory on a context of its own.
    public init() throws {
        self.init(context: try ZMQContext())
    }

    /// A new socket for `role`, with `LINGER` 0 (every `ZMQSocket` opens so) and the role's
    /// ``SocketRole/settings``. Throws `ZMQError`.
    public func socket(_ role: SocketRole) throws -> ZMQSocket {
        let socket = try ZMQSocket(context, role.kind)
        try role.settings.apply(to: socket)
        return socket
    }
}
