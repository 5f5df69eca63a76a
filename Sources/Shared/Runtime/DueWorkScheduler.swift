import Foundation
import GridDomain
import GridLogging
import GridStore
import GridWire

/// The third source of writes: due work in the service's own database, fired once its time has
/// come, through the same transactions and outbox as commands and consumed events.
///
/// A batch takes at most `batch` items due by now, oldest first, in one transaction: each item is
/// taken off the table and its kind's rule runs with the item's own due time as "now", so an event
/// it emits carries that time whether the item fires on time, at a test-clock step or at a start
/// after downtime. The batch commits, then its events are published. A rule that fails is undone
/// alone and its item set aside with the reason (`dueFailed`), never lost and never retried blindly.
public final class DueWorkScheduler {
    public typealias Rule = (DueWork, inout Transaction) throws -> Void

    private let store: ServiceStore
    private let clock: any WallClock
    private let batch: Int
    private let logger: Logger
    private let publish: ([StoredEvent]) -> Void
    private var rules: [DueWork.Kind: Rule] = [:]
    /// Items fired (their rule ran and committed), batches committed, and items set aside.
    public private(set) var fired: Int64 = 0
    public private(set) var batches: Int64 = 0
    public private(set) var setAside: Int64 = 0

    public init(store: ServiceStore, clock: any WallClock, batch: Int, logger: Logger,
                publish: @escaping ([StoredEvent]) -> Void) {
        self.store = store
        self.clock = clock
        self.batch = max(1, batch)
        self.logger = logger
        self.publish = publish
    }

    /// What to do when an item of `kind` falls due.
    public func handle(_ kind: DueWork.Kind, _ rule: @escaping Rule) {
        rules[kind] = rule
    }

    /// Milliseconds until something may be due (0: now), nil when nothing is armed: the poll
    /// loop's timeout, so nothing sleeps past a due time and nothing polls for none.
    public func delay() -> Int? {
        guard let earliest = store.earliestDue else { return nil }
        let seconds = earliest.timeIntervalSince(clock.now())
        return seconds <= 0 ? 0 : Int((seconds * 1000).rounded(.up))
    }

    /// Fires one batch of what is due by now; true when more may be due (call again soon).
    @discardableResult
    public func fireBatch() throws -> Bool {
        guard delay() == 0 else { return false }
        let now = clock.now()
        let rules = self.rules
        let logger = self.logger
        let ((count, failed, more), events) = try store.write { transaction -> (Int, Int, Bool) in
            let due = try transaction.dueWork(by: now, limit: batch)
            var (taken, failed) = (0, 0)
            for work in due {
                // Work a rule armed that falls due before this item goes first: the next batch.
                if let armed = transaction.earliestArmed, armed < work.at { break }
                taken += 1
                try transaction.remove(work)
                do {
                    try transaction.attempt { transaction in
                        guard let rule = rules[work.kind] else {
                            throw ProtocolError(.internal, "no_rule", "no rule handles due work of kind \(work.kind.rawValue)")
                        }
                        try rule(work, &transaction)
                    }
                } catch let error as TransactionLost {
                    throw error
                } catch let error as NeedsSavepoints {
                    // The rule changed rows before it failed: the batch runs again with savepoints.
                    throw error
                } catch {
                    failed += 1
                    logger.error("due work set aside", ["kind": work.kind.rawValue, "subject": work.subject, "error": error])
                    try transaction.setAside(work, reason: "\(error)")
                }
            }
            return (taken, failed, taken < due.count || due.count == batch)
        }
        if !more { try store.recheckDue() }
        guard count > 0 else { return false }
        batches += 1
        fired += Int64(count - failed)
        setAside += Int64(failed)
        publish(events)
        return more
    }

    /// Fires batches until nothing is due by now: after the test clock moved, before the reply.
    public func fireAllDue() throws {
        while try fireBatch() {}
    }
}

@available(*, unavailable)
extension DueWorkScheduler: Sendable {}
