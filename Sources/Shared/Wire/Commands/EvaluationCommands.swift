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

/// `assessment` query: indicators per department, optionally for one month (`2026-12`), quarter
/// (`2026-Q4`) or year (`2026`), or one department.
public struct AssessmentQuery: Sendable, Codable, Equatable {
    public var period: String?
    public var department: String?
    public init(period: String? = nil, department: String? = nil) {
        self.period = period
        self.department = department
    }
}

/// One department's counts and rates. Satisfaction figures are nil below the disclosure minimum K.
public struct DepartmentAssessment: Sendable, Codable, Equatable {
    public var department: String
    public var name: String
    /// 派单 — tasks received.
    public var dispatched: Int
    /// 签收 — signed for, and of those on time.
    public var signed: Int
    public var signedOnTime: Int
    /// 反馈 — reported done (the last round), and of those on time.
    public var reported: Int
    public var reportedOnTime: Int
    /// 结案 — closed whistles this department worked on, evaluated or not.
    public var closed: Int
    /// 逾期未评价 — of `closed`, those closed because the evaluation window passed without an
    /// evaluation: no verdict and no opinion, so never counted as solved or satisfied.
    public var notEvaluated: Int
    /// 返工 — whistles sent back to this department at least once.
    public var reworked: Int
    /// 评价 — evaluations received.
    public var evaluations: Int
    /// 退单 — returns asked for; of those arbitrated, the tasks returned (upheld: out of the
    /// response and disposal figures) and the returns refused.
    public var returns: Int
    public var returned: Int
    public var returnsRefused: Int
    /// 延期 — tasks with an approved extension.
    public var extended: Int
    /// 响应率 — signed on time / dispatched, returned tasks left out.
    public var responseRate: Double?
    /// 按期处置率 — reported on time / reported.
    public var onTimeDisposalRate: Double?
    /// 解决率 — solved verdicts / evaluations (shown below K too: the verdict is not anonymous).
    public var solvedRate: Double?
    /// 已公开 — ballots released in the period (满意度 is shown from these alone).
    public var released: Int
    /// 满意率 — from released ballots; hidden (nil) below `disclosureMinimum` of them.
    public var satisfactionRate: Double?
    /// Whether satisfaction is hidden because fewer than K ballots are released.
    public var satisfactionHidden: Bool
    /// 分项评价 — the mean of each aspect over released ballots, each absent below K scores.
    public var scores: AspectMeans?
    /// 退单率 — returns / dispatched.
    public var returnRate: Double?
    /// 退单不当率 — returns refused / returns arbitrated.
    public var wrongReturnRate: Double?
    /// 延期率 — tasks extended / dispatched, returned tasks left out.
    public var extensionRate: Double?

    public init(department: String, name: String, dispatched: Int, signed: Int, signedOnTime: Int, reported: Int, reportedOnTime: Int, closed: Int, notEvaluated: Int, reworked: Int, evaluations: Int, returns: Int = 0, returned: Int = 0, returnsRefused: Int = 0, extended: Int = 0, responseRate: Double? = nil, onTimeDisposalRate: Double? = nil, solvedRate: Double? = nil, released: Int = 0, satisfactionRate: Double? = nil, satisfactionHidden: Bool, scores: AspectMeans? = nil, returnRate: Double? = nil, wrongReturnRate: Double? = nil, extensionRate: Double? = nil) {
        self.department = department
        self.name = name
        self.dispatched = dispatched
        self.signed = signed
        self.signedOnTime = signedOnTime
        self.reported = reported
        self.reportedOnTime = reportedOnTime
        self.closed = closed
        self.notEvaluated = notEvaluated
        self.reworked = reworked
        self.evaluations = evaluations
        self.returns = returns
        self.returned = returned
        self.returnsRefused = returnsRefused
        self.extended = extended
        self.responseRate = responseRate
        self.onTimeDisposalRate = onTimeDisposalRate
        self.solvedRate = solvedRate
        self.released = released
        self.satisfactionRate = satisfactionRate
        self.satisfactionHidden = satisfactionHidden
        self.scores = scores
        self.returnRate = returnRate
        self.wrongReturnRate = wrongReturnRate
        self.extensionRate = extensionRate
    }
}

/// The answer to `assessment`.
public struct Assessment: Sendable, Codable, Equatable {
    public var period: String?
    public var disclosureMinimum: Int
    public var departments: [DepartmentAssessment]

    public init(period: String? = nil, disclosureMinimum: Int, departments: [DepartmentAssessment]) {
        self.period = period
        self.disclosureMinimum = disclosureMinimum
        self.departments = departments
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
