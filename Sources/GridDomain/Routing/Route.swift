/// 派单 — where a whistle goes: one lead department (主办), its co-departments (协办), and the frozen policy.
public struct Route: Sendable, Codable, Equatable {
    /// The lead department's id: exactly one responsible party (责任主体唯一).
    public var lead: String
    /// The co-departments' ids, in the order the matter names their roles.
    public var co: [String]
    public var policy: Policy

    public init(lead: String, co: [String], policy: Policy) {
        self.lead = lead
        self.co = co
        self.policy = policy
    }
}
