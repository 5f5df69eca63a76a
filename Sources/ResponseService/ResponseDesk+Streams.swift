import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire

/// What ResponseService does with the streams it consumes: `whistle.routed` dispatches (派单) and
/// starts the whistle's level, a weather alert halves or restores clocks (防汛防台),
/// `whistle.voided` stops the whistle (作废), `evaluation.rework` reopens (返工, climbing past the
/// rework cap), `evaluation.closed` closes (结案). (`whistle.rerouted` follows this service's own
/// re-dispatch: there is nothing to do.)
extension ResponseDesk {
    func followWhistles(_ event: ReceivedEvent, _ transaction: inout Transaction) throws {
        let time = event.head.time.date
        switch WhistleEventType(rawValue: event.head.type) {
        case .reference:
            let published = try event.payload(ReferencePublished.self)
            try book.install(version: published.version, data: published.reference, in: &transaction)
        case .routed:
            try dispatch(try event.payload(WhistleRouted.self), at: time, &transaction)
        case .alertDeclared:
            let declared = try event.payload(AlertDeclared.self)
            try alert(declared.alert, town: declared.town, declared: true, at: time, &transaction)
        case .alertLifted:
            let lifted = try event.payload(AlertLifted.self)
            try alert(lifted.alert, town: lifted.town, declared: false, at: time, &transaction)
        case .voided:
            try voidWhistle(try event.payload(WhistleVoided.self).whistle, at: time, &transaction)
        case .raised, .rerouted, nil:
            break
        }
    }

    /// 派单 — one task per routed department, and the whistle's place in the three-level response;
    /// the clocks start when the whistle was routed, on halved limits in a town under a weather
    /// alert when the policy says `storm`.
    private func dispatch(_ routed: WhistleRouted, at time: Date, _ transaction: inout Transaction) throws {
        let reference = try book.require()
        let storm = try routed.policy.storm && townInStorm(routed.town, transaction.db)
        let policy = try policies.text(routed.policy)
        let parts = [(routed.lead, TaskRole.lead)] + routed.co.map { ($0, TaskRole.co) }
        let decisions = TaskRules.dispatch(whistle: routed.whistle, departments: parts, policy: routed.policy, at: time,
                                           calendar: reference.calendar, storm: storm)
        var times: TaskRecord.StoredTimes?
        for decision in decisions {
            let record = TaskRecord(task: decision.task, grid: routed.grid, town: routed.town, matter: routed.matter,
                                    urgency: routed.policy.urgency.rawValue)
            // The tasks of one whistle share their times: they are written as text once.
            let shared = times ?? TaskRecord.StoredTimes(of: record.task)
            times = shared
            try transaction.db.insert(record, policy: policy, times: shared)
            try commit(decision, over: record, at: time, &transaction)
        }
        if let chain = CoordinationRules.chain(for: routed.grid, in: reference.tree) {
            let decision = CoordinationRules.start(
                whistle: routed.whistle, town: routed.town, coordinators: chain.coordinators, level: chain.start,
                policy: routed.policy, at: time, calendar: reference.calendar, storm: storm)
            let record = CoordinationRecord(coordination: decision.coordination, grid: routed.grid, matter: routed.matter)
            try transaction.db.insert(record, response: try responses.text(routed.policy.response))
            try transaction.apply(decision.due)
        } else {
            host.logger.warning("no level for the whistle: its grid is not a raising grid of the tree",
                                ["whistle": routed.whistle, "grid": routed.grid])
        }
        host.logger.info("dispatched", ["whistle": routed.whistle, "lead": routed.lead, "co": routed.co.count])
    }

    func followEvaluation(_ event: ReceivedEvent, _ transaction: inout Transaction) throws {
        let time = event.head.time.date
        switch EvaluationEventType(rawValue: event.head.type) {
        case .rework:
            let rework = try event.payload(WhistleRework.self)
            let calendar = try book.require().calendar
            let coordination = try transaction.db.coordination(whistle: rework.whistle)
            let storm = try coordination.map { try inStorm($0.coordination, transaction.db) } ?? false
            for department in rework.departments {
                guard let record = try transaction.db.task(whistle: rework.whistle, department: department) else {
                    throw ProtocolError.unknownWhistle(rework.whistle, at: "/data/departments")
                }
                // A void applied here first: the whistle ends as EvaluationService says. A part returned
                // meanwhile has nothing to redo here.
                if record.task.state == .voided || record.task.state == .returned { continue }
                let decision = try decide(record) { task throws(IllegalTaskTransition) in
                    try TaskRules.reopen(task, round: rework.round, at: time, calendar: calendar, storm: storm)
                }
                try commit(decision, over: record, at: time, &transaction)
            }
            if let coordination {
                let reopened = try commit(CoordinationRules.reopened(coordination.coordination, at: time,
                                                                     calendar: calendar, storm: storm),
                                          over: coordination, at: time, &transaction)
                // 返工 beyond the cap: the rework goes ahead, and the whistle climbs a level too.
                let cap = reopened.coordination.response.reworkCap
                if rework.round - 1 > cap {
                    _ = try climb(rework.whistle, .reworkCap,
                              reason: "rework \(rework.round - 1) of whistle \(rework.whistle), beyond the cap of \(cap)",
                              at: time, &transaction)
                }
            }
        case .closed:
            // Evaluated, not evaluated (逾期未评价) or voided, the loop is closed: every task of the
            // whistle closes (or stays voided) and its clocks stop, and so does its level clock.
            let closed = try event.payload(WhistleClosed.self)
            for record in try transaction.db.tasks(whistle: closed.whistle) {
                try commit(TaskRules.close(record.task, at: time, outcome: closed.outcome), over: record, at: time,
                           &transaction)
            }
            try dropRequests(closed.whistle, &transaction)
            if let coordination = try transaction.db.coordination(whistle: closed.whistle) {
                try commit(CoordinationRules.close(coordination.coordination), over: coordination, at: time,
                           &transaction)
            }
        case .evaluated, .colour, nil:
            break
        }
    }
}
