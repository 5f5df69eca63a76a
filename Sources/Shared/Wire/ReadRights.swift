import GridDomain

/// 读权限 — what a principal may subscribe to on the services' PUB sockets under keys
/// (docs/protocol.md, "Read rights"): a list of prefixes, each ending in `.`. A subscription is
/// granted only when one of them is a prefix of the topic asked for; it is never rewritten or
/// widened, so asking for `""`, `d` or `dept.` is refused to a department, which may read
/// `dept.<its id>.` and what lies under it. Evaluation content (`evaluation.`) is never readable by
/// a department, a grid, a centre or an integrator.
public enum ReadRights {
    /// The prefixes `principal` may read, on whichever PUB publishes them.
    public static func prefixes(for principal: Principal) -> [String] {
        switch principal.kind {
        case .service, .district, .observer:
            ["whistle.", "dept.", "coord.", "response.", "evaluation.", "status."]
        case .centre:
            ["dept.", Topic.coordinator(principal), "whistle.alert.", "status."]
        case .dept:
            [Topic.department(principal.id), "whistle.alert.", "status."]
        case .grid:
            [Topic.coordinator(principal), "whistle.alert.", "status."]
        case .integrator:
            [Topic.intake(principal), "status."]
        }
    }

    /// Who has a part in one whistle, as far as reading it goes.
    public struct WhistleParties: Sendable {
        public var grid: String
        public var town: String
        /// The lead first, then the co-departments (协办), as routed or re-routed.
        public var departments: [String]
        /// Who raised it: `grid:…` or `integrator:…`; nil for a whistle stored before this was kept.
        public var raisedBy: Principal?

        public init(grid: String, town: String, departments: [String], raisedBy: Principal?) {
            self.grid = grid
            self.town = town
            self.departments = departments
            self.raisedBy = raisedBy
        }
    }

    /// Whether `principal` may read one whistle — its `timeline`, and under keys the `whistle`
    /// query: the raising grid and the grids that coordinate or coordinated it (`coordinated`,
    /// asked only of a grid), the departments with a part, its town's centre, the integrator that
    /// raised it, the district centre, observers and services.
    public static func mayRead(_ whistle: WhistleParties, as principal: Principal,
                               coordinated: () throws -> Bool) rethrows -> Bool {
        switch principal.kind {
        case .grid: try principal.id == whistle.grid || coordinated()
        case .dept: whistle.departments.contains(principal.id)
        case .centre: principal.id == whistle.town
        case .integrator: whistle.raisedBy == principal
        case .district, .observer, .service: true
        }
    }

    /// Whether a principal of `kind` may `replay` a whole stream: the services that consume it,
    /// and the district centre.
    public static func mayReplay(_ kind: Principal.Kind) -> Bool {
        switch kind {
        case .service, .district: true
        case .observer, .centre, .dept, .grid, .integrator: false
        }
    }

    /// Whether `principal` may subscribe to `topic` (the bytes asked for).
    public static func grants(_ principal: Principal, _ topic: [UInt8]) -> Bool {
        prefixes(for: principal).contains { topic.starts(with: $0.utf8) }
    }
}
