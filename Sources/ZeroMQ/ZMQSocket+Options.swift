internal import CZeroMQ
import Foundation

extension ZMQSocket {
    /// On a SUB: receive messages whose first frame starts with `prefix` ("" means all). Prefixes
    /// match bytes, so end topics with a separator: `dept.12.` does not match `dept.123.`. On an
    /// XPUB in manual mode: grant `prefix` to the subscriber whose subscription was read last.
    public func subscribe(_ prefix: String) throws {
        try subscribe(bytes: Data(prefix.utf8))
    }

    public func subscribe(bytes prefix: Data) throws {
        try setOption(ZMQ_SUBSCRIBE, "ZMQ_SUBSCRIBE", bytes: prefix)
    }

    public func unsubscribe(_ prefix: String) throws {
        try unsubscribe(bytes: Data(prefix.utf8))
    }

    public func unsubscribe(bytes prefix: Data) throws {
        try setOption(ZMQ_UNSUBSCRIBE, "ZMQ_UNSUBSCRIBE", bytes: prefix)
    }

    /// Only for XPUB sockets: subscriptions are read as messages and take effect only when granted
    /// with ``subscribe(_:)`` right after each is read (`ZMQ_XPUB_MANUAL`).
    public func setXPubManual(_ on: Bool) throws {
        try setOption(ZMQ_XPUB_MANUAL, "ZMQ_XPUB_MANUAL", int: on ? 1 : 0)
    }

    /// How long `close` keeps unsent messages; 0 drops them, -1 waits forever (libzmq's default).
    public func setLinger(milliseconds: Int32) throws {
        try setOption(ZMQ_LINGER, "ZMQ_LINGER", int: milliseconds)
    }

    /// Messages queued per peer before sends block, fail with EAGAIN or drop (PUB); 0 is unlimited.
    public func setSendHighWaterMark(_ messages: Int32) throws {
        try setOption(ZMQ_SNDHWM, "ZMQ_SNDHWM", int: messages)
    }

    public func setReceiveHighWaterMark(_ messages: Int32) throws {
        try setOption(ZMQ_RCVHWM, "ZMQ_RCVHWM", int: messages)
    }

    /// Only for ROUTER sockets: a send to an unknown routing id throws `EHOSTUNREACH`
    /// instead of being dropped silently.
    public func setRouterMandatory(_ on: Bool) throws {
        try setOption(ZMQ_ROUTER_MANDATORY, "ZMQ_ROUTER_MANDATORY", int: on ? 1 : 0)
    }

    /// Queue messages only to peers whose connection is complete.
    public func setImmediate(_ on: Bool) throws {
        try setOption(ZMQ_IMMEDIATE, "ZMQ_IMMEDIATE", int: on ? 1 : 0)
    }

    /// ZMTP heartbeats: ping every `interval`, drop the connection after `timeout` without traffic,
    /// and ask the peer to drop it after `ttl` (libzmq keeps tenths of a second). 0 disables each.
    public func setHeartbeat(
        intervalMilliseconds: Int32, timeoutMilliseconds: Int32, ttlMilliseconds: Int32
    ) throws {
        try setOption(ZMQ_HEARTBEAT_IVL, "ZMQ_HEARTBEAT_IVL", int: intervalMilliseconds)
        try setOption(ZMQ_HEARTBEAT_TIMEOUT, "ZMQ_HEARTBEAT_TIMEOUT", int: timeoutMilliseconds)
        try setOption(ZMQ_HEARTBEAT_TTL, "ZMQ_HEARTBEAT_TTL", int: ttlMilliseconds)
    }

    /// Peers sending a larger message are disconnected; -1 is unlimited.
    public func setMaxMessageSize(_ bytes: Int64) throws {
        try setOption(ZMQ_MAXMSGSIZE, "ZMQ_MAXMSGSIZE", int64: bytes)
    }

    /// The identity a ROUTER peer sees for this socket: 1 to 255 bytes, not starting with a zero byte.
    public func setRoutingID(_ id: Data) throws {
        try setOption(ZMQ_ROUTING_ID, "ZMQ_ROUTING_ID", bytes: id)
    }

    /// How long a blocking send waits before `send` returns false; -1 waits forever.
    public func setSendTimeout(milliseconds: Int32) throws {
        try setOption(ZMQ_SNDTIMEO, "ZMQ_SNDTIMEO", int: milliseconds)
    }

    /// How long a blocking receive waits before `receive` returns nil; -1 waits forever.
    public func setReceiveTimeout(milliseconds: Int32) throws {
        try setOption(ZMQ_RCVTIMEO, "ZMQ_RCVTIMEO", int: milliseconds)
    }

    /// The `LINGER` in force: 0 unless changed, since `init` sets it.
    public func lingerMilliseconds() throws -> Int32 {
        try intOption(ZMQ_LINGER, "ZMQ_LINGER")
    }

    public func sendHighWaterMark() throws -> Int32 {
        try intOption(ZMQ_SNDHWM, "ZMQ_SNDHWM")
    }

    public func receiveHighWaterMark() throws -> Int32 {
        try intOption(ZMQ_RCVHWM, "ZMQ_RCVHWM")
    }

    public func isImmediate() throws -> Bool {
        try intOption(ZMQ_IMMEDIATE, "ZMQ_IMMEDIATE") != 0
    }

    /// The ZMTP heartbeat settings; `ttl` comes back rounded down to tenths of a second.
    public func heartbeat() throws -> (
        intervalMilliseconds: Int32, timeoutMilliseconds: Int32, ttlMilliseconds: Int32
    ) {
        (
            try intOption(ZMQ_HEARTBEAT_IVL, "ZMQ_HEARTBEAT_IVL"),
            try intOption(ZMQ_HEARTBEAT_TIMEOUT, "ZMQ_HEARTBEAT_TIMEOUT"),
            try intOption(ZMQ_HEARTBEAT_TTL, "ZMQ_HEARTBEAT_TTL")
        )
    }

    public func maxMessageSize() throws -> Int64 {
        try int64Option(ZMQ_MAXMSGSIZE, "ZMQ_MAXMSGSIZE")
    }

    /// The routing id set on this socket; empty when none was set.
    public func routingID() throws -> Data {
        try bytesOption(ZMQ_ROUTING_ID, "ZMQ_ROUTING_ID", capacity: 255)
    }

    public func sendTimeoutMilliseconds() throws -> Int32 {
        try intOption(ZMQ_SNDTIMEO, "ZMQ_SNDTIMEO")
    }

    public func receiveTimeoutMilliseconds() throws -> Int32 {
        try intOption(ZMQ_RCVTIMEO, "ZMQ_RCVTIMEO")
    }

    // MARK: CURVE

    /// Makes this socket a CURVE server with `secretKey` (Z85): peers must know its public key,
    /// and the context's ZAP handler, if one is bound, decides which client keys are admitted.
    /// Set before `bind`.
    public func setCurveServer(secretKey: String) throws {
        try setOption(ZMQ_CURVE_SERVER, "ZMQ_CURVE_SERVER", int: 1)
        try setOption(ZMQ_CURVE_SECRETKEY, "ZMQ_CURVE_SECRETKEY", bytes: Data(secretKey.utf8))
    }

    /// Makes this socket a CURVE client of the server whose public key is `serverKey`, known by
    /// `keys` (all Z85). Set before `connect`.
    public func setCurveClient(serverKey: String, keys: CurveKeyPair) throws {
        try setOption(ZMQ_CURVE_SERVERKEY, "ZMQ_CURVE_SERVERKEY", bytes: Data(serverKey.utf8))
        try setOption(ZMQ_CURVE_PUBLICKEY, "ZMQ_CURVE_PUBLICKEY", bytes: Data(keys.publicKey.utf8))
        try setOption(ZMQ_CURVE_SECRETKEY, "ZMQ_CURVE_SECRETKEY", bytes: Data(keys.secretKey.utf8))
    }

    /// The security mechanism in force; nil for one Grid+ does not name (GSSAPI).
    public func mechanism() throws -> ZMQMechanism? {
        ZMQMechanism(rawValue: try intOption(ZMQ_MECHANISM, "ZMQ_MECHANISM"))
    }

    /// Whether this socket acts as a CURVE server.
    public func isCurveServer() throws -> Bool {
        try intOption(ZMQ_CURVE_SERVER, "ZMQ_CURVE_SERVER") != 0
    }

    /// Sets an `int` option.
    private func setOption(_ option: Int32, _ name: String, int value: Int32) throws {
        var value = value
        try setOption(option, name, pointer: &value, size: MemoryLayout<Int32>.size)
    }

    /// Sets an `int64_t` option.
    private func setOption(_ option: Int32, _ name: String, int64 value: Int64) throws {
        var value = value
        try setOption(option, name, pointer: &value, size: MemoryLayout<Int64>.size)
    }

    /// Sets a binary option.
    private func setOption(_ option: Int32, _ name: String, bytes: Data) throws {
        try bytes.withUnsafeBytes { buffer in
            try setOption(option, name, pointer: buffer.baseAddress, size: buffer.count)
        }
    }

    private func setOption(
        _ option: Int32, _ name: String, pointer: UnsafeRawPointer?, size: Int
    ) throws {
        let operation = "zmq_setsockopt(\(name))"
        let handle = try openHandle(operation)
        try retryingInterrupts(operation) { zmq_setsockopt(handle, option, pointer, size) }
    }

    /// Reads an `int` option.
    private func intOption(_ option: Int32, _ name: String) throws -> Int32 {
        var value: Int32 = 0
        var size = MemoryLayout<Int32>.size
        try getOption(option, name, pointer: &value, size: &size)
        return value
    }

    /// Reads an `int64_t` option.
    private func int64Option(_ option: Int32, _ name: String) throws -> Int64 {
        var value: Int64 = 0
        var size = MemoryLayout<Int64>.size
        try getOption(option, name, pointer: &value, size: &size)
        return value
    }

    /// Reads a binary option of at most `capacity` bytes.
    private func bytesOption(_ option: Int32, _ name: String, capacity: Int) throws -> Data {
        var buffer = Data(count: capacity)
        var size = capacity
        try buffer.withUnsafeMutableBytes { raw in
            try getOption(option, name, pointer: raw.baseAddress, size: &size)
        }
        return Data(buffer.prefix(size))
    }

    private func getOption(
        _ option: Int32, _ name: String, pointer: UnsafeMutableRawPointer?, size: inout Int
    ) throws {
        let operation = "zmq_getsockopt(\(name))"
        let handle = try openHandle(operation)
        try retryingInterrupts(operation) { zmq_getsockopt(handle, option, pointer, &size) }
    }
}
