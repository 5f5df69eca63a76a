import Foundation
import GridDomain
import GridStore
import GridWire

extension Transaction {
    /// Emits what a task rule announced as the `response` stream's event of that type, on the
    /// department's own topic `dept.<id>.<type>.`, at `time`. `record` is the task as decided;
    /// `summary` is what a report (反馈) said, and only a report announces `reported`. 结案
    /// (`closed`) has no event of its own: the evaluation stream's `closed` already says it.
    mutating func announce(_ event: TaskEvent, of record: TaskRecord, at time: Date, summary: String? = nil) throws {
        let task = record.task
        switch event {
        case .dispatched(let signDueAt, let disposeDueAt):
            try emit(.dispatched, task, at: time, TaskDispatched(
                whistle: task.whistle, department: task.department, role: task.role, grid: record.grid,
                town: record.town, matter: record.matter, signDueAt: Instant(signDueAt),
                disposeDueAt: Instant(disposeDueAt)))
        case .signed(let dueAt, let onTime):
            try emit(.signed, task, at: time, TaskSigned(
                whistle: task.whistle, department: task.department, role: task.role, dueAt: Instant(dueAt),
                onTime: onTime))
        case .reported(let round, let dueAt, let onTime):
            guard let summary else { preconditionFailure("a report is announced with its summary") }
            try emit(.reported, task, at: time, TaskReported(
                whistle: task.whistle, department: task.department, role: task.role, round: round,
                dueAt: Instant(dueAt), onTime: onTime, summary: summary))
        case .reopened(let round, let disposeDueAt):
            try emit(.reopened, task, at: time, TaskReopened(
                whistle: task.whistle, department: task.department, role: task.role, round: round,
                disposeDueAt: Instant(disposeDueAt)))
        case .overdue(let clock, let dueAt):
            try emit(.overdue, task, at: time, TaskOverdue(
                whistle: task.whistle, department: task.department, role: task.role, round: task.round,
                clock: clock, dueAt: Instant(dueAt)))
        case .closed:
            break
        }
    }

    private mutating func emit<P: Codable & Sendable>(
        _ type: ResponseEventType, _ task: DepartmentTask, at time: Date, _ payload: P
    ) throws {
        try emit(type.rawValue, topic: type.topic(department: task.department), at: time, payload)
    }
}
