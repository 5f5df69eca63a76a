/// Departments by (role, served grid), for the routing rule: walk from the whistle's grid up to
/// the district; the first grid served by a department of the role makes it responsible.
struct DepartmentIndex: Sendable {
    private struct Key: Hashable {
        var role: String
        var serves: String
    }

    private let byKey: [Key: Department]

    /// The first department of a (role, serves) pair wins; validation reports the others.
    init(_ departments: [Department]) {
        var byKey: [Key: Department] = [:]
        for department in departments {
            let key = Key(role: department.role, serves: department.serves)
            if byKey[key] == nil { byKey[key] = department }
        }
        self.byKey = byKey
    }

    func department(role: String, serving grid: String) -> Department? {
        byKey[Key(role: role, serves: grid)]
    }

    func responsible(role: String, for grid: String, in tree: GridTree) -> Department? {
        for ancestor in tree.ancestors(of: grid) {
            if let department = department(role: role, serving: ancestor.id) { return department }
        }
        return nil
    }
}
