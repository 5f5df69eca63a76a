import Foundation
import GridDomain
import GridStore
import GridWire
import SQLite

/// One row of `coordination`: a whistle's place in the three-level response (三级网格响应), with
/// what its coordinators' inbox shows beside it.
struct CoordinationRecord {
    var coordination: Coordination
    var grid: String
    var matter: String

    static let columns = """
        whistle, grid, town, matter, storm, level, coordinators, state, level_since, level_due, lapsed, halved, response,
        parked_at
        """

    init(coordination: Coordination, grid: String, matter: String) {
        self.coordination = coordination
        self.grid = grid
        self.matter = matter
    }

    init(row: Row) throws {
        let stored = StoredRow(row, corrupt: Self.corrupt)
        let coordinators = try stored.text("coordinators").split(separator: ",", omittingEmptySubsequences: false)
            .map(String.init)
        guard coordinators.count == ResponseLevel.allCases.count else { throw Self.corrupt("coordinators") }
        guard let level = ResponseLevel(rawValue: try stored.int("level")) else { throw Self.corrupt("level") }
        coordination = Coordination(
            whistle: try stored.text("whistle"), town: try stored.text("town"), coordinators: coordinators,
            level: level,
            state: try stored.value("state", Coordination.State.init(rawValue:)), levelSince: try stored.time("level_since"),
            levelDue: try stored.time("level_due"), lapsed: try stored.flag("lapsed"), halved: try stored.flag("halved"),
            storm: try stored.flag("storm"), response: try stored.json("response", as: ResponsePolicy.self),
            parkedAt: try stored.timeIfSet("parked_at"))
        grid = try stored.text("grid")
        matter = try stored.text("matter")
    }

    /// The view for `asker`'s inbox (`current` set), or for anyone (nil).
    func view(for asker: String? = nil) throws -> CoordinationView {
        guard let coordinator = Principal(parsing: coordination.coordinator) else { throw Self.corrupt("coordinators") }
        return CoordinationView(
            whistle: coordination.whistle, grid: grid, town: coordination.town, matter: matter,
            level: coordination.level.rawValue, coordinator: coordinator, state: coordination.state,
            levelSince: Instant(coordination.levelSince), levelDueAt: Instant(coordination.levelDue),
            levelOverdue: coordination.lapsed ? true : nil, current: asker.map { $0 == coordination.coordinator })
    }

    private static func corrupt(_ column: String) -> ProtocolError {
        ProtocolError(.internal, "corrupt_coordination", "a stored whistle level cannot be read: its \(column) is not valid")
    }
}

extension Database {
    func coordination(whistle: String) throws -> CoordinationRecord? {
        try queryFirst("SELECT \(CoordinationRecord.columns) FROM coordination WHERE whistle = ?", [whistle])
            .map(CoordinationRecord.init)
    }

    /// Stores a whistle's new level row, and its first coordinator's claim on it.
    func insert(_ record: CoordinationRecord, response: String) throws {
        let coordination = record.coordination
        try execute("""
            INSERT INTO coordination(whistle, grid, town, matter, storm, level, coordinator, coordinators, state,
                level_since, level_due, lapsed, halved, response)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [coordination.whistle, record.grid, coordination.town, record.matter, coordination.storm,
                  coordination.level.rawValue, coordination.coordinator, coordination.coordinators.joined(separator: ","),
                  coordination.state.rawValue, Timestamp.format(coordination.levelSince),
                  Timestamp.format(coordination.levelDue), coordination.lapsed, coordination.halved, response])
        try noteCoordinator(coordination.coordinator, of: coordination.whistle)
    }

    /// Stores what a coordination rule may change; a new coordinator gets the whistle in its inbox.
    func update(_ coordination: Coordination, from old: Coordination) throws {
        try execute("""
            UPDATE coordination SET level = ?, coordinator = ?, state = ?, level_since = ?, level_due = ?, lapsed = ?,
                halved = ?, parked_at = ?
            WHERE whistle = ?
            """, [coordination.level.rawValue, coordination.coordinator, coordination.state.rawValue,
                  Timestamp.format(coordination.levelSince), Timestamp.format(coordination.levelDue),
                  coordination.lapsed, coordination.halved, coordination.parkedAt.map(Timestamp.format),
                  coordination.whistle])
        if coordination.coordinator != old.coordinator {
            try noteCoordinator(coordination.coordinator, of: coordination.whistle)
        }
    }

    private func noteCoordinator(_ principal: String, of whistle: String) throws {
        try execute("INSERT OR IGNORE INTO coordinated(principal, whistle) VALUES (?, ?)", [principal, whistle])
    }

    /// The whistles `principal` coordinates now, then those it coordinated before; each part by
    /// level deadline, then whistle id. `open` leaves out closed whistles.
    func coordinated(by principal: String, open: Bool) throws -> [CoordinationRecord] {
        try query("""
            SELECT c.* FROM coordinated k JOIN coordination c ON c.whistle = k.whistle
            WHERE k.principal = ? \(open ? "AND c.state != 'closed'" : "")
            ORDER BY c.coordinator = k.principal DESC, c.level_due, c.whistle
            """, [principal]).map(CoordinationRecord.init)
    }
}
