import Foundation

/// The rules of a whistle's evaluation (EvaluationService's side): report-back opens a window of
/// natural days for 一键评价; the evaluation closes the loop or sends it back (返工); a window
/// that passes unused closes it as not evaluated.
public enum EvaluationRules {
    /// The end of the evaluation window: `days` natural days of 24 hours (86,400 s) after
    /// `reportedBack`, whatever the working calendar or the zone's clock changes say.
    public static func windowEnd(from reportedBack: Date, days: Int) -> Date {
        reportedBack + TimeInterval(days) * 86_400
    }

    /// 待评价 — `department` reported done. When it is awaited this round, the whistle is open and
    /// `allReported` (every awaited department has now reported, as the caller counts), the whistle
    /// awaits evaluation and its window is armed; otherwise nothing changes.
    public static func reportedBack(
        _ whistle: EvaluatedWhistle, by department: String, allReported: Bool, at: Date, windowDays: Int
    ) -> EvaluationDecision {
        guard allReported, whistle.awaiting.contains(department) else { return EvaluationDecision(whistle: whistle) }
        var next = whistle
        do {
            try next.loop.apply(.reportedBack)
        } catch {
            return EvaluationDecision(whistle: whistle)
        }
        next.reportedBackAt = at
        let window = DueWork(kind: .evaluationWindow, subject: whistle.id, at: windowEnd(from: at, days: windowDays))
        return EvaluationDecision(whistle: next, due: [.arm(window)])
    }

    /// 一键评价 — solved closes the loop; not solved starts the next round for `redo` (already
    /// validated by the caller; empty means the lead). Either way the window is cancelled. An
    /// evaluation at or after the window's end is refused even before its due work has fired.
    public static func evaluate(
        _ whistle: EvaluatedWhistle, solved: Bool, redo: [String], at: Date, windowDays: Int
    ) throws(EvaluationRefusal) -> EvaluationDecision {
        switch whistle.closedAs {
        case .notEvaluated: throw .windowClosed
        case .evaluated: throw .alreadyClosed(.evaluated)
        case .voided: throw .voided
        case nil: break
        }
        if whistle.loop.phase == .reported, let reportedBack = whistle.reportedBackAt,
           at >= windowEnd(from: reportedBack, days: windowDays) {
            throw .windowClosed
        }
        let round = whistle.loop.round
        var next = whistle
        do {
            try next.loop.apply(.evaluated(solved: solved))
        } catch where error.phase == .closed {
            throw .alreadyClosed(.evaluated)
        } catch {
            throw .notReportedBack(error)
        }
        let cancelWindow = DueChange.cancel(.evaluationWindow, subject: whistle.id)
        if solved {
            next.closedAs = .evaluated
            return EvaluationDecision(
                whistle: next,
                events: [.evaluated(round: round, solved: true), .closed(round: round, outcome: .evaluated)],
                due: [cancelWindow])
        }
        let departments = redo.isEmpty ? [whistle.lead] : redo
        next.awaiting = departments
        next.reportedBackAt = nil
        return EvaluationDecision(
            whistle: next,
            events: [.evaluated(round: round, solved: false), .rework(round: next.loop.round, departments: departments)],
            due: [cancelWindow])
    }

    /// 逾期未评价 — the window's due work ran at `at`. A whistle still awaiting evaluation closes
    /// as not evaluated; in any other phase the work is stale and decides nothing (every phase
    /// change arms or cancels the window, so the phase alone decides).
    public static func windowExpired(_ whistle: EvaluatedWhistle, at: Date) -> EvaluationDecision {
        let round = whistle.loop.round
        var next = whistle
        do {
            try next.loop.apply(.windowExpired)
        } catch {
            return EvaluationDecision(whistle: whistle)
        }
        next.closedAs = .notEvaluated
        return EvaluationDecision(whistle: next, events: [.closed(round: round, outcome: .notEvaluated)])
    }

    /// 作废 — the town centre's void, as EvaluationService applies it. Whichever EvaluationService applies first
    /// wins: a whistle not yet closed closes as voided (its window cancelled); one already closed
    /// (evaluated, or not evaluated) stays as it closed, and the void is too late (`nil`).
    public static func void(_ whistle: EvaluatedWhistle) -> EvaluationDecision? {
        let round = whistle.loop.round
        var next = whistle
        do {
            try next.loop.apply(.voided)
        } catch {
            return nil
        }
        next.closedAs = .voided
        return EvaluationDecision(whistle: next, events: [.closed(round: round, outcome: .voided)],
                                  due: [.cancel(.evaluationWindow, subject: whistle.id)])
    }
}
