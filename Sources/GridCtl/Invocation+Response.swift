import GridWire

/// ResponseService's steps after signing for: 报到 (arrive), progress notes, 逐级上报 (escalate).
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
}
