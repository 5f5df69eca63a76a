import GridDomain

/// `alert.declare` (防汛防台), to WhistleService, as the district (any town, or the whole district
/// when `town` is left out) or a town centre (its own town).
public struct AlertDeclare: Sendable, Codable, Equatable {
    public var town: String?
    public var reason: String

    public init(town: String? = nil, reason: String) {
        self.town = town
        self.reason = reason
    }
}

/// `alert.lift`, to WhistleService: ends a weather alert.
public struct AlertLift: Sendable, Codable, Equatable {
    public var alert: String

    public init(alert: String) {
        self.alert = alert
    }
}

/// One weather alert as `alert.declare`, `alert.lift` and `status` show it.
public struct AlertView: Sendable, Codable, Equatable {
    public var alert: String
    /// Absent for the whole district.
    public var town: String?
    public var reason: String
    public var declaredBy: Principal
    public var declaredAt: Instant
    public var liftedBy: Principal?
    public var liftedAt: Instant?

    public init(alert: String, town: String?, reason: String, declaredBy: Principal, declaredAt: Instant,
                liftedBy: Principal? = nil, liftedAt: Instant? = nil) {
        self.alert = alert
        self.town = town
        self.reason = reason
        self.declaredBy = declaredBy
        self.declaredAt = declaredAt
        self.liftedBy = liftedBy
        self.liftedAt = liftedAt
    }
}
