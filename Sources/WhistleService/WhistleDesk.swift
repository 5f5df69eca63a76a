import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire

/// WhistleService's handlers: seeds reference version 1, takes `raise` (一键吹哨), answers
/// `whistle`, follows the evaluation stream so a closed whistle is known closed, holds the
/// weather alerts (防汛防台, ``AlertDesk``) and takes voids and re-routes (``SideFlowDesk``).
final class WhistleDesk {
    private let host: ServiceHost
    private let book: ReferenceBook
    private let intake: Intake
    private let alerts: AlertDesk
    private let sideFlows: SideFlowDesk
    private var policies = PolicyJSON()
    private var ids = WhistleNumbering()
    /// Routes already worked out, with the grid's town, by reference version, grid, matter and
    /// urgency: a deployment routes the same few thousand combinations over and over.
    private var routes: [RouteKey: (route: Route, town: String)] = [:]
    /// The next whistle number, the transaction it holds for, and the `routed` event of the raise
    /// that took the number before it: within one group commit the numbers follow on without a
    /// look-up, as long as that raise is still in the transaction. Another transaction, or a raise
    /// undone since, looks again.
    private var numbering: (transaction: Int64, event: Int64, next: Int64)?

    init(host: ServiceHost) throws {
        self.host = host
        book = try ReferenceBook(store: host.store)
        host.server.principals = book
        intake = try Intake(host: host)
        host.watch(intake.socket) { [intake] in try intake.drain() }
        alerts = try AlertDesk(host: host, book: book)
        sideFlows = try SideFlowDesk(host: host)
        try seedReference()
        host.server.command("raise", RaiseWhistle.self) { [unowned self] context, body, transaction in
            try raise(context, body, &transaction)
        }
        host.server.query("whistle", WhistleRef.self) { [unowned self] context, body in
            try view(body.whistle, for: context)
        }
        try host.consume(.evaluation) { [unowned self] event, transaction in
            try followEvaluation(event, &transaction)
        }
    }

    /// On the first start the configuration's reference data becomes version 1; later the database wins.
    private func seedReference() throws {
        if let stored = book.current {
            if stored.data != host.config.reference {
                host.logger.warning("the configuration file's reference data differs from the stored version; the database wins",
                                    ["version": stored.version])
            }
            return
        }
        let reference = host.config.reference
        let (_, events) = try host.store.write { [book] transaction in
            try book.install(version: 1, data: reference, in: &transaction)
            try transaction.emit(WhistleEventType.reference.rawValue, topic: WhistleEventType.reference.topic,
                                 at: host.clock.now(), ReferencePublished(version: 1, reference: reference))
        }
        host.publisher.publish(events)
        host.logger.notice("reference data version 1 stored from the configuration")
    }

    private func raise(_ context: CommandContext, _ body: RaiseWhistle, _ transaction: inout Transaction) throws -> WhistleAccepted {
        let principal = try context.require(.grid, .integrator, to: "raise a whistle")
        let grid: String
        switch principal.kind {
        case .integrator:
            guard let named = body.grid else { throw ProtocolError.missingField("/body/grid") }
            // Under keys, an integrator raises only the matters its entry in the key list names.
            if let allowed = host.keys?.matters(of: principal), !allowed.contains(body.matter) {
                throw ProtocolError.notPermitted(principal, "raise a whistle about matter \(body.matter)")
            }
            grid = named
        default:
            if let named = body.grid, named != principal.id {
                throw ProtocolError.notPermitted(principal, "raise a whistle for grid \(named)")
            }
            grid = principal.id
        }
        try RaiseValidation.check(body)
        let reference = try book.require()
        let (route, town) = try route(body, from: grid, by: principal, with: reference)
        let now = context.now
        let number = try nextNumber(in: transaction)
        let id = ids.id(number: number, raisedAt: now, in: reference.timeZone)
        try transaction.db.execute("""
            INSERT INTO whistles(id, number, grid, town, matter, urgency, state, raised_at, lead, co, policy, raised_by)
            VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)
            """, [id, number, grid, town, body.matter, route.policy.urgency.rawValue, Timestamp.format(now),
                  route.lead, try JSONCoding.encodeString(route.co), try policies.text(route.policy), principal.description])
        let raised = WhistleRaised(whistle: id, grid: grid, town: town, matter: body.matter,
                                   urgency: route.policy.urgency, description: body.description,
                                   location: body.location, evidence: body.evidence ?? [], raisedBy: principal)
        try transaction.emit(WhistleEventType.raised.rawValue, topic: WhistleEventType.raised.topic, at: now, raised)
        let routed = WhistleRouted(whistle: id, grid: grid, town: town, matter: body.matter,
                                   lead: route.lead, co: route.co, policy: route.policy)
        let routedSeq = try transaction.emit(WhistleEventType.routed.rawValue, topic: WhistleEventType.routed.topic,
                                             at: now, routed)
        numbering = (transaction.number, routedSeq, number + 1)
        host.logger.info("raised", ["whistle": id, "grid": grid, "by": principal, "matter": body.matter, "lead": route.lead])
        return WhistleAccepted(whistle: id, grid: grid, town: town, matter: body.matter,
                               urgency: route.policy.urgency, lead: route.lead, co: route.co, raisedAt: Instant(now))
    }

    private func route(_ body: RaiseWhistle, from grid: String, by principal: Principal,
                       with reference: LoadedReference) throws -> (route: Route, town: String) {
        let key = RouteKey(version: reference.version, grid: grid, matter: body.matter, urgency: body.urgency)
        if let known = routes[key] { return known }
        let route: Route
        do {
            route = try reference.router.route(matter: body.matter, urgency: body.urgency, grid: grid)
        } catch {
            throw RaiseValidation.refusal(error, gridAt: principal.kind == .integrator ? "/body/grid" : "/as")
        }
        if routes.count >= 65_536 { routes.removeAll() }
        let known = (route, reference.tree.town(of: grid)?.id ?? grid)
        routes[key] = known
        return known
    }

    private struct RouteKey: Hashable {
        var version: Int
        var grid: String
        var matter: String
        var urgency: Urgency?
    }

    private func nextNumber(in transaction: Transaction) throws -> Int64 {
        if let numbering, numbering.transaction == transaction.number, transaction.stillHolds(numbering.event) {
            return numbering.next
        }
        return (try transaction.db.queryFirst("SELECT COALESCE(MAX(number), 0) + 1 FROM whistles")?.int64(0)) ?? 1
    }

    /// The `whistle` query: under keys, for whoever may read the whistle, as its timeline
    /// (``ReadRights/mayRead(_:as:coordinated:)``); in development mode, for anyone.
    private func view(_ id: String, for context: CommandContext) throws -> WhistleView {
        guard let row = try host.store.db.queryFirst("""
            SELECT id, grid, town, matter, urgency, state, outcome, raised_at, lead, co, voided_at, raised_by FROM whistles WHERE id = ?
            """, [id]) else { throw ProtocolError.unknownWhistle(id) }
        // Every column is required, but for the outcome of a whistle not closed; a row that lacks
        // one is corrupt, not a whistle with blanks.
        guard let whistle = row.string("id"), let grid = row.string("grid"), let town = row.string("town"),
              let matter = row.string("matter"), let urgency = row.string("urgency"), let state = row.string("state"),
              let raisedAt = row.string("raised_at").flatMap(Timestamp.parse), let lead = row.string("lead"),
              let co = try? JSONCoding.decode([String].self, from: Data((row.string("co") ?? "").utf8)) else {
            throw ProtocolError(.internal, "corrupt_whistle", "stored whistle \(id) cannot be read")
        }
        if host.keys != nil {
            let principal = try context.require(.grid, .dept, .centre, .district, .observer, .service, .integrator, to: "read a whistle")
            let parties = ReadRights.WhistleParties(grid: grid, town: town, departments: [lead] + co,
                                                    raisedBy: row.string("raised_by").flatMap(Principal.init(parsing:)))
            let allowed = try ReadRights.mayRead(parties, as: principal) {
                try CoordinatorRecord.coordinated(id, about: grid, by: principal, tree: book.require().tree, in: host.store.db)
            }
            guard allowed else { throw ProtocolError.notPermitted(principal, "read whistle \(id)") }
        }
        return WhistleView(whistle: whistle, grid: grid, town: town, matter: matter, urgency: urgency, state: state,
                           outcome: row.string("outcome").flatMap(ClosureOutcome.init(rawValue:)),
                           raisedAt: Instant(raisedAt), lead: lead, co: co,
                           voidedAt: row.string("voided_at").flatMap(Timestamp.parse).map(Instant.init))
    }

    private func followEvaluation(_ event: ReceivedEvent, _ transaction: inout Transaction) throws {
        switch EvaluationEventType(rawValue: event.head.type) {
        case .closed:
            // 结案, evaluated or not evaluated (逾期未评价): either way the whistle is closed.
            let closed = try event.payload(WhistleClosed.self)
            try transaction.db.execute("UPDATE whistles SET state = 'closed', outcome = ? WHERE id = ?",
                                       [closed.outcome.rawValue, closed.whistle])
        case .evaluated, .rework, .colour, nil:
            break
        }
    }
}

/// What `whistle` answers: the whistle as WhistleService keeps it.
struct WhistleView: Codable {
    var whistle: String
    var grid: String
    var town: String
    var matter: String
    var urgency: String
    var state: String
    /// How a closed whistle closed: `evaluated`, `not_evaluated` (逾期未评价) or `voided` (作废);
    /// absent while open.
    var outcome: ClosureOutcome?
    var raisedAt: Instant?
    /// The lead and co-departments, as re-routed (改派) since.
    var lead: String
    var co: [String]
    /// 作废 — when the town centre voided it; it is closed once the evaluation stream says so.
    var voidedAt: Instant?
}
