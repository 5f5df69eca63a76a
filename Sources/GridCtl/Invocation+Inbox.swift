import GridCommandLine
import GridDomain
import GridWire

/// `inbox`: a department's tasks, or the whistles a coordinator (a grid, a town centre, the
/// district) has in hand.
extension Invocation {
    func inbox() throws {
        let department = arguments.value("--department")
        let coordinator = arguments.value("--coordinator")
        guard department == nil || coordinator == nil else { throw UsageError("name --department or --coordinator, not both") }
        if coordinator != nil || (department == nil && actsAsCoordinator) {
            try coordinatorInbox(coordinator)
        } else {
            try departmentInbox(department)
        }
    }

    /// Whether `--as` names a principal that coordinates whistles, whose inbox without
    /// `--department` is its own.
    private var actsAsCoordinator: Bool {
        switch principal.flatMap(Principal.init(parsing:))?.kind {
        case .grid, .centre, .district: true
        case .dept, .service, .integrator, .observer, nil: false
        }
    }

    private func departmentInbox(_ department: String?) throws {
        let query = InboxQuery(department: department, scope: arguments.has("--all") ? .all : .open)
        let (inbox, reply) = try call("inbox", on: .response, query, as: Inbox.self)
        let lights = inbox.tasks.map { $0.lights.map(Self.lights) ?? "" }
        show(reply) {
            guard !inbox.tasks.isEmpty else { return "\(inbox.department): no tasks" }
            let showLights = lights.contains { !$0.isEmpty }
            // 超时: the clocks that ran out, by their wire names ("signFor,dispose"); blank when none did.
            let rows = inbox.tasks.enumerated().map { index, task in
                [task.whistle, task.state.rawValue, (task.overdue ?? []).map(\.rawValue).joined(separator: ",")]
                    + (showLights ? [lights[index]] : [])
                    + [task.role.rawValue, task.matter, task.urgency, task.grid, local(task.signDueAt), local(task.disposeDueAt)]
            }
            return "\(inbox.department): \(inbox.tasks.count) task(s)\n" + Table.render(
                ["WHISTLE", "STATE", "OVERDUE"] + (showLights ? ["LIGHTS"] : [])
                    + ["ROLE", "MATTER", "URGENCY", "GRID", "SIGN BY", "DISPOSE BY"], rows)
        }
    }

    /// 红黄绿灯 — a task's lights as `signFor=green,dispose=yellow`: the task's clocks in their
    /// order, then any clock this gridctl does not know, by name.
    static func lights(_ lights: [String: ClockLight]) -> String {
        let rank = Dictionary(uniqueKeysWithValues: TaskClock.allCases.enumerated().map { ($1.rawValue, $0) })
        return lights.keys.sorted { (rank[$0] ?? rank.count, $0) < (rank[$1] ?? rank.count, $1) }
            .map { "\($0)=\(lights[$0]?.rawValue ?? "")" }.joined(separator: ",")
    }

    private func coordinatorInbox(_ coordinator: String?) throws {
        let named = try coordinator.map { text throws(UsageError) in
            guard let principal = Principal(parsing: text) else { throw UsageError("--coordinator takes KIND:ID, such as grid:JD-NX-A01") }
            return principal
        }
        let (inbox, reply) = try call("inbox", on: .response, InboxQuery(coordinator: named, scope: arguments.has("--all") ? .all : .open),
                                      as: CoordinatorInbox.self)
        show(reply) {
            var text = "\(inbox.coordinator): no whistles"
            if !inbox.whistles.isEmpty {
                let rows = inbox.whistles.map { whistle in
                    [whistle.whistle, "\(whistle.level)", whistle.coordinator.description, local(whistle.levelDueAt), whistle.state.rawValue]
                }
                text = "\(inbox.coordinator): \(inbox.whistles.count) whistle(s)\n"
                    + Table.render(["WHISTLE", "LEVEL", "COORDINATOR", "LEVEL DUE", "STATE"], rows)
            }
            // 退单, 延期, 挂账 awaiting this centre's decision (or, for the district, returns referred to it).
            if let requests = inbox.requests, !requests.isEmpty {
                let rows = requests.map { request in
                    [request.whistle, request.department, request.request.rawValue, local(request.askedAt),
                     (request.until ?? request.resumeAt ?? request.decideBy).map(local) ?? "",
                     request.referred == true ? "referred" : "", request.reason]
                }
                text += "\n\(requests.count) request(s) awaiting a decision\n"
                    + Table.render(["WHISTLE", "DEPARTMENT", "REQUEST", "ASKED", "UNTIL / DECIDE BY", "", "REASON"], rows)
            }
            return text
        }
    }
}
