/// 职能部门 — a functional department: it has one role and serves one grid with its whole subtree
/// (南翔城管执法中队 is role `cgzf` serving `JD-NX`).
public struct Department: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    /// The id of a `Role`.
    public var role: String
    /// The id of the `Grid` whose subtree it serves.
    public var serves: String
    /// The district body a town unit belongs to (南翔's squad `JD-NX-CGZF` → `JD-CGZF`): the district
    /// ranking ranks bodies on their units' combined figures. Nil for a body itself.
    public var parent: String?

    public init(id: String, name: String, role: String, serves: String, parent: String? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.serves = serves
        self.parent = parent
    }
}
