extension ReferenceData {
    /// Unique ids, exactly one district root, each parent existing at the level above, kinds only
    /// on unit and micro grids.
    func validateGrids(into issues: inout IssueList) {
        issues.requireUniqueIDs(grids.map(\.id), in: "/grids")
        let tree = GridTree(grids)
        let districts = grids.indices.filter { grids[$0].level == .district }
        if let root = districts.first {
            for index in districts.dropFirst() {
                issues.add("/grids/\(index)/level",
                    "a second district grid \"\(grids[index].id)\": the district \"\(grids[root].id)\" is the only root")
            }
        } else {
            issues.add("/grids", "no district grid: exactly one grid must have level \"district\"")
        }
        for (index, grid) in grids.enumerated() {
            validateParent(of: grid, at: "/grids/\(index)", tree: tree, into: &issues)
            if grid.kind != nil, !grid.level.hasKind {
                issues.add("/grids/\(index)/kind", "only unit and micro grids have a kind; \"\(grid.id)\" is \(grid.level.phrase)")
            }
        }
    }

    private func validateParent(of grid: Grid, at path: String, tree: GridTree, into issues: inout IssueList) {
        guard let expected = grid.level.parentLevel else {
            if let parent = grid.parent {
                issues.add("\(path)/parent", "the district grid has no parent, but names \"\(parent)\"")
            }
            return
        }
        guard let parentID = grid.parent else {
            issues.add("\(path)/parent", "\(grid.level.phrase) needs a parent, \(expected.phrase)")
            return
        }
        guard let parent = tree.grid(parentID) else {
            issues.add("\(path)/parent", "unknown grid \"\(parentID)\"")
            return
        }
        if parent.level != expected {
            issues.add("\(path)/parent",
                "the parent of \(grid.level.phrase) must be \(expected.phrase); \"\(parentID)\" is \(parent.level.phrase)")
        }
    }
}
