import GridDomain
import GridWire

/// The field rules of `raise` and the refusals for routing failures.
enum RaiseValidation {
    static let maxDescription = 2_000
    static let maxLocation = 500
    static let maxEvidence = 20
    static let maxEvidenceReference = 500

    static func check(_ body: RaiseWhistle) throws(ProtocolError) {
        guard body.description.isSaid else {
            throw .invalid("/body/description", "describe the problem")
        }
        guard body.description.fits(maxDescription) else {
            throw .invalid("/body/description", "at most \(maxDescription) characters")
        }
        guard body.location.fits(maxLocation) else { throw .invalid("/body/location", "at most \(maxLocation) characters") }
        let evidence = body.evidence ?? []
        guard evidence.count <= maxEvidence else { throw .invalid("/body/evidence", "at most \(maxEvidence) references") }
        for (index, reference) in evidence.enumerated() where reference.isEmpty || !reference.fits(maxEvidenceReference) {
            throw .invalid("/body/evidence/\(index)", "a reference is 1 to \(maxEvidenceReference) characters")
        }
    }

    /// The refusal for a routing failure; `gridAt` points at where the grid came from.
    static func refusal(_ error: RoutingError, gridAt: String) -> ProtocolError {
        switch error {
        case .unknownGrid(let grid):
            ProtocolError(.forbidden, "unknown_grid", at: gridAt, "no grid '\(grid)' in the reference data")
        case .unknownMatter(let matter):
            ProtocolError(.badRequest, "unknown_matter", at: "/body/matter", "no matter '\(matter)' in the catalogue")
        case .gridCannotRaise(let grid, let level):
            ProtocolError(.forbidden, "grid_cannot_raise", at: gridAt,
                          "\(grid) is a \(level.rawValue); whistles are raised by area, unit and micro grids")
        case .urgencyNotAllowed(let matter, let urgency, let allowed):
            ProtocolError(.badRequest, "urgency_not_allowed", at: "/body/urgency",
                          "matter \(matter) allows \(allowed.map(\.rawValue).joined(separator: ", ")), not \(urgency.rawValue)")
        case .noDepartment(let role, let grid):
            ProtocolError(.conflict, "no_department", at: "/body/matter",
                          "no department of role \(role) serves grid \(grid); the reference data must name one")
        }
    }
}
