internal import CZeroMQ
import Foundation

extension ZMQSocket {
    /// Sends the frames as one multipart message (SNDMORE on all but the last). Returns false when it
    /// cannot be queued now (EAGAIN: dontWait, HWM reached, or a send timeout); EINTR is retried;
    /// anything else (EHOSTUNREACH from ROUTER_MANDATORY, ETERM, ...) throws ZMQError.
    /// Precondition: frames is not empty.
    @discardableResult
    public func send(_ frames: [Data], dontWait: Bool = false) throws -> Bool {
        precondition(!frames.isEmpty, "a ZeroMQ message has at least one frame")
        let handle = try openHandle("zmq_send")
        let baseFlags = dontWait ? ZMQ_DONTWAIT : 0
        for (index, frame) in frames.enumerated() {
            let flags = index < frames.count - 1 ? baseFlags | ZMQ_SNDMORE : baseFlags
            while true {
                // zmq_send accepts a nil buffer for an empty frame, which is what an empty Data gives.
                let result = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
                if result != -1 { break }
                let error = ZMQError.last("zmq_send")
                if error.code == EINTR { continue }
                // libzmq queues the rest of a message once its first frame is accepted, so EAGAIN
                // can only mean "not queued" on the first frame; later it is a real failure.
                if error.code == EAGAIN, index == 0 { return false }
                throw error
            }
        }
        return true
    }

    /// Receives one whole multipart message; nil on EAGAIN (dontWait or receive timeout); EINTR retried.
    public func receive(dontWait: Bool = false) throws -> [Data]? {
        try receiveMessage(dontWait: dontWait) { message in
            let size = zmq_msg_size(message)
            return size == 0 ? Data() : Data(bytes: zmq_msg_data(message), count: size)
        }
    }

    /// Receives one whole multipart message as ``receive(dontWait:)`` does, but each frame keeps
    /// libzmq's message so the metadata of the connection it came over can be read
    /// (``ZMQReceivedFrame/metadata(_:)``). Costs two allocations per frame more than `receive`.
    public func receiveWithMetadata(dontWait: Bool = false) throws(ZMQError) -> [ZMQReceivedFrame]? {
        try receiveMessage(dontWait: dontWait) { ZMQReceivedFrame(moving: $0) }
    }

    /// Receives one whole multipart message, making each frame with `take`, which may move the
    /// frame's content out of the message it is given (the message is closed after it returns).
    /// nil on EAGAIN; EINTR retried.
    private func receiveMessage<Frame>(
        dontWait: Bool, _ take: (UnsafeMutablePointer<zmq_msg_t>) -> Frame
    ) throws(ZMQError) -> [Frame]? {
        let handle = try openHandle("zmq_msg_recv")
        var message = zmq_msg_t()
        return try withUnsafeMutablePointer(to: &message) { (message) throws(ZMQError) -> [Frame]? in
            var frames: [Frame] = []
            // Only the first frame can be missing: libzmq delivers a message's frames together.
            var flags = dontWait ? ZMQ_DONTWAIT : 0
            while true {
                zmq_msg_init(message)
                if zmq_msg_recv(message, handle, flags) == -1 {
                    let error = ZMQError.last("zmq_msg_recv")
                    zmq_msg_close(message)
                    if error.code == EINTR { continue }
                    if error.code == EAGAIN, frames.isEmpty { return nil }
                    throw error
                }
                // Read before `take`, which may move the content (and its flags) away.
                let more = zmq_msg_more(message) != 0
                // Room for the usual frames at once ([identity][empty][request] is the longest).
                if frames.isEmpty { frames.reserveCapacity(3) }
                frames.append(take(message))
                zmq_msg_close(message)
                if !more { return frames }
                flags = 0
            }
        }
    }
}
