import GridCommandLine
import GridWire

/// 防汛防台 — weather alerts: `alert declare`, `alert lift`, and the alerts in force under
/// WhistleService's `status`.
extension Invocation {
    static let alertUsage = "alert declare [--town T] --reason TEXT | alert lift ALERT"

    func alert(_ rest: [String]) throws {
        switch rest.first {
        case "declare":
            guard rest.count == 1 else { throw UsageError("alert declare takes no plain word: \(Self.alertUsage)") }
            let body = AlertDeclare(town: arguments.value("--town"), reason: try arguments.required("--reason"))
            let (alert, reply) = try call("alert.declare", on: .whistle, body, as: AlertView.self)
            show(reply) { "alert \(alert.alert) declared 防汛防台 for \(Self.scope(alert)): \(alert.reason)" }
        case "lift":
            try arguments.allow(only: Command.globalOptions)
            guard rest.count == 2 else { throw UsageError("alert lift takes one alert id") }
            let (alert, reply) = try call("alert.lift", on: .whistle, AlertLift(alert: rest[1]), as: AlertView.self)
            show(reply) { "alert \(alert.alert) lifted for \(Self.scope(alert))" }
        default:
            throw UsageError(Self.alertUsage)
        }
    }

    /// The lines `status` prints under WhistleService: the alerts in force, oldest first.
    func alertsInForce(_ alerts: [AlertView]) -> String {
        guard !alerts.isEmpty else { return "  no weather alert in force 防汛防台" }
        return "  weather alerts in force 防汛防台: \(alerts.count)\n" + Table.render(
            ["ALERT", "FOR", "SINCE", "BY", "REASON"],
            alerts.map { [$0.alert, Self.scope($0), local($0.declaredAt), $0.declaredBy.description, $0.reason] })
    }

    private static func scope(_ alert: AlertView) -> String { alert.town ?? "the whole district" }
}
