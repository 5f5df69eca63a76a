internal import CZeroMQ

/// A failed libzmq call: the errno it left and the name of the call.
public struct ZMQError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `zmq_errno()` at the failure; compare with `EADDRINUSE`, `EHOSTUNREACH`, ...
    public let code: Int32
    /// The failing call, e.g. `zmq_bind` or `zmq_setsockopt(ZMQ_SNDHWM)`.
    public let operation: String

    public init(code: Int32, operation: String) {
        self.code = code
        self.operation = operation
    }

    /// For example `zmq_bind failed: Address already in use (errno 98)`.
    public var description: String {
        "\(operation) failed: \(String(cString: zmq_strerror(code))) (errno \(code))"
    }

    /// The context is shutting down (`ETERM`): close the socket and stop.
    public var isTerminated: Bool { code == ETERM }

    /// The errno of the last failed libzmq call on this thread.
    static func last(_ operation: String) -> ZMQError {
        ZMQError(code: zmq_errno(), operation: operation)
    }
}

/// Calls `body` until it does not fail with `EINTR`; a result of -1 throws the errno as `ZMQError`.
@discardableResult
func retryingInterrupts(_ operation: String, _ body: () -> Int32) throws -> Int32 {
    while true {
        let result = body()
        if result != -1 { return result }
        let error = ZMQError.last(operation)
        if error.code != EINTR { throw error }
    }
}
