internal import CZeroMQ
import Foundation

/// One received frame that keeps libzmq's message, so that the metadata of the connection it came
/// over can be read: the peer's address, and the user id a ZAP handler gave the peer.
///
/// Owns one `zmq_msg_t` (holding a reference to the connection's metadata), closed in `deinit`.
/// Not `Sendable`: read it on the thread of the socket that received it.
public final class ZMQReceivedFrame {
    /// The frame's bytes, copied once at receipt.
    public let data: Data
    private let message: UnsafeMutablePointer<zmq_msg_t>

    /// Takes over what `received` holds (`zmq_msg_move`), leaving it empty for its owner to close.
    init(moving received: UnsafeMutablePointer<zmq_msg_t>) {
        message = .allocate(capacity: 1)
        zmq_msg_init(message)
        // Cannot fail: both are initialised messages.
        zmq_msg_move(message, received)
        let size = zmq_msg_size(message)
        data = size == 0 ? Data() : Data(bytes: zmq_msg_data(message), count: size)
    }

    deinit {
        zmq_msg_close(message)
        message.deallocate()
    }

    /// The value of `property` for the connection this frame came over, or nil when it has none
    /// (libzmq's `EINVAL`: a property the connection does not carry, such as `User-Id` without a
    /// ZAP handler or `Peer-Address` over `inproc://`; and every property of the routing-id frame
    /// a ROUTER puts first, which it makes itself). Any other failure throws with its errno.
    public func metadata(_ property: ZMQMetadataProperty) throws(ZMQError) -> String? {
        guard let value = zmq_msg_gets(message, property.name) else {
            let error = ZMQError.last("zmq_msg_gets(\(property.name))")
            if error.code == EINVAL { return nil }
            throw error
        }
        return String(cString: value)
    }
}

@available(*, unavailable, message: "holds a libzmq message; read it on its socket's thread")
extension ZMQReceivedFrame: Sendable {}

/// The name of a message metadata property (`zmq_msg_gets`). Names are case-insensitive in libzmq.
public struct ZMQMetadataProperty: Sendable, Hashable {
    public let name: String

    public init(_ name: String) { self.name = name }

    /// `Peer-Address`: the peer's IP address (no port) for a TCP connection, e.g. `127.0.0.1`.
    public static let peerAddress = ZMQMetadataProperty("Peer-Address")
    /// `User-Id`: who a ZAP handler said the peer is (under CURVE, typically its public key);
    /// absent when no ZAP handler authenticated the connection.
    public static let userID = ZMQMetadataProperty("User-Id")
    /// `Socket-Type`: the peer's socket type from the ZMTP handshake, e.g. `DEALER`.
    public static let socketType = ZMQMetadataProperty("Socket-Type")
}

/// A subscription or unsubscription as an XPUB reads it: one frame, `1` or `0` then the prefix.
public struct ZMQSubscription: Sendable, Equatable {
    public let subscribes: Bool
    public let prefix: Data

    /// Nil for a frame that is not one (an XPUB also passes on messages its subscribers send).
    public init?(_ frame: Data) {
        guard let first = frame.first, first <= 1 else { return nil }
        subscribes = first == 1
        prefix = Data(frame.dropFirst())
    }
}
