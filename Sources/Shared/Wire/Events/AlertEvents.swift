import GridDomain

/// `whistle.alert.declared.` — 防汛防台: the district (for the whole district) or a town centre (for
/// its town) declared a weather alert. Whistles whose frozen policy says `storm` run on halved
/// clocks in a town while any alert covers it.
public struct AlertDeclared: Sendable, Codable, Equatable {
    public var alert: String
    /// The town it covers; absent for the whole district.
    public var town: String?
    public var reason: String
    public var declaredBy: Principal

    public init(alert: String, town: String?, reason: String, declaredBy: Principal) {
        self.alert = alert
        self.town = town
        self.reason = reason
        self.declaredBy = declaredBy
    }
}

/// `whistle.alert.lifted.` — the weather alert ended.
public struct AlertLifted: Sendable, Codable, Equatable {
    public var alert: String
    /// The town it covered; absent for the whole district.
    public var town: String?
    public var liftedBy: Principal

    public init(alert: String, town: String?, liftedBy: Principal) {
        self.alert = alert
        self.town = town
        self.liftedBy = liftedBy
    }
}
