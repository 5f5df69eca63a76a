import Foundation
import GridRuntime
import GridStore
import GridWire

/// 防汛防台 — weather alerts: takes `alert.declare` and `alert.lift`, keeps them in `alerts`,
/// announces them on the whistle stream (`whistle.alert.declared.`, `whistle.alert.lifted.`) and
/// shows the alerts in force in the service's status. What an alert does to the clocks is
/// ResponseService's business: it follows these events.
final class AlertDesk {
    private let host: ServiceHost
    private let book: ReferenceBook
    private var ids = WhistleNumbering(prefix: "A")
    /// The alerts in force, oldest first: read from the table at start, then changed only once a
    /// declaration or a lift has committed, so that a heartbeat costs no query.
    private var inForce: [AlertView]

    init(host: ServiceHost, book: ReferenceBook) throws {
        self.host = host
        self.book = book
        inForce = try host.store.db.query(
            "SELECT \(AlertView.columns) FROM alerts WHERE lifted_at IS NULL ORDER BY number"
        ).map { row throws(ProtocolError) in try AlertView(row: row) }
        host.server.command("alert.declare", AlertDeclare.self) { [unowned self] context, body, transaction in
            try declare(context, body, &transaction)
        }
        host.server.command("alert.lift", AlertLift.self) { [unowned self] context, body, transaction in
            try lift(context, body, &transaction)
        }
        host.addToStatus { [unowned self] status in status.alerts = inForce }
    }

    private func declare(_ context: CommandContext, _ body: AlertDeclare, _ transaction: inout Transaction) throws -> AlertView {
        let principal = try context.require(.district, .centre, to: "declare a weather alert")
        let reference = try book.require()
        let town = try AlertRules.town(declaredBy: principal, naming: body.town, in: reference.tree)
        try AlertRules.check(reason: body.reason)
        let now = context.now
        let number = try transaction.db.queryFirst("SELECT COALESCE(MAX(number), 0) + 1 FROM alerts")?.int64(0) ?? 1
        let id = ids.id(number: number, raisedAt: now, in: reference.timeZone)
        try transaction.db.execute("""
            INSERT INTO alerts(id, number, town, reason, declared_by, declared_at) VALUES (?, ?, ?, ?, ?, ?)
            """, [id, number, town, body.reason, principal.description, Timestamp.format(now)])
        try transaction.emit(WhistleEventType.alertDeclared.rawValue, topic: WhistleEventType.alertDeclared.topic, at: now,
                             AlertDeclared(alert: id, town: town, reason: body.reason, declaredBy: principal))
        let alert = AlertView(alert: id, town: town, reason: body.reason, declaredBy: principal, declaredAt: Instant(now))
        transaction.afterCommit { [weak self] in self?.inForce.append(alert) }
        host.logger.info("alert declared", ["alert": id, "town": town ?? "(district)", "by": principal])
        return alert
    }

    private func lift(_ context: CommandContext, _ body: AlertLift, _ transaction: inout Transaction) throws -> AlertView {
        let principal = try context.require(.district, .centre, to: "lift a weather alert")
        guard let row = try transaction.db.queryFirst("SELECT \(AlertView.columns) FROM alerts WHERE id = ?", [body.alert])
        else { throw AlertRules.unknown(body.alert) }
        var alert = try AlertView(row: row)
        try AlertRules.checkLift(alert, by: principal)
        let now = context.now
        try transaction.db.execute("UPDATE alerts SET lifted_by = ?, lifted_at = ? WHERE id = ?",
                                   [principal.description, Timestamp.format(now), alert.alert])
        try transaction.emit(WhistleEventType.alertLifted.rawValue, topic: WhistleEventType.alertLifted.topic, at: now,
                             AlertLifted(alert: alert.alert, town: alert.town, liftedBy: principal))
        alert.liftedBy = principal
        alert.liftedAt = Instant(now)
        let lifted = alert.alert
        transaction.afterCommit { [weak self] in self?.inForce.removeAll { $0.alert == lifted } }
        host.logger.info("alert lifted", ["alert": lifted, "town": alert.town ?? "(district)", "by": principal])
        return alert
    }
}

@available(*, unavailable)
extension AlertDesk: Sendable {}
