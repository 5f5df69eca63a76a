import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire

/// ResponseService's handlers: creates each department's task from `whistle.routed`, takes `sign`
/// (签收) and `report` (反馈) from the routed department, answers `inbox`, follows the evaluation
/// stream (rework reopens, closure closes) and declares a task's clocks overdue (超时) when its due
/// work fires.
///
/// Each handler is the shell around a task rule: it loads the rows, lets ``TaskRules`` decide, and
/// stores the decision, emits its events and applies its due work in the one transaction it is given.
final class ResponseDesk {
    let host: ServiceHost
    let book: ReferenceBook
    var policies = PolicyJSON()
    static let maxSummary = 2_000

    init(host: ServiceHost) throws {
        self.host = host
        book = try ReferenceBook(store: host.store)
        host.server.principals = book
        host.server.command("sign", SignFor.self) { [unowned self] context, body, transaction in
            try sign(context, body, &transaction)
        }
        host.server.command("report", ReportDone.self) { [unowned self] context, body, transaction in
            try report(context, body, &transaction)
        }
        host.server.query("inbox", InboxQuery.self) { [unowned self] context, body in
            try inbox(context, body)
        }
        try host.consume(.whistle) { [unowned self] event, transaction in
            try followWhistles(event, &transaction)
        }
        try host.consume(.evaluation) { [unowned self] event, transaction in
            try followEvaluation(event, &transaction)
        }
        host.due.handle(.taskClock) { [unowned self] work, transaction in
            try overdue(work, &transaction)
        }
    }

    /// Stores `decision` over `record` (the row as loaded, or as just inserted), emits its events at
    /// `time` and applies its due work; returns the row as it now stands. A decision that leaves
    /// the task as it was writes no row.
    @discardableResult
    func commit(_ decision: TaskDecision, over record: TaskRecord, at time: Date, summary: String? = nil,
                _ transaction: inout Transaction) throws -> TaskRecord {
        var stored = record
        stored.task = decision.task
        if stored.task != record.task { try transaction.db.update(stored.task) }
        for event in decision.events { try transaction.announce(event, of: stored, at: time, summary: summary) }
        try transaction.apply(decision.due)
        return stored
    }

    /// Runs a rule that may refuse the step, as the refusal a department (or a dead letter) reads.
    func decide(
        _ record: TaskRecord, _ rule: (DepartmentTask) throws(IllegalTaskTransition) -> TaskDecision
    ) throws(ProtocolError) -> TaskDecision {
        do {
            return try rule(record.task)
        } catch {
            throw .wrongState("/body/whistle", "whistle \(record.task.whistle), task of \(record.task.department): \(error)")
        }
    }
}
