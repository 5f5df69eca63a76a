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

/// `arrive` (报到), to ResponseService, as the routed department: it is on site.
public typealias ArriveOnSite = WhistleRef

/// `progress`, to ResponseService, as the routed department: what was done so far.
public struct ProgressNote: Sendable, Codable, Equatable {
    public var whistle: String
    public var note: String
    public init(whistle: String, note: String) {
        self.whistle = whistle
        self.note = note
    }
}

/// `escalate` (逐级上报), to ResponseService, as the whistle's current coordinator: the matter is
/// beyond its level's power.
public typealias Escalate = WhistleReason

/// `inbox` query: a department's tasks, or a coordinator's whistles. Departments see their own
/// tasks; town and district centres and observers name the department. Without `department`, a
/// grid, centre or district reads the whistles it coordinates or coordinated (三级网格响应); the
/// district, observers and services name the `coordinator`.
public struct InboxQuery: Sendable, Codable, Equatable {
    public enum Scope: String, Sendable, NamedCase { case open, all }
    public var department: String?
    public var coordinator: Principal?
    public var scope: Scope?
    public init(department: String? = nil, coordinator: Principal? = nil, scope: Scope? = nil) {
        self.department = department
        self.coordinator = coordinator
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
    /// 到场 — the arrival deadline, where the matter has an arrival step, and when it was reported.
    public var arriveDueAt: Instant?
    public var arrivedAt: Instant?
    /// The last progress note and when it was given.
    public var progress: String?
    public var progressAt: Instant?
    /// 红黄绿灯 — the light of each running clock, by clock name; absent when none runs.
    public var lights: [String: ClockLight]?
    /// 挂账 — since when the whistle is parked; absent while its clocks run.
    public var parkedAt: Instant?
    /// In an inbox: the department's requests on the task awaiting a decision (退单, 延期, 挂账).
    public var pending: [TaskRequest.Kind]?

    public init(whistle: String, department: String, role: TaskRole, state: TaskState, round: Int, grid: String, matter: String, urgency: String, signDueAt: Instant, disposeDueAt: Instant, signedAt: Instant? = nil, reportedAt: Instant? = nil, overdue: [TaskClock]? = nil, arriveDueAt: Instant? = nil, arrivedAt: Instant? = nil, progress: String? = nil, progressAt: Instant? = nil, lights: [String: ClockLight]? = nil, parkedAt: Instant? = nil, pending: [TaskRequest.Kind]? = nil) {
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
        self.arriveDueAt = arriveDueAt
        self.arrivedAt = arrivedAt
        self.progress = progress
        self.progressAt = progressAt
        self.lights = lights
        self.parkedAt = parkedAt
        self.pending = pending
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

/// One whistle as its coordinators see it (三级网格响应).
public struct CoordinationView: Sendable, Codable, Equatable {
    public var whistle: String
    public var grid: String
    public var town: String
    public var matter: String
    /// 1 自治, 2 共治, 3 牵头, 4 the district.
    public var level: Int
    public var coordinator: Principal
    /// `open` (departments at work), `reported` (every department reported done), `parked` (挂账)
    /// or `closed`.
    public var state: Coordination.State
    public var levelSince: Instant
    public var levelDueAt: Instant
    /// Present and true once the level's deadline passed without a climb.
    public var levelOverdue: Bool?
    /// In a coordinator's inbox: whether it coordinates the whistle now.
    public var current: Bool?

    public init(whistle: String, grid: String, town: String, matter: String, level: Int, coordinator: Principal,
                state: Coordination.State, levelSince: Instant, levelDueAt: Instant, levelOverdue: Bool? = nil,
                current: Bool? = nil) {
        self.whistle = whistle
        self.grid = grid
        self.town = town
        self.matter = matter
        self.level = level
        self.coordinator = coordinator
        self.state = state
        self.levelSince = levelSince
        self.levelDueAt = levelDueAt
        self.levelOverdue = levelOverdue
        self.current = current
    }
}

/// The answer to `inbox` for a coordinator: the whistles it coordinates now, then those it
/// coordinated before.
public struct CoordinatorInbox: Sendable, Codable, Equatable {
    public var coordinator: Principal
    public var whistles: [CoordinationView]
    /// What awaits this coordinator's decision, oldest first: a town centre's requests from its
    /// town's departments (退单, 延期, 挂账), the district's returns referred to it; absent for a grid.
    public var requests: [RequestView]?

    public init(coordinator: Principal, whistles: [CoordinationView], requests: [RequestView]? = nil) {
        self.coordinator = coordinator
        self.whistles = whistles
        self.requests = requests
    }
}

/// What `inbox` answers: a department's tasks or a coordinator's whistles.
public enum InboxAnswer: Sendable, Encodable, Equatable {
    case department(Inbox)
    case coordinator(CoordinatorInbox)

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .department(let inbox): try inbox.encode(to: encoder)
        case .coordinator(let inbox): try inbox.encode(to: encoder)
        }
    }
}
