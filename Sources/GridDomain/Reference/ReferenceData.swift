/// 参考数据 — the `reference` section of the deployment configuration: calendar, grid tree and
/// roster, departments, the Grid+ matter catalogue (网格+事项清单) and the evaluation settings.
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

    public init(
        timeZone: String, calendar: CalendarSpec, roles: [Role], grids: [Grid], departments: [Department],
        matters: [Matter], evaluation: EvaluationPolicy
    ) {
        self.timeZone = timeZone
        self.calendar = calendar
        self.roles = roles
        self.grids = grids
        self.departments = departments
        self.matters = matters
        self.evaluation = evaluation
    }
}
