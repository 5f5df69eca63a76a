extension ReferenceData {
    /// Unique ids, existing role and served grid, and at most one department per (role, serves): 责任主体唯一.
    func validateDepartments(into issues: inout IssueList) {
        issues.requireUniqueIDs(departments.map(\.id), in: "/departments")
        let roleIDs = Set(roles.map(\.id))
        let tree = GridTree(grids)
        var firstByPair: [[String]: Int] = [:]
        for (index, department) in departments.enumerated() {
            let path = "/departments/\(index)"
            if !roleIDs.contains(department.role) {
                issues.add("\(path)/role", "unknown role \"\(department.role)\"")
            }
            if tree.grid(department.serves) == nil {
                issues.add("\(path)/serves", "unknown grid \"\(department.serves)\"")
            }
            if let parent = department.parent {
                if parent == department.id {
                    issues.add("\(path)/parent", "a department cannot belong to itself")
                } else if let body = departments.first(where: { $0.id == parent }) {
                    if body.parent != nil {
                        issues.add("\(path)/parent", "\"\(parent)\" belongs to \"\(body.parent ?? "")\" itself: a parent must be a district body, with no parent")
                    }
                } else {
                    issues.add("\(path)/parent", "unknown department \"\(parent)\"")
                }
            }
            let pair = [department.role, department.serves]
            if let earlier = firstByPair[pair] {
                issues.add("\(path)/serves",
                    "\"\(departments[earlier].id)\" (\(issues.pointer("/departments/\(earlier)"))) already has role \"\(department.role)\" for grid \"\(department.serves)\": one responsible department per role and grid")
            } else {
                firstByPair[pair] = index
            }
        }
    }
}
