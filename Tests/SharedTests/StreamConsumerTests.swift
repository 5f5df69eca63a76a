import Foundation
import GridConfig
import GridLogging
import GridRuntime
import GridSockets
import GridStore
import GridWire
import SQLite
import Testing
import ZeroMQ

/// StreamConsumer against a fake producer in the same process: the test binds the producer's PUB
/// and ROUTER on inproc endpoints, fills a real `whistle` outbox, publishes what it likes and
/// answers `replay` itself, then drives the consumer by calling drainLive / drainReplies / tick.
/// What counts is what the consumer stored: its cursor, and the rows its apply closure wrote.
@Suite struct StreamConsumerTests {
    // MARK: in order, once

    @Test func liveEventsInOrderAreAppliedOnceAndTheCursorFollows() throws {
        let fixture = try ConsumerFixture()
        let consumer = try fixture.startedConsumer()
        try fixture.emit(5)
        for seq in Int64(1)...5 { try fixture.publish(seq) }
        let done = try fixture.pump(consumer) { try fixture.applied().count >= 5 }
        #expect(done)
        #expect(try fixture.applied() == [1, 2, 3, 4, 5])
        #expect(try fixture.cursor()?.last == 5)
        #expect(try fixture.cursor()?.epoch == fixture.producer.epoch)
        #expect(consumer.applied == 5)
        #expect(consumer.last == 5)
        #expect(try fixture.pendingRequest() == nil, "nothing was missing, so nothing was asked for")
    }

    @Test func duplicatesLiveAndAgainInAReplayAreAppliedOnce() throws {
        let fixture = try ConsumerFixture()
        let consumer = try fixture.startedConsumer()
        try fixture.emit(4)
        for seq: Int64 in [1, 2, 2, 1, 3, 3] { try fixture.publish(seq) }
        let done = try fixture.pump(consumer) { try fixture.applied().count >= 3 }
        #expect(done)
        #expect(try fixture.applied() == [1, 2, 3])
        // The same events once more, in an answer to a replay the consumer never asked for; its
        // head (4) is ahead, so taking it shows as a replay request after 3.
        try fixture.sendReply(key: "replay-whistle-99", epoch: fixture.producer.epoch, head: 4, events: [1, 2, 3])
        try fixture.publish(2)
        let request = try #require(try fixture.nextRequest(consumer), "the unasked-for answer was read")
        #expect(request.query.after == 3)
        #expect(try fixture.applied() == [1, 2, 3], "1, 2 and 3 again, live and replayed, changed nothing")
        try fixture.answer(request, events: [3, 4])
        let four = try fixture.pump(consumer) { try fixture.applied().count >= 4 }
        #expect(four)
        // The live 2 may still be queued: once 5, published after it, is applied, it has been read.
        let five = try fixture.applyNext(consumer)
        #expect(five)
        #expect(try fixture.applied() == [1, 2, 3, 4, 5])
        #expect(consumer.applied == 5)
        #expect(try fixture.cursor()?.last == 5)
    }

    // MARK: gaps and order

    @Test func aGapTriggersAReplayAndTheMissingEventsAreAppliedInOrder() throws {
        let fixture = try ConsumerFixture()
        let consumer = try fixture.startedConsumer()
        try fixture.emit(5)
        for seq: Int64 in [1, 2, 3] { try fixture.publish(seq) }
        let three = try fixture.pump(consumer) { try fixture.applied().count >= 3 }
        #expect(three)
        try fixture.publish(5)
        // The request is sent on reading 5, so 5 has been read by the time it arrives.
        let request = try #require(try fixture.nextRequest(consumer), "a gap (5 after 3) asks for a replay")
        #expect(request.query.after == 3)
        #expect(request.query.stream == .whistle)
        #expect(try fixture.applied() == [1, 2, 3], "5 is not applied before 4")
        try fixture.answer(request)
        let five = try fixture.pump(consumer) { try fixture.applied().count >= 5 }
        #expect(five)
        // 4 again, late and live; 6 after it shows it was read.
        try fixture.publish(4)
        let six = try fixture.applyNext(consumer)
        #expect(six)
        #expect(try fixture.applied() == [1, 2, 3, 4, 5, 6])
        #expect(try fixture.cursor()?.last == 6)
        #expect(consumer.applied == 6)
    }

    @Test func reorderedLiveEventsEndAppliedInOrder() throws {
        let fixture = try ConsumerFixture()
        let consumer = try fixture.startedConsumer()
        try fixture.emit(6)
        for seq: Int64 in [2, 1, 4, 3, 6, 5] { try fixture.publish(seq) }
        var answered = 0
        let deadline = Date().addingTimeInterval(10)
        while try fixture.applied().count < 6, Date() < deadline {
            if let request = try fixture.nextRequest(consumer, timeout: 0.05) {
                try fixture.answer(request)
                answered += 1
            }
        }
        #expect(answered >= 1, "the out-of-order arrival was repaired by replay")
        #expect(try fixture.applied() == [1, 2, 3, 4, 5, 6])
        #expect(try fixture.cursor()?.last == 6)
        #expect(consumer.applied == 6)
    }

    @Test func aHeartbeatAheadOfTheCursorTriggersCatchUp() throws {
        let fixture = try ConsumerFixture()
        let consumer = try fixture.startedConsumer()
        try fixture.emit(3)
        // The events themselves were lost; only the heartbeat arrives.
        try fixture.heartbeat(seq: 3)
        let request = try #require(try fixture.nextRequest(consumer), "a heartbeat ahead of the cursor asks for a replay")
        #expect(request.query.after == 0)
        try fixture.answer(request)
        let done = try fixture.pump(consumer) { try fixture.applied().count >= 3 }
        #expect(done)
        #expect(try fixture.applied() == [1, 2, 3])
        #expect(try fixture.cursor()?.last == 3)
        // A heartbeat at the cursor asks for nothing: 4, published after it, is applied live
        // with no request in between.
        let requests = consumer.replayRequests
        try fixture.heartbeat(seq: 3)
        let four = try fixture.applyNext(consumer)
        #expect(four)
        #expect(consumer.replayRequests == requests)
        #expect(try fixture.pendingRequest() == nil)
    }

    @Test func aProducerNotHeardForThreeHeartbeatIntervalsIsStaleUntilItIsHeardAgain() throws {
        let fixture = try ConsumerFixture()
        let consumer = try fixture.startedConsumer()
        let quiet = consumer.lastHeard
        #expect(consumer.state(at: quiet) == .ok)
        #expect(consumer.state(at: quiet + 600_000_000) == .ok, "three intervals exactly")
        #expect(consumer.state(at: quiet + 600_000_001) == .stale)
        #expect(consumer.state(at: quiet - 1) == .ok, "a time before the last word")
        let heard = try fixture.heartbeatRead(consumer, seq: 1)
        #expect(heard)
        #expect(consumer.lastHeard > quiet, "a heartbeat is a word from the producer")
        #expect(consumer.state(at: quiet + 600_000_001) == .ok,
                "heard again, three intervals count from the new word")
        #expect(consumer.state(at: consumer.lastHeard + 600_000_001) == .stale)
    }

    @Test func aSilentProducerIsConnectedAfreshOnceEveryThreeIntervalsWhileItStaysSilent() throws {
        let fixture = try ConsumerFixture()
        let consumer = try fixture.startedConsumer()
        let quiet = consumer.lastHeard
        #expect(try !consumer.reconnectIfSilent(at: quiet + 600_000_000), "not stale yet")
        #expect(try consumer.reconnectIfSilent(at: quiet + 600_000_001))
        #expect(try !consumer.reconnectIfSilent(at: quiet + 1_200_000_001), "at most once in three intervals")
        #expect(try consumer.reconnectIfSilent(at: quiet + 1_200_000_002))
        #expect(consumer.reconnects == 2)
        // The fresh connection is subscribed as the first was: the producer is heard on it.
        var seq: Int64 = 0
        let deadline = Date().addingTimeInterval(10)
        while consumer.producerHead == 0, Date() < deadline {
            seq += 1
            try fixture.heartbeat(seq: seq)
            _ = try ZMQPoller.poll([.socket(consumer.sub)], timeoutMilliseconds: 20)
            try consumer.drainLive()
        }
        #expect(consumer.producerHead > 0, "heard on the fresh connection")
        #expect(try !consumer.reconnectIfSilent(at: consumer.lastHeard + 600_000_000), "heard: not silent")
        #expect(consumer.reconnects == 2)
    }

    // MARK: what is not for this consumer

    @Test func messagesOfAnotherStreamAndUndecodableMessagesAreIgnored() throws {
        let fixture = try ConsumerFixture()
        let consumer = try fixture.startedConsumer()
        try fixture.emit(2)
        // Another stream's event far ahead, with our producer's epoch: not ours, so no gap.
        let foreign = Envelope(stream: .response, epoch: fixture.producer.epoch, seq: 99, time: Instant(Date()),
                               type: "signed", data: ConsumerFixture.Payload(n: 99))
        try fixture.publishRaw([Data("dept.JD-NX-CGZF.signed.".utf8), try JSONCoding.encode(foreign)])
        try fixture.publishRaw([Data("whistle.raised.".utf8), Data("not json at all".utf8)])
        try fixture.publishRaw([Data("whistle.raised.".utf8), Data(#"{"v":2,"stream":"whistle","epoch":"e","seq":1,"time":"2026-12-04T08:00:00.000Z","type":"raised","data":{}}"#.utf8)])
        try fixture.publishRaw([Data("whistle.raised.".utf8), Data([0xff, 0xfe, 0x00])])
        try fixture.publishRaw([Data("whistle.raised.".utf8)])
        try fixture.publishRaw([Data("whistle.raised.".utf8), Data("{}".utf8), Data("{}".utf8)])
        try fixture.publishRaw([Data("intake.integrator:x.".utf8), Data(#"{"v":1,"status":"ok"}"#.utf8)])
        // Published after everything above, so once they are applied all of it has been read.
        try fixture.publish(1)
        try fixture.publish(2)
        let done = try fixture.pump(consumer) { try fixture.applied().count >= 2 }
        #expect(done)
        #expect(try fixture.applied() == [1, 2])
        #expect(consumer.applied == 2)
        #expect(consumer.producerHead == 2, "the other stream's seq 99 is not taken as this producer's head")
        #expect(try fixture.pendingRequest() == nil, "nothing ignored made the consumer think it missed something")
        #expect(consumer.problem == nil)
    }

    // MARK: refusals

    @Test func anEventItsRulesRefuseBecomesADeadLetterAndTheStreamMovesOn() throws {
        let fixture = try ConsumerFixture()
        let refusal = ProtocolError(.conflict, "wrong_state", at: "/data/whistle", "the task is closed")
        fixture.applier.refuse[2] = refusal
        let consumer = try fixture.startedConsumer()
        try fixture.emit(3)
        for seq in Int64(1)...3 { try fixture.publish(seq) }
        let done = try fixture.pump(consumer) { try fixture.cursor()?.last == 3 }
        #expect(done)
        // The refused event's own writes were undone; the others stand.
        #expect(try fixture.applied() == [1, 3])
        #expect(try fixture.consumerStore.deadLetterCount() == 1)
        let letter = try #require(try fixture.consumerStore.db.queryFirst("SELECT stream, seq, reason, envelope FROM dead_letters"))
        #expect(letter.string(0) == "whistle")
        #expect(letter.int64(1) == 2)
        #expect(letter.string(2) == refusal.description, "the reason kept is the refusal itself")
        let kept = try ReceivedEvent(decoding: Data((letter.string(3) ?? "").utf8))
        #expect(kept.head.seq == 2, "the whole envelope is kept")
        #expect(consumer.applied == 2)
        #expect(consumer.deadLettered == 1)
        #expect(consumer.problem == nil)
        #expect(consumer.pausedBecause == nil)
    }

    @Test func anEventThatIsNotReadyWaitsWithWhatFollowsHeldAndGoesOnWithoutAReplay() throws {
        let fixture = try ConsumerFixture()
        fixture.applier.notReadyAt = 2
        let consumer = try fixture.startedConsumer()
        let requestsAtStart = consumer.replayRequests
        try fixture.emit(3)
        for seq in Int64(1)...3 { try fixture.publish(seq) }
        let paused = try fixture.pump(consumer) { consumer.pausedBecause != nil }
        #expect(paused)
        #expect(try fixture.applied() == [1])
        #expect(try fixture.cursor()?.last == 1)
        #expect(try fixture.consumerStore.deadLetterCount() == 0, "not yet is not never")
        #expect(consumer.problem == nil, "waiting for another stream is not a problem for an operator")

        // Still not ready: a tick retries the held events and waits again; no other stream moved,
        // so progress retries nothing, and once it moves one retry waits again.
        try consumer.tick()
        consumer.retryHeld(progress: 7)
        consumer.retryHeld(progress: 7)
        #expect(consumer.pausedBecause != nil)
        #expect(try fixture.applied() == [1])

        // Something was missed behind the wait (the heartbeat is ahead): it is fetched only once
        // the stream moves, not while it waits.
        try fixture.emit(2)
        let heard = try fixture.heartbeatRead(consumer, seq: 5)
        #expect(heard)
        #expect(try fixture.pendingRequest() == nil, "a waiting stream fetches nothing more")
        #expect(consumer.replayRequests == requestsAtStart)

        // Ready now: the next move of another stream lets it go on with 2 and 3, which it kept.
        fixture.applier.ready = true
        consumer.retryHeld(progress: 7)
        #expect(try fixture.applied() == [1], "the same progress does not retry")
        consumer.retryHeld(progress: 8)
        #expect(try fixture.applied() == [1, 2, 3])
        #expect(try fixture.cursor()?.last == 3)
        #expect(consumer.pausedBecause == nil)
        #expect(consumer.applied == 3)
        try consumer.tick()
        let missed = try #require(try fixture.nextRequest(consumer), "once it moves, what was missed is asked for")
        #expect(missed.query.after == 3, "what was held is not fetched again")
        #expect(consumer.replayRequests == requestsAtStart + 1)
        try fixture.answer(missed)
        let all = try fixture.pump(consumer) { try fixture.applied().count >= 5 }
        #expect(all)
        #expect(try fixture.applied() == [1, 2, 3, 4, 5])
    }

    // MARK: a producer that is not the one we knew

    @Test func aReplayAnswerWithAnotherEpochStopsTheStreamWithAProblem() throws {
        let fixture = try ConsumerFixture()
        let consumer = try fixture.startedConsumer()
        try fixture.emit(3)
        try fixture.publish(1)
        let one = try fixture.pump(consumer) { try fixture.applied().count >= 1 }
        #expect(one)
        // A heartbeat of another epoch: the producer's database was rebuilt.
        try fixture.heartbeat(seq: 3, epoch: "feedfacefeedface")
        let request = try #require(try fixture.nextRequest(consumer))
        try fixture.answer(request, epoch: "feedfacefeedface")
        let stopped = try fixture.pump(consumer) { consumer.problem != nil }
        #expect(stopped)
        #expect(consumer.problemKind == .epochChanged(from: fixture.producer.epoch, to: "feedfacefeedface"))
        // Nothing more is applied and nothing more is asked, whatever arrives, until an operator
        // acts: live events, then a heartbeat that shows they were read; an answer nobody asked
        // for, whose higher head shows it was read.
        let requests = consumer.replayRequests
        try fixture.emit(2)
        try fixture.publish(2)
        try fixture.publish(3)
        let heard = try fixture.heartbeatRead(consumer, seq: 4)
        #expect(heard)
        try fixture.sendReply(key: "replay-whistle-50", epoch: fixture.producer.epoch, head: 5, events: [2, 3])
        let answerRead = try fixture.pump(consumer) { consumer.producerHead == 5 }
        #expect(answerRead)
        try consumer.tick()
        #expect(try fixture.applied() == [1])
        #expect(try fixture.cursor()?.last == 1)
        #expect(try fixture.cursor()?.epoch == fixture.producer.epoch, "it never resets by itself")
        #expect(try fixture.pendingRequest() == nil)
        #expect(consumer.replayRequests == requests)
        #expect(consumer.problemKind == .epochChanged(from: fixture.producer.epoch, to: "feedfacefeedface"))
    }

    @Test func aReplayAnswerWhoseHeadIsBelowTheCursorStopsTheStream() throws {
        let fixture = try ConsumerFixture()
        let consumer = try fixture.startedConsumer()
        try fixture.emit(3)
        for seq in Int64(1)...3 { try fixture.publish(seq) }
        let three = try fixture.pump(consumer) { try fixture.applied().count >= 3 }
        #expect(three)
        // The producer was restored from an older backup: it now ends at 1.
        try fixture.heartbeat(seq: 4)
        let request = try #require(try fixture.nextRequest(consumer))
        try fixture.answer(request, head: 1, events: [])
        let stopped = try fixture.pump(consumer) { consumer.problem != nil }
        #expect(stopped)
        #expect(consumer.problemKind == .producerBehind(head: 1, applied: 3))
        // Its new events are not applied, nor asked for: the heartbeat after 4 shows 4 was read.
        let requests = consumer.replayRequests
        try fixture.emit(2)
        try fixture.publish(4)
        let heard = try fixture.heartbeatRead(consumer, seq: 5)
        #expect(heard)
        try consumer.tick()
        #expect(try fixture.applied() == [1, 2, 3])
        #expect(try fixture.cursor()?.last == 3)
        #expect(try fixture.pendingRequest() == nil)
        #expect(consumer.replayRequests == requests)
    }

    // MARK: late and broken answers

    @Test func aLateReplayAnswerToAnEarlierKeyIsStillUsed() throws {
        let fixture = try ConsumerFixture()
        try fixture.emit(3)
        let consumer = try fixture.consumer(timeoutMilliseconds: 100)
        try consumer.start()
        let first = try #require(try fixture.nextRequest(consumer))
        // No answer in time: a tick asks again, with a new key.
        var second: ConsumerFixture.ReplayRequest?
        let deadline = Date().addingTimeInterval(10)
        while second == nil, Date() < deadline {
            try consumer.tick()
            second = try fixture.nextRequest(consumer, timeout: 0.05)
        }
        let retry = try #require(second, "an overdue replay is asked again")
        #expect(retry.key != first.key)
        // The first answer arrives late; it is used.
        try fixture.answer(first)
        let done = try fixture.pump(consumer) { try fixture.applied().count >= 3 }
        #expect(done)
        #expect(try fixture.applied() == [1, 2, 3])
        // The answer to the retry holds 1 to 3 again and a new 4: only 4 is applied.
        try fixture.emit(1)
        try fixture.answer(retry)
        let four = try fixture.pump(consumer) { try fixture.applied().count >= 4 }
        #expect(four)
        #expect(try fixture.applied() == [1, 2, 3, 4])
        #expect(consumer.applied == 4)
        #expect(consumer.appliedFromReplay == 4)
        #expect(try fixture.cursor()?.last == 4)
    }

    @Test func aRefusedReplayIsIgnoredAndTheNextHeartbeatAsksAgain() throws {
        let fixture = try ConsumerFixture()
        try fixture.emit(2)
        let consumer = try fixture.consumer(timeoutMilliseconds: 100)
        try consumer.start()
        let first = try #require(try fixture.nextRequest(consumer))
        try fixture.router.send([first.identity, Data(), Data(#"{"v":1,"key":"\#(first.key)","status":"unavailable","error":{"code":"busy","at":"","message":"locked"}}"#.utf8)])
        let refusalRead = try fixture.pump(consumer) { !consumer.awaitingReplay }
        #expect(refusalRead, "the refusal ends the wait for an answer")
        #expect(try fixture.applied().isEmpty)
        #expect(consumer.problem == nil, "a refusal is not a problem for an operator")
        try fixture.heartbeat(seq: 2)
        let again = try #require(try fixture.nextRequest(consumer), "the heartbeat ahead asks again")
        #expect(again.key != first.key)
        try fixture.answer(again)
        let done = try fixture.pump(consumer) { try fixture.applied().count >= 2 }
        #expect(done)
        #expect(try fixture.applied() == [1, 2])
        #expect(consumer.problem == nil)
    }

    /// A replay answer holding something that is not an envelope must not escape from
    /// drainReplies: in a service that error would end the event loop and stop the process.
    @Test func anUndecodableEventInAReplayAnswerDoesNotStopTheConsumer() throws {
        let fixture = try ConsumerFixture()
        try fixture.emit(3)
        let consumer = try fixture.startedConsumer(answeringWith: [])
        let events = try fixture.envelopes([1]) + [#"{"v":1,"seq":"two"}"#] + fixture.envelopes([3])
        try fixture.sendRawReply(key: "replay-whistle-7", body: #"{"epoch":"\#(fixture.producer.epoch)","events":[\#(events.joined(separator: ","))],"head":3}"#)
        var escaped: (any Error)?
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, consumer.problemKind == nil {
            do {
                try consumer.drainReplies()
            } catch {
                escaped = error
                break
            }
            _ = try ZMQPoller.poll([.socket(consumer.dealer)], timeoutMilliseconds: 20)
        }
        #expect(escaped == nil, "drainReplies threw \(String(describing: escaped)) — StreamConsumer.take decodes replayed events with `try`, so one bad event in an answer stops the service's event loop")
        #expect(try fixture.applied() == [1], "1 is applied, nothing after the bad event: it would skip over a hole")
        #expect(consumer.problemKind == .unreadableEvent(after: 1))
    }

    // MARK: sparse mode

    /// A consumer of one rare type hears neither the other events live nor their bytes in a
    /// replay: it asks for its type only, applies what comes, and its cursor moves to where the
    /// producer looked.
    @Test func aSparseConsumerAppliesOnlyItsTypeAndItsCursorFollowsTheSearch() throws {
        let fixture = try ConsumerFixture()
        try fixture.emit(3)
        try fixture.emit(type: "routed")
        try fixture.emit(2)
        let consumer = try fixture.sparseConsumer(["routed"])
        try consumer.start()
        let first = try #require(try fixture.nextRequest(consumer))
        #expect(first.query.types == ["routed"])
        #expect(first.query.after == 0)
        try fixture.answerSparse(first)
        let applied = try fixture.pump(consumer) { try fixture.cursor()?.last == 6 }
        #expect(applied)
        #expect(try fixture.applied() == [4])
        // Live events of other types are not even received; a heartbeat ahead asks again.
        try fixture.emit(2)
        for seq: Int64 in [7, 8] { try fixture.publish(seq) }
        try fixture.heartbeat(seq: 8)
        let again = try #require(try fixture.nextRequest(consumer))
        #expect(again.query.after == 6)
        try fixture.answerSparse(again)
        let moved = try fixture.pump(consumer) { try fixture.cursor()?.last == 8 }
        #expect(moved)
        #expect(try fixture.applied() == [4])
        #expect(consumer.applied == 1)
    }

    /// An event of the consumer's type published live only wakes it: it is fetched by replay, with
    /// any other of its type that was missed, and applied once, in order.
    @Test func aSparseConsumerIsWokenByItsTypeAndMissesNothing() throws {
        let fixture = try ConsumerFixture()
        let consumer = try fixture.sparseConsumer(["routed"])
        try consumer.start()
        try fixture.answerSparse(try #require(try fixture.nextRequest(consumer)))
        _ = try fixture.pump(consumer) { consumer.epoch != nil }
        try fixture.emit(type: "routed")
        try fixture.emit(1)
        try fixture.emit(type: "routed")
        // Only the second is published; the first was "lost" on the way.
        try fixture.publish(3, topic: "whistle.routed.")
        let request = try #require(try fixture.nextRequest(consumer))
        #expect(request.query.after == 0)
        try fixture.answerSparse(request)
        let both = try fixture.pump(consumer) { try fixture.applied().count == 2 }
        #expect(both)
        #expect(try fixture.applied() == [1, 3])
        #expect(try fixture.cursor()?.last == 3)
    }

    /// A search by type looks at a bounded span of the outbox, so a consumer far behind catches
    /// up in steps: with a limit of 1, twenty events at a time.
    @Test func aSearchByTypeLooksAtABoundedSpan() throws {
        let fixture = try ConsumerFixture()
        try fixture.emit(30)
        try fixture.emit(type: "routed")
        let first = try fixture.producer.events(after: 0, limit: 1, types: ["routed"])
        #expect(first.envelopes.isEmpty)
        #expect(first.through == 20)
        let second = try fixture.producer.events(after: 20, limit: 1, types: ["routed"])
        #expect(second.envelopes.count == 1)
        #expect(second.through == 31)
        let none = try fixture.producer.events(after: 31, limit: 500, types: ["routed"])
        #expect(none.envelopes.isEmpty && none.through == 31)
    }

    /// A producer that answers a sparse replay without `through` cannot be followed: the stream
    /// stops for an operator instead of guessing.
    @Test func aSparseAnswerWithoutThroughStopsTheStream() throws {
        let fixture = try ConsumerFixture()
        let consumer = try fixture.sparseConsumer(["routed"])
        try consumer.start()
        let request = try #require(try fixture.nextRequest(consumer))
        try fixture.answer(request, events: [])
        let stopped = try fixture.pump(consumer) { consumer.problem != nil }
        #expect(stopped)
    }
}

/// The fake producer, the consumer's store and the apply closure's controls.
final class ConsumerFixture {
    /// The producers' heartbeat interval the consumers are told.
    static let heartbeatMilliseconds = 200
    struct Payload: Codable, Sendable, Equatable { var n: Int }

    /// What the apply closure does: record the event, then refuse or wait as told.
    final class Applier {
        var refuse: [Int64: ProtocolError] = [:]
        var notReadyAt: Int64?
        var ready = false

        func apply(_ event: ReceivedEvent, _ transaction: inout Transaction) throws {
            try transaction.db.execute("INSERT INTO applied(seq, type) VALUES (?, ?)", [event.head.seq, event.head.type])
            if let refusal = refuse[event.head.seq] { throw refusal }
            if event.head.seq == notReadyAt, !ready { throw ProtocolError.notReady("waiting for the test to say ready") }
        }
    }

    struct ReplayRequest {
        var identity: Data
        var key: String
        var query: ReplayQuery
    }

    let directory: URL
    let context: ZMQContext
    let producer: ServiceStore
    let consumerStore: ServiceStore
    let pub: ZMQSocket
    let router: ZMQSocket
    let endpoints: Endpoints.Producer
    let applier = Applier()
    private var consumers: [StreamConsumer] = []

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("consumer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        producer = try ServiceStore(path: directory.appendingPathComponent("whistle.sqlite").path, stream: .whistle,
                                    durability: .normal, migrations: [])
        consumerStore = try ServiceStore(path: directory.appendingPathComponent("response.sqlite").path, stream: .response,
                                         durability: .normal,
                                         migrations: [("test-1", "CREATE TABLE applied(seq INTEGER NOT NULL, type TEXT NOT NULL)")])
        context = try ZMQContext()
        let name = UUID().uuidString
        endpoints = Endpoints.Producer(pub: "inproc://\(name)-pub", router: "inproc://\(name)-router")
        pub = try ZMQSocket(context, .pub)
        try pub.bind(endpoints.pub)
        router = try ZMQSocket(context, .router)
        try router.bind(endpoints.router)
    }

    deinit {
        for consumer in consumers { consumer.close() }
        pub.close()
        router.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A consumer of the whistle stream whose SUB is known to be subscribed (probes under
    /// `whistle.`, one of the roots it subscribes to, until one arrives; drained before it reads).
    func consumer(timeoutMilliseconds: Int = 60_000) throws -> StreamConsumer {
        let applier = self.applier
        let consumer = try StreamConsumer(
            stream: .whistle, endpoints: endpoints, sockets: SocketFactory(context: context), store: consumerStore, batch: 500,
            timeoutMilliseconds: timeoutMilliseconds, heartbeatMilliseconds: Self.heartbeatMilliseconds, logger: Logger(label: "test", minimum: .error, sink: CapturingSink()),
            apply: { event, transaction in try applier.apply(event, &transaction) }, publish: { _ in })
        consumers.append(consumer)
        let deadline = Date().addingTimeInterval(10)
        var subscribed = false
        while !subscribed, Date() < deadline {
            try pub.send([Data("whistle.probe.".utf8), Data("{}".utf8)])
            subscribed = try ZMQPoller.poll([.socket(consumer.sub)], timeoutMilliseconds: 20)[0]
        }
        while try consumer.sub.receive(dontWait: true) != nil {}
        guard subscribed else { throw FixtureError("the consumer's SUB never received a probe") }
        return consumer
    }

    /// A sparse consumer of `types`, subscribed (a heartbeat it ignores proves it).
    func sparseConsumer(_ types: [String]) throws -> StreamConsumer {
        let applier = self.applier
        let consumer = try StreamConsumer(
            stream: .whistle, only: types, endpoints: endpoints, sockets: SocketFactory(context: context),
            store: consumerStore, batch: 500, timeoutMilliseconds: 60_000, heartbeatMilliseconds: Self.heartbeatMilliseconds,
            logger: Logger(label: "test", minimum: .error, sink: CapturingSink()),
            apply: { event, transaction in try applier.apply(event, &transaction) }, publish: { _ in })
        consumers.append(consumer)
        let deadline = Date().addingTimeInterval(10)
        var subscribed = false
        while !subscribed, Date() < deadline {
            try heartbeat(seq: 0)
            subscribed = try ZMQPoller.poll([.socket(consumer.sub)], timeoutMilliseconds: 20)[0]
        }
        while try consumer.sub.receive(dontWait: true) != nil {}
        guard subscribed else { throw FixtureError("the sparse consumer's SUB never received a heartbeat") }
        return consumer
    }

    /// Answers a replay of some types as ServiceHost's `replay` does.
    func answerSparse(_ request: ReplayRequest) throws {
        let limit = min(max(request.query.limit ?? 500, 1), 500)
        let (stored, through) = try producer.events(after: request.query.after, limit: limit, types: request.query.types ?? [])
        try sendRawReply(key: request.key, to: request.identity,
                         body: #"{"epoch":"\#(producer.epoch)","events":[\#(stored.joined(separator: ","))],"head":\#(producer.head),"through":\#(through)}"#)
    }

    /// A consumer that has asked for the stream at start and been answered (epoch adopted).
    func startedConsumer(answeringWith events: [Int64]? = nil) throws -> StreamConsumer {
        let consumer = try consumer()
        try consumer.start()
        guard let request = try nextRequest(consumer) else { throw FixtureError("no replay at start") }
        try answer(request, events: events)
        let deadline = Date().addingTimeInterval(10)
        while consumer.epoch == nil, Date() < deadline {
            _ = try ZMQPoller.poll([.socket(consumer.dealer)], timeoutMilliseconds: 20)
            try consumer.drainReplies()
        }
        guard consumer.epoch != nil else { throw FixtureError("the start replay was not taken") }
        return consumer
    }

    // MARK: the producer

    func emit(_ count: Int) throws {
        _ = try producer.write { transaction in
            for n in 0..<count {
                try transaction.emit("raised", topic: "whistle.raised.", at: Date(), Payload(n: n))
            }
        }
    }

    /// One event of `type` (published on `whistle.<type>.` when asked).
    func emit(type: String) throws {
        _ = try producer.write { transaction in
            try transaction.emit(type, topic: "whistle.\(type).", at: Date(), Payload(n: 0))
        }
    }

    func envelopes(_ seqs: [Int64]) throws -> [String] {
        try seqs.map { seq in
            guard let envelope = try producer.events(after: seq - 1, limit: 1).first else {
                throw FixtureError("no stored event \(seq)")
            }
            return envelope
        }
    }

    func publish(_ seq: Int64, topic: String = "whistle.raised.") throws {
        try pub.send([Data(topic.utf8), Data(try envelopes([seq])[0].utf8)])
    }

    func publishRaw(_ frames: [Data]) throws {
        try pub.send(frames)
    }

    func heartbeat(seq: Int64, epoch: String? = nil) throws {
        var envelope = Envelope(stream: .whistle, epoch: epoch ?? producer.epoch, seq: seq, time: Instant(Date()),
                                type: "status", data: EmptyBody())
        envelope.id = "status/whistle/\(envelope.epoch)/\(seq)"
        try pub.send([Data("status.whistle.".utf8), try JSONCoding.encode(envelope)])
    }

    /// Emits and publishes the next event, then drives the consumer until it is applied. The SUB
    /// delivers in order, so everything published before it has been read by then.
    func applyNext(_ consumer: StreamConsumer) throws -> Bool {
        try emit(1)
        let seq = producer.head
        try publish(seq)
        return try pump(consumer) { try applied().contains(seq) }
    }

    /// Publishes a heartbeat at `seq`, above any head heard so far, and drives the consumer until
    /// its producer head shows it was read: so was everything published before it.
    func heartbeatRead(_ consumer: StreamConsumer, seq: Int64) throws -> Bool {
        guard consumer.producerHead < seq else { throw FixtureError("heartbeat \(seq) would not move the head") }
        try heartbeat(seq: seq)
        return try pump(consumer) { consumer.producerHead == seq }
    }

    /// The next replay request the consumer sends, within `timeout`; the consumer reads what
    /// was published to it meanwhile (a heartbeat or a gap is what makes it ask).
    func nextRequest(_ consumer: StreamConsumer, timeout: TimeInterval = 5) throws -> ReplayRequest? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let request = try pendingRequest() { return request }
            _ = try ZMQPoller.poll([.socket(router), .socket(consumer.sub), .socket(consumer.dealer)], timeoutMilliseconds: 10)
            try consumer.drainLive()
            try consumer.drainReplies()
        } while Date() < deadline
        return nil
    }

    /// A replay request waiting now, if any.
    func pendingRequest() throws -> ReplayRequest? {
        guard let frames = try router.receive(dontWait: true) else { return nil }
        guard frames.count == 3, frames[1].isEmpty else { throw FixtureError("a request of \(frames.count) frames") }
        lastIdentity = frames[0]
        let request = try Request(decoding: frames[2], limit: 65_536)
        guard request.head.cmd == "replay", let key = request.head.key else {
            throw FixtureError("not a keyed replay: \(String(decoding: frames[2], as: UTF8.self))")
        }
        return ReplayRequest(identity: frames[0], key: key, query: try request.body(ReplayQuery.self))
    }

    /// Answers `request` as ServiceHost's `replay` does; `epoch`, `head` and `events` override the truth.
    func answer(_ request: ReplayRequest, epoch: String? = nil, head: Int64? = nil, events: [Int64]? = nil) throws {
        let limit = min(max(request.query.limit ?? 500, 1), 500)
        let stored = try events.map { try envelopes($0) } ?? producer.events(after: request.query.after, limit: limit)
        try sendRawReply(key: request.key, to: request.identity,
                         body: #"{"epoch":"\#(epoch ?? producer.epoch)","events":[\#(stored.joined(separator: ","))],"head":\#(head ?? producer.head)}"#)
    }

    /// A replay answer the consumer did not ask for (or asked for long ago), to every consumer.
    func sendReply(key: String, epoch: String, head: Int64, events: [Int64]) throws {
        try sendRawReply(key: key, body: #"{"epoch":"\#(epoch)","events":[\#(try envelopes(events).joined(separator: ","))],"head":\#(head)}"#)
    }

    func sendRawReply(key: String, to identity: Data? = nil, body: String) throws {
        let reply = Data(#"{"body":\#(body),"key":"\#(key)","status":"ok","v":1}"#.utf8)
        if let identity {
            try router.send([identity, Data(), reply])
            return
        }
        // Unsolicited: answer on the identity of the last request seen, or wait for one.
        guard let identity = lastIdentity else { throw FixtureError("no consumer has connected yet") }
        try router.send([identity, Data(), reply])
    }

    /// The identity the ROUTER knows the consumer's DEALER by (from its first request).
    var lastIdentity: Data?

    // MARK: the consumer's store

    func applied() throws -> [Int64] {
        try consumerStore.db.query("SELECT seq FROM applied ORDER BY rowid").compactMap { $0.int64(0) }
    }

    func cursor() throws -> (epoch: String, last: Int64)? {
        try consumerStore.cursor(.whistle)
    }

    /// Drives the consumer until `condition` holds or `timeout` passes; returns whether it held.
    func pump(_ consumer: StreamConsumer, timeout: TimeInterval = 5, until condition: () throws -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            _ = try ZMQPoller.poll([.socket(consumer.sub), .socket(consumer.dealer)], timeoutMilliseconds: 10)
            try consumer.drainLive()
            try consumer.drainReplies()
            if try condition() { return true }
        } while Date() < deadline
        return false
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
