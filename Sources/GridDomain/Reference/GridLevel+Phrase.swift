extension GridLevel {
    /// "an area grid", "a unit grid": for messages.
    var phrase: String {
        switch self {
        case .area: "an area grid"
        case .district, .town, .unit, .micro: "a \(rawValue) grid"
        }
    }
}
