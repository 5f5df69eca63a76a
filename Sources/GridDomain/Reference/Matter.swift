/// 紧急程度 — the urgency class of a whistle, which selects the matter's time limits.
public enum Urgency: String, Sendable, NamedCase {
    /// 紧急
    case urgent
    /// 一般
    case normal
    /// 复杂
    case complex
}

/// 时限 — the limits of the steps of one urgency class.
public struct StepLimits: Sendable, Codable, Equatable {
    /// 签收 — sign for the whistle.
    public var signFor: Limit
    /// 到场 — arrive on site; nil when the matter needs no visit.
    public var arrive: Limit?
    /// 处置 — dispose of the problem and report back.
    public var dispose: Limit

    public init(signFor: Limit, arrive: Limit? = nil, dispose: Limit) {
        self.signFor = signFor
        self.arrive = arrive
        self.dispose = dispose
    }
}

/// 事项 — a matter of the Grid+ catalogue (网格+事项清单): who leads (主办), who cooperates (协办),
/// and the limits per urgency class.
public struct Matter: Sendable, Equatable {
    public var id: String
    public var name: String
    /// 场景 — free text such as 渣土管理, 防汛防台, 智能消火栓.
    public var scenario: String?
    /// 主办 — the role of the lead department.
    public var lead: String
    /// 协办 — the roles of the co-departments; distinct, without the lead.
    public var co: [String]
    public var defaultUrgency: Urgency
    /// 防汛防台 — whether limits are halved during a declared weather alert.
    public var storm: Bool
    /// The allowed urgency classes and their limits; in JSON an object keyed by urgency name.
    public var urgencies: [Urgency: StepLimits]

    public init(
        id: String, name: String, scenario: String? = nil, lead: String, co: [String] = [],
        defaultUrgency: Urgency, storm: Bool = false, urgencies: [Urgency: StepLimits]
    ) {
        self.id = id
        self.name = name
        self.scenario = scenario
        self.lead = lead
        self.co = co
        self.defaultUrgency = defaultUrgency
        self.storm = storm
        self.urgencies = urgencies
    }

    /// The allowed urgency classes in the order urgent, normal, complex.
    public var allowedUrgencies: [Urgency] {
        Urgency.allCases.filter { urgencies[$0] != nil }
    }
}
