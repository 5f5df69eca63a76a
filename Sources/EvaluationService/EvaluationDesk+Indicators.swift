import Foundation
import GridDomain
import GridStore
import GridWire

extension EvaluationDesk {
    /// Starts the assessment facts of a whistle just raised.
    func raisedFacts(_ raised: WhistleRaised, at time: Date, _ transaction: inout Transaction) throws {
        let reference = try book.require()
        let facts = WhistleFacts(id: raised.whistle, grid: raised.grid, town: raised.town,
                                 area: reference.tree.area(of: raised.grid)?.id, matter: raised.matter, raisedAt: time,
                                 external: raised.raisedBy.kind == .integrator)
        try indicators.add(facts, calendar: reference.calendar, in: &transaction)
    }

    /// Changes the assessment facts of `whistle` and brings the counters up to date. A whistle
    /// applied before the facts were kept (evaluation-7) has none, and is left alone.
    func updateFacts(_ whistle: String, _ transaction: inout Transaction,
                     _ change: (inout WhistleFacts, LoadedReference) throws -> Void) throws {
        let reference = try book.require()
        try indicators.update(whistle, calendar: reference.calendar, in: &transaction) { try change(&$0, reference) }
    }

    /// Changes the facts of `department`'s task on `whistle`.
    func updateTask(_ whistle: String, _ department: String, _ transaction: inout Transaction,
                    _ change: @escaping (inout TaskFacts) -> Void) throws {
        try updateFacts(whistle, &transaction) { facts, _ in facts.updateTask(department, change) }
    }

    /// `--rebuild-indicators`: the counters recomputed from the stored facts, in one transaction,
    /// with what disagreed before logged. The log that transaction leaves (as large as the
    /// counters) is copied into the database before the service serves, not by its loop.
    func rebuildIndicators() throws {
        guard let reference = book.current else { return }
        let today = reference.calendar.localDate(of: host.clock.now())
        let ((whistles, mismatches), _) = try host.store.write { _ in
            try indicators.rebuild(calendar: reference.calendar, momentsFrom: today.previous)
        }
        if try !host.store.truncateLog(attempts: 600) {
            host.logger.warning("the log the rebuild left is not copied yet; the background checkpoint goes on with it")
        }
        host.logger.notice("indicators rebuilt", ["whistles": "\(whistles)", "mismatches": "\(mismatches.count)",
                                                  "first": mismatches.first ?? "none"])
    }
}
