import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire

extension EvaluationDesk {
    /// 分批公开 — the release of the ballots of the group `work.subject`, armed when at least K of
    /// its evaluations were pending. They count in the month of the item's due time. After the
    /// commit the write-ahead log is truncated, so no page image of the sealed ballots next to
    /// their evaluations outlives it.
    func releaseBallots(_ work: DueWork, _ transaction: inout Transaction) throws {
        let minimum = try book.require().data.evaluation.disclosureMinimum
        let (released, unreadable) = try ballotBox.release(work.subject, period: try period(of: work.at),
                                                           disclosureMinimum: minimum, in: transaction.db)
        guard released + unreadable > 0 else { return }
        let logger = host.logger
        transaction.afterCommit { [unowned self] in
            if unreadable > 0 {
                logger.warning("ballots that do not open were deleted uncounted", ["group": work.subject, "unreadable": unreadable])
            }
            if released > 0 { logger.info("ballots released", ["group": work.subject, "ballots": released]) }
            truncateLog(after: "a release")
        }
    }

    /// Truncates the write-ahead log; one that cannot be truncated now (a backup reading) is
    /// tried again at the next release and at the next start.
    func truncateLog(after what: String) {
        do {
            if try !host.store.truncateLog() { host.logger.warning("the log could not be truncated after \(what)", [:]) }
        } catch {
            host.logger.warning("the log could not be truncated after \(what)", ["error": error])
        }
    }

    /// 意见箱 — the released comments on one department, with its replies, for a whole month,
    /// quarter or year (all time without one), in random order. The department itself, the
    /// district, observers and services may read them.
    func comments(_ context: CommandContext, _ query: CommentsQuery) throws -> Comments {
        let principal = try context.require(.dept, .district, .observer, .service, to: "read comments")
        if principal.kind == .dept, principal.id != query.department {
            throw ProtocolError.notPermitted(principal, "read the comments on \(query.department)")
        }
        let months = try Self.months(of: query.period)
        guard try book.require().department(query.department) != nil else {
            throw ProtocolError(.notFound, "unknown_department", at: "/body/department", "no department '\(query.department)'")
        }
        let filter = PeriodFilter.sql(months, after: "AND")
        let rows = try host.store.db.query("""
            SELECT id, period, text, reply, replied_at FROM comments WHERE department = ?\(filter) ORDER BY id
            """, [query.department] + (months ?? []))
        let comments = rows.compactMap { row -> ReleasedComment? in
            guard let id = row.string("id"), let period = row.string("period"), let text = row.string("text") else { return nil }
            let reply = row.string("reply").flatMap { text in
                row.string("replied_at").flatMap(Timestamp.parse).map { CommentReply(text: text, at: Instant($0)) }
            }
            return ReleasedComment(id: id, period: period, text: text, reply: reply)
        }
        return Comments(department: query.department, period: query.period, comments: comments)
    }

    /// 答复 — the department a released comment is about answers it, once. The reply is shown
    /// with the comment and says nothing of who wrote it.
    func reply(_ context: CommandContext, _ body: ReplyToComment, _ transaction: inout Transaction) throws -> CommentReplied {
        let principal = try context.require(.dept, to: "reply to a comment")
        let text = try body.text.said(at: "/body/text", upTo: Self.maxComment, "say what the department answers")
        guard !text.hasControlCharacters else {
            throw ProtocolError.invalid("/body/text", "no control characters but line breaks and tabs")
        }
        guard let row = try transaction.db.queryFirst("SELECT department, reply FROM comments WHERE id = ?", [body.comment]) else {
            throw ProtocolError(.notFound, "unknown_comment", at: "/body/comment", "no released comment '\(body.comment)'")
        }
        guard row.string("department") == principal.id else {
            throw ProtocolError.notPermitted(principal, "reply to a comment on another department")
        }
        guard row.string("reply") == nil else {
            throw ProtocolError(.conflict, "already_replied", at: "/body/comment", "comment \(body.comment) has its reply")
        }
        let now = context.now
        try transaction.db.execute("UPDATE comments SET reply = ?, replied_at = ? WHERE id = ?",
                                   [text, Timestamp.format(now), body.comment])
        host.logger.info("replied", ["department": principal.id])
        return CommentReplied(comment: body.comment, at: Instant(now))
    }

    /// The months of a whole month, quarter or year; nil (all time) without a period.
    static let periodForms = "a period is a month (2026-12), a quarter (2026-Q4), a year (2026) or a range of days (2026-11-01..2026-11-15)"

    static func months(of period: String?) throws -> [String]? {
        guard let period else { return nil }
        switch AssessmentPeriod(period) {
        case .whole(let whole)?:
            return whole.months
        case .range?:
            throw ProtocolError(.badRequest, "satisfaction_needs_whole_period", at: "/body/period",
                                "satisfaction and comments are released by month: give a whole month (2026-12), quarter (2026-Q4) or year (2026), not a range of days")
        case nil:
            throw ProtocolError.invalid("/body/period", Self.periodForms)
        }
    }
}
