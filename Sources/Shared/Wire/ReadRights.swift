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
