import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire
import SQLite

extension EvaluationDesk {
    /// 一键评价 — the raising grid's check and anonymous evaluation, once per round.
    func evaluate(_ context: CommandContext, _ body: Evaluate, _ transaction: inout Transaction) throws -> EvaluationAccepted {
        let principal = try context.require(.grid, to: "evaluate a whistle")
        var whistle = try WhistleRecord.load(body.whistle, from: transaction.db)
        guard whistle.grid == principal.id else {
            throw ProtocolError(.forbidden, "not_raising_grid", at: "/as",
                                "only the grid that raised \(whistle.id) (\(whistle.grid)) may evaluate it")
        }
        if let comment = body.comment, comment.count > Self.maxComment {
            throw ProtocolError.invalid("/body/comment", "at most \(Self.maxComment) characters")
        }
        let round = whistle.loop.round
        do {
            try whistle.loop.apply(.evaluated(solved: body.solved))
        } catch {
            if error.phase == .closed {
                throw ProtocolError(.conflict, "already_evaluated", at: "/body/whistle",
                                    "whistle \(whistle.id) was evaluated and closed")
            }
            throw ProtocolError.wrongState("/body/whistle", "whistle \(whistle.id): \(error)")
        }
        let redo = try redoDepartments(body, whistle, db: transaction.db)
        let now = context.now
        let period = try period(of: now)
        let db = transaction.db
        try db.execute("INSERT INTO evaluated(whistle, round) VALUES (?, ?)", [whistle.id, round])
        try db.execute("UPDATE whistles SET phase = ?, round = ? WHERE id = ?",
                       [whistle.loop.phase.rawValue, whistle.loop.round, whistle.id])
        let departments = whistle.departments
        for department in departments {
            try db.execute("INSERT INTO verdicts(whistle, round, department, period, solved) VALUES (?, ?, ?, ?, ?)",
                           [whistle.id, round, department, period, body.solved])
        }
        try storeOpinion(body, town: whistle.town, matter: whistle.matter, period: period,
                         departments: departments, in: &transaction)

        let evaluatedSeq = try transaction.emit(EvaluationEventType.evaluated.rawValue,
            topic: EvaluationEventType.evaluated.topic, at: now,
            WhistleEvaluated(whistle: whistle.id, round: round, solved: body.solved))
        try recordTimeline(whistle.id, .evaluation, evaluatedSeq, now, "evaluated", nil,
                           body.solved ? "evaluated 评价: solved" : "evaluated 评价: not solved", &transaction)
        let outcome: EvaluationAccepted.Outcome
        if body.solved {
            outcome = .closed
            try db.execute("UPDATE department_tasks SET closed = 1 WHERE whistle = ?", [whistle.id])
            let seq = try transaction.emit(EvaluationEventType.closed.rawValue, topic: EvaluationEventType.closed.topic,
                                           at: now, WhistleClosed(whistle: whistle.id, round: round, outcome: .evaluated))
            try recordTimeline(whistle.id, .evaluation, seq, now, "closed", nil, "closed 结案", &transaction)
        } else {
            outcome = .rework
            for department in redo {
                try db.execute("UPDATE department_tasks SET reworked = 1 WHERE whistle = ? AND department = ?",
                               [whistle.id, department])
            }
            try db.execute("UPDATE whistles SET awaiting = ? WHERE id = ?",
                           [try JSONCoding.encodeString(redo), whistle.id])
            let seq = try transaction.emit(EvaluationEventType.rework.rawValue, topic: EvaluationEventType.rework.topic,
                at: now, WhistleRework(whistle: whistle.id, round: whistle.loop.round, departments: redo))
            try recordTimeline(whistle.id, .evaluation, seq, now, "rework", nil,
                               "rework 返工 (round \(whistle.loop.round)): \(redo.joined(separator: ", "))", &transaction)
        }
        host.logger.info("evaluated", ["whistle": whistle.id, "outcome": outcome.rawValue])
        return EvaluationAccepted(whistle: whistle.id, round: round, outcome: outcome)
    }

    /// Who must redo their part after "not solved": the named departments of the whistle, or its
    /// lead. Only a department that has reported done can be sent back; one still working is
    /// already on it.
    private func redoDepartments(_ body: Evaluate, _ whistle: WhistleRecord, db: Database) throws -> [String] {
        guard let redo = body.redo else { return body.solved ? [] : [whistle.lead] }
        guard !body.solved else { throw ProtocolError.invalid("/body/redo", "redo names departments only when solved is false") }
        guard !redo.isEmpty else { throw ProtocolError.invalid("/body/redo", "name at least one department, or leave redo out") }
        for (index, department) in redo.enumerated() {
            guard whistle.departments.contains(department) else {
                throw ProtocolError(.notFound, "unknown_department", at: "/body/redo/\(index)",
                                    "\(department) is not a department of whistle \(whistle.id)")
            }
            let reported = try db.queryFirst("SELECT reported FROM department_tasks WHERE whistle = ? AND department = ?",
                                              [whistle.id, department])?.int(0) ?? 0
            guard reported == 1 else {
                throw ProtocolError(.conflict, "not_reported", at: "/body/redo/\(index)",
                                    "\(department) has not reported its part done, so there is nothing to redo")
            }
        }
        return Array(Set(redo)).sorted()
    }

    /// What was said, kept apart from who said it and about which whistle.
    private func storeOpinion(_ body: Evaluate, town: String, matter: String, period: String,
                              departments: [String], in transaction: inout Transaction) throws {
        let id = UUID().uuidString
        try transaction.db.execute(
            "INSERT INTO opinions(id, period, town, matter, satisfaction, comment) VALUES (?, ?, ?, ?, ?, ?)",
            [id, period, town, matter, body.satisfaction.rawValue, body.comment])
        for department in departments {
            try transaction.db.execute("INSERT INTO opinion_departments(opinion, department) VALUES (?, ?)",
                                       [id, department])
        }
    }
}
