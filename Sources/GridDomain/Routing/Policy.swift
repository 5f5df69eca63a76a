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
    /// 三级网格响应 — the town's response settings when the whistle was routed. A policy stored
    /// before they existed reads as ``ResponsePolicy/standard``.
    public var response: ResponsePolicy

    public init(
        matter: String, referenceVersion: Int, urgency: Urgency, signFor: Limit, arrive: Limit?, dispose: Limit,
        storm: Bool, response: ResponsePolicy = .standard
    ) {
        self.matter = matter
        self.referenceVersion = referenceVersion
        self.urgency = urgency
        self.signFor = signFor
        self.arrive = arrive
        self.dispose = dispose
        self.storm = storm
        self.response = response
    }

    private enum CodingKeys: String, CodingKey {
        case matter, referenceVersion, urgency, signFor, arrive, dispose, storm, response
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        matter = try container.decode(String.self, forKey: .matter)
        referenceVersion = try container.decode(Int.self, forKey: .referenceVersion)
        urgency = try container.decode(Urgency.self, forKey: .urgency)
        signFor = try container.decode(Limit.self, forKey: .signFor)
        arrive = try container.decodeIfPresent(Limit.self, forKey: .arrive)
        dispose = try container.decode(Limit.self, forKey: .dispose)
        storm = try container.decode(Bool.self, forKey: .storm)
        response = try container.decodeIfPresent(ResponsePolicy.self, forKey: .response) ?? .standard
    }
}
