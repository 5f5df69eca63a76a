import Foundation
import GridDomain
import GridStore
import GridWire

extension EvaluationDesk {
    func followWhistles(_ event: ReceivedEvent, _ transaction: inout Transaction) throws {
        let time = event.head.time.date
        switch WhistleEventType(rawValue: event.head.type) {
        case .reference:
            let published = try event.payload(ReferencePublished.self)
            try book.install(version: published.version, data: published.reference, in: &transaction)
        case .raised:
            let raised = try event.payload(WhistleRaised.self)
            try transaction.db.execute("""
                INSERT INTO whistles(id, grid, town, matter, urgency, phase, round, raised_at, raised_by)
                VALUES (?, ?, ?, ?, ?, 'open', 1, ?, ?)
                """, [raised.whistle, raised.grid, raised.town, raised.matter, raised.urgency.rawValue,
                      Timestamp.format(time), raised.raisedBy.description])
            let location = raised.location.isEmpty ? "" : " @ \(raised.location)"
            try recordTimeline(raised.whistle, .whistle, event.head.seq, time, "raised", nil,
                               "raised 吹哨 by \(raised.raisedBy.kind == .grid ? raised.grid : "\(raised.raisedBy) for \(raised.grid)") (\(raised.matter), \(raised.urgency.rawValue)): \(raised.description)\(location)",
                               &transaction)
            try raisedFacts(raised, at: time, &transaction)
        case .routed:
            let routed = try event.payload(WhistleRouted.Parties.self)
            try transaction.db.execute("UPDATE whistles SET lead = ?, co = ?, awaiting = ? WHERE id = ?",
                                       [routed.lead, try JSONCoding.encodeString(routed.co),
                                        try JSONCoding.encodeString([routed.lead]), routed.whistle])
            let co = routed.co.isEmpty ? "" : ", co 协办 \(routed.co.joined(separator: ", "))"
            try recordTimeline(routed.whistle, .whistle, event.head.seq, time, "routed", nil,
                               "routed 派单: lead 主办 \(routed.lead)\(co)", &transaction)
            try updateFacts(routed.whistle, &transaction) { facts, reference in
                facts.lead = routed.lead
                facts.windowDays = reference.data.evaluation.windowDays
            }
        case .voided:
            try voided(try event.payload(WhistleVoided.self), seq: event.head.seq, at: time, &transaction)
        case .rerouted:
            try rerouted(try event.payload(WhistleRerouted.self), seq: event.head.seq, at: time, &transaction)
        case .alertDeclared, .alertLifted, nil:
            break
        }
    }

    /// 作废 — whichever EvaluationService applies first wins: a whistle not closed yet closes as
    /// voided and leaves every figure; one already closed stays as it closed, and the void is
    /// recorded as too late.
    private func voided(_ void: WhistleVoided, seq: Int64, at time: Date, _ transaction: inout Transaction) throws {
        let whistle = try WhistleRecord.load(void.whistle, from: transaction.db)
        guard let decision = EvaluationRules.void(whistle.evaluation) else {
            let closed = whistle.evaluation.closedAs.map { " as \($0.rawValue)" } ?? ""
            try recordTimeline(void.whistle, .whistle, seq, time, "voided", nil,
                               "void 作废 by \(void.by) came too late: the whistle had already closed\(closed). Reason given: \(void.reason)",
                               &transaction)
            return
        }
        try recordTimeline(void.whistle, .whistle, seq, time, "voided", nil, "voided 作废 by \(void.by): \(void.reason)",
                           &transaction)
        try carryOut(decision, for: whistle, at: time, &transaction)
    }

    /// 改派 — an upheld return moved `returned`'s part to `to`, or dropped a co part: the whistle's
    /// departments and those awaited this round change with it. A round left awaiting nobody awaits
    /// the lead, and goes to evaluation at once if the lead has reported.
    private func rerouted(_ rerouted: WhistleRerouted, seq: Int64, at time: Date, _ transaction: inout Transaction) throws {
        let db = transaction.db
        let whistle = try WhistleRecord.load(rerouted.whistle, from: db)
        var awaiting = whistle.evaluation.awaiting
        if let index = awaiting.firstIndex(of: rerouted.returned) {
            if let to = rerouted.to { awaiting[index] = to } else { awaiting.remove(at: index) }
        }
        let emptied = awaiting.isEmpty
        if emptied { awaiting = [rerouted.lead] }
        try db.execute("UPDATE whistles SET lead = ?, co = ?, awaiting = ? WHERE id = ?",
                       [rerouted.lead, try JSONCoding.encodeString(rerouted.co), try JSONCoding.encodeString(awaiting),
                        rerouted.whistle])
        let moved = rerouted.to.map { "to \($0)" } ?? "dropped"
        try recordTimeline(rerouted.whistle, .whistle, seq, time, "rerouted", rerouted.returned,
                           "re-routed 改派 by \(rerouted.by): the \(rerouted.role.rawValue) part of \(rerouted.returned) \(moved): \(rerouted.reason)",
                           &transaction)
        try updateFacts(rerouted.whistle, &transaction) { facts, _ in facts.lead = rerouted.lead }
        if emptied, try db.queryFirst("SELECT reported FROM department_tasks WHERE whistle = ? AND department = ?",
                                      [rerouted.whistle, rerouted.lead])?.bool("reported") == true {
            try reportedBack(try WhistleRecord.awaited(rerouted.whistle, from: db), by: rerouted.lead, at: time,
                             &transaction)
        }
    }

    func followResponses(_ event: ReceivedEvent, _ transaction: inout Transaction) throws {
        let time = event.head.time.date
        let seq = event.head.seq
        let db = transaction.db
        switch ResponseEventType(rawValue: event.head.type) {
        case .dispatched:
            let task = try event.payload(TaskDispatched.self)
            // Facts that name a lead were routed here; a whistle without (applied before they were
            // kept) is looked up.
            if try indicators.facts(task.whistle, in: transaction)?.lead.isEmpty ?? true {
                try WhistleRecord.requireRouted(task.whistle, in: db)
            }
            try db.execute("INSERT INTO department_tasks(whistle, department, role) VALUES (?, ?, ?)",
                           [task.whistle, task.department, task.role.rawValue])
            try recordTimeline(task.whistle, .response, seq, time, "dispatched", task.department,
                               "dispatched 派单 to \(task.department) (\(task.role.rawValue)); sign for by \(local(task.signDueAt)), dispose by \(local(task.disposeDueAt))",
                               &transaction)
            try updateFacts(task.whistle, &transaction) { facts, _ in
                facts.tasks.append(TaskFacts(department: task.department, lead: task.role == .lead, dispatchedAt: time,
                                             signDueAt: task.signDueAt.date, disposeDueAt: task.disposeDueAt.date))
            }
        case .signed:
            let task = try event.payload(TaskSigned.self)
            try recordTimeline(task.whistle, .response, seq, time, "signed", task.department,
                               "signed for 签收 by \(task.department) \(task.onTime ? "on time" : "LATE")", &transaction)
            try updateFacts(task.whistle, &transaction) { facts, reference in
                facts.updateTask(task.department) { facts in
                    facts.signedAt = time
                    facts.signedOnTime = task.onTime
                    facts.signMinutes = reference.calendar.workingMinutes(from: facts.dispatchedAt, to: time)
                }
            }
        case .reported:
            let task = try event.payload(TaskReported.self)
            // A department that took over a returned part reports only once its re-route is known here.
            let whistle = try WhistleRecord.awaited(task.whistle, from: db)
            guard whistle.departments.contains(task.department) else {
                throw ProtocolError.notReady("whistle \(task.whistle) is not yet re-routed to \(task.department) on the whistle stream")
            }
            try db.execute("UPDATE department_tasks SET reported = 1 WHERE whistle = ? AND department = ?",
                           [task.whistle, task.department])
            try recordTimeline(task.whistle, .response, seq, time, "reported", task.department,
                               "reported done 反馈 by \(task.department) \(task.onTime ? "on time" : "LATE"): \(task.summary)",
                               &transaction)
            try updateTask(task.whistle, task.department, &transaction) { facts in
                facts.rounds[facts.rounds.count - 1].reportedAt = time
                facts.rounds[facts.rounds.count - 1].onTime = task.onTime
            }
            try reportedBack(whistle, by: task.department, at: time, &transaction)
        case .reopened:
            let task = try event.payload(TaskReopened.self)
            try db.execute("UPDATE department_tasks SET reported = 0 WHERE whistle = ? AND department = ?",
                           [task.whistle, task.department])
            // A rework is a new round with its own clock: the rounds before keep how they ended.
            try updateTask(task.whistle, task.department, &transaction) { facts in
                facts.rounds.append(TaskFacts.Round(dueAt: task.disposeDueAt.date))
            }
            try recordTimeline(task.whistle, .response, seq, time, "reopened", task.department,
                               "reopened 返工 for \(task.department), round \(task.round); dispose by \(local(task.disposeDueAt))",
                               &transaction)
        case .overdue:
            let task = try event.payload(TaskOverdue.self)
            try recordTimeline(task.whistle, .response, seq, time, "overdue", task.department,
                               "overdue 超时: \(Self.phrase(task.clock)) clock of \(task.department) passed its deadline \(local(task.dueAt))",
                               &transaction)
        case .arrived:
            let task = try event.payload(TaskArrived.self)
            try recordTimeline(task.whistle, .response, seq, time, "arrived", task.department,
                               "arrived on site 报到: \(task.department) \(task.onTime ? "on time" : "LATE")", &transaction)
        case .progress:
            let task = try event.payload(TaskProgress.self)
            try recordTimeline(task.whistle, .response, seq, time, "progress", task.department,
                               "progress by \(task.department): \(task.note)", &transaction)
        case .light:
            let task = try event.payload(TaskLightChanged.self)
            try recordTimeline(task.whistle, .response, seq, time, "light", task.department,
                               "light \(Self.phrase(task.light)): \(Self.phrase(task.clock)) clock of \(task.department), due \(local(task.dueAt))",
                               &transaction)
        case .reminded:
            let task = try event.payload(TaskReminded.self)
            let text = switch (task.reason, task.clock, task.fraction, task.dueAt, task.idleSince) {
            case (.deadline, let clock?, let fraction?, let dueAt?, _):
                "reminded 催办: \(task.department), \(Self.phrase(clock)) clock at \(Int((fraction * 100).rounded())) %, due \(local(dueAt))"
            case (.stall, _, _, _, let idle?):
                "reminded 催办: \(task.department) showed no progress since \(local(idle)) (防推诿)"
            default:
                "reminded 催办: \(task.department)"
            }
            try recordTimeline(task.whistle, .response, seq, time, "reminded", task.department, text, &transaction)
        case .supervised:
            let task = try event.payload(TaskSupervised.self)
            try recordTimeline(task.whistle, .response, seq, time, "supervised", task.department,
                               "supervised 督办: \(task.department) answers to \(task.coordinator) (level \(task.level))",
                               &transaction)
        case .escalated:
            let climb = try event.payload(WhistleEscalated.self)
            // The coordinators a whistle had may read its timeline.
            try CoordinatorRecord.record(climb, in: db)
            try updateFacts(climb.whistle, &transaction) { facts, _ in
                facts.climbs.append(WhistleFacts.Climb(level: climb.level, coordinator: climb.coordinator.description,
                                                       at: time, dueAt: climb.levelDueAt.date))
            }
            try recordTimeline(climb.whistle, .response, seq, time, "escalated", nil,
                               "escalated 逐级上报 from level \(climb.fromLevel) (\(climb.from)) to level \(climb.level) (\(climb.coordinator)), \(climb.trigger.rawValue): \(climb.reason); level due \(local(climb.levelDueAt))",
                               &transaction)
        case .levelOverdue:
            let lapse = try event.payload(LevelOverdue.self)
            try recordTimeline(lapse.whistle, .response, seq, time, "levelOverdue", nil,
                               "level \(lapse.level) (\(lapse.coordinator)) passed its deadline \(local(lapse.dueAt))",
                               &transaction)
        case .levelLight:
            let light = try event.payload(LevelLightChanged.self)
            try recordTimeline(light.whistle, .response, seq, time, "levelLight", nil,
                               "level \(light.level) (\(light.coordinator)) now due \(local(light.dueAt))", &transaction)
        case .returnRequested, .extensionRequested, .parkRequested:
            let asked = try event.payload(TaskRequested.self)
            try updateTask(asked.whistle, asked.department, &transaction) { facts in
                facts.requests.append(TaskFacts.Request(kind: asked.request, at: time, decideBy: asked.decideBy?.date))
            }
            try recordTimeline(asked.whistle, .response, seq, time, event.head.type, asked.department,
                               "\(Self.phrase(asked.request)) asked by \(asked.department)\(requestTerms(asked)): \(asked.reason)",
                               &transaction)
        case .arbitrated:
            let decided = try event.payload(ReturnArbitrated.self)
            try updateTask(decided.whistle, decided.department, &transaction) { facts in
                facts.decide(.return, granted: decided.uphold, at: time)
                if decided.uphold { facts.returned = true }
            }
            let outcome = decided.uphold
                ? "upheld, \(decided.to.map { "re-dispatched 改派 to \($0)" } ?? "its co part dropped")"
                : "refused: the task stays with \(decided.department)"
            try recordTimeline(decided.whistle, .response, seq, time, "arbitrated", decided.department,
                               "return 退单 of \(decided.department) arbitrated by \(decided.by), \(outcome): \(decided.reason)",
                               &transaction)
        case .decided:
            let decided = try event.payload(RequestDecided.self)
            try updateTask(decided.whistle, decided.department, &transaction) { facts in
                facts.decide(decided.request, granted: decided.approve, at: time)
                if decided.request == .extension, decided.approve {
                    facts.extended = true
                    if let due = decided.disposeDueAt { facts.moveDeadline(to: due.date) }
                }
            }
            let terms = decided.disposeDueAt.map { "; dispose by \(local($0))" } ?? ""
            try recordTimeline(decided.whistle, .response, seq, time, "decided", decided.department,
                               "\(Self.phrase(decided.request)) of \(decided.department) \(decided.approve ? "approved" : "refused") by \(decided.by)\(terms): \(decided.reason)",
                               &transaction)
        case .parked:
            let parked = try event.payload(TaskParked.self)
            let until = parked.resumeAt.map { " until \(local($0))" } ?? ""
            try recordTimeline(parked.whistle, .response, seq, time, "parked", parked.department,
                               "parked 挂账: the clocks of \(parked.department) stand still\(until)", &transaction)
        case .resumed:
            let resumed = try event.payload(TaskResumed.self)
            try updateTask(resumed.whistle, resumed.department, &transaction) { facts in
                facts.moveDeadline(to: resumed.disposeDueAt.date)
                if facts.signedAt == nil, let due = resumed.signDueAt { facts.signDueAt = due.date }
            }
            let by = resumed.by.map { "by \($0)" } ?? "at its resume date"
            try recordTimeline(resumed.whistle, .response, seq, time, "resumed", resumed.department,
                               "resumed \(by): \(resumed.department) disposes by \(local(resumed.disposeDueAt))", &transaction)
        case nil:
            break
        }
    }

    /// 待评价 — `department` reported done at `time`; once every department awaited this round has,
    /// the grid may evaluate and the evaluation window (评价期限) runs.
    private func reportedBack(_ whistle: WhistleRecord, by department: String, at time: Date,
                              _ transaction: inout Transaction) throws {
        let id = whistle.id
        let awaiting = whistle.evaluation.awaiting
        let placeholders = awaiting.map { _ in "?" }.joined(separator: ", ")
        let outstanding = try transaction.db.queryFirst("""
            SELECT COUNT(*) AS outstanding FROM department_tasks
            WHERE whistle = ? AND reported = 0 AND department IN (\(placeholders))
            """, [id] + awaiting)?.int("outstanding") ?? 0
        let decision = EvaluationRules.reportedBack(
            whistle.evaluation, by: department, allReported: outstanding == 0, at: time,
            windowDays: try book.require().data.evaluation.windowDays)
        try carryOut(decision, for: whistle, at: time, &transaction)
    }

    private static func phrase(_ request: TaskRequest.Kind) -> String {
        switch request {
        case .return: "return 退单"
        case .extension: "extension 延期"
        case .park: "park 挂账"
        }
    }

    private func requestTerms(_ asked: TaskRequested) -> String {
        if let until = asked.until { return " until \(local(until))" }
        if let resumeAt = asked.resumeAt { return " until \(local(resumeAt))" }
        if let decideBy = asked.decideBy { return ", to be arbitrated by \(local(decideBy))" }
        return ""
    }

    private static func phrase(_ light: ClockLight) -> String {
        switch light {
        case .green: "green 绿灯"
        case .yellow: "yellow 黄灯"
        case .red: "red 红灯"
        }
    }

    /// How a task clock is named in the timeline.
    private static func phrase(_ clock: TaskClock) -> String {
        switch clock {
        case .signFor: "sign-for"
        case .arrive: "arrival"
        case .dispose: "disposal"
        }
    }

    func recordTimeline(_ whistle: String, _ stream: StreamName, _ seq: Int64, _ time: Date, _ type: String,
                        _ department: String?, _ text: String, _ transaction: inout Transaction) throws {
        try transaction.db.execute("""
            INSERT INTO timeline(whistle, stream, seq, time, type, department, text) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [whistle, stream.rawValue, seq, Timestamp.format(time), type, department, text])
    }

    private func local(_ instant: Instant) -> String {
        guard let zone = book.current?.timeZone else { return instant.description }
        return Timestamp.local(instant.date, in: zone)
    }
}
