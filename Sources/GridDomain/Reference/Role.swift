/// 部门角色 — the kind of department a matter names, such as 城管执法 (`cgzf`) or 消防 (`xf`);
/// which actual department it means depends on the whistle's grid.
public struct Role: Sendable, Codable, Equatable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
