import Foundation
import GridLogging
import GridStore
import GridWire
import ZeroMQ

/// Publishes committed events, in sequence order, on a bound PUB (an XPUB under keys) as
/// `[topic][envelope]`.
/// PUB drops what a slow subscriber cannot take; consumers recover it by replay, so a full queue
/// is counted, never waited on.
public final class EventPublisher {
    public let socket: ZMQSocket
    /// Events of the stream handed to the socket (heartbeats and confirmations not counted).
    public private(set) var eventsPublished: Int64 = 0
    public private(set) var dropped: Int64 = 0
    private let logger: Logger
    /// Refused subscriptions, each written as a security line at most once a minute.
    private var refusals = RepeatFilter()

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

    /// Under keys, the socket is an XPUB in manual mode: grants each subscription waiting that its
    /// subscriber's principal may read (``ReadRights``) and refuses the rest, each refusal a
    /// security line in the log. An unsubscription from a subscriber that has gone carries no
    /// principal and is ignored: libzmq drops a departed subscriber's subscriptions itself.
    public func admitSubscriptions() throws {
        while let frames = try socket.receiveWithMetadata(dontWait: true) {
            guard frames.count == 1, let subscription = ZMQSubscription(frames[0].data) else { continue }
            let userID = try frames[0].metadata(.userID)
            let topic = String(decoding: subscription.prefix, as: UTF8.self)
            guard subscription.subscribes else {
                if userID != nil { try socket.unsubscribe(bytes: subscription.prefix) }
                continue
            }
            guard let principal = userID.flatMap(Principal.init(parsing:)),
                  ReadRights.grants(principal, [UInt8](subscription.prefix)) else {
                let (write, heldBack) = refusals.admit("\(userID ?? "-") \(topic)", at: DispatchTime.now().uptimeNanoseconds)
                if write {
                    logger.warning("security: subscription refused", ["principal": userID ?? "-", "topic": topic,
                                                                      "alsoRefusedSinceLastLine": heldBack])
                }
                continue
            }
            try socket.subscribe(bytes: subscription.prefix)
            logger.info("subscription granted", ["principal": principal, "topic": topic])
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
