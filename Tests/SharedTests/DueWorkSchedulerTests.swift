import Foundation
import GridDomain
import GridLogging
import GridRuntime
import GridStore
import GridWire
import Testing

/// Due work in a real store on disk, fired by the scheduler on a manual clock: armed, moved and
/// cancelled with the state it watches, fired once each, in due order, in bounded batches, with
/// its own due time as "now".
@Suite struct DueWorkSchedulerTests {
    let directory: URL
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("due-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    struct Fired: Codable, Sendable, Equatable { var subject: String; var at: Instant }

    final class Published: @unchecked Sendable {
        // @unchecked: used from the test's one thread only.
        var events: [StoredEvent] = []
    }

    /// A store, a manual clock, and a scheduler whose rule for `taskClock` emits `fired` with
    /// the item's subject and due time; `extra` runs inside the rule too.
    func make(batch: Int = 1_000, budgetMilliseconds: Int = 10_000,
              extra: @escaping (DueWork, inout Transaction) throws -> Void = { _, _ in })
        throws -> (ServiceStore, ManualWallClock, DueWorkScheduler, Published) {
        let store = try ServiceStore(path: directory.appendingPathComponent("response.sqlite").path, stream: .response,
                                     migrations: [])
        let clock = ManualWallClock(start)
        let published = Published()
        let scheduler = DueWorkScheduler(store: store, clock: clock, batch: batch,
                                         budgetMilliseconds: budgetMilliseconds,
                                         logger: Logger(label: "test", minimum: .error, sink: CapturingSink()),
                                         publish: { published.events += $0 })
        scheduler.handle(.taskClock) { work, transaction in
            try transaction.emit("fired", topic: "fired.", at: work.at, Fired(subject: work.subject, at: Instant(work.at)))
            try extra(work, &transaction)
        }
        return (store, clock, scheduler, published)
    }

    func arm(_ store: ServiceStore, _ changes: [DueChange]) throws {
        _ = try store.write { transaction in try transaction.apply(changes) }
    }

    func item(_ subject: String, _ seconds: TimeInterval) -> DueWork {
        DueWork(kind: .taskClock, subject: subject, at: start + seconds)
    }

    /// The armed and set-aside counts the store keeps, checked against a count of the table.
    func counts(_ store: ServiceStore) throws -> (armed: Int64, failed: Int64) {
        let table = try store.dueWorkCountsInTable()
        #expect(store.dueCounts == table, "the counts kept in memory match the table")
        return table
    }

    func fired(_ published: Published) throws -> [Fired] {
        try published.events.map { try ReceivedEvent(decoding: $0.envelope).payload(Fired.self) }
    }

    /// A batch whose rules are slow stops once it has had its time and lets the loop serve what
    /// waits; the next batches fire the rest, each item once and in due order.
    @Test func aBatchStopsTakingItemsOnceItHasHadItsTime() throws {
        // Each rule takes about 2 ms; a batch may run 5 ms: it takes a few items, never all 40.
        let (store, clock, scheduler, published) = try make(batch: 1_000, budgetMilliseconds: 5) { _, _ in
            usleep(2_000)
        }
        try arm(store, (0..<40).map { .arm(item("W\($0)", TimeInterval($0))) })
        clock.set(start + 60)
        #expect(try scheduler.fireBatch(), "more is due after the first batch")
        let first = published.events.count
        #expect((1..<40).contains(first))
        try scheduler.fireAllDue()
        let fired = try published.events.map { try ReceivedEvent(decoding: $0.envelope).payload(Fired.self).subject }
        #expect(fired == (0..<40).map { "W\($0)" })
        #expect(scheduler.batches > 1)
    }

    @Test func nothingFiresBeforeItsTimeAndTheLoopSleepsUntilThen() throws {
        let (store, clock, scheduler, published) = try make()
        #expect(scheduler.delay() == nil, "nothing armed: no wake-up")
        try arm(store, [.arm(item("a", 90))])
        #expect(scheduler.delay() == nil, "a manual clock moves only when told: no wake-up until it does")
        #expect(try scheduler.fireBatch() == false)
        clock.advance(by: 89.999)
        #expect(scheduler.delay() == nil)
        #expect(published.events.isEmpty)
        clock.advance(by: 0.001)
        #expect(scheduler.delay() == 0)
        try scheduler.fireAllDue()
        #expect(try fired(published) == [Fired(subject: "a", at: Instant(start + 90))])
        #expect(scheduler.delay() == nil)
        #expect(try counts(store).armed == 0)
    }

    /// A clock that is not the test clock, set by hand: the machine's clock as the scheduler sees it.
    final class SetClock: WallClock, @unchecked Sendable {
        // @unchecked: read and set from the test's one thread only.
        var time: Date
        init(_ time: Date) { self.time = time }
        func now() -> Date { time }
    }

    @Test func onTheMachinesClockTheLoopSleepsExactlyUntilTheNextDueTime() throws {
        let (store, _, _, _) = try make()
        let clock = SetClock(start)
        let scheduler = DueWorkScheduler(store: store, clock: clock, batch: 10,
                                         logger: Logger(label: "test", minimum: .error, sink: CapturingSink()), publish: { _ in })
        try arm(store, [.arm(item("a", 90))])
        #expect(scheduler.delay() == 90_000)
        clock.time = start + 89.9995
        #expect(scheduler.delay() == 1, "half a millisecond, rounded up")
        clock.time = start + 90
        #expect(scheduler.delay() == 0)
    }

    @Test func itemsFireOnceEachInDueOrderWithTheirOwnTimeAsNow() throws {
        let (store, clock, scheduler, published) = try make()
        try arm(store, [.arm(item("late", 30)), .arm(item("early", 10)), .arm(item("middle", 20))])
        clock.advance(by: 3_600)
        try scheduler.fireAllDue()
        try scheduler.fireAllDue()
        #expect(try fired(published).map(\.subject) == ["early", "middle", "late"])
        #expect(try fired(published).map(\.at) == [10, 20, 30].map { Instant(start + $0) })
        #expect(published.events.map(\.seq) == [1, 2, 3])
        #expect(scheduler.fired == 3)
    }

    @Test func armingAgainMovesAnItemAndCancellingRemovesIt() throws {
        let (store, clock, scheduler, published) = try make()
        try arm(store, [.arm(item("moved", 10)), .arm(item("cancelled", 20))])
        try arm(store, [.arm(item("moved", 40)), .cancel(.taskClock, subject: "cancelled")])
        #expect(try counts(store).armed == 1)
        clock.advance(by: 30)
        try scheduler.fireAllDue()
        #expect(published.events.isEmpty, "the moved item is not due yet, the cancelled one never")
        clock.advance(by: 10)
        try scheduler.fireAllDue()
        #expect(try fired(published) == [Fired(subject: "moved", at: Instant(start + 40))])
    }

    @Test func armsWrittenTogetherCountNewMovedAndSetAsideItemsRight() throws {
        let (store, clock, scheduler, published) = try make { work, _ in
            if work.subject == "s0" { throw ProtocolError(.internal, "corrupt_task", "unreadable") }
        }
        try arm(store, (0..<10).map { .arm(item("s\($0)", 1)) })
        clock.advance(by: 1)
        try scheduler.fireAllDue()
        #expect(try counts(store) == (armed: 0, failed: 1), "s0 set aside, the rest fired")
        // One transaction: a set-aside item armed again, new items, and one of them moved twice.
        try arm(store, [.arm(item("s0", 50)), .arm(item("n1", 40)), .arm(item("n2", 30)), .arm(item("n1", 60))])
        #expect(try counts(store) == (armed: 3, failed: 0))
        let armed = try store.write { transaction in try transaction.dueWork(by: start + 3_600, limit: 10) }.0
        #expect(armed.map(\.subject) == ["n2", "s0", "n1"], "n1 moved to its last time")
        #expect(published.events.count == 9)
    }

    @Test func aCancelInARolledBackTransactionLeavesTheItemArmed() throws {
        let (store, clock, scheduler, published) = try make()
        try arm(store, [.arm(item("kept", 10))])
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            _ = try store.write { transaction in
                try transaction.apply([.cancel(.taskClock, subject: "kept")])
                throw Refused()
            }
        }
        clock.advance(by: 10)
        try scheduler.fireAllDue()
        #expect(try fired(published).map(\.subject) == ["kept"])
    }

    @Test func aBatchStepsAsideAfterTheItemInHandWhenOthersWait() throws {
        let (store, clock, scheduler, published) = try make(batch: 100)
        try arm(store, (0..<5).map { .arm(item("w\($0)", 5)) })
        clock.advance(by: 5)
        var waiting = true
        scheduler.yieldsTo { waiting }
        #expect(try scheduler.fireBatch(), "one item, then the rest waits")
        #expect(published.events.count == 1)
        waiting = false
        #expect(try scheduler.fireBatch() == false, "nothing waits: the rest in one batch")
        #expect(published.events.count == 5)
        #expect(scheduler.batches == 2)
    }

    @Test func aCrowdFallingDueAtOnceFiresInBoundedBatches() throws {
        let (store, clock, scheduler, published) = try make(batch: 100)
        try arm(store, (0..<250).map { .arm(item(String(format: "s%03d", $0), 5)) })
        clock.advance(by: 5)
        #expect(try scheduler.fireBatch() == true, "a full batch says more may be due")
        #expect(published.events.count == 100)
        #expect(try scheduler.fireBatch() == true)
        #expect(try scheduler.fireBatch() == false)
        #expect(published.events.count == 250)
        #expect(scheduler.batches == 3)
        #expect(Set(try fired(published).map(\.subject)).count == 250)
    }

    @Test func workArmedWhileFiringFiresInTheSameStepIfItIsDueByThen() throws {
        let (store, clock, scheduler, published) = try make { work, transaction in
            // The first item arms a follow-up ten seconds after itself, once.
            guard work.subject == "first" else { return }
            try transaction.apply([.arm(DueWork(kind: .taskClock, subject: "follow-up", at: work.at + 10))])
        }
        try arm(store, [.arm(item("first", 10)), .arm(item("last", 60))])
        clock.advance(by: 100)
        try scheduler.fireAllDue()
        #expect(try fired(published).map(\.subject) == ["first", "follow-up", "last"])
        #expect(try fired(published).map(\.at) == [10, 20, 60].map { Instant(start + $0) })
    }

    @Test func aRuleThatFailsIsSetAsideWithItsReasonAndTheRestFire() throws {
        let broken = ProtocolError(.internal, "corrupt_task", "the task row is corrupt")
        let (store, clock, scheduler, published) = try make { work, transaction in
            if work.subject == "broken" {
                try transaction.db.execute("INSERT INTO meta(key, value) VALUES ('scratch', 'x')", [])
                throw broken
            }
        }
        try arm(store, [.arm(item("before", 1)), .arm(item("broken", 2)), .arm(item("after", 3))])
        clock.advance(by: 10)
        try scheduler.fireAllDue()
        #expect(try fired(published).map(\.subject) == ["before", "after"])
        #expect(try counts(store) == (armed: 0, failed: 1))
        let reason = try store.db.queryFirst("SELECT failed FROM due_work WHERE subject = 'broken'")?.string("failed")
        #expect(reason == broken.description)
        #expect(try store.db.queryFirst("SELECT value FROM meta WHERE key = 'scratch'") == nil,
                "the failed rule's writes were undone")
        clock.advance(by: 100)
        try scheduler.fireAllDue()
        #expect(published.events.count == 2, "a set-aside item is not retried")
    }

    @Test func aFailureThatMayPassAbandonsTheBatchAndPausesWithoutSettingAnythingAside() throws {
        struct DiskFull: Error {}
        var failing = true
        let (store, clock, scheduler, published) = try make { _, _ in
            if failing { throw DiskFull() }
        }
        try arm(store, [.arm(item("a", 1)), .arm(item("b", 2))])
        clock.advance(by: 10)
        #expect(scheduler.fire() == false)
        #expect(scheduler.problem != nil)
        #expect(published.events.isEmpty)
        #expect(try counts(store) == (armed: 2, failed: 0), "both still armed, none set aside")
        #expect((scheduler.delay() ?? 0) > 0, "it waits before trying again")
        failing = false
        // The pause is bounded: the retry comes within a few hundred milliseconds.
        let deadline = Date().addingTimeInterval(5)
        while published.events.count < 2, Date() < deadline {
            _ = scheduler.fire()
            usleep(10_000)
        }
        #expect(published.events.count == 2)
        #expect(scheduler.problem == nil)
    }

    @Test func aRowOfAnUnknownKindIsSetAsideNotDueForever() throws {
        let (store, clock, scheduler, published) = try make()
        try arm(store, [.arm(item("known", 5))])
        try store.db.execute("INSERT INTO due_work(kind, subject, at) VALUES ('renamed_kind', 'x', ?)",
                             [Int64((start.timeIntervalSince1970 + 1) * 1000)])
        try store.recheckDue()
        try store.recountDueWork()
        clock.advance(by: 10)
        try scheduler.fireAllDue()
        #expect(try fired(published).map(\.subject) == ["known"])
        #expect(try counts(store) == (armed: 0, failed: 1))
        #expect(scheduler.delay() == nil, "nothing is due any more")
    }

    @Test func dueWorkSurvivesAReopenAndWhatIsOverdueFiresFirstThing() throws {
        do {
            let (store, _, _, _) = try make()
            try arm(store, [.arm(item("a", 10)), .arm(item("b", 20))])
            store.close()
        }
        let (store, clock, scheduler, published) = try make()
        #expect(store.earliestDue == start + 10)
        clock.advance(by: 15)
        try scheduler.fireAllDue()
        #expect(try fired(published).map(\.subject) == ["a"])
        #expect(try counts(store).armed == 1)
    }

    @Test func aCheckArmedAMillisecondPastADeadlineReadsBackPastIt() throws {
        let (store, _, _, _) = try make()
        // Deadlines with millisecond fractions, as a whistle routed at 16:00:00.001 has.
        let deadlines: [Date] = (0..<500).map { (n: Int) -> Date in start + 0.001 * Double(n) + 0.000_4 * Double(n % 3) }
        var changes: [DueChange] = []
        for (index, deadline) in deadlines.enumerated() {
            changes.append(.arm(DueWork(kind: .taskClock, subject: "t\(index)", at: TaskRules.overdueCheck(after: deadline))))
        }
        try arm(store, changes)
        let (read, _) = try store.write { transaction in try transaction.dueWork(by: start + 3_600, limit: 1_000) }
        #expect(read.count == deadlines.count)
        for work in read {
            let deadline = deadlines[Int(work.subject.dropFirst())!]
            #expect(work.at > deadline, "\(work.subject): armed at \(work.at.timeIntervalSince1970) for \(deadline.timeIntervalSince1970)")
        }
    }

    @Test func theTestClockIsStoredWithTheTransactionThatMovesIt() throws {
        let (store, _, _, _) = try make()
        #expect(try store.storedTestClock() == nil)
        _ = try store.write { transaction in try transaction.storeTestClock(start + 3_600) }
        #expect(try store.storedTestClock() == start + 3_600)
    }
}
