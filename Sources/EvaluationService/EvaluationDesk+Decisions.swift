import Foundation
import GridDomain
import GridStore
import GridWire

extension EvaluationDesk {
    /// Carries out an evaluation rule's decision about `whistle` in `transaction`: stores the
    /// whistle it decided, arms or cancels its due work, and emits each event at `time` with what
    /// the event changes here (the assessment's facts, the timeline).
    func carryOut(_ decision: EvaluationDecision, for whistle: WhistleRecord, at time: Date,
                  _ transaction: inout Transaction) throws {
        if decision.whistle != whistle.evaluation {
            try WhistleRecord.store(decision.whistle, in: transaction.db)
        }
        // Only a decision that opens a window: the first such is when the matter was settled.
        if let reportedBack = decision.whistle.reportedBackAt, reportedBack != whistle.evaluation.reportedBackAt {
            try updateFacts(whistle.id, &transaction) { facts, _ in
                if facts.reportedBackAt == nil { facts.reportedBackAt = reportedBack }
            }
        }
        try transaction.apply(decision.due)
        for event in decision.events {
            try announce(event, of: whistle, at: time, &transaction)
        }
    }

    private func announce(_ event: EvaluationEvent, of whistle: WhistleRecord, at time: Date,
                          _ transaction: inout Transaction) throws {
        let db = transaction.db
        switch event {
        case .evaluated(let round, let solved):
            try db.execute("INSERT INTO evaluated(whistle, round) VALUES (?, ?)", [whistle.id, round])
            try updateFacts(whistle.id, &transaction) { facts, _ in
                facts.verdicts += whistle.departments.map {
                    WhistleFacts.Verdict(department: $0, round: round, at: time, solved: solved)
                }
            }
            let seq = try transaction.emit(EvaluationEventType.evaluated.rawValue,
                                           topic: EvaluationEventType.evaluated.topic, at: time,
                                           WhistleEvaluated(whistle: whistle.id, round: round, solved: solved))
            try recordTimeline(whistle.id, .evaluation, seq, time, "evaluated", nil,
                               solved ? "evaluated 评价: solved" : "evaluated 评价: not solved", &transaction)
        case .closed(let round, let outcome):
            try updateFacts(whistle.id, &transaction) { facts, reference in
                facts.closedAt = time
                facts.closedAs = outcome
                facts.closeMinutes = reference.calendar.workingMinutes(from: facts.raisedAt, to: time)
            }
            let seq = try transaction.emit(EvaluationEventType.closed.rawValue, topic: EvaluationEventType.closed.topic,
                                           at: time, WhistleClosed(whistle: whistle.id, round: round, outcome: outcome))
            try recordTimeline(whistle.id, .evaluation, seq, time, "closed", nil, closedText(outcome), &transaction)
        case .rework(let round, let departments):
            let seq = try transaction.emit(EvaluationEventType.rework.rawValue, topic: EvaluationEventType.rework.topic,
                                           at: time, WhistleRework(whistle: whistle.id, round: round, departments: departments))
            try recordTimeline(whistle.id, .evaluation, seq, time, "rework", nil,
                               "rework 返工 (round \(round)): \(departments.joined(separator: ", "))", &transaction)
        }
    }

    private func closedText(_ outcome: ClosureOutcome) -> String {
        switch outcome {
        case .evaluated: "closed 结案"
        case .notEvaluated: "closed 结案, not evaluated 逾期未评价: the evaluation window passed"
        case .voided: "closed 结案 as voided 作废"
        }
    }
}
