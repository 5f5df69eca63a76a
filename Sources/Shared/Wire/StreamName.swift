import GridDomain

/// The three event streams, one per producing service.
public enum StreamName: String, Sendable, NamedCase {
    case whistle
    case response
    case evaluation
}

/// Topic names. Every prefix ends with a separator so `dept.12.` never matches `dept.123.`.
public enum Topic {
    /// `<stream>.<type>.` — an event of a stream.
    public static func event(_ stream: StreamName, _ type: String) -> String { "\(stream.rawValue).\(type)." }
    /// `dept.<department id>.<type>.` — a department's task event (published by ResponseService).
    public static func department(_ id: String, _ type: String) -> String { "dept.\(id).\(type)." }
    /// `dept.<department id>.` — everything for one department.
    public static func department(_ id: String) -> String { "dept.\(id)." }
    /// `coord.<principal>.<type>.` — a whistle's level event, to its coordinator (published by
    /// ResponseService; a principal id holds no dot, so the prefix is unambiguous).
    public static func coordinator(_ principal: Principal, _ type: String) -> String { "coord.\(principal).\(type)." }
    /// `status.<stream>.` — the heartbeat of the service that produces the stream.
    public static func status(_ stream: StreamName) -> String { "status.\(stream.rawValue)." }
    /// `intake.<principal>.` — confirmations for publish-only integrators.
    public static func intake(_ principal: Principal) -> String { "intake.\(principal)." }
    /// `coord.<principal>.` — everything for one coordinator.
    public static func coordinator(_ principal: Principal) -> String { "coord.\(principal)." }

    /// The prefixes every event of `stream` and its heartbeat are published under: what a consumer
    /// of the whole stream subscribes to (not `""`, which read rights never grant).
    public static func roots(of stream: StreamName) -> [String] {
        switch stream {
        case .whistle: ["whistle.", status(.whistle)]
        case .response: ["dept.", "coord.", "response.", status(.response)]
        case .evaluation: ["evaluation.", status(.evaluation)]
        }
    }
}
