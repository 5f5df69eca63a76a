internal import CZeroMQ

/// A libzmq context: the I/O threads and the `inproc://` namespace shared by its sockets.
///
/// `@unchecked Sendable` because libzmq contexts are thread-safe (sockets are not), and the only
/// stored property is the immutable handle.
public final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    public init() throws {
        guard let handle = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
        self.handle = handle
    }

    /// Makes blocking calls on this context's sockets fail with `ETERM` (see `ZMQError.isTerminated`).
    /// Idempotent and callable from any thread; the sockets must still be closed.
    public func shutdown() {
        zmq_ctx_shutdown(handle)
    }

    /// Runs after every socket is gone, since each socket keeps its context alive.
    deinit {
        while zmq_ctx_term(handle) == -1, zmq_errno() == EINTR {}
    }
}
