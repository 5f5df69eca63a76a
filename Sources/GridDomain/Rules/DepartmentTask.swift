import Foundation

/// The clocks of a department's task, in the order they are declared.
public enum TaskClock: String, Sendable, NamedCase {
    /// 签收 — sign for the whistle.
    case signFor
    /// 到场 — arrive on site (报到), where the matter's urgency names `arrive`.
    case arrive
    /// 处置 — dispose of it and report back (反馈).
    case dispose
}

/// 红黄绿灯 — how far a running clock has gone: green below 80 % of its limit, yellow from 80 %,
/// red past its deadline.
public enum ClockLight: String, Sendable, NamedCase, Comparable {
    case green
    case yellow
    case red

    /// 0 green, 1 yellow, 2 red.
    public var rank: Int {
        switch self {
        case .green: 0
        case .yellow: 1
        case .red: 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// 部门任务 — one department's part in a whistle, as the task rules see it.
public struct DepartmentTask: Sendable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var state: TaskState
    /// 1, then the round of each rework (返工) that reopened it.
    public var round: Int
    /// The whistle's frozen policy (冻结策略): its limits and response settings.
    public var policy: Policy
    /// 派单 — when the whistle was routed: the sign-for and arrival clocks start here.
    public var dispatchedAt: Date
    public var signDue: Date
    /// 到场 — the arrival deadline; nil when the matter's urgency has no arrival step.
    public var arriveDue: Date?
    /// When this round's 处置 clock started: the dispatch, or the rework that reopened the task.
    public var disposeStart: Date
    /// The current round's 处置 deadline.
    public var disposeDue: Date
    public var signedAt: Date?
    /// 报到 — when the department reported arrival on site.
    public var arrivedAt: Date?
    public var reportedAt: Date?
    /// The last progress note and when it was given.
    public var progress: String?
    public var progressAt: Date?
    /// 防推诿 — when the task last showed life (signed, arrived, progress), or when anti-stall last
    /// climbed; the stall clock counts from here.
    public var activeAt: Date?
    /// 防推诿 — whether the task was already reminded for stalling since `activeAt`.
    public var stallReminded: Bool
    /// The clocks already declared overdue (超时), so each is declared once (per round, for dispose).
    public var overdue: Set<TaskClock>
    /// For each running clock, how many of its thresholds (reminders, yellow) have passed.
    public var marks: [TaskClock: Int]
    /// 防汛防台 — the clocks running on halved time during a weather alert.
    public var halved: Set<TaskClock>
    /// 挂账 — since when the whistle is parked: every clock of the task stands still until it resumes.
    public var parkedAt: Date?

    public init(
        whistle: String, department: String, role: TaskRole, state: TaskState, round: Int, policy: Policy,
        dispatchedAt: Date, signDue: Date, arriveDue: Date? = nil, disposeStart: Date? = nil, disposeDue: Date,
        signedAt: Date? = nil, arrivedAt: Date? = nil, reportedAt: Date? = nil, progress: String? = nil,
        progressAt: Date? = nil, activeAt: Date? = nil, stallReminded: Bool = false, overdue: Set<TaskClock> = [],
        marks: [TaskClock: Int] = [:], halved: Set<TaskClock> = [], parkedAt: Date? = nil
    ) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.state = state
        self.round = round
        self.policy = policy
        self.dispatchedAt = dispatchedAt
        self.signDue = signDue
        self.arriveDue = arriveDue
        self.disposeStart = disposeStart ?? dispatchedAt
        self.disposeDue = disposeDue
        self.signedAt = signedAt
        self.arrivedAt = arrivedAt
        self.reportedAt = reportedAt
        self.progress = progress
        self.progressAt = progressAt
        self.activeAt = activeAt
        self.stallReminded = stallReminded
        self.overdue = overdue
        self.marks = marks
        self.halved = halved
        self.parkedAt = parkedAt
    }

    /// The subject of the task's due work: "<whistle>/<department>" (whistle ids have no "/").
    public var subject: String { "\(whistle)/\(department)" }

    /// The whistle and department a ``subject`` names (split at the first "/"); nil for any other text.
    public static func task(ofSubject subject: String) -> (whistle: String, department: String)? {
        guard let slash = subject.firstIndex(of: "/") else { return nil }
        return (String(subject[..<slash]), String(subject[subject.index(after: slash)...]))
    }

    /// 防推诿 — since when the task has shown no life: its last sign of life, else its signing,
    /// else its dispatch.
    public var idleSince: Date { activeAt ?? signedAt ?? dispatchedAt }

    /// Whether the department still has work to do this round: dispatched or signed for.
    public var isOpen: Bool { state == .dispatched || state == .signed }

    /// 挂账 — whether the task is open and its whistle parked: its clocks stand still.
    public var isParked: Bool { isOpen && parkedAt != nil }
}
