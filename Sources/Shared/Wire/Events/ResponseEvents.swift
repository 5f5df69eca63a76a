import GridDomain

/// Event types of the `response` stream (ResponseService). A task's events are published on the
/// department's own topic `dept.<id>.<type>.`; a whistle's level events on its coordinator's,
/// `coord.<principal>.<type>.`.
public enum ResponseEventType: String, Sendable, CaseIterable {
    /// 派单 — a department received its task for a whistle.
    case dispatched
    /// 签收 — the department signed for it.
    case signed
    /// 反馈 — the department reported its part done.
    case reported
    /// 返工 — the task was reopened after a "not solved" verdict.
    case reopened
    /// 超时 — a clock of the task passed its deadline with its step undone.
    case overdue
    /// 报到 — the department arrived on site.
    case arrived
    /// A progress note.
    case progress
    /// A clock's light changed, or a weather alert moved its deadline.
    case light
    /// 催办 — a reminder.
    case reminded
    /// 督办 — the whistle climbed a level.
    case supervised
    /// 逐级上报 — the whistle climbed a level (coordinator topics).
    case escalated
    /// A level's deadline passed without a climb (coordinator topics).
    case levelOverdue
    /// A weather alert, or a resume after a park, moved a level's deadline (coordinator topics).
    case levelLight
    /// 退单 — the department says the matter is not its own.
    case returnRequested = "return_requested"
    /// 延期 — the department asks for a later disposal deadline.
    case extensionRequested = "extension_requested"
    /// 挂账 — the department asks to park the whistle.
    case parkRequested = "park_requested"
    /// The town centre (or the district) arbitrated a return.
    case arbitrated
    /// The town centre (or the district) decided an extension or a park.
    case decided
    /// 挂账 — the whistle is parked: the task's clocks stand still.
    case parked
    /// The parked whistle resumed.
    case resumed

    /// The event that announces a request of `kind`.
    public static func requested(_ kind: TaskRequest.Kind) -> Self {
        switch kind {
        case .return: .returnRequested
        case .extension: .extensionRequested
        case .park: .parkRequested
        }
    }

    public func topic(department: String) -> String { Topic.department(department, rawValue) }

    public func topic(coordinator: Principal) -> String { Topic.coordinator(coordinator, rawValue) }
}

/// `dept.<id>.dispatched.`
public struct TaskDispatched: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var grid: String
    public var town: String
    public var matter: String
    /// When signing for it is due (签收时限).
    public var signDueAt: Instant
    /// When disposal is due (处置时限).
    public var disposeDueAt: Instant
    /// When arrival on site is due (到场时限); absent when the matter has no arrival step.
    public var arriveDueAt: Instant?

    public init(whistle: String, department: String, role: TaskRole, grid: String, town: String, matter: String, signDueAt: Instant, disposeDueAt: Instant, arriveDueAt: Instant? = nil) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.grid = grid
        self.town = town
        self.matter = matter
        self.signDueAt = signDueAt
        self.disposeDueAt = disposeDueAt
        self.arriveDueAt = arriveDueAt
    }
}

/// `dept.<id>.signed.`
public struct TaskSigned: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var dueAt: Instant
    public var onTime: Bool

    public init(whistle: String, department: String, role: TaskRole, dueAt: Instant, onTime: Bool) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.dueAt = dueAt
        self.onTime = onTime
    }
}

/// `dept.<id>.reported.`
public struct TaskReported: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    /// 1 for the first report; each rework adds one.
    public var round: Int
    public var dueAt: Instant
    public var onTime: Bool
    public var summary: String

    public init(whistle: String, department: String, role: TaskRole, round: Int, dueAt: Instant, onTime: Bool, summary: String) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.round = round
        self.dueAt = dueAt
        self.onTime = onTime
        self.summary = summary
    }
}

/// `dept.<id>.reopened.`
public struct TaskReopened: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var round: Int
    public var disposeDueAt: Instant

    public init(whistle: String, department: String, role: TaskRole, round: Int, disposeDueAt: Instant) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.round = round
        self.disposeDueAt = disposeDueAt
    }
}

/// `dept.<id>.overdue.` — the sign-for (`signFor`), arrival (`arrive`) or disposal (`dispose`) clock of a task passed
/// its `dueAt` with the step undone. The envelope's `time` is the first millisecond past `dueAt`.
public struct TaskOverdue: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var round: Int
    public var clock: TaskClock
    public var dueAt: Instant
    /// Always `red`; absent in events stored before lights existed.
    public var light: ClockLight?

    public init(whistle: String, department: String, role: TaskRole, round: Int, clock: TaskClock, dueAt: Instant,
                light: ClockLight? = .red) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.round = round
        self.clock = clock
        self.dueAt = dueAt
        self.light = light
    }
}
