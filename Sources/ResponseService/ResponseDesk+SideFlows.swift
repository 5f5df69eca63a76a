import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire
import SQLite

/// 一键响应, part 2 — the side-flows: a department asks to return (退单), extend (延期) or park
/// (挂账) its own task; the whistle's town centre (or the district) arbitrates, decides and
/// resumes. A return not arbitrated in time goes to the district; a park with a `resumeAt` ends
/// by itself.
extension ResponseDesk {
    func returnTask(_ context: CommandContext, _ body: ReturnTask, _ transaction: inout Transaction) throws -> RequestView {
        let reason = try body.reason.said(at: "/body/reason", upTo: Self.maxReason, "say why the matter is not this department's")
        return try ask(context, body.whistle, .return, reason: reason, &transaction)
    }

    func extend(_ context: CommandContext, _ body: ExtendTask, _ transaction: inout Transaction) throws -> RequestView {
        let reason = try body.reason.said(at: "/body/reason", upTo: Self.maxReason, "say why more time is needed")
        return try ask(context, body.whistle, .extension, reason: reason, until: body.until.date, &transaction)
    }

    func park(_ context: CommandContext, _ body: ParkWhistle, _ transaction: inout Transaction) throws -> RequestView {
        let reason = try body.reason.said(at: "/body/reason", upTo: Self.maxReason, "say what the whistle waits for")
        return try ask(context, body.whistle, .park, reason: reason, resumeAt: body.resumeAt?.date, &transaction)
    }

    /// The department's request on its own task, stored until the centre decides it.
    private func ask(
        _ context: CommandContext, _ whistle: String, _ kind: TaskRequest.Kind, reason: String, until: Date? = nil,
        resumeAt: Date? = nil, _ transaction: inout Transaction
    ) throws -> RequestView {
        let record = try ownTask(context, whistle, action: "ask about")
        let pending = try transaction.db.pendingKinds(whistle: whistle, department: record.task.department)
        let calendar = try book.require().calendar
        let asked: (request: TaskRequest, decision: TaskDecision)
        do throws(RequestRefusal) {
            asked = try TaskRules.ask(record.task, kind, reason: reason, until: until, resumeAt: resumeAt, pending: pending,
                                      at: context.now, calendar: calendar)
        } catch {
            throw refusal(error, record.task)
        }
        let stored = RequestRecord(request: asked.request, role: record.task.role, town: record.town)
        try transaction.db.insert(stored)
        try commit(asked.decision, over: record, at: context.now, &transaction)
        return stored.view
    }

    /// 退单 — the decision on a pending return. Upheld, the task is returned and, in the same
    /// commit, `to` gets its task (改派); WhistleService then re-routes the whistle's part
    /// (`whistle.rerouted`) from the `arbitrated` event. A co part dropped may leave nobody at work.
    func arbitrate(_ context: CommandContext, _ body: Arbitrate, _ transaction: inout Transaction) throws -> TaskView {
        let principal = try context.require(.centre, .district, to: "arbitrate a return")
        let reason = try body.reason.said(at: "/body/reason", upTo: Self.maxReason, "say why")
        let record = try routedTask(body.whistle, body.department, transaction.db)
        try decides(principal, town: record.town, "arbitrate a return")
        guard let pending = try transaction.db.request(whistle: body.whistle, department: body.department, kind: .return)
        else {
            throw ProtocolError(.notFound, "no_request", at: "/body/department",
                                "\(body.department) has no return awaiting arbitration on whistle \(body.whistle)")
        }
        if pending.request.referred, principal.kind == .centre {
            throw ProtocolError.notPermitted(principal, "arbitrate this return: it was not arbitrated by \(local(pending.request.decideBy ?? context.now)) and went to the district")
        }
        let to = try replacement(body, record, transaction.db)
        let decision = try decide(record) { task throws(IllegalTaskTransition) in
            try TaskRules.arbitrate(task, uphold: body.uphold, to: to, by: principal.description, reason: reason)
        }
        if body.uphold {
            for other in try transaction.db.requests(whistle: body.whistle) where other.request.department == body.department {
                try transaction.db.deleteRequest(other.request)
            }
        } else {
            try transaction.db.deleteRequest(pending.request)
        }
        let stored = try commit(decision, over: record, at: context.now, &transaction)
        if let to {
            try redispatch(stored, to: to, at: context.now, &transaction)
        } else if body.uphold {
            try dropped(body.whistle, at: context.now, &transaction)
        }
        host.logger.info("arbitrated", ["whistle": body.whistle, "department": body.department, "uphold": body.uphold,
                                        "by": principal])
        return stored.view
    }

    /// Who takes an upheld return over: nobody for a refused one, or for a co-department's upheld
    /// one that names none; otherwise a known department that serves the whistle's grid and has no
    /// part in it yet.
    private func replacement(_ body: Arbitrate, _ record: TaskRecord, _ db: Database) throws -> String? {
        guard body.uphold else {
            if body.to != nil { throw ProtocolError.invalid("/body/to", "a refused return names no department to take it over") }
            return nil
        }
        guard let to = body.to else {
            if record.task.role == .lead {
                throw ProtocolError.invalid("/body/to", "an upheld return by the lead (主办) names the department that takes the whistle over")
            }
            return nil
        }
        let reference = try book.require()
        guard let department = reference.department(to) else {
            throw ProtocolError(.notFound, "unknown_department", at: "/body/to", "no department '\(to)'")
        }
        guard reference.tree.ancestors(of: record.grid).contains(where: { $0.id == department.serves }) else {
            throw ProtocolError(.conflict, "not_serving", at: "/body/to",
                                "\(to) serves \(department.serves), which is not grid \(record.grid) or above it")
        }
        if try db.task(whistle: record.task.whistle, department: to) != nil {
            throw ProtocolError(.conflict, "already_routed", at: "/body/to",
                                "\(to) already has a part in whistle \(record.task.whistle)")
        }
        return to
    }

    /// 延期 or 挂账 — the decision on a pending request. An approved park parks the whole whistle.
    func decide(_ context: CommandContext, _ body: DecideRequest, _ transaction: inout Transaction) throws -> TaskView {
        let principal = try context.require(.centre, .district, to: "decide a request")
        let reason = try body.reason.said(at: "/body/reason", upTo: Self.maxReason, "say why")
        let record = try routedTask(body.whistle, body.department, transaction.db)
        try decides(principal, town: record.town, "decide a request")
        guard let pending = try transaction.db.request(whistle: body.whistle, department: body.department,
                                                       kind: body.request.kind) else {
            throw ProtocolError(.notFound, "no_request", at: "/body/request",
                                "\(body.department) has no \(body.request.rawValue) request awaiting a decision on whistle \(body.whistle)")
        }
        let calendar = try book.require().calendar
        let decision: TaskDecision
        do throws(RequestRefusal) {
            decision = try TaskRules.decide(record.task, pending.request, approve: body.approve, by: principal.description,
                                            reason: reason, at: context.now, calendar: calendar)
        } catch .past(let field) {
            throw ProtocolError.wrongState("/body/approve",
                                           "the \(field) asked for, \(local(pending.request.until ?? pending.request.resumeAt ?? context.now)), has passed; refuse it, and the department may ask again")
        } catch {
            throw refusal(error, record.task)
        }
        try transaction.db.deleteRequest(pending.request)
        var stored = try commit(decision, over: record, at: context.now, &transaction)
        if body.approve, body.request == .park {
            try parkWhistle(body.whistle, resumeAt: pending.request.resumeAt, at: context.now, &transaction)
            stored = try routedTask(body.whistle, body.department, transaction.db)
        }
        host.logger.info("decided", ["whistle": body.whistle, "department": body.department,
                                     "request": body.request.rawValue, "approve": body.approve, "by": principal])
        return stored.view
    }

    /// The centre resumes a parked whistle.
    func resume(_ context: CommandContext, _ body: ResumeWhistle, _ transaction: inout Transaction) throws -> WhistleTasks {
        let principal = try context.require(.centre, .district, to: "resume a whistle")
        let tasks = try transaction.db.tasks(whistle: body.whistle)
        guard let first = tasks.first else { throw ProtocolError.unknownWhistle(body.whistle) }
        try decides(principal, town: first.town, "resume a whistle")
        guard tasks.contains(where: { $0.task.isParked }) else {
            throw ProtocolError.wrongState("/body/whistle", "whistle \(body.whistle) is not parked")
        }
        try resumeWhistle(body.whistle, by: principal.description, at: context.now, &transaction)
        return WhistleTasks(whistle: body.whistle, tasks: try transaction.db.tasks(whistle: body.whistle).map(\.view))
    }

    // MARK: - The whistle as a whole

    /// 挂账 — every open task of the whistle and its level clock stand still from `at`.
    private func parkWhistle(_ whistle: String, resumeAt: Date?, at time: Date, _ transaction: inout Transaction) throws {
        for task in try transaction.db.tasks(whistle: whistle) {
            try commit(TaskRules.park(task.task, at: time, resumeAt: resumeAt), over: task, at: time, &transaction)
        }
        if let coordination = try transaction.db.coordination(whistle: whistle) {
            try commit(CoordinationRules.park(coordination.coordination, at: time), over: coordination, at: time,
                       &transaction)
        }
        if let resumeAt {
            try transaction.apply([.arm(DueWork(kind: .parkEnd, subject: whistle, at: resumeAt))])
        }
    }

    /// The parked whistle's clocks run again from `at`, each with the time it had left; a weather
    /// alert declared or lifted meanwhile applies now.
    private func resumeWhistle(_ whistle: String, by principal: String?, at time: Date, _ transaction: inout Transaction) throws {
        let calendar = try book.require().calendar
        try transaction.apply([.cancel(.parkEnd, subject: whistle)])
        var storm = false
        if let coordination = try transaction.db.coordination(whistle: whistle) {
            storm = try inStorm(coordination.coordination, transaction.db)
            let resumed = try commit(CoordinationRules.resume(coordination.coordination, at: time, calendar: calendar),
                                     over: coordination, at: time, &transaction)
            try commit(CoordinationRules.rescale(resumed.coordination, halving: storm, at: time, calendar: calendar),
                       over: resumed, at: time, &transaction)
        }
        for task in try transaction.db.tasks(whistle: whistle) where task.task.isParked {
            let resumed = try commit(TaskRules.resume(task.task, at: time, by: principal, calendar: calendar), over: task,
                                     at: time, &transaction)
            let rescaled = storm ? TaskRules.halve(resumed.task, at: time, calendar: calendar)
                : TaskRules.restore(resumed.task, at: time, calendar: calendar)
            try commit(rescaled, over: resumed, at: time, &transaction)
        }
    }

    /// 作废 — the whistle stream says the whistle was voided: its tasks stop and refuse every step,
    /// its level clock stops, and whatever awaited a decision is dropped, before
    /// EvaluationService says how it ends.
    func voidWhistle(_ whistle: String, at time: Date, _ transaction: inout Transaction) throws {
        for task in try transaction.db.tasks(whistle: whistle) {
            try commit(TaskRules.void(task.task), over: task, at: time, &transaction)
        }
        if let coordination = try transaction.db.coordination(whistle: whistle) {
            try commit(CoordinationRules.close(coordination.coordination), over: coordination, at: time, &transaction)
        }
        try dropRequests(whistle, &transaction)
    }

    /// Drops every request pending on the whistle, with the due work that watched them.
    func dropRequests(_ whistle: String, _ transaction: inout Transaction) throws {
        for pending in try transaction.db.requests(whistle: whistle) {
            try transaction.db.deleteRequest(pending.request)
            if pending.request.kind == .return {
                try transaction.apply([.cancel(.arbitration, subject: pending.request.subject)])
            }
        }
        try transaction.apply([.cancel(.parkEnd, subject: whistle)])
    }

    /// 改派 — `to` takes over the returned part: a new task in the same role, with fresh clocks
    /// from the decision on the whistle's frozen policy (halved in a storm, parked if the whistle is).
    private func redispatch(_ returned: TaskRecord, to: String, at time: Date, _ transaction: inout Transaction) throws {
        let policy = returned.task.policy
        let storm = try policy.storm && townInStorm(returned.town, transaction.db)
        let decision = TaskRules.dispatch(whistle: returned.task.whistle, department: to, role: returned.task.role,
                                          policy: policy, at: time, calendar: try book.require().calendar, storm: storm)
        let record = TaskRecord(task: decision.task, grid: returned.grid, town: returned.town, matter: returned.matter,
                                urgency: returned.urgency)
        try transaction.db.insert(record, policy: try policies.text(policy), times: TaskRecord.StoredTimes(of: record.task))
        let stored = try commit(decision, over: record, at: time, &transaction)
        if try transaction.db.coordination(whistle: returned.task.whistle)?.coordination.state == .parked {
            try commit(TaskRules.park(stored.task, at: time, resumeAt: nil), over: stored, at: time, &transaction)
        }
        host.logger.info("re-dispatched", ["whistle": returned.task.whistle, "from": returned.task.department, "to": to])
    }

    /// A co part was dropped: if nobody is left at work, a parked whistle has nothing to wait for
    /// and resumes, and the level clock waits for the grid's evaluation.
    private func dropped(_ whistle: String, at time: Date, _ transaction: inout Transaction) throws {
        let atWork = try transaction.db.tasks(whistle: whistle).contains { $0.task.isOpen }
        if !atWork, let record = try transaction.db.coordination(whistle: whistle), record.coordination.state == .parked {
            try transaction.apply([.cancel(.parkEnd, subject: whistle)])
            try commit(CoordinationRules.resume(record.coordination, at: time, calendar: try book.require().calendar),
                       over: record, at: time, &transaction)
        }
        try settle(whistle, at: time, &transaction)
    }

    // MARK: - Due work

    /// 退单 — the centre did not arbitrate in time: the return goes to the district, and the whistle
    /// with it. A return decided meanwhile has nothing left to do.
    func arbitrationFell(_ work: DueWork, _ transaction: inout Transaction) throws {
        guard let (whistle, department) = DepartmentTask.task(ofSubject: work.subject),
              let pending = try transaction.db.request(whistle: whistle, department: department, kind: .return),
              !pending.request.referred else { return }
        try transaction.db.markReferred(pending.request)
        guard let record = try transaction.db.coordination(whistle: whistle) else { return }
        let reason = "the return by \(department) was not arbitrated by centre:\(pending.town) by \(local(pending.request.decideBy ?? work.at)); the district arbitrates it"
        let decision = CoordinationRules.refer(record.coordination, reason: reason, at: work.at,
                                               calendar: try book.require().calendar,
                                               storm: try inStorm(record.coordination, transaction.db))
        try commit(decision, over: record, at: work.at, &transaction)
    }

    /// 挂账 — the park's `resumeAt` came.
    func parkEnded(_ work: DueWork, _ transaction: inout Transaction) throws {
        let tasks = try transaction.db.tasks(whistle: work.subject)
        guard tasks.contains(where: { $0.task.isParked }) else { return }
        try resumeWhistle(work.subject, by: nil, at: work.at, &transaction)
    }

    // MARK: - Private

    /// The task of `department` on `whistle`, as the centre names it.
    private func routedTask(_ whistle: String, _ department: String, _ db: Database) throws -> TaskRecord {
        try task(whistle, of: department, in: db, otherwise: ProtocolError(
            .notFound, "not_routed", at: "/body/department", "whistle \(whistle) has no part for \(department)"))
    }

    /// Who decides a department's request: the centre of the whistle's town, or the district.
    private func decides(_ principal: Principal, town: String, _ action: String) throws {
        if principal.kind == .centre, principal.id != town {
            throw ProtocolError.notPermitted(principal, "\(action) of \(town): only centre:\(town) or the district may")
        }
    }

    private func refusal(_ refusal: RequestRefusal, _ task: DepartmentTask) -> ProtocolError {
        switch refusal {
        case .pending(let kind):
            ProtocolError(.conflict, "already_requested", at: "/body/whistle",
                          "\(kind == .extension ? "an" : "a") \(kind.rawValue) request of \(task.department) on whistle \(task.whistle) already awaits its decision")
        case .past(let field):
            ProtocolError.invalid("/body/\(field)", "\(field) must be in the future")
        case .notLater(let due):
            ProtocolError.invalid("/body/until", "an extension must end after the current disposal deadline, \(local(due))")
        case .notOpen, .parked:
            ProtocolError.wrongState("/body/whistle", "whistle \(task.whistle), task of \(task.department): \(refusal)")
        }
    }
}
