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
        case .dispatched(let signDueAt, let disposeDueAt, let arriveDueAt):
            try emit(.dispatched, task, at: time, TaskDispatched(
                whistle: task.whistle, department: task.department, role: task.role, grid: record.grid,
                town: record.town, matter: record.matter, signDueAt: Instant(signDueAt),
                disposeDueAt: Instant(disposeDueAt), arriveDueAt: arriveDueAt.map(Instant.init)))
        case .signed(let dueAt, let onTime):
            try emit(.signed, task, at: time, TaskSigned(
                whistle: task.whistle, department: task.department, role: task.role, dueAt: Instant(dueAt),
                onTime: onTime))
        case .arrived(let dueAt, let onTime):
            try emit(.arrived, task, at: time, TaskArrived(
                whistle: task.whistle, department: task.department, role: task.role, round: task.round,
                dueAt: Instant(dueAt), onTime: onTime))
        case .progress(let note):
            try emit(.progress, task, at: time, TaskProgress(
                whistle: task.whistle, department: task.department, role: task.role, round: task.round, note: note))
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
        case .light(let clock, let light, let dueAt):
            try emit(.light, task, at: time, TaskLightChanged(
                whistle: task.whistle, department: task.department, role: task.role, round: task.round,
                clock: clock, light: light, dueAt: Instant(dueAt)))
        case .reminded(.deadline(let clock, let fraction, let dueAt)):
            try emit(.reminded, task, at: time, TaskReminded(
                whistle: task.whistle, department: task.department, role: task.role, round: task.round,
                reason: .deadline, clock: clock, fraction: fraction, dueAt: Instant(dueAt)))
        case .reminded(.stall(let idleSince)):
            try emit(.reminded, task, at: time, TaskReminded(
                whistle: task.whistle, department: task.department, role: task.role, round: task.round,
                reason: .stall, idleSince: Instant(idleSince)))
        case .supervised(let level, let coordinator, let trigger, let reason):
            try emit(.supervised, task, at: time, TaskSupervised(
                whistle: task.whistle, department: task.department, role: task.role, round: task.round,
                level: level.rawValue, coordinator: try Self.principal(coordinator), trigger: trigger,
                reason: reason))
        case .requested(let request):
            try emit(.requested(request.kind), task, at: time, TaskRequested(
                whistle: task.whistle, department: task.department, role: task.role, round: task.round,
                town: record.town, request: request.kind, reason: request.reason,
                until: request.until.map(Instant.init), resumeAt: request.resumeAt.map(Instant.init),
                decideBy: request.decideBy.map(Instant.init)))
        case .arbitrated(let uphold, let to, let by, let reason):
            // Also on `response.arbitrated.`, which WhistleService follows alone (改派).
            try emit(.arbitrated, task, alsoTopics: [Topic.event(.response, ResponseEventType.arbitrated.rawValue)],
                     at: time, ReturnArbitrated(
                whistle: task.whistle, department: task.department, role: task.role, uphold: uphold, to: to,
                by: try Self.principal(by), reason: reason))
        case .decided(let kind, let approve, let by, let reason):
            try emit(.decided, task, at: time, RequestDecided(
                whistle: task.whistle, department: task.department, role: task.role, request: kind, approve: approve,
                by: try Self.principal(by), reason: reason,
                disposeDueAt: approve && kind == .extension ? Instant(task.disposeDue) : nil))
        case .parked(let resumeAt):
            try emit(.parked, task, at: time, TaskParked(
                whistle: task.whistle, department: task.department, role: task.role, round: task.round,
                resumeAt: resumeAt.map(Instant.init)))
        case .resumed(let by):
            let live = TaskRules.live(task)
            try emit(.resumed, task, at: time, TaskResumed(
                whistle: task.whistle, department: task.department, role: task.role, round: task.round,
                by: try by.map(Self.principal), signDueAt: live.contains(.signFor) ? Instant(task.signDue) : nil,
                arriveDueAt: live.contains(.arrive) ? task.arriveDue.map(Instant.init) : nil,
                disposeDueAt: Instant(task.disposeDue)))
        case .closed:
            break
        }
    }

    /// Emits what a coordination rule announced, on the coordinator's topic
    /// `coord.<principal>.<type>.`; an escalation also on the topic of the coordinator it leaves,
    /// and on `response.escalated.`.
    mutating func announce(_ event: CoordinationEvent, of coordination: Coordination, at time: Date) throws {
        let coordinator = try Self.principal(coordination.coordinator)
        switch event {
        case .escalated(let fromLevel, let from, let trigger, let reason):
            let left = try Self.principal(from)
            try emit(ResponseEventType.escalated.rawValue, topic: ResponseEventType.escalated.topic(coordinator: coordinator),
                     alsoTopics: [ResponseEventType.escalated.topic(coordinator: left),
                                  // Also on `response.escalated.`, which WhistleService follows (who may read a whistle).
                                  Topic.event(.response, ResponseEventType.escalated.rawValue)], at: time, WhistleEscalated(
                        whistle: coordination.whistle, town: coordination.town, fromLevel: fromLevel.rawValue,
                        from: left, level: coordination.level.rawValue, coordinator: coordinator, trigger: trigger,
                        reason: reason, levelDueAt: Instant(coordination.levelDue)))
        case .levelOverdue(let dueAt):
            try emit(ResponseEventType.levelOverdue.rawValue,
                     topic: ResponseEventType.levelOverdue.topic(coordinator: coordinator), at: time, LevelOverdue(
                        whistle: coordination.whistle, level: coordination.level.rawValue, coordinator: coordinator,
                        dueAt: Instant(dueAt)))
        case .levelLight(let light, let dueAt):
            try emit(ResponseEventType.levelLight.rawValue,
                     topic: ResponseEventType.levelLight.topic(coordinator: coordinator), at: time, LevelLightChanged(
                        whistle: coordination.whistle, level: coordination.level.rawValue, coordinator: coordinator,
                        light: light, dueAt: Instant(dueAt)))
        }
    }

    private static func principal(_ text: String) throws -> Principal {
        guard let principal = Principal(parsing: text) else {
            throw ProtocolError(.internal, "corrupt_coordination", "'\(text)' is not a principal")
        }
        return principal
    }

    private mutating func emit<P: Codable & Sendable>(
        _ type: ResponseEventType, _ task: DepartmentTask, alsoTopics: [String] = [], at time: Date, _ payload: P
    ) throws {
        try emit(type.rawValue, topic: type.topic(department: task.department), alsoTopics: alsoTopics, at: time, payload)
    }
}
