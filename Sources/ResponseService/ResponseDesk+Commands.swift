import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire
import SQLite

/// The department's commands — 签收, 报到, progress and 反馈 — and the `inbox` query.
extension ResponseDesk {
    func sign(_ context: CommandContext, _ body: SignFor, _ transaction: inout Transaction) throws -> TaskView {
        try step(context, body.whistle, "sign for", &transaction) { task, calendar throws(IllegalTaskTransition) in
            try TaskRules.sign(task, at: context.now, calendar: calendar)
        }.view
    }

    func arrive(_ context: CommandContext, _ body: ArriveOnSite, _ transaction: inout Transaction) throws -> TaskView {
        try step(context, body.whistle, "report arrival on", &transaction) { task, calendar throws(TaskStepRefusal) in
            try TaskRules.arrive(task, at: context.now, calendar: calendar)
        }.view
    }

    func progress(_ context: CommandContext, _ body: ProgressNote, _ transaction: inout Transaction) throws -> TaskView {
        let note = try body.note.said(at: "/body/note", upTo: Self.maxText, "say what was done so far")
        return try step(context, body.whistle, "report progress on", whileParked: true, &transaction) { task, calendar throws(IllegalTaskTransition) in
            try TaskRules.progress(task, note: note, at: context.now, calendar: calendar)
        }.view
    }

    /// 反馈 — the lead reports last: while a co-department of the whistle is still at work, the
    /// lead's report is refused (`co_pending`, naming them). A department whose return (退单)
    /// awaits arbitration has said the matter is not its own, and cannot report it done.
    func report(_ context: CommandContext, _ body: ReportDone, _ transaction: inout Transaction) throws -> TaskView {
        let summary = try body.summary.said(at: "/body/summary", upTo: Self.maxText, "say what was done")
        let own = try ownTask(context, body.whistle, action: "report")
        if try transaction.db.request(whistle: body.whistle, department: own.task.department, kind: .return) != nil {
            throw ProtocolError.wrongState("/body/whistle",
                                           "whistle \(body.whistle): the return of \(own.task.department) awaits arbitration; it cannot report the matter done")
        }
        if own.task.role == .lead, own.task.state == .signed {
            let pending = try transaction.db.tasks(whistle: body.whistle)
                .filter { $0.task.role == .co && $0.task.isOpen }.map(\.task.department)
            if !pending.isEmpty {
                throw ProtocolError(.conflict, "co_pending", at: "/body/whistle",
                                    "whistle \(body.whistle): the lead reports last; still at work: \(pending.joined(separator: ", "))",
                                    pending: pending)
            }
        }
        let stored = try step(context, body.whistle, "report", own: own, summary: summary, &transaction) { task, calendar throws(IllegalTaskTransition) in
            try TaskRules.report(task, at: context.now, calendar: calendar)
        }
        try settle(body.whistle, at: context.now, &transaction)
        return stored.view
    }

    /// One step of the caller's own task on `whistle`: the rule decides on the task as stored, and
    /// the decision is committed at the command's time (`own`: the task, when the caller loaded it
    /// already). Only a progress note is taken while the whistle is parked (挂账).
    private func step<Refusal: Error & CustomStringConvertible>(
        _ context: CommandContext, _ whistle: String, _ action: String, own: TaskRecord? = nil, summary: String? = nil,
        whileParked: Bool = false, _ transaction: inout Transaction,
        _ rule: (DepartmentTask, WorkingCalendar) throws(Refusal) -> TaskDecision
    ) throws -> TaskRecord {
        let record = try own ?? ownTask(context, whistle, action: action)
        if record.task.isParked, !whileParked {
            throw ProtocolError.wrongState("/body/whistle", "whistle \(whistle) is parked (挂账); its town centre must resume it first")
        }
        let calendar = try book.require().calendar
        let decision = try decide(record) { task throws(Refusal) in try rule(task, calendar) }
        return try commit(decision, over: record, at: context.now, summary: summary, &transaction)
    }

    /// A department's tasks, or a coordinator's whistles (三级网格响应).
    func inbox(_ context: CommandContext, _ body: InboxQuery) throws -> InboxAnswer {
        let principal = try context.require(.dept, .grid, .centre, .district, .observer, .service, to: "read an inbox")
        if body.department != nil, body.coordinator != nil {
            throw ProtocolError.invalid("/body/coordinator", "name a department or a coordinator, not both")
        }
        if principal.kind == .dept || body.department != nil {
            return .department(try departmentInbox(principal, body))
        }
        return .coordinator(try coordinatorInbox(principal, body))
    }

    /// The open tasks (or all) of a department: red first, then yellow, then the rest; each part
    /// by sign-for deadline and whistle id.
    private func departmentInbox(_ principal: Principal, _ body: InboxQuery) throws -> Inbox {
        let department: String
        switch principal.kind {
        case .dept:
            if let asked = body.department, asked != principal.id {
                throw ProtocolError.notPermitted(principal, "read the inbox of \(asked)")
            }
            department = principal.id
        case .centre, .district, .observer, .service:
            guard let asked = body.department else { throw ProtocolError.missingField("/body/department") }
            department = asked
        case .grid, .integrator:
            throw ProtocolError.notPermitted(principal, "read a department's inbox")
        }
        guard try book.require().department(department) != nil else {
            throw ProtocolError(.notFound, "unknown_department", at: "/body/department", "no department '\(department)'")
        }
        let open = (body.scope ?? .open) == .open
        let db = host.store.db
        let rows = try db.query("""
            SELECT \(TaskRecord.columns) FROM tasks WHERE department = ?
                \(open ? "AND state NOT IN ('closed', 'returned', 'voided')" : "")
            ORDER BY light DESC, sign_due, whistle
            """, [department])
        var pending: [String: [TaskRequest.Kind]] = [:]
        for row in try db.query("SELECT whistle, kind FROM requests WHERE department = ? ORDER BY kind", [department]) {
            if let whistle = row.string("whistle"), let kind = row.string("kind").flatMap(TaskRequest.Kind.init(rawValue:)) {
                pending[whistle, default: []].append(kind)
            }
        }
        return Inbox(department: department, tasks: try rows.map { row in
            var view = try TaskRecord(row: row).view
            view.pending = pending[view.whistle]
            return view
        })
    }

    /// The whistles a coordinator coordinates now, then those it coordinated before. A grid or
    /// centre reads its own; the district any coordinator's; observers and services name one.
    private func coordinatorInbox(_ principal: Principal, _ body: InboxQuery) throws -> CoordinatorInbox {
        let coordinator: Principal
        switch principal.kind {
        case .grid, .centre:
            if let asked = body.coordinator, asked != principal {
                throw ProtocolError.notPermitted(principal, "read the inbox of \(asked)")
            }
            coordinator = principal
        case .district:
            coordinator = body.coordinator ?? principal
        case .observer, .service:
            guard let asked = body.coordinator else { throw ProtocolError.missingField("/body/coordinator") }
            coordinator = asked
        case .dept, .integrator:
            throw ProtocolError.notPermitted(principal, "read a coordinator's inbox")
        }
        if coordinator != principal { try requireCoordinator(coordinator) }
        let open = (body.scope ?? .open) == .open
        let db = host.store.db
        let records = try db.coordinated(by: coordinator.description, open: open)
        let requests: [RequestRecord]? = switch coordinator.kind {
        case .centre: try db.requests(awaiting: coordinator.id)
        case .district: try db.requests(awaiting: nil)
        case .grid, .dept, .integrator, .observer, .service: nil
        }
        return CoordinatorInbox(coordinator: coordinator,
                                whistles: try records.map { try $0.view(for: coordinator.description) },
                                requests: requests?.map(\.view))
    }

    /// A `coordinator` named in the body must be one: a unit or area grid of the tree, a town's
    /// centre or the district.
    private func requireCoordinator(_ coordinator: Principal) throws {
        switch coordinator.kind {
        case .grid, .centre, .district:
            let unknown = ProtocolError(.notFound, "unknown_coordinator", at: "/body/coordinator",
                                        "no coordinator '\(coordinator)': a unit or area grid, a town's centre or the district")
            do {
                try book.admit(coordinator)
            } catch {
                throw unknown
            }
            if coordinator.kind == .grid,
               ![.unit, .area].contains(try book.require().tree.grid(coordinator.id)?.level) { throw unknown }
        case .dept, .integrator, .observer, .service:
            throw ProtocolError.invalid("/body/coordinator",
                                        "a coordinator is a grid, a town's centre or the district, not '\(coordinator)'")
        }
    }

    /// The caller's own task on `whistle`, or the refusal that says why not.
    func ownTask(_ context: CommandContext, _ whistle: String, action: String) throws -> TaskRecord {
        let principal = try context.require(.dept, to: "\(action) a whistle")
        return try task(whistle, of: principal.id, in: host.store.db, otherwise: ProtocolError(
            .forbidden, "not_routed_to_you", at: "/body/whistle", "whistle \(whistle) was not routed to \(principal.id)"))
    }

    /// `department`'s task on `whistle`; `unknown_whistle` when the whistle has no task here, else
    /// `otherwise`.
    func task(_ whistle: String, of department: String, in db: Database, otherwise: ProtocolError) throws -> TaskRecord {
        if let task = try db.task(whistle: whistle, department: department) { return task }
        if try db.tasks(whistle: whistle).isEmpty { throw ProtocolError.unknownWhistle(whistle) }
        throw otherwise
    }

}
