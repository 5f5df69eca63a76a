internal import CZeroMQ

/// One libzmq socket, owned by one thread. Closed by `close()` or on deinit.
public final class ZMQSocket {
    public let kind: SocketKind
    /// Kept so the context outlives the socket: `zmq_ctx_term` waits for every socket to close.
    public let context: ZMQContext
    private var handle: UnsafeMutableRawPointer?

    /// Opens a socket with `LINGER` 0, so unsent messages never hold up shutdown.
    public init(_ context: ZMQContext, _ kind: SocketKind) throws {
        guard let handle = zmq_socket(context.handle, kind.rawValue) else {
            throw ZMQError.last("zmq_socket")
        }
        self.context = context
        self.kind = kind
        self.handle = handle
        try setLinger(milliseconds: 0)
    }

    deinit {
        close()
    }

    /// Closes the socket; later calls on it throw `ZMQError` with code `ENOTSOCK`. Idempotent.
    public func close() {
        guard let handle else { return }
        self.handle = nil
        zmq_close(handle)
    }

    public func bind(_ endpoint: String) throws {
        let handle = try openHandle("zmq_bind")
        try retryingInterrupts("zmq_bind") { zmq_bind(handle, endpoint) }
    }

    /// Stops listening on `endpoint` and drops the connections accepted through it; their peers
    /// reconnect (and, under CURVE, authenticate again) once it is bound again.
    public func unbind(_ endpoint: String) throws {
        let handle = try openHandle("zmq_unbind")
        try retryingInterrupts("zmq_unbind") { zmq_unbind(handle, endpoint) }
    }

    public func connect(_ endpoint: String) throws {
        let handle = try openHandle("zmq_connect")
        try retryingInterrupts("zmq_connect") { zmq_connect(handle, endpoint) }
    }

    public func disconnect(_ endpoint: String) throws {
        let handle = try openHandle("zmq_disconnect")
        try retryingInterrupts("zmq_disconnect") { zmq_disconnect(handle, endpoint) }
    }

    /// The endpoint of the last bind or connect, with a wildcard port resolved
    /// (`tcp://127.0.0.1:*` becomes `tcp://127.0.0.1:41234`).
    public func lastEndpoint() throws -> String {
        let handle = try openHandle("zmq_getsockopt(ZMQ_LAST_ENDPOINT)")
        var buffer = [CChar](repeating: 0, count: 1024)
        var size = buffer.count
        try retryingInterrupts("zmq_getsockopt(ZMQ_LAST_ENDPOINT)") {
            zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size)
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The libzmq handle, or `ENOTSOCK` once the socket is closed.
    func openHandle(_ operation: String) throws(ZMQError) -> UnsafeMutableRawPointer {
        guard let handle else { throw ZMQError(code: ENOTSOCK, operation: operation) }
        return handle
    }
}

@available(*, unavailable, message: "a ZeroMQ socket belongs to one thread")
extension ZMQSocket: Sendable {}
