import Foundation
import GridDomain
import GridStore

extension EvaluationDesk {
    /// 逾期未评价 — the evaluation window (评价期限) of `work.subject` ran out. Decided at the
    /// window's own end, `work.at`, whenever it fires: a whistle still awaiting evaluation closes as
    /// not evaluated; one evaluated or sent back since decides nothing.
    func windowExpired(_ work: DueWork, _ transaction: inout Transaction) throws {
        let whistle = try WhistleRecord.load(work.subject, from: transaction.db)
        let decision = EvaluationRules.windowExpired(whistle.evaluation, at: work.at)
        try carryOut(decision, for: whistle, at: work.at, &transaction)
        if !decision.events.isEmpty {
            host.logger.info("closed not evaluated", ["whistle": whistle.id])
        }
    }
}
