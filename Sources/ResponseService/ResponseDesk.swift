import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire

/// ResponseService's handlers: creates each department's task from `whistle.routed`, takes `sign`
/// (签收) and `report` (反馈) from the routed department, answers `inbox`, and follows the
/// evaluation stream (rework reopens, closure closes).
final class ResponseDesk {
    private let host: ServiceHost
    private let book: ReferenceBook
    private var policies = PolicyJSON()
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
    }

    // MARK: commands

    private func sign(_ context: CommandContext, _ body: SignFor, _ transaction: inout Transaction) throws -> TaskView {
        var task = try ownTask(context, body.whistle, action: "sign for")
        task.state = try transition(task, .sign)
        task.signedAt = context.now
        let onTime = context.now <= task.signDue
        try transaction.db.execute("UPDATE tasks SET state = ?, signed_at = ? WHERE whistle = ? AND department = ?",
                                   [task.state.rawValue, Timestamp.format(context.now), task.whistle, task.department])
        try transaction.emit(ResponseEventType.signed.rawValue,
                             topic: ResponseEventType.signed.topic(department: task.department), at: context.now,
                             TaskSigned(whistle: task.whistle, department: task.department, role: task.role,
                                        dueAt: Instant(task.signDue), onTime: onTime))
        return task.view
    }

    private func report(_ context: CommandContext, _ body: ReportDone, _ transaction: inout Transaction) throws -> TaskView {
        let summary = body.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty, body.summary.count <= Self.maxSummary else {
            throw ProtocolError.invalid("/body/summary", "say what was done, in 1 to \(Self.maxSummary) characters")
        }
        var task = try ownTask(context, body.whistle, action: "report")
        task.state = try transition(task, .report)
        task.reportedAt = context.now
        let onTime = context.now <= task.disposeDue
        try transaction.db.execute("UPDATE tasks SET state = ?, reported_at = ? WHERE whistle = ? AND department = ?",
                                   [task.state.rawValue, Timestamp.format(context.now), task.whistle, task.department])
        try transaction.emit(ResponseEventType.reported.rawValue,
                             topic: ResponseEventType.reported.topic(department: task.department), at: context.now,
                             TaskReported(whistle: task.whistle, department: task.department, role: task.role,
                                          round: task.round, dueAt: Instant(task.disposeDue), onTime: onTime,
                                          summary: summary))
        return task.view
    }

    private func inbox(_ context: CommandContext, _ body: InboxQuery) throws -> Inbox {
        let principal = try context.require(.dept, .centre, .district, .observer, .service, to: "read an inbox")
        let department: String
        switch principal.kind {
        case .dept:
            if let asked = body.department, asked != principal.id {
                throw ProtocolError.notPermitted(principal, "read the inbox of \(asked)")
            }
            department = principal.id
        default:
            guard let asked = body.department else { throw ProtocolError.missingField("/body/department") }
            department = asked
        }
        guard try book.require().department(department) != nil else {
            throw ProtocolError(.notFound, "unknown_department", at: "/body/department", "no department '\(department)'")
        }
        let open = (body.scope ?? .open) == .open
        let rows = try host.store.db.query("""
            SELECT \(TaskRecord.columns) FROM tasks WHERE department = ? \(open ? "AND state != 'closed'" : "")
            ORDER BY sign_due, whistle
            """, [department])
        return Inbox(department: department, tasks: try rows.map { try TaskRecord(row: $0).view })
    }

    /// The caller's own task on `whistle`, or the refusal that says why not.
    private func ownTask(_ context: CommandContext, _ whistle: String, action: String) throws -> TaskRecord {
        let principal = try context.require(.dept, to: "\(action) a whistle")
        if let task = try host.store.db.task(whistle: whistle, department: principal.id) { return task }
        if try host.store.db.tasks(whistle: whistle).isEmpty { throw ProtocolError.unknownWhistle(whistle) }
        throw ProtocolError(.forbidden, "not_routed_to_you", at: "/body/whistle",
                            "whistle \(whistle) was not routed to \(principal.id)")
    }

    private func transition(_ task: TaskRecord, _ action: TaskAction) throws(ProtocolError) -> TaskState {
        do {
            return try task.state.after(action)
        } catch {
            throw .wrongState("/body/whistle", "whistle \(task.whistle), task of \(task.department): \(error)")
        }
    }

    // MARK: streams

    private func followWhistles(_ event: ReceivedEvent, _ transaction: inout Transaction) throws {
        switch WhistleEventType(rawValue: event.head.type) {
        case .reference:
            let published = try event.payload(ReferencePublished.self)
            try book.install(version: published.version, data: published.reference, in: &transaction)
        case .routed:
            try dispatch(try event.payload(WhistleRouted.self), at: event.head.time.date, &transaction)
        case .raised, nil:
            break
        }
    }

    /// 派单 — one task per routed department; its clocks start when the whistle was routed.
    private func dispatch(_ routed: WhistleRouted, at time: Date, _ transaction: inout Transaction) throws {
        let calendar = try book.require().calendar
        let signDue = calendar.deadline(from: time, adding: routed.policy.signFor)
        let disposeDue = calendar.deadline(from: time, adding: routed.policy.dispose)
        let parts = [(routed.lead, TaskRole.lead)] + routed.co.map { ($0, TaskRole.co) }
        let policy = try policies.text(routed.policy)
        let (dispatchedAt, signDueAt, disposeDueAt) = (Timestamp.format(time), Timestamp.format(signDue),
                                                       Timestamp.format(disposeDue))
        for (department, role) in parts {
            try transaction.db.execute("""
                INSERT INTO tasks(whistle, department, role, grid, town, matter, urgency, state, round, policy,
                    dispatched_at, sign_due, dispose_due)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'dispatched', 1, ?, ?, ?, ?)
                """, [routed.whistle, department, role.rawValue, routed.grid, routed.town, routed.matter,
                      routed.policy.urgency.rawValue, policy,
                      dispatchedAt, signDueAt, disposeDueAt])
            try transaction.emit(ResponseEventType.dispatched.rawValue,
                                 topic: ResponseEventType.dispatched.topic(department: department), at: time,
                                 TaskDispatched(whistle: routed.whistle, department: department, role: role,
                                                grid: routed.grid, town: routed.town, matter: routed.matter,
                                                signDueAt: Instant(signDue), disposeDueAt: Instant(disposeDue)))
        }
        host.logger.info("dispatched", ["whistle": routed.whistle, "lead": routed.lead, "co": routed.co.count])
    }

    private func followEvaluation(_ event: ReceivedEvent, _ transaction: inout Transaction) throws {
        let time = event.head.time.date
        switch EvaluationEventType(rawValue: event.head.type) {
        case .rework:
            let rework = try event.payload(WhistleRework.self)
            let calendar = try book.require().calendar
            for department in rework.departments {
                guard var task = try transaction.db.task(whistle: rework.whistle, department: department) else {
                    throw ProtocolError.unknownWhistle(rework.whistle, at: "/data/departments")
                }
                task.state = try transition(task, .reopen)
                let due = calendar.deadline(from: time, adding: task.policy.dispose)
                try transaction.db.execute("""
                    UPDATE tasks SET state = ?, round = ?, dispose_due = ?, reported_at = NULL
                    WHERE whistle = ? AND department = ?
                    """, [task.state.rawValue, rework.round, Timestamp.format(due), task.whistle, department])
                try transaction.emit(ResponseEventType.reopened.rawValue,
                                     topic: ResponseEventType.reopened.topic(department: department), at: time,
                                     TaskReopened(whistle: task.whistle, department: department, role: task.role,
                                                  round: rework.round, disposeDueAt: Instant(due)))
            }
        case .closed:
            let closed = try event.payload(WhistleClosed.self)
            try transaction.db.execute("UPDATE tasks SET state = 'closed' WHERE whistle = ?", [closed.whistle])
        case .evaluated, nil:
            break
        }
    }
}
