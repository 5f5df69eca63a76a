import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire

/// What ResponseService does with the streams it consumes: `whistle.routed` dispatches (派单),
/// `evaluation.rework` reopens (返工), `evaluation.closed` closes (结案).
extension ResponseDesk {
    func followWhistles(_ event: ReceivedEvent, _ transaction: inout Transaction) throws {
        switch WhistleEventType(rawValue: event.head.type) {
        case .reference:
            let published = try event.payload(ReferencePublished.self)
            try book.install(version: published.version, data: published.reference, in: &transaction)
        case .routed:
            try dispatch(try event.payload(WhistleRouted.self), at: event.head.time.date, &transaction)
        case .raised, .alertDeclared, .alertLifted, nil:
            break
        }
    }

    /// 派单 — one task per routed department; its clocks start when the whistle was routed.
    private func dispatch(_ routed: WhistleRouted, at time: Date, _ transaction: inout Transaction) throws {
        let calendar = try book.require().calendar
        let policy = try policies.text(routed.policy)
        let parts = [(routed.lead, TaskRole.lead)] + routed.co.map { ($0, TaskRole.co) }
        let decisions = TaskRules.dispatch(whistle: routed.whistle, departments: parts, policy: routed.policy, at: time,
                                           calendar: calendar)
        var times: TaskRecord.StoredTimes?
        for decision in decisions {
            let record = TaskRecord(task: decision.task, grid: routed.grid, town: routed.town, matter: routed.matter,
                                    urgency: routed.policy.urgency.rawValue, dispatchedAt: time)
            // The tasks of one whistle share their times: they are written as text once.
            let shared = times ?? TaskRecord.StoredTimes(of: record)
            times = shared
            try transaction.db.insert(record, policy: policy, times: shared)
            try commit(decision, over: record, at: time, &transaction)
        }
        host.logger.info("dispatched", ["whistle": routed.whistle, "lead": routed.lead, "co": routed.co.count])
    }

    func followEvaluation(_ event: ReceivedEvent, _ transaction: inout Transaction) throws {
        let time = event.head.time.date
        switch EvaluationEventType(rawValue: event.head.type) {
        case .rework:
            let rework = try event.payload(WhistleRework.self)
            let calendar = try book.require().calendar
            for department in rework.departments {
                guard let record = try transaction.db.task(whistle: rework.whistle, department: department) else {
                    throw ProtocolError.unknownWhistle(rework.whistle, at: "/data/departments")
                }
                let decision = try decide(record) { task throws(IllegalTaskTransition) in
                    try TaskRules.reopen(task, round: rework.round, at: time, calendar: calendar)
                }
                try commit(decision, over: record, at: time, &transaction)
            }
        case .closed:
            // Evaluated or not (逾期未评价), the loop is closed: every task of the whistle closes
            // and its clocks stop.
            let closed = try event.payload(WhistleClosed.self)
            for record in try transaction.db.tasks(whistle: closed.whistle) {
                try commit(TaskRules.close(record.task, at: time), over: record, at: time, &transaction)
            }
        case .evaluated, nil:
            break
        }
    }
}
