extension ReferenceData {
    /// Unique ids; lead and co roles exist, co distinct and not the lead; urgencies present and
    /// the default among them; positive limits; and every role resolving for every grid that raises whistles.
    func validateMatters(allowingSeconds: Bool, into issues: inout IssueList) {
        issues.requireUniqueIDs(matters.map(\.id), in: "/matters")
        let roleIDs = Set(roles.map(\.id))
        var routing = RoutingCheck(self)
        for (index, matter) in matters.enumerated() {
            let path = "/matters/\(index)"
            if roleIDs.contains(matter.lead) {
                routing.requireResolvable(matter.lead, at: "\(path)/lead", into: &issues)
            } else {
                issues.add("\(path)/lead", "unknown role \"\(matter.lead)\"")
            }
            var seen: Set<String> = []
            for (coIndex, role) in matter.co.enumerated() {
                let coPath = "\(path)/co/\(coIndex)"
                if !roleIDs.contains(role) {
                    issues.add(coPath, "unknown role \"\(role)\"")
                } else if role == matter.lead {
                    issues.add(coPath, "\"\(role)\" is the lead role; a co-department (协办) must be another role")
                } else if !seen.insert(role).inserted {
                    issues.add(coPath, "role \"\(role)\" is listed twice")
                } else {
                    routing.requireResolvable(role, at: coPath, into: &issues)
                }
            }
            validateUrgencies(of: matter, at: path, allowingSeconds: allowingSeconds, into: &issues)
        }
    }

    private func validateUrgencies(of matter: Matter, at path: String, allowingSeconds: Bool, into issues: inout IssueList) {
        if matter.urgencies.isEmpty {
            issues.add("\(path)/urgencies", "no urgency classes: give at least one of urgent, normal, complex")
        } else if matter.urgencies[matter.defaultUrgency] == nil {
            issues.add("\(path)/defaultUrgency",
                "\"\(matter.defaultUrgency.rawValue)\" is not among the matter's urgencies (\(matter.allowedUrgencies.map(\.rawValue).joined(separator: ", ")))")
        }
        for urgency in matter.allowedUrgencies {
            guard let limits = matter.urgencies[urgency] else { continue }
            let steps: [(String, Limit?)] = [("signFor", limits.signFor), ("arrive", limits.arrive), ("dispose", limits.dispose)]
            for case let (step, limit?) in steps {
                issues.requireUsableLimit(limit, at: "\(path)/urgencies/\(urgency.rawValue)/\(step)", allowingSeconds: allowingSeconds)
            }
        }
    }
}

/// For each role, the first grid that raises whistles and finds no department of that role;
/// computed once per role. Grids whose chain does not reach the district are skipped: their
/// parent is reported already.
private struct RoutingCheck {
    private let tree: GridTree
    private let departments: DepartmentIndex
    private let raisingGrids: [String]
    private var firstUnresolved: [String: String?] = [:]

    init(_ reference: ReferenceData) {
        let tree = GridTree(reference.grids)
        self.tree = tree
        departments = DepartmentIndex(reference.departments)
        var seen: Set<String> = []
        raisingGrids = reference.grids.filter { grid in
            seen.insert(grid.id).inserted && grid.level.raisesWhistles
                && tree.ancestors(of: grid.id).last?.level == .district
        }.map(\.id)
    }

    mutating func requireResolvable(_ role: String, at path: String, into issues: inout IssueList) {
        let unresolved: String?
        if let known = firstUnresolved[role] {
            unresolved = known
        } else {
            unresolved = raisingGrids.first { departments.responsible(role: role, for: $0, in: tree) == nil }
            firstUnresolved[role] = .some(unresolved)
        }
        if let grid = unresolved {
            issues.add(path, "no \"\(role)\" department serves grid \"\(grid)\" or any grid above it")
        }
    }
}
