import Foundation
import GridDomain
import GridStore
import GridWire

/// The clocks' due work: a task's check (lights, reminders, 超时, anti-stall) and a whistle's level
/// deadline. Each runs its rule with the item's own due time as "now" — whenever it actually fires:
/// on time, at a test-clock step or at a start after downtime.
extension ResponseDesk {
    /// A task's subject is "<whistle>/<department>"; a task that is no longer stored has nothing
    /// left to watch.
    func taskClockFell(_ work: DueWork, _ transaction: inout Transaction) throws {
        guard let (whistle, department) = DepartmentTask.task(ofSubject: work.subject) else {
            throw ProtocolError(.internal, "bad_due_subject", "due work '\(work.subject)' does not name a task")
        }
        guard let record = try transaction.db.task(whistle: whistle, department: department) else { return }
        try commit(TaskRules.fire(record.task, at: work.at, calendar: try book.require().calendar), over: record,
                   at: work.at, &transaction)
    }

    /// A level deadline's subject is the whistle id.
    func levelDeadlineFell(_ work: DueWork, _ transaction: inout Transaction) throws {
        guard let record = try transaction.db.coordination(whistle: work.subject) else { return }
        let coordination = record.coordination
        let reason = "level \(coordination.level.rawValue) (\(coordination.coordinator)) passed its deadline \(local(coordination.levelDue))"
        let decision = CoordinationRules.fire(coordination, at: work.at, calendar: try book.require().calendar,
                                              storm: try inStorm(coordination, transaction.db), reason: reason)
        try commit(decision, over: record, at: work.at, &transaction)
    }
}
