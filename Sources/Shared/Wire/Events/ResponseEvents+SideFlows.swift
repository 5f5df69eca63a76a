import GridDomain

/// `dept.<id>.return_requested.`, `dept.<id>.extension_requested.`, `dept.<id>.park_requested.` —
/// the department asked its town centre to decide (退单, 延期, 挂账).
public struct TaskRequested: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var round: Int
    public var town: String
    public var request: TaskRequest.Kind
    public var reason: String
    public var until: Instant?
    public var resumeAt: Instant?
    public var decideBy: Instant?

    public init(whistle: String, department: String, role: TaskRole, round: Int, town: String,
                request: TaskRequest.Kind, reason: String, until: Instant? = nil, resumeAt: Instant? = nil,
                decideBy: Instant? = nil) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.round = round
        self.town = town
        self.request = request
        self.reason = reason
        self.until = until
        self.resumeAt = resumeAt
        self.decideBy = decideBy
    }
}

/// `dept.<id>.arbitrated.` — the return was arbitrated: upheld (the task is `returned`; `to` takes
/// it over in the same role, or the co part is dropped) or refused (the task stays).
public struct ReturnArbitrated: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var uphold: Bool
    public var to: String?
    public var by: Principal
    public var reason: String

    public init(whistle: String, department: String, role: TaskRole, uphold: Bool, to: String? = nil,
                by: Principal, reason: String) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.uphold = uphold
        self.to = to
        self.by = by
        self.reason = reason
    }
}

/// `dept.<id>.decided.` — an extension or park was decided. An approved extension carries the new
/// disposal deadline.
public struct RequestDecided: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var request: TaskRequest.Kind
    public var approve: Bool
    public var by: Principal
    public var reason: String
    public var disposeDueAt: Instant?

    public init(whistle: String, department: String, role: TaskRole, request: TaskRequest.Kind, approve: Bool,
                by: Principal, reason: String, disposeDueAt: Instant? = nil) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.request = request
        self.approve = approve
        self.by = by
        self.reason = reason
        self.disposeDueAt = disposeDueAt
    }
}

/// `dept.<id>.parked.` — the whistle is parked (挂账): the task's clocks stand still.
public struct TaskParked: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var round: Int
    public var resumeAt: Instant?

    public init(whistle: String, department: String, role: TaskRole, round: Int, resumeAt: Instant? = nil) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.round = round
        self.resumeAt = resumeAt
    }
}

/// `dept.<id>.resumed.` — the parked whistle resumed, by a principal or (no `by`) at its
/// `resumeAt`: the task's running clocks go on with the time they had left.
public struct TaskResumed: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var round: Int
    public var by: Principal?
    public var signDueAt: Instant?
    public var arriveDueAt: Instant?
    public var disposeDueAt: Instant

    public init(whistle: String, department: String, role: TaskRole, round: Int, by: Principal? = nil,
                signDueAt: Instant? = nil, arriveDueAt: Instant? = nil, disposeDueAt: Instant) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.round = round
        self.by = by
        self.signDueAt = signDueAt
        self.arriveDueAt = arriveDueAt
        self.disposeDueAt = disposeDueAt
    }
}
