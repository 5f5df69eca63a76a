import Foundation

/// What the assessment needs to know of one whistle (考核事实), gathered from the streams as they
/// arrive: its place, its tasks with their deadlines and rounds, its requests, climbs and
/// verdicts, and how it closed. Every indicator is a pure function of these facts
/// (``IndicatorContributions``), so replaying the streams into an empty store gives the same
/// numbers.
public struct WhistleFacts: Sendable, Codable, Equatable {
    public var id: String
    public var grid: String
    public var town: String
    /// 片区 — the area grid the raising grid lies in; nil outside the tree.
    public var area: String?
    public var matter: String
    public var raisedAt: Date
    /// Raised by an integrator (an external system's alarm) rather than a grid.
    public var external: Bool
    /// 主办 — empty until routed.
    public var lead: String = ""
    /// The evaluation window (评价期限) in days when the whistle was routed: the closing deadline
    /// is the lead's final disposal deadline plus this.
    public var windowDays: Int = 0
    public var tasks: [TaskFacts] = []
    /// 逐级上报 — each climb, in order.
    public var climbs: [Climb] = []
    /// When every department awaited in the first round had reported back (反馈) — the matter was
    /// settled on the ground; nil until then.
    public var reportedBackAt: Date?
    public var verdicts: [Verdict] = []
    public var closedAt: Date?
    public var closedAs: ClosureOutcome?
    /// Working minutes from raising to closing, measured by the calendar of the moment it closed.
    public var closeMinutes: Int?

    public init(id: String, grid: String, town: String, area: String?, matter: String, raisedAt: Date, external: Bool) {
        self.id = id
        self.grid = grid
        self.town = town
        self.area = area
        self.matter = matter
        self.raisedAt = raisedAt
        self.external = external
    }

    /// 作废 — a voided whistle is outside every figure.
    public var voided: Bool { closedAs == .voided }
    public var isClosed: Bool { closedAt != nil }

    /// The highest response level it reached: where it started, or its last climb.
    public var highestLevel: Int { climbs.map(\.level).max() ?? 0 }

    /// The task of `department`, if dispatched to it.
    public func task(_ department: String) -> TaskFacts? { tasks.first { $0.department == department } }

    /// Applies `change` to the task of `department`; false when there is none.
    @discardableResult
    public mutating func updateTask(_ department: String, _ change: (inout TaskFacts) -> Void) -> Bool {
        guard let index = tasks.firstIndex(where: { $0.department == department }) else { return false }
        change(&tasks[index])
        return true
    }

    /// The closing deadline: the lead's final disposal deadline plus the evaluation window; nil
    /// before the lead's task is dispatched.
    public var closingDueAt: Date? {
        guard let lead = tasks.last(where: { $0.department == self.lead && !$0.returned }),
              let due = lead.rounds.last?.dueAt else { return nil }
        return due.addingTimeInterval(TimeInterval(windowDays) * 86_400)
    }

    /// 返工 — whether any department was sent back to redo its part.
    public var reworked: Bool { tasks.contains { $0.rounds.count > 1 } }

    /// One climb of the three-level response (逐级上报).
    public struct Climb: Sendable, Codable, Equatable {
        public var level: Int
        /// The principal the whistle climbed to (`grid:…`, `centre:…`, `district:…`).
        public var coordinator: String
        public var at: Date
        /// The new level's deadline.
        public var dueAt: Date

        public init(level: Int, coordinator: String, at: Date, dueAt: Date) {
            self.level = level
            self.coordinator = coordinator
            self.at = at
            self.dueAt = dueAt
        }
    }

    /// A verdict (解决/未解决) one evaluation gave one department.
    public struct Verdict: Sendable, Codable, Equatable {
        public var department: String
        public var round: Int
        public var at: Date
        public var solved: Bool

        public init(department: String, round: Int, at: Date, solved: Bool) {
            self.department = department
            self.round = round
            self.at = at
            self.solved = solved
        }
    }
}

/// One department's task on a whistle, as the assessment counts it.
public struct TaskFacts: Sendable, Codable, Equatable {
    public var department: String
    public var lead: Bool
    public var dispatchedAt: Date
    /// 签收时限.
    public var signDueAt: Date
    public var signedAt: Date?
    public var signedOnTime = false
    /// Working minutes from dispatch to signing for.
    public var signMinutes: Int?
    /// 处置 rounds: the first from dispatch, one more for each rework (返工), each with its own clock.
    public var rounds: [Round]
    public var requests: [Request] = []
    /// 退单 upheld: the part moved on, and this task leaves the response and disposal figures.
    public var returned = false
    /// 延期 — an extension was approved.
    public var extended = false

    public init(department: String, lead: Bool, dispatchedAt: Date, signDueAt: Date, disposeDueAt: Date) {
        self.department = department
        self.lead = lead
        self.dispatchedAt = dispatchedAt
        self.signDueAt = signDueAt
        rounds = [Round(dueAt: disposeDueAt)]
    }

    /// Moves the current round's disposal deadline (an extension approved, a park ended): the final
    /// deadline is the one counted.
    public mutating func moveDeadline(to dueAt: Date) {
        rounds[rounds.count - 1].dueAt = dueAt
    }

    /// A disposal round and how it ended.
    public struct Round: Sendable, Codable, Equatable {
        public var dueAt: Date
        public var reportedAt: Date?
        public var onTime = false

        public init(dueAt: Date, reportedAt: Date? = nil, onTime: Bool = false) {
            self.dueAt = dueAt
            self.reportedAt = reportedAt
            self.onTime = onTime
        }
    }

    /// A return (退单), extension (延期) or park (挂账) asked for, and its decision.
    public struct Request: Sendable, Codable, Equatable {
        public var kind: TaskRequest.Kind
        public var at: Date
        /// When the town centre must decide by; nil when the request has no such deadline.
        public var decideBy: Date?
        public var decidedAt: Date?
        /// Upheld (a return) or approved (an extension, a park).
        public var granted: Bool?

        public init(kind: TaskRequest.Kind, at: Date, decideBy: Date?) {
            self.kind = kind
            self.at = at
            self.decideBy = decideBy
        }
    }

    /// Records the decision on the oldest undecided request of `kind`.
    public mutating func decide(_ kind: TaskRequest.Kind, granted: Bool, at: Date) {
        guard let index = requests.firstIndex(where: { $0.kind == kind && $0.decidedAt == nil }) else { return }
        requests[index].decidedAt = at
        requests[index].granted = granted
    }
}
