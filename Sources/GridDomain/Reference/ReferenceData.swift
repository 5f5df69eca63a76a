/// 参考数据 — the `reference` section of the deployment configuration: calendar, grid tree and
/// roster, departments, the Grid+ matter catalogue (网格+事项清单), the evaluation settings and the
/// three-level response settings (三级网格响应).
/// The configured file is reference version 1; every later change makes a new version.
public struct ReferenceData: Sendable, Codable, Equatable {
    /// An IANA zone known to tzdata, such as "Asia/Shanghai".
    public var timeZone: String
    public var calendar: CalendarSpec
    public var roles: [Role]
    public var grids: [Grid]
    public var departments: [Department]
    public var matters: [Matter]
    public var evaluation: EvaluationPolicy
    /// 三级网格响应 — level deadlines, reminders, anti-stall and escalation; absent reads as the
    /// standard settings.
    public var response: ResponseSettings
    /// 考核 — ranking, grades, town evaluation and the colour model; absent reads as the standard settings.
    public var assessment: AssessmentPolicy

    public init(
        timeZone: String, calendar: CalendarSpec, roles: [Role], grids: [Grid], departments: [Department],
        matters: [Matter], evaluation: EvaluationPolicy, response: ResponseSettings = .standard,
        assessment: AssessmentPolicy = .standard
    ) {
        self.timeZone = timeZone
        self.calendar = calendar
        self.roles = roles
        self.grids = grids
        self.departments = departments
        self.matters = matters
        self.evaluation = evaluation
        self.response = response
        self.assessment = assessment
    }

    private enum CodingKeys: String, CodingKey {
        case timeZone, calendar, roles, grids, departments, matters, evaluation, response, assessment
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        timeZone = try container.decode(String.self, forKey: .timeZone)
        calendar = try container.decode(CalendarSpec.self, forKey: .calendar)
        roles = try container.decode([Role].self, forKey: .roles)
        grids = try container.decode([Grid].self, forKey: .grids)
        departments = try container.decode([Department].self, forKey: .departments)
        matters = try container.decode([Matter].self, forKey: .matters)
        evaluation = try container.decode(EvaluationPolicy.self, forKey: .evaluation)
        response = try container.decodeIfPresent(ResponseSettings.self, forKey: .response) ?? .standard
        assessment = try container.decodeIfPresent(AssessmentPolicy.self, forKey: .assessment) ?? .standard
    }
}
