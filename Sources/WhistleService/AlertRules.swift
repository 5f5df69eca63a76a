import GridDomain
import GridWire

/// 防汛防台 — who may declare and lift a weather alert, for which town, and the rule on its reason.
/// The district (区城运中心) acts for any town or for the whole district; a town centre
/// (街镇城运中心) only for its own town. Alerts may overlap: each is its own.
enum AlertRules {
    static let maxReason = 500

    /// The town a declaration by `principal` covers — nil for the whole district — or the refusal.
    /// A centre that names no town declares for its own.
    static func town(declaredBy principal: Principal, naming town: String?, in tree: GridTree) throws(ProtocolError) -> String? {
        switch principal.kind {
        case .district:
            guard let town else { return nil }
            guard tree.grid(town)?.level == .town else {
                throw ProtocolError(.notFound, "unknown_town", at: "/body/town", "no town '\(town)' in the grid tree")
            }
            return town
        case .centre:
            // A centre is admitted only as a town grid of the tree (ReferenceBook.admit).
            if town == "" { throw ProtocolError(.notFound, "unknown_town", at: "/body/town", "no town '' in the grid tree") }
            if let town, town != principal.id {
                throw ProtocolError.notPermitted(principal, "declare a weather alert for \(town)")
            }
            return principal.id
        case .grid, .dept, .service, .integrator, .observer:
            throw ProtocolError.notPermitted(principal, "declare a weather alert")
        }
    }

    /// The reason is said, not blank, and at most ``maxReason`` characters.
    static func check(reason: String) throws(ProtocolError) {
        guard reason.isSaid else {
            throw .invalid("/body/reason", "say why the alert is declared")
        }
        guard reason.fits(maxReason) else {
            throw .invalid("/body/reason", "at most \(maxReason) characters")
        }
    }

    /// Refuses a lift of `alert` by `principal`: a centre lifts only an alert of its own town
    /// (not a district-wide one); an alert is lifted once.
    static func checkLift(_ alert: AlertView, by principal: Principal) throws(ProtocolError) {
        switch principal.kind {
        case .district:
            break
        case .centre:
            guard alert.town == principal.id else {
                throw ProtocolError.notPermitted(principal, "lift \(alert.alert), declared for \(alert.town ?? "the whole district")")
            }
        case .grid, .dept, .service, .integrator, .observer:
            throw ProtocolError.notPermitted(principal, "lift a weather alert")
        }
        if let liftedAt = alert.liftedAt {
            throw ProtocolError(.conflict, "alert_lifted", at: "/body/alert",
                                "\(alert.alert) was lifted at \(liftedAt) by \(alert.liftedBy?.description ?? "someone")")
        }
    }

    static func unknown(_ id: String) -> ProtocolError {
        ProtocolError(.notFound, "unknown_alert", at: "/body/alert", "no weather alert '\(id)'")
    }
}
