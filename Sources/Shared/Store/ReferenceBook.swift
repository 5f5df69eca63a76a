import Foundation
import GridDomain
import GridWire
import SQLite

/// One version of the reference data with the indexes every service needs built once.
public final class LoadedReference: Sendable {
    public let version: Int
    public let data: ReferenceData
    public let tree: GridTree
    public let calendar: WorkingCalendar
    public let router: Router
    public let timeZone: TimeZone

    public init(version: Int, data: ReferenceData) throws {
        guard let zone = TimeZone(identifier: data.timeZone) else {
            throw ProtocolError.invalid("/data/reference/timeZone", "unknown time zone \(data.timeZone)")
        }
        self.version = version
        self.data = data
        self.tree = GridTree(data.grids)
        self.calendar = try data.workingCalendar()
        self.router = Router(data, version: version)
        self.timeZone = zone
    }

    public func department(_ id: String) -> Department? { data.departments.first { $0.id == id } }
    public func matter(_ id: String) -> Matter? { data.matters.first { $0.id == id } }
}

/// The reference versions a service has stored (table `reference`), newest in memory.
public final class ReferenceBook {
    private let store: ServiceStore
    public private(set) var current: LoadedReference?

    public init(store: ServiceStore) throws {
        self.store = store
        if let row = try store.db.queryFirst("SELECT version, json FROM reference ORDER BY version DESC LIMIT 1"),
           let version = row.int(0), let json = row.string(1) {
            current = try LoadedReference(version: version,
                                          data: JSONCoding.decode(ReferenceData.self, from: Data(json.utf8)))
        }
    }

    /// The current version, or the refusal that says the service has not learned one yet.
    public func require() throws(ProtocolError) -> LoadedReference {
        guard let current else { throw .notReady("reference data not received yet from the whistle stream") }
        return current
    }

    /// Refuses a principal that the reference data should name but does not: a grid of the tree,
    /// a department, a town's centre (its town grid), the district. Services, integrators and
    /// observers are not reference data and are admitted as stated.
    public func admit(_ principal: Principal) throws(ProtocolError) {
        let known: Bool
        switch principal.kind {
        case .service, .integrator, .observer:
            return
        case .grid:
            known = try require().tree.grid(principal.id) != nil
        case .dept:
            known = try require().department(principal.id) != nil
        case .centre:
            known = try require().tree.grid(principal.id)?.level == .town
        case .district:
            known = try require().tree.grid(principal.id)?.level == .district
        }
        guard known else { throw .unknownPrincipal(principal) }
    }

    /// Stores `data` as `version` in the caller's transaction and makes it current.
    public func install(version: Int, data: ReferenceData, in transaction: inout Transaction) throws {
        let loaded = try LoadedReference(version: version, data: data)
        try transaction.db.execute("INSERT OR REPLACE INTO reference(version, json) VALUES (?, ?)",
                                   [version, try JSONCoding.encodeString(data)])
        transaction.afterCommit { [weak self] in
            guard let self, version >= (self.current?.version ?? 0) else { return }
            self.current = loaded
        }
    }
}

@available(*, unavailable)
extension ReferenceBook: Sendable {}
