import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire

/// WhistleService's side of 一键响应, part 2: the town centre's `void` (作废), and 改派 — an upheld
/// return on the response stream re-routes the whistle's part (`whistle.rerouted`).
final class SideFlowDesk {
    private let host: ServiceHost
    static let maxReason = 500

    init(host: ServiceHost) throws {
        self.host = host
        host.server.command("void", VoidWhistle.self) { [unowned self] context, body, transaction in
            try void(context, body, &transaction)
        }
        // Only the arbitrations and the climbs of the busy response stream (sparse: the rest is
        // never sent here).
        try host.consume(.response, only: [ResponseEventType.arbitrated.rawValue, ResponseEventType.escalated.rawValue]) {
            [unowned self] event, transaction in
            try followResponses(event, &transaction)
        }
    }

    /// 作废 — by the whistle's town centre or the district, on a whistle not closed nor voided yet.
    /// How the whistle ends is EvaluationService's to say.
    private func void(_ context: CommandContext, _ body: VoidWhistle, _ transaction: inout Transaction) throws -> WhistleVoided {
        let principal = try context.require(.centre, .district, to: "void a whistle")
        let reason = try body.reason.said(at: "/body/reason", upTo: Self.maxReason, "say why the whistle is void")
        guard let row = try transaction.db.queryFirst(
            "SELECT grid, town, state, voided_by FROM whistles WHERE id = ?", [body.whistle]),
              let grid = row.string("grid"), let town = row.string("town"), let state = row.string("state") else {
            throw ProtocolError.unknownWhistle(body.whistle)
        }
        if principal.kind == .centre, principal.id != town {
            throw ProtocolError.notPermitted(principal, "void a whistle of \(town): only centre:\(town) or the district may")
        }
        guard state != "closed" else { throw ProtocolError.wrongState("/body/whistle", "whistle \(body.whistle) is closed") }
        if let by = row.string("voided_by") {
            throw ProtocolError.wrongState("/body/whistle", "whistle \(body.whistle) was already voided by \(by)")
        }
        try transaction.db.execute("UPDATE whistles SET voided_at = ?, voided_by = ? WHERE id = ?",
                                   [Timestamp.format(context.now), principal.description, body.whistle])
        let voided = WhistleVoided(whistle: body.whistle, grid: grid, town: town, by: principal, reason: reason)
        try transaction.emit(WhistleEventType.voided.rawValue, topic: WhistleEventType.voided.topic, at: context.now, voided)
        host.logger.info("voided", ["whistle": body.whistle, "by": principal])
        return voided
    }

    /// 改派 — an upheld return (`arbitrated`, `uphold`) moves the returned part to `to`, or drops a
    /// co part; the whistle's departments change with it. A whistle closed or voided meanwhile is
    /// not re-routed.
    private func followResponses(_ event: ReceivedEvent, _ transaction: inout Transaction) throws {
        switch ResponseEventType(rawValue: event.head.type) {
        case .arbitrated: try reroute(try event.payload(ReturnArbitrated.self), at: event.head.time.date, &transaction)
        case .escalated:
            // 逐级上报 — the coordinators a whistle had may read it (the `whistle` query under keys).
            try CoordinatorRecord.record(try event.payload(WhistleEscalated.self), in: transaction.db)
        default: return
        }
    }

    /// 改派 — an upheld return re-routes the returned part.
    private func reroute(_ decided: ReturnArbitrated, at time: Date, _ transaction: inout Transaction) throws {
        guard decided.uphold else { return }
        guard let row = try transaction.db.queryFirst(
            "SELECT grid, town, matter, state, voided_by, lead, co FROM whistles WHERE id = ?", [decided.whistle]),
              let grid = row.string("grid"), let town = row.string("town"), let matter = row.string("matter"),
              var lead = row.string("lead"),
              var co = try? JSONCoding.decode([String].self, from: Data((row.string("co") ?? "").utf8)) else {
            throw ProtocolError.unknownWhistle(decided.whistle, at: "/data/whistle")
        }
        guard row.string("state") != "closed", row.string("voided_by") == nil else {
            host.logger.info("not re-routed: the whistle is closed or voided", ["whistle": decided.whistle])
            return
        }
        switch decided.role {
        case .lead:
            guard let to = decided.to else {
                throw ProtocolError.invalid("/data/to", "an upheld return by the lead names the department that takes over")
            }
            lead = to
        case .co:
            co.removeAll { $0 == decided.department }
            if let to = decided.to { co.append(to) }
        }
        try transaction.db.execute("UPDATE whistles SET lead = ?, co = ? WHERE id = ?",
                                   [lead, try JSONCoding.encodeString(co), decided.whistle])
        try transaction.emit(WhistleEventType.rerouted.rawValue, topic: WhistleEventType.rerouted.topic, at: time,
                             WhistleRerouted(whistle: decided.whistle, grid: grid, town: town, matter: matter,
                                             returned: decided.department, role: decided.role, to: decided.to,
                                             lead: lead, co: co, by: decided.by, reason: decided.reason))
        host.logger.info("re-routed", ["whistle": decided.whistle, "from": decided.department, "to": decided.to ?? "-"])
    }
}
