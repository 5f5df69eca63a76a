import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire

/// 三级网格响应 — the coordinator's `escalate`, and every climb: one commit names the new
/// coordinator and arms its level deadline, announces the escalation to both coordinators and
/// supervises (督办) every open task.
extension ResponseDesk {
    func escalate(_ context: CommandContext, _ body: Escalate, _ transaction: inout Transaction) throws -> CoordinationView {
        let principal = try context.require(.grid, .centre, .district, to: "escalate a whistle")
        let reason = try body.reason.said(at: "/body/reason", upTo: Self.maxReason,
                                   "say why the matter is beyond this level")
        guard let record = try transaction.db.coordination(whistle: body.whistle) else {
            if try transaction.db.tasks(whistle: body.whistle).isEmpty { throw ProtocolError.unknownWhistle(body.whistle) }
            throw ProtocolError.wrongState("/body/whistle", "whistle \(body.whistle) was routed before the three-level response and has no level")
        }
        let calendar = try book.require().calendar
        let storm = try inStorm(record.coordination, transaction.db)
        let decision: CoordinationDecision
        do throws(EscalationRefusal) {
            decision = try CoordinationRules.escalate(record.coordination, by: principal.description, reason: reason,
                                                      at: context.now, calendar: calendar,
                                                      storm: storm)
        } catch .notCoordinator {
            throw ProtocolError.notPermitted(principal, "escalate whistle \(body.whistle): only its current coordinator, \(record.coordination.coordinator), may")
        } catch {
            throw ProtocolError.wrongState("/body/whistle", "whistle \(body.whistle): \(error)")
        }
        return try commit(decision, over: record, at: context.now, &transaction).view()
    }

    /// The whistle climbs because of `trigger`, if its policy climbs on it and a level is left. A
    /// whistle routed before the three-level response existed has no level and does not climb.
    /// Answers whether it climbed.
    func climb(_ whistle: String, _ trigger: EscalationTrigger, reason: String, at time: Date,
               _ transaction: inout Transaction) throws -> Bool {
        guard let record = try transaction.db.coordination(whistle: whistle) else { return false }
        let decision = CoordinationRules.climb(record.coordination, trigger: trigger, reason: reason, at: time,
                                               calendar: try book.require().calendar,
                                               storm: try inStorm(record.coordination, transaction.db))
        try commit(decision, over: record, at: time, &transaction)
        return decision.climbed != nil
    }

    /// Stores a coordination decision, emits its events, applies its due work, and after a climb
    /// supervises every task of the whistle still at work.
    @discardableResult
    func commit(_ decision: CoordinationDecision, over record: CoordinationRecord, at time: Date,
                _ transaction: inout Transaction) throws -> CoordinationRecord {
        var stored = record
        stored.coordination = decision.coordination
        if stored.coordination != record.coordination {
            try transaction.db.update(stored.coordination, from: record.coordination)
        }
        for event in decision.events { try transaction.announce(event, of: stored.coordination, at: time) }
        try transaction.apply(decision.due)
        if let (trigger, reason) = decision.climbed {
            for task in try transaction.db.tasks(whistle: stored.coordination.whistle) where task.task.isOpen {
                try commit(TaskRules.supervise(task.task, level: stored.coordination.level,
                                               coordinator: stored.coordination.coordinator, trigger: trigger,
                                               reason: reason),
                           over: task, at: time, &transaction)
            }
        }
        return stored
    }

    /// Once no department of the whistle is still at work, its level clock waits.
    func settle(_ whistle: String, at time: Date, _ transaction: inout Transaction) throws {
        guard let record = try transaction.db.coordination(whistle: whistle), record.coordination.state == .open,
              try transaction.db.queryFirst("""
                  SELECT 1 AS open FROM tasks WHERE whistle = ? AND state IN ('dispatched', 'signed') LIMIT 1
                  """, [whistle]) == nil else { return }
        try commit(CoordinationRules.reported(record.coordination), over: record, at: time, &transaction)
    }

    /// The sentence a climb carries for the supervised departments and the coordinators.
    func reason(_ trigger: EscalationTrigger, _ task: DepartmentTask) -> String {
        switch trigger {
        case .redClock:
            "the disposal clock (处置) of lead department \(task.department) passed its deadline \(local(task.disposeDue))"
        case .stall:
            "\(task.department) showed no progress, arrival or report since \(local(task.idleSince)) (防推诿)"
        case .coordinator, .levelDeadline, .reworkCap, .arbitration:
            "\(trigger.rawValue) on \(task.department)'s task"
        }
    }
}
