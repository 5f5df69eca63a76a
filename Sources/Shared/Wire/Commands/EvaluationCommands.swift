import GridDomain

/// `evaluate` (一键评价), to EvaluationService, as the raising grid, after the lead reported done.
public struct Evaluate: Sendable, Codable, Equatable {
    public var whistle: String
    /// 是否解决 — true closes the whistle; false sends it back for rework.
    public var solved: Bool
    public var satisfaction: Satisfaction
    /// 分项评价 — optional scores 1–5 of timeliness, quality and attitude/coordination.
    public var scores: AspectScores?
    public var comment: String?
    /// With `solved: false`: which departments must redo their part (default: the lead).
    public var redo: [String]?

    public init(whistle: String, solved: Bool, satisfaction: Satisfaction, scores: AspectScores? = nil,
                comment: String? = nil, redo: [String]? = nil) {
        self.whistle = whistle
        self.solved = solved
        self.satisfaction = satisfaction
        self.scores = scores
        self.comment = comment
        self.redo = redo
    }
}

/// The answer to `evaluate`.
public struct EvaluationAccepted: Sendable, Codable, Equatable {
    public enum Outcome: String, Sendable, NamedCase { case closed, rework }
    public var whistle: String
    public var round: Int
    public var outcome: Outcome

    public init(whistle: String, round: Int, outcome: Outcome) {
        self.whistle = whistle
        self.round = round
        self.outcome = outcome
    }
}

/// One step in a whistle's timeline.
public struct TimelineEntry: Sendable, Codable, Equatable {
    public var time: Instant
    public var stream: StreamName
    public var seq: Int64
    public var type: String
    public var department: String?
    public var text: String

    public init(time: Instant, stream: StreamName, seq: Int64, type: String, department: String? = nil, text: String) {
        self.time = time
        self.stream = stream
        self.seq = seq
        self.type = type
        self.department = department
        self.text = text
    }
}

/// The answer to `timeline`: every step of one whistle across the three streams.
public struct Timeline: Sendable, Codable, Equatable {
    public var whistle: String
    public var grid: String
    public var matter: String
    public var urgency: String
    public var lead: String
    public var co: [String]
    public var phase: WhistlePhase
    public var round: Int
    /// How the loop closed: `evaluated`, or `not_evaluated` (逾期未评价); absent while it is open.
    public var outcome: ClosureOutcome?
    public var entries: [TimelineEntry]

    public init(whistle: String, grid: String, matter: String, urgency: String, lead: String, co: [String], phase: WhistlePhase, round: Int, outcome: ClosureOutcome? = nil, entries: [TimelineEntry]) {
        self.whistle = whistle
        self.grid = grid
        self.matter = matter
        self.urgency = urgency
        self.lead = lead
        self.co = co
        self.phase = phase
        self.round = round
        self.outcome = outcome
        self.entries = entries
    }
}

/// `assessment` query: indicators per department for one month (`2026-12`), quarter (`2026-Q4`),
/// year (`2026`) or range of days (`2026-11-01..2026-11-15`), or all time; optionally one department.
public struct AssessmentQuery: Sendable, Codable, Equatable {
    public var period: String?
    public var department: String?
    public init(period: String? = nil, department: String? = nil) {
        self.period = period
        self.department = department
    }
}

/// The mean score of each aspect over released ballots; an aspect scored fewer than K times is absent.
public struct AspectMeans: Sendable, Codable, Equatable {
    public var timeliness: Double?
    public var quality: Double?
    public var attitude: Double?

    public init(timeliness: Double? = nil, quality: Double? = nil, attitude: Double? = nil) {
        self.timeliness = timeliness
        self.quality = quality
        self.attitude = attitude
    }

    /// The means of `released` with at least `minimum` scores each; nil when none has.
    public init?(_ released: ReleasedOpinions, minimum: Int) {
        timeliness = released.meanScore(.timeliness, minimum: minimum)
        quality = released.meanScore(.quality, minimum: minimum)
        attitude = released.meanScore(.attitude, minimum: minimum)
        if timeliness == nil, quality == nil, attitude == nil { return nil }
    }
}

/// `comments` query: the released comments (意见箱) on one department, for a whole month, quarter
/// or year, or for all time.
public struct CommentsQuery: Sendable, Codable, Equatable {
    public var department: String
    public var period: String?

    public init(department: String, period: String? = nil) {
        self.department = department
        self.period = period
    }
}

/// A department's answer to a released comment (答复).
public struct CommentReply: Sendable, Codable, Equatable {
    public var text: String
    public var at: Instant

    public init(text: String, at: Instant) {
        self.text = text
        self.at = at
    }
}

/// One released comment: released in `period`, in no order that says when it was written.
public struct ReleasedComment: Sendable, Codable, Equatable {
    public var id: String
    public var period: String
    public var text: String
    public var reply: CommentReply?

    public init(id: String, period: String, text: String, reply: CommentReply? = nil) {
        self.id = id
        self.period = period
        self.text = text
        self.reply = reply
    }
}

/// The answer to `comments`.
public struct Comments: Sendable, Codable, Equatable {
    public var department: String
    public var period: String?
    public var comments: [ReleasedComment]

    public init(department: String, period: String? = nil, comments: [ReleasedComment]) {
        self.department = department
        self.period = period
        self.comments = comments
    }
}

/// `reply` (答复), to EvaluationService, as the department a released comment is about.
public struct ReplyToComment: Sendable, Codable, Equatable {
    public var comment: String
    public var text: String

    public init(comment: String, text: String) {
        self.comment = comment
        self.text = text
    }
}

/// The answer to `reply`.
public struct CommentReplied: Sendable, Codable, Equatable {
    public var comment: String
    public var at: Instant

    public init(comment: String, at: Instant) {
        self.comment = comment
        self.at = at
    }
}
