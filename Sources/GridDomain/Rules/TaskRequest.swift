import Foundation

/// A department's request on its own task that the whistle's town centre decides (or the district,
/// once a return is referred to it): 退单 return, 延期 extension, 挂账 park.
public struct TaskRequest: Sendable, Equatable {
    public enum Kind: String, Sendable, NamedCase {
        /// 退单 — "not ours": decided by `arbitrate`.
        case `return`
        /// 延期 — more time for the disposal clock: decided by `decide`.
        case `extension`
        /// 挂账 — the whole whistle waits (works, a season): decided by `decide`.
        case park
    }

    public var whistle: String
    public var department: String
    public var kind: Kind
    public var reason: String
    public var askedAt: Date
    /// 延期 — the disposal deadline asked for.
    public var until: Date?
    /// 挂账 — when the whistle is to resume by itself; nil until the centre resumes it.
    public var resumeAt: Date?
    /// 退单 — by when the town centre is to arbitrate; past it, the district decides.
    public var decideBy: Date?
    /// 退单 — the centre did not arbitrate in time: only the district may now.
    public var referred: Bool

    public init(
        whistle: String, department: String, kind: Kind, reason: String, askedAt: Date, until: Date? = nil,
        resumeAt: Date? = nil, decideBy: Date? = nil, referred: Bool = false
    ) {
        self.whistle = whistle
        self.department = department
        self.kind = kind
        self.reason = reason
        self.askedAt = askedAt
        self.until = until
        self.resumeAt = resumeAt
        self.decideBy = decideBy
        self.referred = referred
    }

    /// The subject of a return's arbitration deadline: its task's, "<whistle>/<department>".
    public var subject: String { "\(whistle)/\(department)" }
}

/// Why a department's request, or a decision on one, is refused.
public enum RequestRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The task is not open (reported, closed, returned, voided): nothing to return, extend or park.
    case notOpen(TaskState)
    /// 挂账 — the whistle is parked; it must resume first.
    case parked
    /// A request of this kind already awaits a decision.
    case pending(TaskRequest.Kind)
    /// 延期 — `until` must be later than the current disposal deadline.
    case notLater(than: Date)
    /// `until` or `resumeAt` is not in the future.
    case past(String)

    public var description: String {
        switch self {
        case .notOpen(.reported): "the task is reported done; there is nothing in progress to ask about"
        case .notOpen(.returned): "the task was returned (退单); it is no longer this department's"
        case .notOpen(.voided): "the whistle was voided (作废)"
        case .notOpen(.closed): "the whistle is closed"
        case .notOpen(let state): "a \(state.rawValue) task cannot be asked about"
        case .parked: "the whistle is parked (挂账); it must resume first"
        case .pending(let kind): "\(kind == .extension ? "an" : "a") \(kind.rawValue) request on this task already awaits its decision"
        case .notLater: "an extension must move the disposal deadline later"
        case .past(let field): "\(field) must be in the future"
        }
    }
}
