import Foundation
import Dispatch
import GridConfig
import GridLogging
import GridSockets
import GridStore
import GridWire
import SQLite
import ZeroMQ

/// Applies one producer's stream exactly once and in order. Live events arrive on a SUB; anything
/// missed (before start, during a gap, past a heartbeat ahead of us) is fetched by `replay` over a
/// DEALER. The last applied sequence is stored in the same transaction as the effects, so a crash
/// between the two cannot happen; duplicates are dropped by sequence.
///
/// What an event's handler throws decides what happens to it:
/// - a ``ProtocolError`` with status `unavailable` means "not yet" (it depends on another stream
///   that has not caught up): the stream waits at that event, keeping it and the events after it
///   in memory, and retries once another stream has applied something (``retryHeld(progress:)``)
///   or at the next tick;
/// - any other ``ProtocolError``, or a constraint it violates, means the event can never be
///   applied: it is kept as a dead letter with its reason and the stream moves on;
/// - anything else (a storage failure) pauses the stream, reports it, and retries at each tick.
///
/// Held events are bounded (``holdLimit``); past it, live events are dropped and fetched again
/// by replay once the stream moves.
///
/// **Sparse mode** (`only` types): a consumer that needs a few rare event types of a busy stream
/// does not take the rest at all. Its SUB hears only heartbeats and `<stream>.<type>.` for those
/// types, which the producer publishes them on too; either one, ahead of the cursor, asks for a
/// replay of those types only, whose answer says how far the producer looked (`through`). The
/// events are applied in order, and the cursor moves to `through`: it trails the head by at most a
/// heartbeat, and a restart replays from it as usual.
///
/// **A producer gone silent** is `stale` (``state(at:)``), and while it stays so the SUB connects
/// afresh every three heartbeat intervals (``reconnectIfSilent(at:)``): a connection whose far end
/// vanished without a word — its host rebooted while the link was down — looks to libzmq like a
/// quiet one, and would otherwise be kept for ever. What the old connection held is fetched by replay.
public final class StreamConsumer {
    public let stream: StreamName
    /// Sparse mode: the only event types applied.
    public let types: [String]?
    public let sub: ZMQSocket
    public let dealer: ZMQSocket
    private let pubEndpoint: String
    /// Three heartbeat intervals: a producer not heard for longer is stale.
    private let silenceNanoseconds: UInt64
    private let store: ServiceStore
    private let batch: Int
    private let timeoutNanoseconds: UInt64
    private let logger: Logger
    private let apply: (ReceivedEvent, inout Transaction) throws -> Void
    private let publish: ([StoredEvent]) -> Void

    public private(set) var epoch: String?
    public private(set) var last: Int64
    /// The producer's highest sequence as last heard (replay answers and heartbeats).
    public private(set) var producerHead: Int64 = 0
    /// When the producer was last heard (anything on the SUB, or a replay answer), on the
    /// monotonic clock; the consumer's creation until then.
    public private(set) var lastHeard = DispatchTime.now().uptimeNanoseconds

    /// `stale` when the producer has not been heard for three heartbeat intervals at `now`.
    public func state(at now: UInt64) -> ServiceStatus.ConsumedStream.State {
        now > lastHeard && now - lastHeard > silenceNanoseconds ? .stale : .ok
    }
    /// When the SUB was last connected afresh to a silent producer.
    private var reconnectedAt: UInt64?
    /// How many times the SUB was connected afresh to a silent producer.
    public private(set) var reconnects: Int64 = 0
    /// Why the stream is not being applied, typed and as a sentence for an operator; nil while it is.
    private var issue: (kind: StreamProblem, sentence: String)?
    /// Set when the stream cannot be applied: an unknown epoch (needs an operator) or a storage failure.
    public var problem: String? { issue?.sentence }
    /// What ``problem`` says, typed.
    public var problemKind: StreamProblem? { issue?.kind }
    /// Why the stream is paused at `last + 1`, while it waits to retry.
    public private(set) var pausedBecause: String?
    /// Since when the stream has been waiting at the same sequence (a wait that lasts is reported).
    private var waitingSince: (seq: Int64, at: UInt64)?
    /// How long a "not yet" may last before the status reports it as a problem.
    private static let patienceNanoseconds: UInt64 = 60_000_000_000
    public private(set) var applied: Int64 = 0
    /// Transactions that applied events: `applied` over this is the mean batch.
    public private(set) var transactions: Int64 = 0
    /// Replay requests sent, and the events applied from their answers rather than from the SUB.
    public private(set) var replayRequests: Int64 = 0
    public private(set) var appliedFromReplay: Int64 = 0
    public private(set) var deadLettered: Int64 = 0
    /// Set on an unknown epoch or a producer behind us: nothing more is applied until an operator resyncs.
    private var needsOperator = false
    /// Events received in order after `last` and not applied yet: the stream waits at the first
    /// (not yet, or a storage failure). Kept so that waiting costs no replay.
    /// A slice, so that applying the first ones of many held events does not move the rest.
    private var held: ArraySlice<ReceivedEvent> = []
    /// At most this many events are held; a replay fetches the rest once the stream moves.
    public static let holdLimit = 20_000
    /// Whether the held events wait for another stream ("not yet"), not for storage.
    private var waitingOnOthers = false
    /// The streams' progress (``retryHeld(progress:)``) at the last retry: until it changes,
    /// retrying cannot help.
    private var progressAtRetry: Int64?
    /// The sequence after the last event applied or held: what comes next from the producer.
    private var expected: Int64 { last + Int64(held.count) + 1 }
    private var outstanding: (key: String, sentAt: UInt64)?
    /// Whether a replay request waits for its answer (or for the timeout that asks again).
    public var awaitingReplay: Bool { outstanding != nil }
    /// What each recent replay request asked for (`after`), by key: a late answer is judged
    /// against its own request, not against what was applied since.
    private var askedAfter: [String: Int64] = [:]
    /// A replay is wanted but could not be sent yet (no connection to the producer, or paused).
    private var wanted = false
    private var requestNumber = 0
    private let keyPrefix: String
    /// Sparse mode: how far the producer has been searched; every event of `types` up to it was
    /// applied or is held.
    private var searched: Int64 = 0
    /// The last sequence applied, held, or (sparse mode) searched past: where the next replay
    /// starts. Held events follow `last` without a gap unless the consumer is sparse, so this is
    /// `expected - 1` otherwise.
    private var covered: Int64 { max(last, held.last?.head.seq ?? last, searched) }

    /// `heartbeatMilliseconds` is the producers' heartbeat interval: three of them without a word
    /// make the stream stale.
    public init(stream: StreamName, only types: [String]? = nil, endpoints: Endpoints.Producer, serverKey: String? = nil,
                sockets: SocketFactory,
                store: ServiceStore,
                batch: Int, timeoutMilliseconds: Int, heartbeatMilliseconds: Int, logger: Logger,
                apply: @escaping (ReceivedEvent, inout Transaction) throws -> Void,
                publish: @escaping ([StoredEvent]) -> Void) throws {
        self.stream = stream
        self.types = types
        self.store = store
        self.batch = batch
        self.timeoutNanoseconds = UInt64(timeoutMilliseconds) * 1_000_000
        silenceNanoseconds = 3 * UInt64(max(1, heartbeatMilliseconds)) * 1_000_000
        pubEndpoint = endpoints.pub
        self.logger = logger
        self.apply = apply
        self.publish = publish
        keyPrefix = "replay-\(stream.rawValue)-"
        let cursor = try store.cursor(stream)
        epoch = cursor?.epoch
        last = cursor?.last ?? 0
        sub = try sockets.socket(.streamSubscriber, serverKey: serverKey)
        if let types {
            try sub.subscribe(Topic.status(stream))
            for type in types { try sub.subscribe(Topic.event(stream, type)) }
        } else {
            for root in Topic.roots(of: stream) { try sub.subscribe(root) }
        }
        try sub.connect(endpoints.pub)
        dealer = try sockets.socket(.replayClient, serverKey: serverKey)
        try dealer.connect(endpoints.router)
    }

    /// Asks for everything after the stored cursor.
    public func start() throws { try requestReplay() }

    public func close() {
        sub.close()
        dealer.close()
    }

    /// Reads live events and heartbeats.
    public func drainLive(budget: Int = 1_000) throws {
        // Consecutive events are applied together, in one transaction; a waiting stream is
        // retried by a tick or by another stream's progress, not by what arrives behind it.
        defer { if pausedBecause == nil { applyHeld() } }
        var heard = false
        defer { if heard { lastHeard = DispatchTime.now().uptimeNanoseconds } }
        for _ in 0..<budget {
            guard let frames = try sub.receive(dontWait: true) else { return }
            guard frames.count == 2 else {
                logger.warning("ignored a published message with \(frames.count) frames", ["stream": stream.rawValue])
                continue
            }
            heard = true
            let topic = String(decoding: frames[0], as: UTF8.self)
            // Intake confirmations share WhistleService's PUB; they are replies, not events.
            if topic.hasPrefix("intake.") { continue }
            let event: ReceivedEvent
            do {
                event = try ReceivedEvent(decoding: frames[1])
            } catch {
                logger.warning("ignored an undecodable published message", ["topic": topic, "error": error.code])
                continue
            }
            guard event.head.stream == stream else { continue }
            producerHead = max(producerHead, event.head.seq)
            if types != nil {
                // A heartbeat or an event of ours ahead of the search: fetch by replay, never live.
                if event.head.seq > covered || (epoch != nil && event.head.epoch != epoch) { try requestReplay() }
                continue
            }
            if topic.hasPrefix("status.") {
                // A heartbeat follows every event published before it, so one ahead of what was
                // received means something was missed; another epoch means the producer was
                // rebuilt, which the replay answer will confirm before anything is applied.
                if event.head.seq >= expected || (epoch != nil && event.head.epoch != epoch) { try requestReplay() }
                continue
            }
            guard let epoch, event.head.epoch == epoch, outstanding == nil || event.head.seq == expected else {
                try requestReplay()
                continue
            }
            if event.head.seq == expected, held.count < Self.holdLimit {
                held.append(event)
            } else if event.head.seq >= expected {
                try requestReplay()
            }
        }
    }

    /// Reads replay answers. A late answer to an earlier request is still used: applying by
    /// sequence makes any answer safe, and dropping late ones would livelock a slow producer.
    public func drainReplies(budget: Int = 16) throws {
        for _ in 0..<budget {
            guard let frames = try dealer.receive(dontWait: true) else { return }
            guard frames.count == 2, let reply = try? ReceivedReply(decoding: frames[1]),
                  let key = reply.head.key, key.hasPrefix(keyPrefix) else { continue }
            lastHeard = DispatchTime.now().uptimeNanoseconds
            if outstanding?.key == key {
                outstanding = nil
            }
            let after = askedAfter.removeValue(forKey: key)
            let answer: RawReplayAnswer
            do {
                answer = try RawReplayAnswer(reply)
            } catch {
                logger.warning("replay refused", ["stream": stream.rawValue, "error": error])
                continue
            }
            try take(answer, after: after)
        }
    }

    /// Retries held events and re-asks when an answer is overdue (the producer restarted, or the
    /// request was lost).
    public func tick() throws {
        if !held.isEmpty || (types != nil && searched > last) { applyHeld() }
        if let outstanding, Self.now() - outstanding.sentAt > timeoutNanoseconds {
            self.outstanding = nil
            try requestReplay()
        } else if outstanding == nil, wanted || producerHead > covered {
            try requestReplay()
        }
    }

    /// While the producer is stale and nothing waits on the SUB, connects it afresh, at most once
    /// every three heartbeat intervals; returns whether it did.
    @discardableResult
    public func reconnectIfSilent(at now: UInt64) throws -> Bool {
        guard state(at: now) == .stale, reconnectedAt.map({ now > $0 && now - $0 > silenceNanoseconds }) ?? true,
              try !ZMQPoller.poll([.socket(sub)], timeoutMilliseconds: 0)[0] else { return false }
        if reconnectedAt == nil || lastHeard > reconnectedAt! {
            logger.notice("no word from the producer: connecting to it afresh",
                          ["stream": stream.rawValue, "silentMilliseconds": (now - lastHeard) / 1_000_000])
        }
        reconnectedAt = now
        do {
            try sub.disconnect(pubEndpoint)
        } catch {
            // Connecting again on top of a connection that could not be dropped would double it.
            logger.warning("cannot drop the connection to a silent producer", ["stream": stream.rawValue, "error": error])
            return false
        }
        try sub.connect(pubEndpoint)
        reconnects += 1
        return true
    }

    /// Retries events held for "not yet" once `progress` (what the other streams have applied)
    /// has moved since they last waited: what they wait for may have come.
    public func retryHeld(progress: Int64) {
        guard waitingOnOthers, !held.isEmpty, progressAtRetry != progress else { return }
        progressAtRetry = progress
        applyHeld()
    }

    private func take(_ answer: RawReplayAnswer, after: Int64?) throws {
        if epoch == nil {
            epoch = answer.epoch
        } else if answer.epoch != epoch {
            stop(.epochChanged(from: epoch!, to: answer.epoch), "stream \(stream.rawValue) changed epoch from \(epoch!) to \(answer.epoch): its producer's database was rebuilt; an operator must resync")
            return
        }
        if let after, answer.head < after {
            stop(.producerBehind(head: answer.head, applied: after), "stream \(stream.rawValue) ends at \(answer.head) but \(after) were applied here: its producer lost events (restored from an older backup?); an operator must resync")
            return
        }
        producerHead = max(producerHead, answer.head)
        if types != nil {
            try takeSparse(answer)
            return
        }
        // An answer holds consecutive events from `after + 1`: those already applied or held
        // need not even be read.
        var bytes = answer.events[...]
        if let after, expected - 1 > after { bytes = bytes.dropFirst(Int(min(Int64(bytes.count), expected - 1 - after))) }
        var unreadable: (kind: StreamProblem, reason: String)?
        for raw in bytes where held.count < Self.holdLimit {
            let event: ReceivedEvent
            do {
                event = try ReceivedEvent(decoding: raw)
            } catch {
                // Without its sequence an event cannot be placed, so it cannot even be set aside.
                unreadable = (.unreadableEvent(after: expected - 1),
                              "stream \(stream.rawValue) has an event after \(expected - 1) that cannot be read (\(error)); an operator must look at its producer")
                break
            }
            if event.head.seq < expected { continue }
            guard event.head.seq == expected else { break }
            held.append(event)
        }
        let before = last
        if pausedBecause == nil { applyHeld() }
        appliedFromReplay += last - before
        if let unreadable {
            stop(unreadable.kind, unreadable.reason)
            return
        }
        if expected <= answer.head { try requestReplay() }
    }

    /// Sparse mode: the answer holds the events of our types after the request's `after`, in
    /// order but not consecutive, and says how far the producer looked.
    private func takeSparse(_ answer: RawReplayAnswer) throws {
        guard let through = answer.through else {
            stop(.unreadableEvent(after: last), "stream \(stream.rawValue)'s producer answered a replay of some types without saying how far it looked; an operator must look at its version")
            return
        }
        let appliedBefore = applied
        for raw in answer.events where held.count < Self.holdLimit {
            let event: ReceivedEvent
            do {
                event = try ReceivedEvent(decoding: raw)
            } catch {
                stop(.unreadableEvent(after: covered),
                     "stream \(stream.rawValue) has an event after \(covered) that cannot be read (\(error)); an operator must look at its producer")
                return
            }
            guard event.head.seq > covered else { continue }
            held.append(event)
        }
        if held.count < Self.holdLimit { searched = max(searched, through) }
        if pausedBecause == nil { applyHeld() }
        appliedFromReplay += applied - appliedBefore
        if covered < answer.head { try requestReplay() }
    }

    /// Applies the held events, as many as it can, and keeps the rest. In sparse mode, once
    /// nothing is held, the cursor moves to where the producer was searched.
    private func applyHeld() {
        let consumed = applyBatch(held)
        if consumed == held.count {
            held = []
        } else {
            held.removeFirst(consumed)
        }
        if types != nil, held.isEmpty, pausedBecause == nil, searched > last { moveCursor(to: searched) }
    }

    /// Sparse mode: stores the cursor past events that were not ours; a failed write is retried at
    /// the next tick.
    private func moveCursor(to seq: Int64) {
        guard let epoch, !needsOperator else { return }
        do {
            _ = try store.write { transaction in try transaction.setCursor(stream, epoch: epoch, last: seq) }
            last = seq
            pausedBecause = nil
            issue = nil
        } catch {
            pause("cannot store the cursor: \(error)", seq: seq, degraded: true)
        }
    }

    /// Applies consecutive events, starting at `last + 1`, in one transaction, each undone alone if
    /// it fails (``Transaction/attempt(_:)``); returns how many it got through (applied or set
    /// aside) before it had to wait.
    private func applyBatch(_ events: ArraySlice<ReceivedEvent>) -> Int {
        guard let epoch, !events.isEmpty, !needsOperator else { return 0 }
        var consumed = 0
        var setAside: [(seq: Int64, reason: String)] = []
        var waiting: (reason: String, seq: Int64)?
        do {
            let (_, emitted) = try store.write { transaction in
                // The write may run this twice (the second time with savepoints): start afresh.
                (consumed, setAside, waiting) = (0, [], nil)
                for event in events {
                    do {
                        try transaction.attempt { try apply(event, &$0) }
                    } catch let refusal as ProtocolError where refusal.status == .unavailable {
                        waiting = ("waiting: \(refusal.message)", event.head.seq)
                        break
                    } catch let error where Self.isPermanent(error) {
                        try transaction.deadLetter(stream: stream, seq: event.head.seq, reason: "\(error)",
                                                   envelope: event.bytes, at: Date())
                        setAside.append((event.head.seq, "\(error)"))
                    }
                    consumed += 1
                }
                if consumed > 0 {
                    try transaction.setCursor(stream, epoch: epoch, last: events[events.startIndex + consumed - 1].head.seq)
                }
            }
            for (seq, reason) in setAside {
                logger.error("event set aside as a dead letter", ["stream": stream.rawValue, "seq": seq, "reason": reason])
            }
            if consumed > 0 {
                transactions += 1
                last = events[events.startIndex + consumed - 1].head.seq
                waitingSince = nil
                applied += Int64(consumed - setAside.count)
                deadLettered += Int64(setAside.count)
                issue = nil
            }
            publish(emitted)
        } catch {
            waitingOnOthers = false
            pause("cannot apply: \(error)", seq: events[events.startIndex].head.seq, degraded: true)
            return 0
        }
        waitingOnOthers = waiting != nil
        if let waiting {
            pause(waiting.reason, seq: waiting.seq, degraded: false)
        } else {
            pausedBecause = nil
        }
        return consumed
    }

    /// Errors that retrying cannot cure: the consumer's rules refuse the event, or it contradicts
    /// what is stored (a constraint). Anything else — a full or broken disk — may pass.
    static func isPermanent(_ error: any Error) -> Bool {
        switch error {
        case let refusal as ProtocolError: refusal.status != .unavailable
        case let storage as SQLiteError: storage.isConstraint
        default: false
        }
    }

    /// Stops applying the stream until an operator acts; the service keeps serving.
    private func stop(_ kind: StreamProblem, _ reason: String) {
        needsOperator = true
        issue = (kind, reason)
        logger.error("applying stopped", ["stream": stream.rawValue, "reason": reason])
    }

    private func pause(_ reason: String, seq: Int64, degraded: Bool) {
        pausedBecause = reason
        if waitingSince?.seq != seq { waitingSince = (seq, Self.now()) }
        if !degraded, let since = waitingSince, Self.now() - since.at > Self.patienceNanoseconds {
            issue = (.waitingTooLong(seq: seq), "stream \(stream.rawValue) has waited at \(seq) for over a minute: \(reason)")
        }
        if degraded {
            issue = (.cannotApply(seq: seq), "stream \(stream.rawValue) paused at \(seq): \(reason)")
            logger.error("stream paused", ["stream": stream.rawValue, "seq": seq, "reason": reason])
        } else {
            logger.debug("stream paused", ["stream": stream.rawValue, "seq": seq, "reason": reason])
        }
    }

    private func requestReplay() throws {
        wanted = true
        // A waiting stream keeps what arrives live but fetches nothing more until it moves.
        guard outstanding == nil, !needsOperator, pausedBecause == nil, held.count < Self.holdLimit else { return }
        requestNumber += 1
        let key = "\(keyPrefix)\(requestNumber)"
        let after = covered
        let request = OutgoingRequest(cmd: "replay", key: key, as: nil,
                                      body: ReplayQuery(stream: stream, after: after,
                                                        limit: min(batch, Self.holdLimit - held.count), types: types))
        if try dealer.send([Data(), JSONCoding.encode(request)], dontWait: true) {
            outstanding = (key, Self.now())
            replayRequests += 1
            if askedAfter.count > 64 { askedAfter.removeAll() }
            askedAfter[key] = after
            wanted = false
        }
    }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}

@available(*, unavailable)
extension StreamConsumer: Sendable {}

/// Why a stream is not being applied, as ``StreamConsumer/problemKind`` gives it.
public enum StreamProblem: Sendable, Equatable {
    /// A replay answer came with another epoch: the producer's database was rebuilt.
    case epochChanged(from: String, to: String)
    /// The producer ends at `head`, before `applied`, what was applied here: it lost events.
    case producerBehind(head: Int64, applied: Int64)
    /// A replay answer holds an event after `after` that cannot be decoded.
    case unreadableEvent(after: Int64)
    /// The stream has waited at `seq` for another stream for longer than its patience.
    case waitingTooLong(seq: Int64)
    /// Applying failed at `seq` (storage); retried at each tick.
    case cannotApply(seq: Int64)
}
