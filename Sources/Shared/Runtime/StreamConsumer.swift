import Foundation
import SQLite
import ZeroMQ

/// Applies one producer's stream exactly once and in order. Live events arrive on a SUB; anything
/// missed (before start, during a gap, past a heartbeat ahead of us) is fetched by `replay` over a
/// DEALER. The last applied sequence is stored in the same transaction as the effects, so a crash
/// between the two cannot happen; duplicates are dropped by sequence.
public final class StreamConsumer {
    public let stream: StreamName
    public let sub: ZMQSocket
    public let dealer: ZMQSocket
    private let store: ServiceStore
    private let batch: Int
    private let timeout: TimeInterval
    private let logger: Logger
    private let apply: (ReceivedEvent, inout Transaction) throws -> Void
    private let publish: ([StoredEvent]) -> Void

    public private(set) var epoch: String?
    public private(set) var last: Int64
    /// The producer's highest sequence as last heard (replay answers and heartbeats).
    public private(set) var producerHead: Int64 = 0
    /// Set when the stream cannot be applied (an unknown epoch, a broken disk); needs an operator.
    public private(set) var problem: String?
    public private(set) var applied: Int64 = 0
    public private(set) var deadLettered: Int64 = 0
    private var outstanding: (key: String, sentAt: Date)?
    /// A replay is wanted but could not be sent yet (no connection to the producer).
    private var wanted = false
    private var requestNumber = 0

    public init(stream: StreamName, endpoints: Endpoints.Producer, context: ZMQContext, store: ServiceStore,
                batch: Int, timeoutMilliseconds: Int, logger: Logger,
                apply: @escaping (ReceivedEvent, inout Transaction) throws -> Void,
                publish: @escaping ([StoredEvent]) -> Void) throws {
        self.stream = stream
        self.store = store
        self.batch = batch
        self.timeout = TimeInterval(timeoutMilliseconds) / 1000
        self.logger = logger
        self.apply = apply
        self.publish = publish
        let cursor = try store.cursor(stream)
        epoch = cursor?.epoch
        last = cursor?.last ?? 0
        sub = try ZMQSocket(context, .sub)
        try sub.setReceiveHighWaterMark(100_000)
        try sub.subscribe("")
        try sub.connect(endpoints.pub)
        dealer = try ZMQSocket(context, .dealer)
        try dealer.setImmediate(true)
        try dealer.setHeartbeat(intervalMilliseconds: 1_000, timeoutMilliseconds: 3_000, ttlMilliseconds: 6_000)
        try dealer.connect(endpoints.router)
    }

    /// Asks for everything after the stored cursor.
    public func start() throws { try requestReplay() }

    /// Reads live events and heartbeats.
    public func drainLive(budget: Int = 1_000) throws {
        for _ in 0..<budget {
            guard let frames = try sub.receive(dontWait: true) else { return }
            guard frames.count == 2 else {
                logger.warning("ignored a published message with \(frames.count) frames", ["stream": stream.rawValue])
                continue
            }
            let topic = String(decoding: frames[0], as: UTF8.self)
            let event: ReceivedEvent
            do {
                event = try ReceivedEvent(decoding: frames[1])
            } catch {
                logger.warning("ignored an undecodable published message", ["topic": topic, "error": error.code])
                continue
            }
            guard event.head.stream == stream else { continue }
            producerHead = max(producerHead, event.head.seq)
            if topic.hasPrefix("status.") {
                // A heartbeat ahead of us means we missed something; another epoch means the producer
                // was rebuilt, which the replay answer will confirm before anything is applied.
                if event.head.seq > last || (epoch != nil && event.head.epoch != epoch) { try requestReplay() }
                continue
            }
            guard let epoch, event.head.epoch == epoch, outstanding == nil || event.head.seq == last + 1 else {
                try requestReplay()
                continue
            }
            if event.head.seq == last + 1 {
                try applyOne(event)
            } else if event.head.seq > last + 1 {
                try requestReplay()
            }
        }
    }

    /// Reads replay answers.
    public func drainReplies(budget: Int = 16) throws {
        for _ in 0..<budget {
            guard let frames = try dealer.receive(dontWait: true) else { return }
            guard frames.count == 2, let outstanding else { continue }
            guard let reply = try? ReceivedReply(decoding: frames[1]), reply.head.key == outstanding.key else { continue }
            self.outstanding = nil
            wanted = false
            let answer: ReplayAnswer
            do {
                answer = try reply.body(ReplayAnswer.self)
            } catch {
                logger.warning("replay refused", ["stream": stream.rawValue, "error": error])
                continue
            }
            try take(answer)
        }
    }

    /// Re-asks when an answer is overdue (the producer restarted, or the request was lost).
    public func tick(now: Date = Date()) throws {
        if let outstanding, now.timeIntervalSince(outstanding.sentAt) > timeout {
            self.outstanding = nil
            try requestReplay()
        } else if outstanding == nil, problem == nil, wanted || producerHead > last {
            try requestReplay()
        }
    }

    private func take(_ answer: ReplayAnswer) throws {
        if epoch == nil {
            epoch = answer.epoch
        } else if answer.epoch != epoch {
            problem = "stream \(stream.rawValue) changed epoch from \(epoch!) to \(answer.epoch): its producer's database was rebuilt; an operator must resync"
            logger.error("unknown epoch; applying stopped", ["stream": stream.rawValue, "epoch": answer.epoch])
            return
        }
        producerHead = max(producerHead, answer.head)
        for value in answer.events {
            let event = try ReceivedEvent(decoding: JSONCoding.encode(value))
            if event.head.seq <= last { continue }
            guard event.head.seq == last + 1 else { break }
            try applyOne(event)
        }
        if last < answer.head { try requestReplay() }
    }

    private func applyOne(_ event: ReceivedEvent) throws {
        guard let epoch, problem == nil else { return }
        let seq = event.head.seq
        do {
            let (_, emitted) = try store.write { transaction in
                try apply(event, &transaction)
                try transaction.setCursor(stream, epoch: epoch, last: seq)
            }
            applied += 1
            publish(emitted)
        } catch let refusal as ProtocolError {
            logger.error("event set aside as a dead letter", ["stream": stream.rawValue, "seq": seq, "reason": refusal])
            _ = try store.write { transaction in
                try transaction.deadLetter(stream: stream, seq: seq, reason: refusal.description,
                                           envelope: event.bytes, at: Date())
                try transaction.setCursor(stream, epoch: epoch, last: seq)
            }
            deadLettered += 1
        }
        last = seq
    }

    private func requestReplay() throws {
        wanted = true
        guard outstanding == nil, problem == nil else { return }
        requestNumber += 1
        let key = "replay-\(stream.rawValue)-\(requestNumber)"
        let request = OutgoingRequest(cmd: "replay", key: key, as: nil,
                                      body: ReplayQuery(stream: stream, after: last, limit: batch))
        if try dealer.send([Data(), JSONCoding.encode(request)], dontWait: true) {
            outstanding = (key, Date())
            wanted = false
        }
    }
}

@available(*, unavailable)
extension StreamConsumer: Sendable {}
