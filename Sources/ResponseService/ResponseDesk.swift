import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire

/// ResponseService's handlers: creates each department's task and the whistle's level from
/// `whistle.routed`, takes the department's steps (签收, 报到, progress, 反馈) and requests (退单,
/// 延期, 挂账), the coordinator's `escalate` and the town centre's decisions, answers `inbox`,
/// follows the evaluation stream (rework reopens, closure closes) and the whistle stream (weather
/// alerts, voids), and runs the clocks when their due work fires.
///
/// Each handler is the shell around a rule: it loads the rows, lets ``TaskRules`` or
/// ``CoordinationRules`` decide, and stores the decision, emits its events and applies its due
/// work in the one transaction it is given.
final class ResponseDesk {
    let host: ServiceHost
    let book: ReferenceBook
    var policies = PolicyJSON()
    var responses = JSONTextCache<ResponsePolicy>()
    /// The longest summary or progress note, in characters.
    static let maxText = 2_000
    static let maxReason = 500

    init(host: ServiceHost) throws {
        self.host = host
        book = try ReferenceBook(store: host.store)
        host.server.principals = book
        host.server.command("sign", SignFor.self) { [unowned self] context, body, transaction in
            try sign(context, body, &transaction)
        }
        host.server.command("arrive", ArriveOnSite.self) { [unowned self] context, body, transaction in
            try arrive(context, body, &transaction)
        }
        host.server.command("progress", ProgressNote.self) { [unowned self] context, body, transaction in
            try progress(context, body, &transaction)
        }
        host.server.command("report", ReportDone.self) { [unowned self] context, body, transaction in
            try report(context, body, &transaction)
        }
        host.server.command("escalate", Escalate.self) { [unowned self] context, body, transaction in
            try escalate(context, body, &transaction)
        }
        host.server.command("return", ReturnTask.self) { [unowned self] context, body, transaction in
            try returnTask(context, body, &transaction)
        }
        host.server.command("extend", ExtendTask.self) { [unowned self] context, body, transaction in
            try extend(context, body, &transaction)
        }
        host.server.command("park", ParkWhistle.self) { [unowned self] context, body, transaction in
            try park(context, body, &transaction)
        }
        host.server.command("arbitrate", Arbitrate.self) { [unowned self] context, body, transaction in
            try arbitrate(context, body, &transaction)
        }
        host.server.command("decide", DecideRequest.self) { [unowned self] context, body, transaction in
            try decide(context, body, &transaction)
        }
        host.server.command("resume", ResumeWhistle.self) { [unowned self] context, body, transaction in
            try resume(context, body, &transaction)
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
            try taskClockFell(work, &transaction)
        }
        host.due.handle(.levelDeadline) { [unowned self] work, transaction in
            try levelDeadlineFell(work, &transaction)
        }
        host.due.handle(.arbitration) { [unowned self] work, transaction in
            try arbitrationFell(work, &transaction)
        }
        host.due.handle(.parkEnd) { [unowned self] work, transaction in
            try parkEnded(work, &transaction)
        }
    }

    /// Stores `decision` over `record` (the row as loaded, or as just inserted), emits its events at
    /// `time`, applies its due work and climbs the whistle if the decision says so (a stall that
    /// cannot climb is reminded instead); returns the row as it now stands. A decision that leaves
    /// the task as it was writes no row.
    @discardableResult
    func commit(_ decision: TaskDecision, over record: TaskRecord, at time: Date, summary: String? = nil,
                _ transaction: inout Transaction) throws -> TaskRecord {
        var stored = record
        stored.task = decision.task
        if stored.task != record.task { try transaction.db.update(stored.task) }
        for event in decision.events { try transaction.announce(event, of: stored, at: time, summary: summary) }
        try transaction.apply(decision.due)
        if let trigger = decision.climb,
           try !climb(stored.task.whistle, trigger, reason: reason(trigger, record.task), at: time, &transaction),
           trigger == .stall {
            // Nothing could climb (the district already has it, or it has no level): the stall is
            // at least reminded again.
            try transaction.announce(.reminded(.stall(idleSince: record.task.idleSince)), of: stored, at: time)
        }
        return stored
    }

    /// Runs a rule that may refuse the step, as the refusal a department (or a dead letter) reads.
    func decide<Refusal: Error & CustomStringConvertible>(
        _ record: TaskRecord, _ rule: (DepartmentTask) throws(Refusal) -> TaskDecision
    ) throws(ProtocolError) -> TaskDecision {
        do {
            return try rule(record.task)
        } catch {
            throw .wrongState("/body/whistle", "whistle \(record.task.whistle), task of \(record.task.department): \(error)")
        }
    }

    /// A time as the people of the deployment read it.
    func local(_ date: Date) -> String {
        guard let zone = book.current?.timeZone else { return Timestamp.format(date) }
        return Timestamp.local(date, in: zone)
    }
}
