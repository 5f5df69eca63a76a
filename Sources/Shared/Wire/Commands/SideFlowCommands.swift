import GridDomain

/// `return` (退单), to ResponseService, as the routed department: the matter is not its own.
public typealias ReturnTask = WhistleReason

/// `arbitrate`, to ResponseService, as the whistle's town centre (or the district): the decision on
/// `department`'s pending return. Upheld, `to` names the department that takes the task over; a
/// co-department's upheld return may name none, and its co part is dropped.
public struct Arbitrate: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var uphold: Bool
    public var to: String?
    public var reason: String
    public init(whistle: String, department: String, uphold: Bool, to: String? = nil, reason: String) {
        self.whistle = whistle
        self.department = department
        self.uphold = uphold
        self.to = to
        self.reason = reason
    }
}

/// `extend` (延期), to ResponseService, as the routed department: its disposal clock to end at `until`.
public struct ExtendTask: Sendable, Codable, Equatable {
    public var whistle: String
    public var until: Instant
    public var reason: String
    public init(whistle: String, until: Instant, reason: String) {
        self.whistle = whistle
        self.until = until
        self.reason = reason
    }
}

/// `park` (挂账), to ResponseService, as the routed department: the whole whistle waits (works, a
/// season), until the centre resumes it or until `resumeAt`.
public struct ParkWhistle: Sendable, Codable, Equatable {
    public var whistle: String
    public var reason: String
    public var resumeAt: Instant?
    public init(whistle: String, reason: String, resumeAt: Instant? = nil) {
        self.whistle = whistle
        self.reason = reason
        self.resumeAt = resumeAt
    }
}

/// `decide`, to ResponseService, as the whistle's town centre (or the district): the decision on
/// `department`'s pending extension or park.
public struct DecideRequest: Sendable, Codable, Equatable {
    /// What `decide` decides: `return` has `arbitrate`.
    public enum Request: String, Sendable, NamedCase {
        case `extension`
        case park

        public var kind: TaskRequest.Kind {
            switch self {
            case .extension: .extension
            case .park: .park
            }
        }
    }

    public var whistle: String
    public var department: String
    public var request: Request
    public var approve: Bool
    public var reason: String
    public init(whistle: String, department: String, request: Request, approve: Bool, reason: String) {
        self.whistle = whistle
        self.department = department
        self.request = request
        self.approve = approve
        self.reason = reason
    }
}

/// `resume`, to ResponseService, as the whistle's town centre (or the district): a parked whistle's
/// clocks run again.
public typealias ResumeWhistle = WhistleRef

/// `void` (作废), to WhistleService, as the whistle's town centre (or the district): the whistle is
/// not a real matter (a duplicate, raised in error).
public typealias VoidWhistle = WhistleReason

/// A request awaiting its decision, as the asking department and the deciding centre see it.
public struct RequestView: Sendable, Codable, Equatable {
    public var whistle: String
    public var department: String
    public var role: TaskRole
    public var town: String
    public var request: TaskRequest.Kind
    public var reason: String
    public var askedAt: Instant
    /// 延期 — the disposal deadline asked for.
    public var until: Instant?
    /// 挂账 — when the whistle is to resume by itself.
    public var resumeAt: Instant?
    /// 退单 — by when the town centre is to arbitrate.
    public var decideBy: Instant?
    /// 退单 — present and true once the return went to the district.
    public var referred: Bool?

    public init(whistle: String, department: String, role: TaskRole, town: String, request: TaskRequest.Kind,
                reason: String, askedAt: Instant, until: Instant? = nil, resumeAt: Instant? = nil,
                decideBy: Instant? = nil, referred: Bool? = nil) {
        self.whistle = whistle
        self.department = department
        self.role = role
        self.town = town
        self.request = request
        self.reason = reason
        self.askedAt = askedAt
        self.until = until
        self.resumeAt = resumeAt
        self.decideBy = decideBy
        self.referred = referred
    }
}

/// What `resume` answers: the whistle's tasks, their clocks running again.
public struct WhistleTasks: Sendable, Codable, Equatable {
    public var whistle: String
    public var tasks: [TaskView]

    public init(whistle: String, tasks: [TaskView]) {
        self.whistle = whistle
        self.tasks = tasks
    }
}
