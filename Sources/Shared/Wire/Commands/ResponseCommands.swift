import GridDomain

/// `sign` (签收), to ResponseService, as the routed department.
public typealias SignFor = WhistleRef

/// `report` (反馈), to ResponseService, as the routed department: its part is done.
public struct ReportDone: Sendable, Codable, Equatable {
    public var whistle: String
    public var summary: String
    public init(whistle: String, summary: String) {
        self.whistle = whistle
        self.summary = summary
    }
}

/// `inbox` query: a department's tasks. Departments see their own; town and district centres and
/// observers name the department.
public struct InboxQuery: Sendable, Codable, Equatable {
    public enum Scope: String, Sendable, NamedCase { case open, all }
    public var department: String?
    public var scope: Scope?
    public init(department: String? = nil, scope: Scope? = nil) {
        self.department = department
        self.scope = scope
    }
}

/// One task as the department sees it.
public struct TaskView: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var state: TaskState
    public var round: Int
    public var grid: String
    public var matter: String
    public var urgency: String
    public var signDueAt: Instant
    public var disposeDueAt: Instant
    public var signedAt: Instant?
    public var reportedAt: Instant?
    /// 超时 — the clocks declared overdue (`signFor` before `dispose`); absent when none is. A
    /// rework (返工) clears `dispose` for the new round.
    public var overdue: [TaskClock]?

    public init(whistle: String, department: String, role: TaskRole, state: TaskState, round: Int, grid: String, matter: String, urgency: String, signDueAt: Instant, disposeDueAt: Instant, signedAt: Instant? = nil, reportedAt: Instant? = nil, overdue: [TaskClock]? = nil) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.state = state
        self.round = round
        self.grid = grid
        self.matter = matter
        self.urgency = urgency
        self.signDueAt = signDueAt
        self.disposeDueAt = disposeDueAt
        self.signedAt = signedAt
        self.reportedAt = reportedAt
        self.overdue = overdue
    }
}

/// The answer to `inbox`.
public struct Inbox: Sendable, Codable, Equatable {
    public var department: String
    public var tasks: [TaskView]

    public init(department: String, tasks: [TaskView]) {
        self.department = department
        self.tasks = tasks
    }
}
