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

    private var rank: Int {
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
    /// The whistle's frozen policy (冻结策略): its limits.
    public var policy: Policy
    public var signDue: Date
    /// The current round's 处置 deadline.
    public var disposeDue: Date
    public var signedAt: Date?
    public var reportedAt: Date?
    /// The clocks already declared overdue (超时), so each is declared once (per round, for dispose).
    public var overdue: Set<TaskClock>

    public init(
        whistle: String, department: String, role: TaskRole, state: TaskState, round: Int, policy: Policy,
        signDue: Date, disposeDue: Date, signedAt: Date? = nil, reportedAt: Date? = nil, overdue: Set<TaskClock> = []
    ) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.state = state
        self.round = round
        self.policy = policy
        self.signDue = signDue
        self.disposeDue = disposeDue
        self.signedAt = signedAt
        self.reportedAt = reportedAt
        self.overdue = overdue
    }

    /// The subject of the task's due work: "<whistle>/<department>" (whistle ids have no "/").
    public var subject: String { "\(whistle)/\(department)" }

    /// The whistle and department a ``subject`` names (split at the first "/"); nil for any other text.
    public static func task(ofSubject subject: String) -> (whistle: String, department: String)? {
        guard let slash = subject.firstIndex(of: "/") else { return nil }
        return (String(subject[..<slash]), String(subject[subject.index(after: slash)...]))
    }
}
