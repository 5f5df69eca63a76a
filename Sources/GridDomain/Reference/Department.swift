/// 职能部门 — a functional department: it has one role and serves one grid with its whole subtree
/// (南翔城管执法中队 is role `cgzf` serving `JD-NX`).
public struct Department: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    /// The id of a `Role`.
    public var role: String
    /// The id of the `Grid` whose subtree it serves.
    public var serves: String

    public init(id: String, name: String, role: String, serves: String) {
        self.id = id
        self.name = name
        self.role = role
        self.serves = serves
    }
}
