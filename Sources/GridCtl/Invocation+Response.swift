import Foundation
import GridCommandLine
import GridWire

/// ResponseService's steps after signing for: 报到 (arrive), progress notes, 逐级上报 (escalate);
/// the department's requests (退单 return, 延期 extend, 挂账 park), the town centre's decisions
/// (arbitrate, decide, resume) and WhistleService's 作废 (void).
extension Invocation {
    func arrive(_ id: String) throws {
        let (task, reply) = try call("arrive", on: .response, ArriveOnSite(whistle: id), as: TaskView.self)
        show(reply) {
            "arrived 报到 \(task.whistle) as \(task.department)" + (task.arrivedAt.map { " at \(local($0))" } ?? "")
        }
    }

    func progress(_ id: String) throws {
        let body = ProgressNote(whistle: id, note: try arguments.required("--note"))
        let (task, reply) = try call("progress", on: .response, body, as: TaskView.self)
        show(reply) { "progress noted on \(task.whistle) as \(task.department)" }
    }

    func escalate(_ id: String) throws {
        let body = Escalate(whistle: id, reason: try arguments.required("--reason"))
        let (escalation, reply) = try call("escalate", on: .response, body, as: CoordinationView.self)
        show(reply) {
            "escalated 逐级上报 \(escalation.whistle) to level \(escalation.level), coordinator \(escalation.coordinator); due \(local(escalation.levelDueAt))"
        }
    }

    func returnTask(_ id: String) throws {
        let body = ReturnTask(whistle: id, reason: try arguments.required("--reason"))
        let (request, reply) = try call("return", on: .response, body, as: RequestView.self)
        show(reply) {
            "return 退单 of \(request.whistle) asked as \(request.department); centre:\(request.town) arbitrates by \(request.decideBy.map(local) ?? "-")"
        }
    }

    func extend(_ id: String) throws {
        let body = ExtendTask(whistle: id, until: Instant(try time("--until")), reason: try arguments.required("--reason"))
        let (request, reply) = try call("extend", on: .response, body, as: RequestView.self)
        show(reply) { "extension 延期 of \(request.whistle) asked as \(request.department), until \(request.until.map(local) ?? "-")" }
    }

    func park(_ id: String) throws {
        let resumeAt = try arguments.value("--resume-at").map { _ throws(UsageError) in Instant(try time("--resume-at")) }
        let body = ParkWhistle(whistle: id, reason: try arguments.required("--reason"), resumeAt: resumeAt)
        let (request, reply) = try call("park", on: .response, body, as: RequestView.self)
        show(reply) { "park 挂账 of \(request.whistle) asked as \(request.department)" + (request.resumeAt.map { ", until \(local($0))" } ?? "") }
    }

    func arbitrate(_ id: String) throws {
        let body = Arbitrate(whistle: id, department: try arguments.required("--department"),
                             uphold: try yesNo("--uphold"), to: arguments.value("--to"),
                             reason: try arguments.required("--reason"))
        let (task, reply) = try call("arbitrate", on: .response, body, as: TaskView.self)
        show(reply) {
            body.uphold ? "return 退单 of \(task.department) on \(task.whistle) upheld" + (body.to.map { "; re-dispatched 改派 to \($0)" } ?? "; its co part dropped")
                : "return 退单 of \(task.department) on \(task.whistle) refused; the task stays"
        }
    }

    func decide(_ id: String) throws {
        let text = try arguments.required("--request")
        guard let request = DecideRequest.Request(rawValue: text) else { throw UsageError("--request is extension or park") }
        let body = DecideRequest(whistle: id, department: try arguments.required("--department"), request: request,
                                 approve: try yesNo("--approve"), reason: try arguments.required("--reason"))
        let (task, reply) = try call("decide", on: .response, body, as: TaskView.self)
        show(reply) {
            "\(request.rawValue) of \(task.department) on \(task.whistle) \(body.approve ? "approved" : "refused"); dispose by \(local(task.disposeDueAt))"
        }
    }

    func resume(_ id: String) throws {
        let (resumed, reply) = try call("resume", on: .response, ResumeWhistle(whistle: id), as: WhistleTasks.self)
        show(reply) {
            "resumed \(resumed.whistle): " + resumed.tasks.filter { $0.state == .dispatched || $0.state == .signed }
                .map { "\($0.department) disposes by \(local($0.disposeDueAt))" }.joined(separator: "; ")
        }
    }

    func void(_ id: String) throws {
        let body = VoidWhistle(whistle: id, reason: try arguments.required("--reason"))
        let (voided, reply) = try call("void", on: .whistle, body, as: WhistleVoided.self)
        show(reply) { "void 作废 of \(voided.whistle) sent by \(voided.by); EvaluationService says how it ends" }
    }

    private func time(_ option: String) throws(UsageError) -> Date {
        guard let time = Timestamp.parse(try arguments.required(option)) else {
            throw UsageError("\(option) takes an ISO 8601 time with its offset, such as 2026-12-09T17:00:00+08:00")
        }
        return time
    }

    private func yesNo(_ option: String) throws(UsageError) -> Bool {
        switch try arguments.required(option) {
        case "yes": return true
        case "no": return false
        default: throw UsageError("\(option) is yes or no")
        }
    }
}
