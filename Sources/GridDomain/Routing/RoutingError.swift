/// Why a whistle cannot be routed (派单).
public enum RoutingError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownGrid(String)
    case unknownMatter(String)
    /// Only area, unit and micro grids raise whistles.
    case gridCannotRaise(grid: String, level: GridLevel)
    case urgencyNotAllowed(matter: String, urgency: Urgency, allowed: [Urgency])
    /// No department of the role serves the grid or any grid above it.
    case noDepartment(role: String, grid: String)

    public var description: String {
        switch self {
        case .unknownGrid(let grid):
            "unknown grid \"\(grid)\""
        case .unknownMatter(let matter):
            "unknown matter \"\(matter)\""
        case .gridCannotRaise(let grid, let level):
            "grid \"\(grid)\" is \(level.phrase): only area, unit and micro grids blow whistles"
        case .urgencyNotAllowed(let matter, let urgency, let allowed):
            "matter \"\(matter)\" has no \(urgency.rawValue) class; allowed: \(allowed.map(\.rawValue).joined(separator: ", "))"
        case .noDepartment(let role, let grid):
            "no \"\(role)\" department serves grid \"\(grid)\" or any grid above it"
        }
    }
}
