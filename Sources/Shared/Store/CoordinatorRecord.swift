import GridDomain
import GridWire
import SQLite

/// The coordinators a whistle had (三级网格响应), as WhistleService and EvaluationService each keep
/// them in a `coordinators(whistle, principal)` table of their own, so that they may read it: the
/// first is derived from the grid tree, as ResponseService derives it; the later ones are those
/// the response stream's `escalated` events named.
public enum CoordinatorRecord {
    /// Notes both ends of a climb.
    public static func record(_ climb: WhistleEscalated, in db: Database) throws {
        for principal in [climb.from, climb.coordinator] {
            try db.execute("INSERT OR IGNORE INTO coordinators(whistle, principal) VALUES (?, ?)",
                           [climb.whistle, principal.description])
        }
    }

    /// Whether `principal` coordinates or coordinated `whistle`, raised in `grid`.
    public static func coordinated(_ whistle: String, about grid: String, by principal: Principal, tree: GridTree,
                                   in db: Database) throws -> Bool {
        if let chain = CoordinationRules.chain(for: grid, in: tree),
           chain.coordinators[chain.start.rawValue - 1] == principal.description { return true }
        return try db.queryFirst("SELECT 1 AS yes FROM coordinators WHERE whistle = ? AND principal = ?",
                                 [whistle, principal.description]) != nil
    }
}
