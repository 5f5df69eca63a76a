import Foundation
import GridLogging
import GridStore
import ZeroMQ

/// Publishes committed events, in sequence order, on a bound PUB as `[topic][envelope]`.
/// PUB drops what a slow subscriber cannot take; consumers recover it by replay, so a full queue
/// is counted, never waited on.
public final class EventPublisher {
    public let socket: ZMQSocket
    /// Events of the stream handed to the socket (heartbeats and confirmations not counted).
    public private(set) var eventsPublished: Int64 = 0
    public private(set) var dropped: Int64 = 0
    private let logger: Logger

    public init(socket: ZMQSocket, logger: Logger) {
        self.socket = socket
        self.logger = logger
    }

    public func publish(_ events: [StoredEvent]) {
        for event in events {
            send(topic: event.topic, event.envelope)
            for topic in event.alsoTopics { send(topic: topic, event.envelope) }
            eventsPublished += 1
            logger.info("event", ["seq": event.seq, "topic": event.topic])
        }
    }

    /// Sends one message; a full queue or a closing context is counted, not thrown.
    public func send(topic: String, _ body: Data) {
        do {
            if try !socket.send([Data(topic.utf8), body], dontWait: true) {
                dropped += 1
            }
        } catch {
            dropped += 1
            logger.warning("publish failed", ["error": error])
        }
    }
}

@available(*, unavailable)
extension EventPublisher: Sendable {}
