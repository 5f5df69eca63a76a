import Foundation
import GridDomain
import GridWire
import SQLite

/// One department's task as stored in `tasks`.
struct TaskRecord {
    var whistle: String
    var department: String
    var role: TaskRole
    var grid: String
    var town: String
    var matter: String
    var urgency: String
    var state: TaskState
    var round: Int
    var policy: Policy
    var signDue: Date
    var disposeDue: Date
    var signedAt: Date?
    var reportedAt: Date?

    static let columns = """
        whistle, department, role, grid, town, matter, urgency, state, round, policy, sign_due, dispose_due,
        signed_at, reported_at
        """

    init(row: Row) throws {
        func date(_ index: Int) -> Date? { row.string(index).flatMap(Timestamp.parse) }
        guard let role = row.string(2).flatMap(TaskRole.init), let state = row.string(7).flatMap(TaskState.init),
              let policyText = row.string(9), let signDue = date(10), let disposeDue = date(11) else {
            throw ProtocolError(.internal, "corrupt_task", "a stored task cannot be read")
        }
        whistle = row.string(0) ?? ""
        department = row.string(1) ?? ""
        self.role = role
        grid = row.string(3) ?? ""
        town = row.string(4) ?? ""
        matter = row.string(5) ?? ""
        urgency = row.string(6) ?? ""
        self.state = state
        round = row.int(8) ?? 1
        policy = try JSONCoding.decode(Policy.self, from: Data(policyText.utf8))
        self.signDue = signDue
        self.disposeDue = disposeDue
        signedAt = date(12)
        reportedAt = date(13)
    }

    var view: TaskView {
        TaskView(whistle: whistle, department: department, role: role, state: state, round: round, grid: grid,
                 matter: matter, urgency: urgency, signDueAt: Instant(signDue), disposeDueAt: Instant(disposeDue),
                 signedAt: signedAt.map(Instant.init), reportedAt: reportedAt.map(Instant.init))
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
}
