import Foundation

/// 三级网格响应 — where a whistle stands in the three-level response: its level, who coordinates
/// it there, and the level's deadline.
public struct Coordination: Sendable, Equatable {
    /// Where the whistle's level clock is.
    public enum State: String, Sendable, NamedCase {
        /// Departments are at work: the level deadline runs.
        case open
        /// Every department has reported done: the level deadline waits for a rework or closure.
        case reported
        /// 挂账 — the whistle is parked: the level clock stands still until it resumes.
        case parked
        /// 结案 — nothing runs any more.
        case closed
    }

    public var whistle: String
    public var town: String
    /// The coordinator of each level, as principals (`grid:<unit>`, `grid:<area>`, `centre:<town>`,
    /// `district:<district>`); level 1's is empty for a whistle raised by an area grid.
    public var coordinators: [String]
    public var level: ResponseLevel
    public var state: State
    /// When the whistle reached its level, or its level clock last started.
    public var levelSince: Date
    public var levelDue: Date
    /// Whether the level's deadline passed without a climb and was recorded (once per level).
    public var lapsed: Bool
    /// 防汛防台 — whether the level clock runs on halved time.
    public var halved: Bool
    /// The whistle's frozen policy says `storm`.
    public var storm: Bool
    public var response: ResponsePolicy
    /// 挂账 — since when the whistle is parked.
    public var parkedAt: Date?

    public init(
        whistle: String, town: String, coordinators: [String], level: ResponseLevel, state: State = .open,
        levelSince: Date, levelDue: Date, lapsed: Bool = false, halved: Bool = false, storm: Bool,
        response: ResponsePolicy, parkedAt: Date? = nil
    ) {
        self.whistle = whistle
        self.town = town
        self.coordinators = coordinators
        self.level = level
        self.state = state
        self.levelSince = levelSince
        self.levelDue = levelDue
        self.lapsed = lapsed
        self.halved = halved
        self.storm = storm
        self.response = response
        self.parkedAt = parkedAt
    }

    /// The coordinator now.
    public var coordinator: String { coordinator(at: level) }

    public func coordinator(at level: ResponseLevel) -> String {
        coordinators.indices.contains(level.rawValue - 1) ? coordinators[level.rawValue - 1] : ""
    }

    /// The level clock's span, counted like its limit.
    public var span: ClockSpan {
        ClockSpan(start: levelSince, due: levelDue, working: ClockSpan.countsWorkingTime(response.deadline(of: level).unit))
    }
}

/// What a coordination rule announces.
public enum CoordinationEvent: Sendable, Equatable {
    /// 逐级上报 — the whistle climbed from `from` (at `fromLevel`) to its new level and coordinator.
    case escalated(fromLevel: ResponseLevel, from: String, trigger: EscalationTrigger, reason: String)
    /// The level's deadline passed and nothing climbed: recorded once.
    case levelOverdue(dueAt: Date)
    /// A weather alert, or a resume after a park, moved the level's deadline.
    case levelLight(light: ClockLight, dueAt: Date)
}

/// A coordination rule's outcome, stored in the one transaction of its cause. After a climb
/// (``climbed``) every open task of the whistle is to be supervised (督办) with its trigger and reason.
public struct CoordinationDecision: Sendable, Equatable {
    public var coordination: Coordination
    public var events: [CoordinationEvent]
    public var due: [DueChange]

    public init(coordination: Coordination, events: [CoordinationEvent] = [], due: [DueChange] = []) {
        self.coordination = coordination
        self.events = events
        self.due = due
    }

    /// The trigger and reason to supervise the open tasks with, when the decision climbed.
    public var climbed: (trigger: EscalationTrigger, reason: String)? {
        for case .escalated(_, _, let trigger, let reason) in events { return (trigger, reason) }
        return nil
    }
}

/// Why a coordinator's `escalate` is refused.
public enum EscalationRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// Only the current coordinator may escalate.
    case notCoordinator(current: String)
    case lastLevel
    /// Every department reported done: the whistle awaits the grid's evaluation.
    case reported
    /// 挂账 — the whistle is parked.
    case parked
    case closed

    public var description: String {
        switch self {
        case .notCoordinator(let current): "only the whistle's current coordinator, \(current), may escalate it"
        case .lastLevel: "the whistle is already with the district centre, the last level; nothing climbs further"
        case .reported: "every department has reported done; the whistle awaits the grid's evaluation"
        case .parked: "the whistle is parked (挂账); it must resume first"
        case .closed: "the whistle is closed"
        }
    }
}
