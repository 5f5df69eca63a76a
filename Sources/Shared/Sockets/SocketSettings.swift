import ZeroMQ

/// The options a role sets besides `LINGER` 0, which every socket has; nil or off leaves
/// libzmq's default.
public struct SocketSettings: Sendable, Equatable {
    public var sendHighWaterMark: Int32?
    public var receiveHighWaterMark: Int32?
    /// ROUTER only: a reply to a peer that has gone throws instead of vanishing.
    public var routerMandatory = false
    /// Queue messages only to peers whose connection is complete.
    public var immediate = false
    public var heartbeat: Heartbeat?

    /// ZMTP heartbeats, in milliseconds.
    public struct Heartbeat: Sendable, Equatable {
        public var interval: Int32
        public var timeout: Int32
        public var ttl: Int32

        public init(interval: Int32, timeout: Int32, ttl: Int32) {
            self.interval = interval
            self.timeout = timeout
            self.ttl = ttl
        }

        /// What the services' ROUTERs and replay DEALERs use: ping every second, drop a connection
        /// silent for 3 s, and ask the peer to drop it after 6 s.
        public static let services = Heartbeat(interval: 1_000, timeout: 3_000, ttl: 6_000)
    }

    public init(sendHighWaterMark: Int32? = nil, receiveHighWaterMark: Int32? = nil, routerMandatory: Bool = false,
                immediate: Bool = false, heartbeat: Heartbeat? = nil) {
        self.sendHighWaterMark = sendHighWaterMark
        self.receiveHighWaterMark = receiveHighWaterMark
        self.routerMandatory = routerMandatory
        self.immediate = immediate
        self.heartbeat = heartbeat
    }

    /// Sets each option that differs from libzmq's default on `socket`; throws `ZMQError`.
    func apply(to socket: ZMQSocket) throws {
        if let sendHighWaterMark { try socket.setSendHighWaterMark(sendHighWaterMark) }
        if let receiveHighWaterMark { try socket.setReceiveHighWaterMark(receiveHighWaterMark) }
        if routerMandatory { try socket.setRouterMandatory(true) }
        if immediate { try socket.setImmediate(true) }
        if let heartbeat {
            try socket.setHeartbeat(intervalMilliseconds: heartbeat.interval, timeoutMilliseconds: heartbeat.timeout,
                                    ttlMilliseconds: heartbeat.ttl)
        }
    }
}
