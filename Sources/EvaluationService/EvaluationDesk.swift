import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire

/// EvaluationService's handlers: takes `evaluate` (一键评价) from the raising grid, answers
/// `timeline` and `assessment`, follows the whistle and response streams, and closes a whistle
/// left unevaluated when its evaluation window (评价期限) runs out.
final class EvaluationDesk {
    let host: ServiceHost
    let book: ReferenceBook
    let ballotBox: BallotBox
    let indicators: IndicatorStore
    static let maxComment = 500
    /// The ballot key pair's file in the state directory (never in the database).
    static let ballotKeyFile = "evaluation-ballot.key"

    init(host: ServiceHost) throws {
        self.host = host
        book = try ReferenceBook(store: host.store)
        // Deleted ballots and opinions are overwritten, not just unlinked (docs/anonymity.md).
        try host.store.db.execute("PRAGMA secure_delete = ON")
        indicators = IndicatorStore(db: host.store.db)
        ballotBox = try BallotBox(keyFile: "\(host.options.dataDirectory)/\(Self.ballotKeyFile)", db: host.store.db)
        host.server.principals = book
        // A release whose truncation a crash (or a reader) prevented leaves page images of sealed
        // ballots in the log's tail, which the next commits would not overwrite.
        truncateLog(after: "the start")
        // The remembered request of `evaluate` leaves out satisfaction, scores and comment: it is stored
        // beside the principal, and what a grid said must never be stored with who said it.
        host.server.command("evaluate", Evaluate.self, fingerprint: { "\($0.whistle) \($0.solved) \($0.redo ?? [])" }) {
            [unowned self] context, body, transaction in
            try evaluate(context, body, &transaction)
        }
        host.server.query("timeline", WhistleRef.self) { [unowned self] context, body in
            try timeline(context, body.whistle)
        }
        host.server.query("assessment", AssessmentQuery.self) { [unowned self] context, body in
            try assessment(context, body)
        }
        host.server.query("towns", TownQuery.self) { [unowned self] context, body in
            try towns(context, body)
        }
        host.server.query("areas", TownQuery.self) { [unowned self] context, body in
            try areas(context, body)
        }
        host.server.query("colours", ColoursQuery.self) { [unowned self] context, body in
            try colourMap(context, body)
        }
        host.server.query("comments", CommentsQuery.self) { [unowned self] context, body in
            try comments(context, body)
        }
        host.server.command("reply", ReplyToComment.self) { [unowned self] context, body, transaction in
            try reply(context, body, &transaction)
        }
        try host.consume(.whistle) { [unowned self] event, transaction in
            try followWhistles(event, &transaction)
        }
        try host.consume(.response) { [unowned self] event, transaction in
            try followResponses(event, &transaction)
        }
        host.due.handle(.evaluationWindow) { [unowned self] work, transaction in
            try windowExpired(work, &transaction)
        }
        host.due.handle(.ballotRelease) { [unowned self] work, transaction in
            try releaseBallots(work, &transaction)
        }
        host.due.handle(.colourReview) { [unowned self] work, transaction in
            try reviewColours(work, &transaction)
        }
        try armColourReview()
        if host.options.rebuildIndicators { try rebuildIndicators() }
    }

    /// The month a moment falls in, in the deployment's zone: `2026-12`.
    func period(of date: Date) throws -> String {
        String(Timestamp.local(date, in: try book.require().timeZone).prefix(7))
    }
}
