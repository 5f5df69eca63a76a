import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire
import SQLite

extension EvaluationDesk {
    /// 一键评价 — the raising grid's check and anonymous evaluation, once per round, within the
    /// evaluation window (评价期限).
    func evaluate(_ context: CommandContext, _ body: Evaluate, _ transaction: inout Transaction) throws -> EvaluationAccepted {
        let principal = try context.require(.grid, to: "evaluate a whistle")
        let whistle = try WhistleRecord.load(body.whistle, from: transaction.db)
        guard whistle.grid == principal.id else {
            throw ProtocolError(.forbidden, "not_raising_grid", at: "/as",
                                "only the grid that raised \(whistle.id) (\(whistle.grid)) may evaluate it")
        }
        try Self.checkOpinion(body)
        let now = context.now
        // The rule refuses on the whistle's state before `redo` is checked against its departments.
        let named = body.redo.map { Array(Set($0)).sorted() } ?? []
        let windowDays = try book.require().data.evaluation.windowDays
        let decision: EvaluationDecision
        do {
            decision = try EvaluationRules.evaluate(whistle.evaluation, solved: body.solved, redo: named, at: now,
                                                    windowDays: windowDays)
        } catch {
            throw refusal(error, whistle.id)
        }
        try checkRedo(body, whistle, db: transaction.db)
        try carryOut(decision, for: whistle, at: now, &transaction)
        try castBallots(body, departments: whistle.departments, at: now, &transaction)
        let outcome: EvaluationAccepted.Outcome = body.solved ? .closed : .rework
        host.logger.info("evaluated", ["whistle": whistle.id, "outcome": outcome.rawValue])
        return EvaluationAccepted(whistle: whistle.id, round: whistle.evaluation.loop.round, outcome: outcome)
    }

    /// The wire refusal of a rule's refusal, at `/body/whistle`.
    private func refusal(_ refusal: EvaluationRefusal, _ id: String) -> ProtocolError {
        switch refusal {
        case .alreadyClosed(.evaluated):
            ProtocolError(.conflict, "already_evaluated", at: "/body/whistle", "whistle \(id) was evaluated and closed")
        case .windowClosed, .alreadyClosed(.notEvaluated):
            ProtocolError(.conflict, "evaluation_window_closed", at: "/body/whistle",
                          "whistle \(id) closed without an evaluation: its evaluation window has passed")
        case .notReportedBack(let step):
            ProtocolError.wrongState("/body/whistle", "whistle \(id): \(step)")
        case .voided, .alreadyClosed(.voided):
            ProtocolError.wrongState("/body/whistle", "whistle \(id) was voided (作废); there is nothing to evaluate")
        }
    }

    /// Who may be named to redo their part after "not solved": departments of the whistle, each
    /// one that has reported done (one still working is already on it); left out, the lead.
    private func checkRedo(_ body: Evaluate, _ whistle: WhistleRecord, db: Database) throws {
        guard let redo = body.redo else { return }
        guard !body.solved else { throw ProtocolError.invalid("/body/redo", "redo names departments only when solved is false") }
        guard !redo.isEmpty else { throw ProtocolError.invalid("/body/redo", "name at least one department, or leave redo out") }
        for (index, department) in redo.enumerated() {
            guard whistle.departments.contains(department) else {
                throw ProtocolError(.notFound, "unknown_department", at: "/body/redo/\(index)",
                                    "\(department) is not a department of whistle \(whistle.id)")
            }
            let reported = try db.queryFirst("SELECT reported FROM department_tasks WHERE whistle = ? AND department = ?",
                                              [whistle.id, department])?.bool("reported") ?? false
            guard reported else {
                throw ProtocolError(.conflict, "not_reported", at: "/body/redo/\(index)",
                                    "\(department) has not reported its part done, so there is nothing to redo")
            }
        }
    }

    /// The aspect scores (1–5 each) and the comment: at most ``maxComment`` characters and
    /// ``BallotBox/maxCommentBytes`` bytes, with no control characters but line breaks and tabs.
    /// No refusal repeats what was said.
    static func checkOpinion(_ body: Evaluate) throws {
        for (aspect, score) in body.scores?.given ?? [] where !Aspect.scores.contains(score) {
            throw ProtocolError.invalid("/body/scores/\(aspect.rawValue)", "a score is a whole number from 1 to 5")
        }
        guard let comment = body.comment else { return }
        guard comment.fits(maxComment), comment.utf8.count <= BallotBox.maxCommentBytes else {
            throw ProtocolError.invalid("/body/comment", "at most \(maxComment) characters and \(BallotBox.maxCommentBytes) bytes in UTF-8")
        }
        guard !comment.hasControlCharacters else {
            throw ProtocolError.invalid("/body/comment", "no control characters but line breaks and tabs")
        }
    }

    /// 一票一部门 — what was said, as one sealed ballot for each department judged, kept apart
    /// from who said it and about which whistle; a release group with at least K evaluations
    /// pending gets its release armed, due now.
    private func castBallots(_ body: Evaluate, departments: [String], at now: Date,
                             _ transaction: inout Transaction) throws {
        let comment = body.comment.flatMap { $0.isSaid ? $0 : nil }
        let ballots = Ballot.cast(satisfaction: body.satisfaction, scores: body.scores ?? AspectScores(),
                                  comment: comment, departments: departments)
        let minimum = try book.require().data.evaluation.disclosureMinimum
        let group = BallotRelease.group(lead: departments[0], co: Array(departments.dropFirst()))
        let pending = try ballotBox.store(ballots, group: group, in: transaction.db)
        if BallotRelease.isDue(pending: pending, disclosureMinimum: minimum) {
            try transaction.apply([.arm(DueWork(kind: .ballotRelease, subject: group, at: now))])
        }
    }
}
