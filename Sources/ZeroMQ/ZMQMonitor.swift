internal import CZeroMQ
import Foundation

/// What a socket monitor reports (`zmq_socket_monitor`): an event, its value and the endpoint.
public struct ZMQMonitorEvent: Sendable, Equatable {
    /// One of libzmq's `ZMQ_EVENT_*` numbers.
    public let event: UInt16
    /// The event's value: for a failed handshake under ZAP, the status code (400: not admitted).
    public let value: UInt32
    public let endpoint: String

    /// The peer refused this socket's credentials (a CURVE key its ZAP handler did not admit).
    public static let handshakeFailedAuth = UInt16(ZMQ_EVENT_HANDSHAKE_FAILED_AUTH)
}

/// A PAIR socket receiving the events libzmq reports about one socket. Poll ``socket`` beside the
/// socket watched, on the same thread; close it first.
public final class ZMQMonitor {
    public let socket: ZMQSocket

    /// Starts monitoring `watched` for `events` (`ZMQ_EVENT_*` numbers) over a fresh inproc endpoint.
    public init(_ watched: ZMQSocket, events: [UInt16]) throws {
        let endpoint = "inproc://monitor-\(UUID().uuidString)"
        let mask = events.reduce(Int32(0)) { $0 | Int32($1) }
        let handle = try watched.openHandle("zmq_socket_monitor")
        try retryingInterrupts("zmq_socket_monitor") { zmq_socket_monitor(handle, endpoint, mask) }
        socket = try ZMQSocket(watched.context, .pair)
        try socket.connect(endpoint)
    }

    /// The next event waiting, or nil.
    public func next() throws -> ZMQMonitorEvent? {
        guard let frames = try socket.receive(dontWait: true) else { return nil }
        guard frames.count == 2, frames[0].count == 6 else { return nil }
        // libzmq writes both numbers in the host's byte order.
        let (event, value) = frames[0].withUnsafeBytes { raw in
            (raw.loadUnaligned(as: UInt16.self), raw.loadUnaligned(fromByteOffset: 2, as: UInt32.self))
        }
        return ZMQMonitorEvent(event: event, value: value, endpoint: String(decoding: frames[1], as: UTF8.self))
    }

    public func close() { socket.close() }
}
