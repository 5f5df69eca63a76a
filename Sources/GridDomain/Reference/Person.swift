/// 网格力量 — the kind of worker on a grid's roster.
public enum WorkerRole: String, Sendable, NamedCase {
    /// 专职网格员 — full-time grid worker.
    case fullTime = "full-time"
    /// 城运队员 — city-operations team member.
    case operations
    /// 小微网格五大员 — one of the micro-grid's "five members".
    case microFive = "micro-five"
    /// 下沉力量 — enforcement, management or service force sunk into the grid.
    case force
}

/// 人员 — a person on a grid's roster: a chief (网格长), a deputy (副网格长) or a worker.
public struct Person: Sendable, Codable, Equatable {
    public var name: String
    /// How to reach the person (a phone number or an account); opaque to the system.
    public var contact: String
    /// Only for workers.
    public var role: WorkerRole?

    public init(name: String, contact: String, role: WorkerRole? = nil) {
        self.name = name
        self.contact = contact
        self.role = role
    }
}
