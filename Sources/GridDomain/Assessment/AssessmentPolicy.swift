/// 考核设置 — how the district ranks departments, evaluates towns and colours micro-grids: the
/// `assessment` section of the reference data. Every field may be left out and reads as its default.
public struct AssessmentPolicy: Sendable, Codable, Equatable {
    /// A department with fewer tasks dispatched in the period is listed but not ranked (a single
    /// fast case must not top the table).
    public var minimumVolume: Int
    /// The composite score's weights, in percent.
    public var weights: CompositeWeights
    /// The lowest score of grades A, B, C and D; below D is E.
    public var grades: GradeThresholds
    /// 综合评价 — the weights of a town's three parts, in percent.
    public var town: TownWeights
    /// 三色管理 — the micro-grid colour model.
    public var colours: ColourModel

    public static let standard = AssessmentPolicy(
        minimumVolume: 10, weights: .standard, grades: .standard, town: .standard, colours: .standard)

    public init(minimumVolume: Int, weights: CompositeWeights, grades: GradeThresholds, town: TownWeights,
                colours: ColourModel) {
        self.minimumVolume = minimumVolume
        self.weights = weights
        self.grades = grades
        self.town = town
        self.colours = colours
    }

    private enum CodingKeys: String, CodingKey { case minimumVolume, weights, grades, town, colours }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let standard = Self.standard
        minimumVolume = try c.decodeIfPresent(Int.self, forKey: .minimumVolume) ?? standard.minimumVolume
        weights = try c.decodeIfPresent(CompositeWeights.self, forKey: .weights) ?? standard.weights
        grades = try c.decodeIfPresent(GradeThresholds.self, forKey: .grades) ?? standard.grades
        town = try c.decodeIfPresent(TownWeights.self, forKey: .town) ?? standard.town
        colours = try c.decodeIfPresent(ColourModel.self, forKey: .colours) ?? standard.colours
    }
}

/// The weights of 响应率, 解决率 and 满意率 in the composite score (Beijing's 接诉即办 uses 30/35/35).
public struct CompositeWeights: Sendable, Codable, Equatable {
    public var response: Double
    public var solved: Double
    public var satisfaction: Double

    public static let standard = CompositeWeights(response: 30, solved: 35, satisfaction: 35)

    public init(response: Double, solved: Double, satisfaction: Double) {
        self.response = response
        self.solved = solved
        self.satisfaction = satisfaction
    }

    public var total: Double { response + solved + satisfaction }
}

/// 等级 — A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, else E, by default.
public struct GradeThresholds: Sendable, Codable, Equatable {
    public var a: Double
    public var b: Double
    public var c: Double
    public var d: Double

    public static let standard = GradeThresholds(a: 90, b: 75, c: 60, d: 40)

    public init(a: Double, b: Double, c: Double, d: Double) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
    }

    public func grade(_ score: Double) -> Grade {
        if score >= a { return .a }
        if score >= b { return .b }
        if score >= c { return .c }
        if score >= d { return .d }
        return .e
    }
}

/// 考核等级.
public enum Grade: String, Sendable, Codable, CaseIterable {
    case a = "A", b = "B", c = "C", d = "D", e = "E"
}

/// The weights of a town's comprehensive evaluation: 组织保障, 资源整合, 部门支持.
public struct TownWeights: Sendable, Codable, Equatable {
    public var organisation: Double
    public var resources: Double
    public var departments: Double

    public static let standard = TownWeights(organisation: 30, resources: 40, departments: 30)

    public init(organisation: Double, resources: Double, departments: Double) {
        self.organisation = organisation
        self.resources = resources
        self.departments = departments
    }

    public var total: Double { organisation + resources + departments }
}
