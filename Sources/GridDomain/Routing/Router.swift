/// 派单 — resolves the departments and the frozen policy for a whistle, from one version of the
/// reference data.
public struct Router: Sendable {
    public let version: Int
    public let tree: GridTree
    private let matters: [String: Matter]
    private let departments: DepartmentIndex
    private let response: ResponseSettings

    public init(_ reference: ReferenceData, version: Int) {
        self.version = version
        tree = GridTree(reference.grids)
        matters = Dictionary(reference.matters.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        departments = DepartmentIndex(reference.departments)
        response = reference.response
    }

    /// The matter of the catalogue with this id.
    public func matter(_ id: String) -> Matter? {
        matters[id]
    }

    /// The department of `role` responsible for `grid`: walk from the grid up to the district;
    /// the first grid served by a department of the role decides ("cgzf" from a 南翔 grid is 南翔's squad).
    public func department(role: String, for grid: String) -> Department? {
        departments.responsible(role: role, for: grid, in: tree)
    }

    /// Resolves the lead and co-departments for a whistle from `grid` about `matter`
    /// (urgency nil = the matter's default).
    public func route(matter matterID: String, urgency: Urgency?, grid gridID: String) throws(RoutingError) -> Route {
        guard let grid = tree.grid(gridID) else { throw .unknownGrid(gridID) }
        guard let matter = matters[matterID] else { throw .unknownMatter(matterID) }
        guard grid.level.raisesWhistles else { throw .gridCannotRaise(grid: gridID, level: grid.level) }
        let urgency = urgency ?? matter.defaultUrgency
        guard let limits = matter.urgencies[urgency] else {
            throw .urgencyNotAllowed(matter: matterID, urgency: urgency, allowed: matter.allowedUrgencies)
        }
        let lead = try responsible(matter.lead, for: gridID)
        var co: [String] = []
        for role in matter.co where role != matter.lead {
            let department = try responsible(role, for: gridID)
            if department != lead, !co.contains(department) { co.append(department) }
        }
        let policy = Policy(
            matter: matterID, referenceVersion: version, urgency: urgency, signFor: limits.signFor,
            arrive: limits.arrive, dispose: limits.dispose, storm: matter.storm,
            response: response.policy(forTown: tree.town(of: gridID)?.id ?? ""))
        return Route(lead: lead, co: co, policy: policy)
    }

    private func responsible(_ role: String, for grid: String) throws(RoutingError) -> String {
        guard let department = department(role: role, for: grid) else { throw .noDepartment(role: role, grid: grid) }
        return department.id
    }
}
