/// 冻结策略 — the policy a live whistle keeps: the matter's version and limits at the time it was
/// raised, unaffected by later catalogue changes.
public struct Policy: Sendable, Codable, Hashable {
    public var matter: String
    public var referenceVersion: Int
    public var urgency: Urgency
    /// 签收
    public var signFor: Limit
    /// 到场
    public var arrive: Limit?
    /// 处置
    public var dispose: Limit
    /// 防汛防台 — whether the limits halve during a declared weather alert.
    public var storm: Bool

    public init(
        matter: String, referenceVersion: Int, urgency: Urgency, signFor: Limit, arrive: Limit?, dispose: Limit,
        storm: Bool
    ) {
        self.matter = matter
        self.referenceVersion = referenceVersion
        self.urgency = urgency
        self.signFor = signFor
        self.arrive = arrive
        self.dispose = dispose
        self.storm = storm
    }
}
