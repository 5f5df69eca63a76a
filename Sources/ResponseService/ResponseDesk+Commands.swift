import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire

/// The department's commands — 签收 and 反馈 — and the `inbox` query.
extension ResponseDesk {
    func sign(_ context: CommandContext, _ body: SignFor, _ transaction: inout Transaction) throws -> TaskView {
        let record = try ownTask(context, body.whistle, action: "sign for")
        let decision = try decide(record) { task throws(IllegalTaskTransition) in try TaskRules.sign(task, at: context.now) }
        return try commit(decision, over: record, at: context.now, &transaction).view
    }

    func report(_ context: CommandContext, _ body: ReportDone, _ transaction: inout Transaction) throws -> TaskView {
        let summary = body.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty, body.summary.count <= Self.maxSummary else {
            throw ProtocolError.invalid("/body/summary", "say what was done, in 1 to \(Self.maxSummary) characters")
        }
        let record = try ownTask(context, body.whistle, action: "report")
        let decision = try decide(record) { task throws(IllegalTaskTransition) in try TaskRules.report(task, at: context.now) }
        return try commit(decision, over: record, at: context.now, summary: summary, &transaction).view
    }

    /// A department's tasks: the open ones with a clock overdue (超时) first, then by sign-for
    /// deadline and whistle id.
    func inbox(_ context: CommandContext, _ body: InboxQuery) throws -> Inbox {
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
            ORDER BY (overdue != '' AND state != 'closed') DESC, sign_due, whistle
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
}
