import Foundation
import GridDomain
import GridWire

/// The whistles a run raises: every micro-grid (小微网格) of 南翔, 安亭 and 嘉定镇 in turn, with every
/// matter of the embedded catalogue that routes from it, each raise with its own idempotency key.
struct Workload {
    /// One raise as the grid sends it, and the routing WhistleService will give it.
    struct Raise {
        let grid: Grid
        let town: String
        let matter: Matter
        let route: Route
        let body: RaiseWhistle

        var principal: String { "grid:\(grid.id)" }
        /// Tasks ResponseService dispatches for it: the lead and each co-department.
        var tasks: Int { 1 + route.co.count }
    }

    static let towns = ["JD-NX", "JD-AT", "JD-JDZ"]
    private let pairs: [(grid: Grid, town: String, matter: Matter, route: Route)]
    /// Distinguishes this run's keys from any other's.
    let runID = String(UUID().uuidString.prefix(8)).lowercased()

    /// `only`, when given, keeps that one matter of the catalogue (phases e and f raise one matter
    /// at a time); `towns`, when given, keeps the micro-grids of those of ``towns``.
    init(reference: ReferenceData, only: String? = nil, towns: [String] = Self.towns) {
        let router = Router(reference, version: 1)
        let micro = reference.grids.filter { grid in
            grid.level == .micro && towns.contains(router.tree.town(of: grid.id)?.id ?? "")
        }
        var pairs: [(Grid, String, Matter, Route)] = []
        for matter in reference.matters where only == nil || matter.id == only {
            for grid in micro {
                guard let route = try? router.route(matter: matter.id, urgency: nil, grid: grid.id) else { continue }
                pairs.append((grid, router.tree.town(of: grid.id)?.id ?? "", matter, route))
            }
        }
        precondition(!pairs.isEmpty, "the embedded sample has micro-grids and matters that route")
        self.pairs = pairs
    }

    var variety: String {
        "\(Set(pairs.map(\.grid.id)).count) micro-grids × \(Set(pairs.map(\.matter.id)).count) matters"
    }

    /// How many raises before ``raise(_:)`` repeats itself.
    var cycle: Int { pairs.count }

    func raise(_ index: Int) -> Raise {
        let pair = pairs[index % pairs.count]
        let body = RaiseWhistle(
            matter: pair.matter.id,
            description: "\(pair.matter.name)：网格巡查发现，请尽快派员处置（第\(index)起）",
            location: "\(pair.grid.name) 第\(index % 40 + 1)号楼东侧")
        return Raise(grid: pair.grid, town: pair.town, matter: pair.matter, route: pair.route, body: body)
    }

    /// The idempotency key of raise `index` of phase `phase`; unique across runs and phases.
    func key(_ phase: String, _ index: Int) -> String { "bench-\(runID)-\(phase)-\(index)" }

    /// The request bytes of raise `index`, as a client sends them.
    func request(_ phase: String, _ index: Int) throws -> Data {
        let raise = raise(index)
        return try JSONCoding.encode(OutgoingRequest(cmd: "raise", key: key(phase, index), as: raise.principal,
                                                     body: raise.body))
    }

    /// `count` requests, encoded before any clock starts.
    func requests(_ phase: String, count: Int) throws -> [Data] {
        try (0..<count).map { try request(phase, $0) }
    }
}
