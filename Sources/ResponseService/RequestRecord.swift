import Foundation
import GridDomain
import GridStore
import GridWire
import SQLite

/// One row of `requests`: a department's request awaiting the town centre's decision (退单, 延期,
/// 挂账), with the task's role and town for the centre's inbox.
struct RequestRecord {
    var request: TaskRequest
    var role: TaskRole
    var town: String

    static let columns = "whistle, department, kind, role, town, reason, asked_at, until, resume_at, decide_by, referred"

    init(request: TaskRequest, role: TaskRole, town: String) {
        self.request = request
        self.role = role
        self.town = town
    }

    init(row: Row) throws {
        let stored = StoredRow(row, corrupt: Self.corrupt)
        request = TaskRequest(
            whistle: try stored.text("whistle"), department: try stored.text("department"),
            kind: try stored.value("kind", TaskRequest.Kind.init(rawValue:)), reason: try stored.text("reason"),
            askedAt: try stored.time("asked_at"), until: try stored.timeIfSet("until"),
            resumeAt: try stored.timeIfSet("resume_at"), decideBy: try stored.timeIfSet("decide_by"),
            referred: try stored.flag("referred"))
        role = try stored.value("role", TaskRole.init(rawValue:))
        town = try stored.text("town")
    }

    var view: RequestView {
        RequestView(whistle: request.whistle, department: request.department, role: role, town: town,
                    request: request.kind, reason: request.reason, askedAt: Instant(request.askedAt),
                    until: request.until.map(Instant.init), resumeAt: request.resumeAt.map(Instant.init),
                    decideBy: request.decideBy.map(Instant.init), referred: request.referred ? true : nil)
    }

    private static func corrupt(_ column: String) -> ProtocolError {
        ProtocolError(.internal, "corrupt_request", "a stored request cannot be read: its \(column) is not valid")
    }
}

extension Database {
    func request(whistle: String, department: String, kind: TaskRequest.Kind) throws -> RequestRecord? {
        try queryFirst("SELECT \(RequestRecord.columns) FROM requests WHERE whistle = ? AND department = ? AND kind = ?",
                       [whistle, department, kind.rawValue]).map(RequestRecord.init)
    }

    /// The kinds of request pending on a task.
    func pendingKinds(whistle: String, department: String) throws -> Set<TaskRequest.Kind> {
        Set(try query("SELECT kind FROM requests WHERE whistle = ? AND department = ?", [whistle, department])
            .compactMap { $0.string("kind").flatMap(TaskRequest.Kind.init(rawValue:)) })
    }

    func insert(_ record: RequestRecord) throws {
        let request = record.request
        try execute("""
            INSERT INTO requests(whistle, department, kind, role, town, reason, asked_at, until, resume_at, decide_by,
                referred)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [request.whistle, request.department, request.kind.rawValue, record.role.rawValue, record.town,
                  request.reason, Timestamp.format(request.askedAt), request.until.map(Timestamp.format),
                  request.resumeAt.map(Timestamp.format), request.decideBy.map(Timestamp.format), request.referred])
    }

    func deleteRequest(_ request: TaskRequest) throws {
        try execute("DELETE FROM requests WHERE whistle = ? AND department = ? AND kind = ?",
                    [request.whistle, request.department, request.kind.rawValue])
    }

    /// Every request pending on a whistle, by department and kind.
    func requests(whistle: String) throws -> [RequestRecord] {
        try query("SELECT \(RequestRecord.columns) FROM requests WHERE whistle = ? ORDER BY department, kind",
                  [whistle]).map(RequestRecord.init)
    }

    /// What awaits a decider: a town centre's requests not referred to the district, or (`town`
    /// nil) the returns referred to the district; oldest first.
    func requests(awaiting town: String?) throws -> [RequestRecord] {
        if let town {
            return try query("""
                SELECT \(RequestRecord.columns) FROM requests WHERE town = ? AND referred = 0 ORDER BY asked_at, whistle
                """, [town]).map(RequestRecord.init)
        }
        return try query("SELECT \(RequestRecord.columns) FROM requests WHERE referred = 1 ORDER BY asked_at, whistle")
            .map(RequestRecord.init)
    }

    func markReferred(_ request: TaskRequest) throws {
        try execute("UPDATE requests SET referred = 1 WHERE whistle = ? AND department = ? AND kind = ?",
                    [request.whistle, request.department, request.kind.rawValue])
    }
}
