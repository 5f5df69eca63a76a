import Foundation
import GridDomain
import GridWire
import SQLite

/// One row of `tasks`: a department's task (部门任务) as the task rules see it, with what the inbox
/// shows beside it — the whistle's grid, town, matter and urgency — and when it was dispatched.
struct TaskRecord {
    var task: DepartmentTask
    var grid: String
    var town: String
    var matter: String
    var urgency: String
    /// 派单 — when the whistle was routed; the task's clocks run from it.
    var dispatchedAt: Date

    static let columns = """
        whistle, department, role, grid, town, matter, urgency, state, round, policy, dispatched_at, sign_due,
        dispose_due, signed_at, reported_at, overdue
        """

    init(task: DepartmentTask, grid: String, town: String, matter: String, urgency: String, dispatchedAt: Date) {
        self.task = task
        self.grid = grid
        self.town = town
        self.matter = matter
        self.urgency = urgency
        self.dispatchedAt = dispatchedAt
    }

    /// Reads a row selected with ``columns``, by column name; a value that cannot be read is a
    /// `corrupt_task` naming its column.
    init(row: Row) throws {
        func text(_ column: String) throws -> String {
            guard let value = row.string(column) else { throw Self.corrupt(column) }
            return value
        }
        func time(_ column: String) throws -> Date {
            guard let value = Timestamp.parse(try text(column)) else { throw Self.corrupt(column) }
            return value
        }
        func timeIfSet(_ column: String) throws -> Date? {
            guard case .null = row[column] else { return try time(column) }
            return nil
        }
        guard let role = TaskRole(rawValue: try text("role")) else { throw Self.corrupt("role") }
        guard let state = TaskState(rawValue: try text("state")) else { throw Self.corrupt("state") }
        guard let round = row.int("round") else { throw Self.corrupt("round") }
        guard let overdue = Self.clocks(try text("overdue")) else { throw Self.corrupt("overdue") }
        let policy: Policy
        do {
            policy = try JSONCoding.decode(Policy.self, from: Data(try text("policy").utf8))
        } catch {
            throw Self.corrupt("policy")
        }
        task = DepartmentTask(
            whistle: try text("whistle"), department: try text("department"), role: role, state: state, round: round,
            policy: policy, signDue: try time("sign_due"), disposeDue: try time("dispose_due"),
            signedAt: try timeIfSet("signed_at"), reportedAt: try timeIfSet("reported_at"), overdue: overdue)
        grid = try text("grid")
        town = try text("town")
        matter = try text("matter")
        urgency = try text("urgency")
        dispatchedAt = try time("dispatched_at")
    }

    var view: TaskView {
        TaskView(whistle: task.whistle, department: task.department, role: task.role, state: task.state,
                 round: task.round, grid: grid, matter: matter, urgency: urgency, signDueAt: Instant(task.signDue),
                 disposeDueAt: Instant(task.disposeDue), signedAt: task.signedAt.map(Instant.init),
                 reportedAt: task.reportedAt.map(Instant.init),
                 overdue: task.overdue.isEmpty ? nil : Self.ordered(task.overdue))
    }

    /// The `overdue` column: the clocks declared overdue (超时), by name in declaration order and
    /// comma-separated ("signFor,dispose"); empty for none.
    static func text(_ clocks: Set<TaskClock>) -> String {
        ordered(clocks).map(\.rawValue).joined(separator: ",")
    }

    /// The clocks of an `overdue` column; nil when a name is not a clock's.
    static func clocks(_ text: String) -> Set<TaskClock>? {
        var clocks: Set<TaskClock> = []
        for name in text.split(separator: ",") {
            guard let clock = TaskClock(rawValue: String(name)) else { return nil }
            clocks.insert(clock)
        }
        return clocks
    }

    private static func ordered(_ clocks: Set<TaskClock>) -> [TaskClock] {
        TaskClock.allCases.filter(clocks.contains)
    }

    private static func corrupt(_ column: String) -> ProtocolError {
        ProtocolError(.internal, "corrupt_task", "a stored task cannot be read: its \(column) is not valid")
    }
}

extension TaskRecord {
    /// A new task's dispatch time and deadlines as stored text: a whistle's tasks share them, so
    /// they are written once for all of them.
    struct StoredTimes {
        var dispatchedAt: String
        var signDue: String
        var disposeDue: String

        init(of record: TaskRecord) {
            dispatchedAt = Timestamp.format(record.dispatchedAt)
            signDue = Timestamp.format(record.task.signDue)
            disposeDue = Timestamp.format(record.task.disposeDue)
        }
    }
}

extension Database {
    func task(whistle: String, department: String) throws -> TaskRecord? {
        try queryFirst("SELECT \(TaskRecord.columns) FROM tasks WHERE whistle = ? AND department = ?",
                       [whistle, department]).map(TaskRecord.init)
    }

    func tasks(whistle: String) throws -> [TaskRecord] {
        try query("SELECT \(TaskRecord.columns) FROM tasks WHERE whistle = ? ORDER BY role DESC, department",
                  [whistle]).map(TaskRecord.init)
    }

    /// Stores a new task; `policy` is its frozen policy's JSON and `times` its times as text. A task
    /// already stored for the same whistle and department is a constraint failure.
    func insert(_ record: TaskRecord, policy: String, times: TaskRecord.StoredTimes) throws {
        let task = record.task
        try execute("""
            INSERT INTO tasks(whistle, department, role, grid, town, matter, urgency, state, round, policy,
                dispatched_at, sign_due, dispose_due, signed_at, reported_at, overdue)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [task.whistle, task.department, task.role.rawValue, record.grid, record.town, record.matter,
                  record.urgency, task.state.rawValue, task.round, policy, times.dispatchedAt, times.signDue,
                  times.disposeDue, task.signedAt.map(Timestamp.format), task.reportedAt.map(Timestamp.format),
                  TaskRecord.text(task.overdue)])
    }

    /// Stores what a task rule may change of a stored task.
    func update(_ task: DepartmentTask) throws {
        try execute("""
            UPDATE tasks SET state = ?, round = ?, sign_due = ?, dispose_due = ?, signed_at = ?, reported_at = ?,
                overdue = ?
            WHERE whistle = ? AND department = ?
            """, [task.state.rawValue, task.round, Timestamp.format(task.signDue), Timestamp.format(task.disposeDue),
                  task.signedAt.map(Timestamp.format), task.reportedAt.map(Timestamp.format),
                  TaskRecord.text(task.overdue), task.whistle, task.department])
    }
}
