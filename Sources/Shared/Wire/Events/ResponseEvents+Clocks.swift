import GridDomain

/// `dept.<id>.arrived.` — 报到: the department arrived on site.
public struct TaskArrived: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var round: Int
    public var dueAt: Instant
    public var onTime: Bool

    public init(whistle: String, department: String, role: TaskRole, round: Int, dueAt: Instant, onTime: Bool) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.round = round
        self.dueAt = dueAt
        self.onTime = onTime
    }
}

/// `dept.<id>.progress.` — a progress note: what was done so far.
public struct TaskProgress: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var round: Int
    public var note: String

    public init(whistle: String, department: String, role: TaskRole, round: Int, note: String) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.round = round
        self.note = note
    }
}

/// `dept.<id>.light.` — a clock's light changed (green to yellow at 80 %), or a weather alert
/// moved its deadline: `dueAt` is the deadline as it now stands.
public struct TaskLightChanged: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var round: Int
    public var clock: TaskClock
    public var light: ClockLight
    public var dueAt: Instant

    public init(whistle: String, department: String, role: TaskRole, round: Int, clock: TaskClock, light: ClockLight,
                dueAt: Instant) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.round = round
        self.clock = clock
        self.light = light
        self.dueAt = dueAt
    }
}

/// Why a department was reminded (催办).
public enum ReminderReason: String, Sendable, NamedCase {
    /// A clock reached a fraction of `remindAt`.
    case deadline
    /// 防推诿 — a signed task went `stallAfter` without progress, arrival or report.
    case stall
}

/// `dept.<id>.reminded.` — 催办.
public struct TaskReminded: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var round: Int
    public var reason: ReminderReason
    /// For a deadline reminder: the clock, the fraction reached and its deadline.
    public var clock: TaskClock?
    public var fraction: Double?
    public var dueAt: Instant?
    /// For a stall reminder: the last progress, arrival or signing.
    public var idleSince: Instant?

    public init(whistle: String, department: String, role: TaskRole, round: Int, reason: ReminderReason,
                clock: TaskClock? = nil, fraction: Double? = nil, dueAt: Instant? = nil, idleSince: Instant? = nil) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.round = round
        self.reason = reason
        self.clock = clock
        self.fraction = fraction
        self.dueAt = dueAt
        self.idleSince = idleSince
    }
}

/// `dept.<id>.supervised.` — 督办: the whistle climbed a level; the department keeps its task and
/// answers to the new coordinator.
public struct TaskSupervised: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var round: Int
    public var level: Int
    public var coordinator: Principal
    public var trigger: EscalationTrigger
    public var reason: String

    public init(whistle: String, department: String, role: TaskRole, round: Int, level: Int, coordinator: Principal,
                trigger: EscalationTrigger, reason: String) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.round = round
        self.level = level
        self.coordinator = coordinator
        self.trigger = trigger
        self.reason = reason
    }
}

/// `coord.<principal>.escalated.` — the whistle climbed from `fromLevel` to `level`. Published on
/// the new coordinator's topic and on the one it leaves (one event, one `seq`).
public struct WhistleEscalated: Sendable, Codable, Equatable {
    public var whistle: String
    public var town: String
    public var fromLevel: Int
    public var from: Principal
    public var level: Int
    public var coordinator: Principal
    public var trigger: EscalationTrigger
    public var reason: String
    /// The new level's deadline.
    public var levelDueAt: Instant

    public init(whistle: String, town: String, fromLevel: Int, from: Principal, level: Int, coordinator: Principal,
                trigger: EscalationTrigger, reason: String, levelDueAt: Instant) {
        self.whistle = whistle
        self.town = town
        self.fromLevel = fromLevel
        self.from = from
        self.level = level
        self.coordinator = coordinator
        self.trigger = trigger
        self.reason = reason
        self.levelDueAt = levelDueAt
    }
}

/// `coord.<principal>.levelOverdue.` — a level's deadline passed and nothing climbed (the district
/// is the last level, or the town does not climb on it): recorded once.
public struct LevelOverdue: Sendable, Codable, Equatable {
    public var whistle: String
    public var level: Int
    public var coordinator: Principal
    public var dueAt: Instant

    public init(whistle: String, level: Int, coordinator: Principal, dueAt: Instant) {
        self.whistle = whistle
        self.level = level
        self.coordinator = coordinator
        self.dueAt = dueAt
    }
}

/// `coord.<principal>.levelLight.` — a weather alert moved the level's deadline.
public struct LevelLightChanged: Sendable, Codable, Equatable {
    public var whistle: String
    public var level: Int
    public var coordinator: Principal
    public var light: ClockLight
    public var dueAt: Instant

    public init(whistle: String, level: Int, coordinator: Principal, light: ClockLight, dueAt: Instant) {
        self.whistle = whistle
        self.level = level
        self.coordinator = coordinator
        self.light = light
        self.dueAt = dueAt
    }
}
