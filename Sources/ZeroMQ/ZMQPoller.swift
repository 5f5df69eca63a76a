internal import CZeroMQ

/// Something `ZMQPoller` can wait on.
public enum ZMQPollItem {
    case socket(ZMQSocket)
    /// A plain file descriptor, such as the read end of a self-pipe for signals.
    case fileDescriptor(Int32)
}

@available(*, unavailable, message: "holds a ZeroMQ socket, which belongs to one thread")
extension ZMQPollItem: Sendable {}

public enum ZMQPoller {
    /// zmq_poll for readability (ZMQ_POLLIN). Returns one Bool per item. EINTR returns all false.
    /// A timeout of -1 waits forever, 0 returns at once.
    public static func poll(_ items: [ZMQPollItem], timeoutMilliseconds: Int) throws -> [Bool] {
        var pollItems = try items.map { item in
            switch item {
            case .socket(let socket):
                let handle = try socket.openHandle("zmq_poll")
                return zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
            case .fileDescriptor(let fd):
                return zmq_pollitem_t(socket: nil, fd: fd, events: Int16(ZMQ_POLLIN), revents: 0)
            }
        }
        // The sockets must stay open while libzmq holds their handles.
        let result = withExtendedLifetime(items) {
            zmq_poll(&pollItems, Int32(pollItems.count), timeoutMilliseconds)
        }
        if result == -1 {
            let error = ZMQError.last("zmq_poll")
            if error.code == EINTR { return Array(repeating: false, count: items.count) }
            throw error
        }
        return pollItems.map { $0.revents & Int16(ZMQ_POLLIN) != 0 }
    }
}
