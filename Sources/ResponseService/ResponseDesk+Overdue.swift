import Foundation
import GridDomain
import GridStore
import GridWire

/// 超时 — a task's overdue check fell due.
extension ResponseDesk {
    /// Runs the task rule for `work` with its own due time as "now" — whenever it actually fires:
    /// on time, at a test-clock step or at a start after downtime. The task's subject is
    /// "<whistle>/<department>"; a task that is no longer stored has nothing left to watch.
    func overdue(_ work: DueWork, _ transaction: inout Transaction) throws {
        guard let (whistle, department) = DepartmentTask.task(ofSubject: work.subject) else {
            throw ProtocolError(.internal, "bad_due_subject", "due work '\(work.subject)' does not name a task")
        }
        guard let record = try transaction.db.task(whistle: whistle, department: department) else { return }
        try commit(TaskRules.fire(record.task, at: work.at), over: record, at: work.at, &transaction)
    }
}
