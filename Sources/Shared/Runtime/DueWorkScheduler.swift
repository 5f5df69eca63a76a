import Dispatch
import Foundation
import GridDomain
import GridLogging
import GridStore
import GridWire

/// The third source of writes: due work in the service's own database, fired once its time has
/// come, through the same transactions and outbox as commands and consumed events.
///
/// A batch takes at most `batch` items due by now, oldest first, in one transaction, and stops
/// taking more once it has run `budgetMilliseconds` or something waits to be read (``yieldsTo``),
/// so that commands and consumed events behind a crowd of clocks falling due at once wait for
/// one item and a commit, not for the crowd: each item is
/// taken off the table and its kind's rule runs with the item's own due time as "now", so an event
/// it emits carries that time whether the item fires on time, at a test-clock step or at a start
/// after downtime. The batch commits, then its events are published. A rule that fails with a
/// permanent refusal is undone alone and its item set aside with the reason (`dueSetAside`),
/// never lost and never retried blindly; a failure that may pass (storage) pauses the scheduler.
public final class DueWorkScheduler {
    public typealias Rule = (DueWork, inout Transaction) throws -> Void

    private let store: ServiceStore
    private let clock: any WallClock
    private let batch: Int
    private let budget: UInt64
    private let logger: Logger
    private let publish: ([StoredEvent]) -> Void
    private var rules: [DueWork.Kind: Rule] = [:]
    private var othersWait: () -> Bool = { false }
    /// Items fired (their rule ran and committed) and the batches that fired them.
    public private(set) var fired: Int64 = 0
    public private(set) var batches: Int64 = 0

    public init(store: ServiceStore, clock: any WallClock, batch: Int, budgetMilliseconds: Int = 5, logger: Logger,
                publish: @escaping ([StoredEvent]) -> Void) {
        self.store = store
        self.clock = clock
        self.batch = max(1, batch)
        budget = UInt64(max(1, budgetMilliseconds)) * 1_000_000
        self.logger = logger
        self.publish = publish
    }

    /// `othersWait` says whether input waits to be served (the service's poll loop asks its
    /// sockets); a batch then commits after the item in hand.
    public func yieldsTo(_ othersWait: @escaping () -> Bool) {
        self.othersWait = othersWait
    }

    /// What to do when an item of `kind` falls due.
    public func handle(_ kind: DueWork.Kind, _ rule: @escaping Rule) {
        rules[kind] = rule
    }

    /// Milliseconds until something may be due (0: now), nil when nothing is armed: the poll
    /// loop's timeout, so nothing sleeps past a due time and nothing polls for none. A manual
    /// clock does not move by itself, so it is either due now or not until the clock moves. After a
    /// storage failure the scheduler waits `retryMilliseconds` before it tries again.
    public func delay() -> Int? {
        if let retryAt = pausedUntil {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now >= retryAt else { return Int((retryAt - now) / 1_000_000) + 1 }
        }
        guard let earliest = store.earliestDue else { return nil }
        let seconds = earliest.timeIntervalSince(clock.now())
        if clock is ManualWallClock { return seconds <= 0 ? 0 : nil }
        return seconds <= 0 ? 0 : Int((seconds * 1000).rounded(.up))
    }

    /// Set while firing fails for a reason that may pass (a locked or full database): the service
    /// reports it and tries again every `retryMilliseconds`, as a consumer does.
    public private(set) var problem: String?
    public static let retryMilliseconds = 250
    private var pausedUntil: UInt64?

    /// Fires one batch, as ``fireBatch()``, but a failure pauses the scheduler and becomes its
    /// ``problem`` instead of ending the service; true when more may be due.
    public func fire() -> Bool {
        do {
            let more = try fireBatch()
            (problem, pausedUntil) = (nil, nil)
            return more
        } catch {
            problem = "due work cannot fire: \(error)"
            pausedUntil = DispatchTime.now().uptimeNanoseconds + UInt64(Self.retryMilliseconds) * 1_000_000
            logger.error("due work paused", ["error": error])
            return false
        }
    }

    /// Fires one batch of what is due by now; true when more may be due (call again soon). A rule's
    /// permanent refusal sets its item aside; anything else abandons the whole batch and is thrown.
    @discardableResult
    public func fireBatch() throws -> Bool {
        guard delay() == 0 else { return false }
        let now = clock.now()
        let rules = self.rules
        let (budget, started, othersWait) = (self.budget, DispatchTime.now().uptimeNanoseconds, self.othersWait)
        let ((count, setAside, more), events) = try store.write { transaction -> (Int, [(DueWork, String)], Bool) in
            let due = try transaction.dueWork(by: now, limit: batch)
            var taken = 0
            var setAside: [(DueWork, String)] = []
            for work in due {
                // Work a rule armed that falls due before this item goes first: the next batch.
                if let armed = transaction.earliestArmed, armed < work.at { break }
                // The batch has had its time, or others wait: the rest goes in the next round.
                if taken > 0, DispatchTime.now().uptimeNanoseconds - started >= budget || othersWait() { break }
                taken += 1
                try transaction.remove(work)
                do {
                    try transaction.attempt { transaction in
                        guard let rule = rules[work.kind] else {
                            throw ProtocolError(.internal, "no_rule", "no rule handles due work of kind \(work.kind.rawValue)")
                        }
                        try rule(work, &transaction)
                    }
                } catch where StreamConsumer.isPermanent(error) && transaction.db.isInTransaction {
                    try transaction.setAside(work, reason: "\(error)")
                    setAside.append((work, "\(error)"))
                }
            }
            return (taken, setAside, taken < due.count || due.count == batch)
        }
        for (work, reason) in setAside {
            logger.error("due work set aside", ["kind": work.kind.rawValue, "subject": work.subject, "reason": reason])
        }
        if !more { try store.recheckDue() }
        guard count > 0 else { return false }
        batches += 1
        fired += Int64(count - setAside.count)
        publish(events)
        return more
    }

    /// Fires batches until nothing is due by now (tests drive a manual clock this way).
    public func fireAllDue() throws {
        while try fireBatch() {}
    }
}

@available(*, unavailable)
extension DueWorkScheduler: Sendable {}
