/// 网格层级 — a level of the grid tree.
public enum GridLevel: String, Sendable, NamedCase {
    /// 区 — the district, the single root.
    case district
    /// 街镇 — a town or street.
    case town
    /// 片区 — an area grid.
    case area
    /// 村居/单元网格 — a village or residential unit grid.
    case unit
    /// 小微网格 — a micro-grid.
    case micro

    /// The level a grid's parent must have; nil for the district.
    public var parentLevel: GridLevel? {
        switch self {
        case .district: nil
        case .town: .district
        case .area: .town
        case .unit: .area
        case .micro: .unit
        }
    }

    /// Whether grids of this level blow whistles (吹哨): area, unit and micro grids.
    public var raisesWhistles: Bool {
        switch self {
        case .district, .town: false
        case .area, .unit, .micro: true
        }
    }

    /// Whether grids of this level carry a `kind`: unit and micro grids.
    public var hasKind: Bool {
        switch self {
        case .district, .town, .area: false
        case .unit, .micro: true
        }
    }
}

/// 网格类型 — what a unit or micro grid covers.
public enum GridKind: String, Sendable, NamedCase {
    /// 街区 — a block.
    case block
    /// 路段 — a street segment.
    case road
    /// 园区 — an industrial park.
    case park
    /// 专业市场 — a specialised market.
    case market
    /// 商业综合体 — a commercial complex.
    case complex
    /// 商务楼宇 — an office building.
    case building
}

/// 网格 — one node of the grid tree with its roster.
public struct Grid: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var level: GridLevel
    /// The parent grid's id; nil only for the district.
    public var parent: String?
    public var kind: GridKind?
    /// 网格长 — the grid chief.
    public var chief: Person?
    /// 副网格长 — the (full-time) deputy chief.
    public var deputy: Person?
    /// 网格力量 — the workers; missing in JSON reads as none.
    public var workers: [Person]

    public init(
        id: String, name: String, level: GridLevel, parent: String? = nil, kind: GridKind? = nil,
        chief: Person? = nil, deputy: Person? = nil, workers: [Person] = []
    ) {
        self.id = id
        self.name = name
        self.level = level
        self.parent = parent
        self.kind = kind
        self.chief = chief
        self.deputy = deputy
        self.workers = workers
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, level, parent, kind, chief, deputy, workers
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        level = try container.decode(GridLevel.self, forKey: .level)
        parent = try container.decodeIfPresent(String.self, forKey: .parent)
        kind = try container.decodeIfPresent(GridKind.self, forKey: .kind)
        chief = try container.decodeIfPresent(Person.self, forKey: .chief)
        deputy = try container.decodeIfPresent(Person.self, forKey: .deputy)
        workers = try container.decodeIfPresent([Person].self, forKey: .workers) ?? []
    }
}
