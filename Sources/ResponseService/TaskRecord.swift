import Foundation
import GridDomain
import GridStore
import GridWire
import SQLite

/// One row of `tasks`: a department's task (部门任务) as the task rules see it, with what the inbox
/// shows beside it — the whistle's grid, town, matter and urgency.
struct TaskRecord {
    var task: DepartmentTask
    var grid: String
    var town: String
    var matter: String
    var urgency: String

    static let columns = """
        whistle, department, role, grid, town, matter, urgency, state, round, policy, dispatched_at, sign_due,
        dispose_due, signed_at, reported_at, overdue, arrive_due, dispose_start, arrived_at, progress, progress_at,
        active_at, stall_reminded, marks, halved, parked_at
        """

    init(task: DepartmentTask, grid: String, town: String, matter: String, urgency: String) {
        self.task = task
        self.grid = grid
        self.town = town
        self.matter = matter
        self.urgency = urgency
    }

    /// Reads a row selected with ``columns``, by column name; a value that cannot be read is a
    /// `corrupt_task` naming its column.
    init(row: Row) throws {
        let stored = StoredRow(row, corrupt: Self.corrupt)
        let dispatchedAt = try stored.time("dispatched_at")
        task = DepartmentTask(
            whistle: try stored.text("whistle"), department: try stored.text("department"),
            role: try stored.value("role", TaskRole.init(rawValue:)), state: try stored.value("state", TaskState.init(rawValue:)),
            round: try stored.int("round"), policy: try stored.json("policy", as: Policy.self), dispatchedAt: dispatchedAt,
            signDue: try stored.time("sign_due"), arriveDue: try stored.timeIfSet("arrive_due"),
            disposeStart: try stored.timeIfSet("dispose_start") ?? dispatchedAt, disposeDue: try stored.time("dispose_due"),
            signedAt: try stored.timeIfSet("signed_at"), arrivedAt: try stored.timeIfSet("arrived_at"),
            reportedAt: try stored.timeIfSet("reported_at"), progress: row.string("progress"),
            progressAt: try stored.timeIfSet("progress_at"), activeAt: try stored.timeIfSet("active_at"),
            stallReminded: try stored.flag("stall_reminded"), overdue: try stored.value("overdue", Self.clocks),
            marks: try stored.value("marks", Self.marks), halved: try stored.value("halved", Self.clocks),
            parkedAt: try stored.timeIfSet("parked_at"))
        grid = try stored.text("grid")
        town = try stored.text("town")
        matter = try stored.text("matter")
        urgency = try stored.text("urgency")
    }

    var view: TaskView {
        var lights: [String: ClockLight] = [:]
        for clock in TaskRules.live(task) { lights[clock.rawValue] = TaskRules.light(task, clock) }
        return TaskView(
            whistle: task.whistle, department: task.department, role: task.role, state: task.state, round: task.round,
            grid: grid, matter: matter, urgency: urgency, signDueAt: Instant(task.signDue),
            disposeDueAt: Instant(task.disposeDue), signedAt: task.signedAt.map(Instant.init),
            reportedAt: task.reportedAt.map(Instant.init),
            overdue: task.overdue.isEmpty ? nil : Self.ordered(task.overdue),
            arriveDueAt: task.arriveDue.map(Instant.init), arrivedAt: task.arrivedAt.map(Instant.init),
            progress: task.progress, progressAt: task.progressAt.map(Instant.init),
            lights: lights.isEmpty ? nil : lights, parkedAt: task.isParked ? task.parkedAt.map(Instant.init) : nil)
    }

    /// The worst light of the task's running clocks (0 green or none, 1 yellow, 2 red): the
    /// `light` column the inbox sorts by.
    static func worstLight(_ task: DepartmentTask) -> Int {
        TaskRules.live(task).compactMap { TaskRules.light(task, $0) }.max()?.rank ?? 0
    }

    /// The `overdue` and `halved` columns: clocks by name in declaration order, comma-separated
    /// ("signFor,dispose"); empty for none.
    static func text(_ clocks: Set<TaskClock>) -> String {
        ordered(clocks).map(\.rawValue).joined(separator: ",")
    }

    /// The clocks of an `overdue` or `halved` column; nil when a name is not a clock's.
    static func clocks(_ text: String) -> Set<TaskClock>? {
        var clocks: Set<TaskClock> = []
        for name in text.split(separator: ",") {
            guard let clock = TaskClock(rawValue: String(name)) else { return nil }
            clocks.insert(clock)
        }
        return clocks
    }

    /// The `marks` column: "signFor:1,dispose:2", the thresholds each clock has passed.
    static func text(_ marks: [TaskClock: Int]) -> String {
        TaskClock.allCases.compactMap { clock in marks[clock].map { "\(clock.rawValue):\($0)" } }.joined(separator: ",")
    }

    static func marks(_ text: String) -> [TaskClock: Int]? {
        var marks: [TaskClock: Int] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: ":")
            guard parts.count == 2, let clock = TaskClock(rawValue: String(parts[0])), let count = Int(parts[1]),
                  count >= 0 else { return nil }
            marks[clock] = count
        }
        return marks
    }

    private static func ordered(_ clocks: Set<TaskClock>) -> [TaskClock] {
        TaskClock.allCases.filter(clocks.contains)
    }

    private static func corrupt(_ column: String) -> ProtocolError {
        ProtocolError(.internal, "corrupt_task", "a stored task cannot be read: its \(column) is not valid")
    }
}

extension TaskRecord {
    /// A new task's times as stored text: a whistle's tasks share them, so they are written once
    /// for all of them.
    struct StoredTimes {
        var dispatchedAt: String
        var signDue: String
        var arriveDue: String?
        var disposeDue: String

        init(of task: DepartmentTask) {
            dispatchedAt = Timestamp.format(task.dispatchedAt)
            signDue = Timestamp.format(task.signDue)
            arriveDue = task.arriveDue.map(Timestamp.format)
            disposeDue = Timestamp.format(task.disposeDue)
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
                dispatched_at, sign_due, dispose_due, arrive_due, halved, overdue)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')
            """, [task.whistle, task.department, task.role.rawValue, record.grid, record.town, record.matter,
                  record.urgency, task.state.rawValue, task.round, policy, times.dispatchedAt, times.signDue,
                  times.disposeDue, times.arriveDue, TaskRecord.text(task.halved)])
    }

    /// Stores what a task rule may change of a stored task.
    func update(_ task: DepartmentTask) throws {
        try execute("""
            UPDATE tasks SET state = ?, round = ?, sign_due = ?, dispose_due = ?, signed_at = ?, reported_at = ?,
                overdue = ?, arrive_due = ?, dispose_start = ?, arrived_at = ?, progress = ?, progress_at = ?,
                active_at = ?, stall_reminded = ?, marks = ?, halved = ?, light = ?, parked_at = ?
            WHERE whistle = ? AND department = ?
            """, [task.state.rawValue, task.round, Timestamp.format(task.signDue), Timestamp.format(task.disposeDue),
                  task.signedAt.map(Timestamp.format), task.reportedAt.map(Timestamp.format),
                  TaskRecord.text(task.overdue), task.arriveDue.map(Timestamp.format),
                  task.disposeStart == task.dispatchedAt ? nil : Timestamp.format(task.disposeStart),
                  task.arrivedAt.map(Timestamp.format), task.progress, task.progressAt.map(Timestamp.format),
                  task.activeAt.map(Timestamp.format), task.stallReminded, TaskRecord.text(task.marks),
                  TaskRecord.text(task.halved), TaskRecord.worstLight(task), task.parkedAt.map(Timestamp.format),
                  task.whistle, task.department])
    }
}
