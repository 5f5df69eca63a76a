import Foundation

/// Work a service must do once, when its clock reaches `at` (`now >= at`).
///
/// The store keeps one row per (`kind`, `subject`): arming an item whose pair is already armed
/// moves it to the new `at`.
public struct DueWork: Sendable, Hashable {
    public enum Kind: String, Sendable, NamedCase {
        /// A task's clocks (签收, 到场, 处置) and anti-stall: the next moment still to watch.
        case taskClock = "task_clock"
        /// 三级网格响应 — the deadline of the level a whistle is at.
        case levelDeadline = "level_deadline"
        /// 评价期限 — a reported-back whistle not evaluated in time.
        case evaluationWindow = "evaluation_window"
        /// 退单 — a return the town centre has not arbitrated in time goes to the district.
        case arbitration
        /// 挂账 — a parked whistle's `resumeAt`.
        case parkEnd = "park_end"
        /// 分批公开 — a release group's sealed ballots, once at least K evaluations wait: its subject is the group.
        case ballotRelease = "ballot_release"
        /// 三色管理 — the hourly review of every micro-grid's colour; its subject is "colours".
        case colourReview = "colour_review"
    }

    public var kind: Kind
    /// What it watches: a task (and its return) is "<whistle>/<department>", a whistle is its id.
    public var subject: String
    public var at: Date

    public init(kind: Kind, subject: String, at: Date) {
        self.kind = kind
        self.subject = subject
        self.at = at
    }
}

/// A change a decision asks the store to make to the due work.
public enum DueChange: Sendable, Hashable {
    /// Arms the item, or moves it if its (kind, subject) is already armed.
    case arm(DueWork)
    /// Drops the item of (kind, subject) if it is armed; nothing otherwise.
    case cancel(DueWork.Kind, subject: String)
}
