import Foundation
import GridDomain
import GridWire
import SQLite
import Testing

/// One plan of whistles, on the test clock, run twice: once undisturbed, once with services
/// `kill -9`ed at random moments (also in the middle of clock moves) and restarted. Time drives
/// part of the plan — tasks left unsigned or unreported go overdue, reported whistles left
/// unevaluated close when their window ends — so the run covers due work as well as commands and
/// consumed events. Both runs must end with the same count of events of each type in each stream,
/// the same assessment (on-time counts included) and every whistle, task and event exactly once.
///
/// CI tier by default; the full tier: `GRIDPLUS_CRASH_WHISTLES=10000 GRIDPLUS_CRASH_KILLS=20
/// bash deploy/test.sh --filter CrashTests` (docs/testing.md).
@Suite(.serialized) struct CrashTests {
    struct Plan {
        let grids = ["JD-NX-A01-G01-M01", "JD-AT-A01-G01-M01", "JD-JDZ-A01-G01-M01", "JD-NX-A02-G01-M01"]
        let matters = ["street-vending", "muck-truck", "food-safety"]
        let whistles: Int
        let kills: Int
        let seed: UInt64
        /// Tuesday 09:00 in Shanghai: every step of the plan happens then, until the clock moves.
        static let start = "2026-09-15T09:00:00+08:00"

        static func fromEnvironment() -> Plan {
            let environment = ProcessInfo.processInfo.environment
            return Plan(whistles: environment["GRIDPLUS_CRASH_WHISTLES"].flatMap(Int.init) ?? 40,
                        kills: environment["GRIDPLUS_CRASH_KILLS"].flatMap(Int.init) ?? 6,
                        seed: environment["GRIDPLUS_CRASH_SEED"].flatMap(UInt64.init) ?? 2024_08_26)
        }

        /// The side-flow whistle `n` goes through (一键响应, part 2), if any.
        enum SideFlow: Equatable { case none, void, `extension`, park, redispatch }

        func sideFlow(_ n: Int) -> SideFlow {
            switch n % 10 {
            case 9: .void
            case 5: .extension
            case 6: .park
            case 7: .redispatch
            default: .none
            }
        }

        /// What the plan does with whistle `n` at the start: everything up to `steps` of sign,
        /// report, evaluate. 3 closes it evaluated; 2 leaves it for its window to close; 1 leaves
        /// the disposal to go overdue; 0 leaves both clocks to go overdue. A voided whistle takes
        /// no step; a parked one (resumed by date at the first clock move) stops after signing.
        func steps(_ n: Int) -> Int {
            switch sideFlow(n) {
            case .void: 0
            case .park: min(1, 3 - n % 4)
            case .none, .extension, .redispatch: 3 - n % 4
            }
        }

        /// The requests whistle `n` takes at least (each is sent once or more): the raise, the
        /// side-flow's, the steps, and the sign and report of each co-department (muck-truck has
        /// two) before the lead reports.
        func operations(_ n: Int) -> Int {
            let side = switch sideFlow(n) {
            case .none: 0
            case .void: 1
            case .extension, .park, .redispatch: 2
            }
            let co = matters[n % matters.count] == "muck-truck" && steps(n) >= 2 ? 4 : 0
            return 1 + side + steps(n) + co
        }

        /// Whether whistle `n` ends closed: evaluated, closed by its window, or voided.
        func closes(_ n: Int) -> Bool { sideFlow(n) == .void || steps(n) >= 2 }

        /// A parked whistle resumes a day after the start; an extension runs to after the last move.
        static let resumeAt = "2026-09-16T09:00:00+08:00"
        static let extendUntil = "2026-09-28T17:00:00+08:00"

        /// The clock moves after the steps, each once everything is applied everywhere: past every
        /// sign-for and most disposal deadlines; to an hour before the first evaluation window ends
        /// (every disposal deadline is behind by then); past the windows.
        static let moves: [Double] = [2 * 86_400, 5 * 86_400 - 3_600, 2 * 86_400]
    }

    /// A small deterministic generator, so a failing run can be repeated with its seed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// What a run ends with.
    struct Outcome {
        var accepted: [WhistleAccepted]
        var failures: [String]
        var killsDone: Int
        /// Per stream, how many events of each type it holds.
        var eventTypes: [StreamName: [String: Int]]
        var assessment: Assessment?
        var rows: [String: Int]
    }

    @Test func killedAndRestartedServicesEndAsAnUndisturbedRunOfTheSamePlan() throws {
        let plan = Plan.fromEnvironment()
        let quiet = try run(plan, kills: 0)
        let disturbed = try run(plan, kills: plan.kills)

        for outcome in [quiet, disturbed] {
            #expect(outcome.failures.isEmpty, "\(outcome.failures.prefix(5))")
            #expect(outcome.accepted.count == plan.whistles)
        }
        #expect(disturbed.killsDone == plan.kills)
        // Time did act: overdue clocks and windows that closed whistles are among the events.
        #expect(quiet.eventTypes[.response]?["overdue"] ?? 0 > 0)
        // … and so did the response clocks: reminders, yellow lights, climbs and their supervision.
        for type in ["reminded", "light", "escalated", "supervised"] {
            #expect(quiet.eventTypes[.response]?[type] ?? 0 > 0, "\(type)")
        }
        #expect(quiet.eventTypes[.evaluation]?["closed"] == (0..<plan.whistles).filter(plan.closes).count)
        // … and the side-flows: returns re-dispatched, extensions, parks resumed by date, voids.
        if plan.whistles >= 10 {
            for type in ["return_requested", "arbitrated", "extension_requested", "park_requested", "decided", "parked", "resumed"] {
                #expect(quiet.eventTypes[.response]?[type] ?? 0 > 0, "\(type)")
            }
            for type in ["voided", "rerouted"] { #expect(quiet.eventTypes[.whistle]?[type] ?? 0 > 0, "\(type)") }
        }
        #expect(disturbed.eventTypes == quiet.eventTypes)
        #expect(disturbed.assessment != nil)
        #expect(disturbed.assessment == quiet.assessment)
        #expect(disturbed.rows == quiet.rows)
    }

    /// The refusals a step waits out: the whistle not yet routed (or re-routed) here, its steps
    /// not yet applied, a service busy or restarting.
    static let waitOn: Set<String> = ["unknown_whistle", "wrong_state", "not_ready", "storage", "busy", "not_routed_to_you"]

    private func run(_ plan: Plan, kills: Int) throws -> Outcome {
        var random = SplitMix(state: plan.seed)
        let cluster = try Cluster(testClock: Plan.start)
        try cluster.start()
        let endpoints = cluster.config.endpoints
        let clients: [StreamName: PatientClient] = [.whistle: try PatientClient(endpoints.whistle.router),
                                                   .response: try PatientClient(endpoints.response.router),
                                                   .evaluation: try PatientClient(endpoints.evaluation.router)]
        let stepCount = (0..<plan.whistles).reduce(0) { $0 + plan.operations($1) } + 3 * Plan.moves.count
        var killAt = Set<Int>()
        while killAt.count < min(kills, stepCount) { killAt.insert(Int.random(in: 0..<stepCount, using: &random)) }
        var operation = 0
        var killsDone = 0
        func maybeKill() {
            defer { operation += 1 }
            guard killAt.contains(operation) else { return }
            let victim = Cluster.Service.allCases.randomElement(using: &random)!
            cluster.crash(victim)
            try? cluster.start([victim])
            killsDone += 1
        }

        var accepted: [WhistleAccepted] = []
        var failures: [String] = []
        for n in 0..<plan.whistles {
            let grid = plan.grids[n % plan.grids.count]
            let matter = plan.matters[n % plan.matters.count]
            let raise = #"{"v":1,"cmd":"raise","key":"raise-\#(n)","as":"grid:\#(grid)","body":{"matter":"\#(matter)","description":"crash run \#(n)","location":""}}"#
            guard let raised = try clients[.whistle]!.insist(raise, key: "raise-\(n)", between: maybeKill, done: { $0.head.status == .ok }),
                  let whistle = try? raised.body(WhistleAccepted.self) else {
                failures.append("raise \(n) never acknowledged")
                continue
            }
            accepted.append(whistle)
            let w = whistle.whistle
            let centre = "centre:\(whistle.town)"
            var lead = "dept:\(whistle.lead)"
            func request(_ stream: StreamName, _ cmd: String, as principal: String, _ body: String = "") -> (StreamName, String, String) {
                let key = "\(cmd)-\(n)-\(principal)"
                let more = body.isEmpty ? "" : ",\(body)"
                return (stream, key, #"{"v":1,"cmd":"\#(cmd)","key":"\#(key)","as":"\#(principal)","body":{"whistle":"\#(w)"\#(more)}}"#)
            }
            var steps: [(StreamName, String, String)] = []
            let sign = { request(.response, "sign", as: lead) }
            switch plan.sideFlow(n) {
            case .void:
                steps.append(request(.whistle, "void", as: centre, #""reason":"重复吹哨 \#(n)""#))
            case .redispatch:
                steps.append(request(.response, "return", as: lead, #""reason":"不属本部门 \#(n)""#))
                steps.append(request(.response, "arbitrate", as: centre,
                                     #""department":"\#(whistle.lead)","uphold":true,"to":"\#(whistle.town)-PCS","reason":"改派 \#(n)""#))
                lead = "dept:\(whistle.town)-PCS"
            case .extension:
                steps.append(request(.response, "extend", as: lead, #""until":"\#(Plan.extendUntil)","reason":"延期 \#(n)""#))
                steps.append(request(.response, "decide", as: centre,
                                     #""department":"\#(whistle.lead)","request":"extension","approve":true,"reason":"同意 \#(n)""#))
            case .park:
                steps.append(request(.response, "park", as: lead, #""resumeAt":"\#(Plan.resumeAt)","reason":"挂账 \#(n)""#))
                steps.append(request(.response, "decide", as: centre,
                                     #""department":"\#(whistle.lead)","request":"park","approve":true,"reason":"同意 \#(n)""#))
            case .none:
                break
            }
            let count = plan.steps(n)
            if count >= 1 { steps.insert(sign(), at: plan.sideFlow(n) == .redispatch ? steps.count : 0) }
            if count >= 2 {
                // The lead reports last, after its co-departments (协办).
                for co in whistle.co {
                    steps.append(request(.response, "sign", as: "dept:\(co)"))
                    steps.append(request(.response, "report", as: "dept:\(co)", #""summary":"co \#(n)""#))
                }
                steps.append(request(.response, "report", as: lead, #""summary":"done \#(n)""#))
            }
            if count >= 3 {
                steps.append(request(.evaluation, "evaluate", as: "grid:\(grid)", #""solved":true,"satisfaction":"satisfied""#))
            }
            for (stream, key, request) in steps {
                // Not yet routed (or re-routed) / not yet reported are answers to wait on; anything else ends the step.
                let reply = try clients[stream]!.insist(request, key: key, between: maybeKill) { reply in
                    reply.head.status == .ok || !Self.waitOn.contains(reply.head.error?.code ?? "")
                }
                if reply?.head.status != .ok {
                    failures.append("\(key): \(reply.map { String(decoding: $0.bytes, as: UTF8.self) } ?? "no answer")")
                }
            }
        }
        try settle(cluster, &failures)
        // Each move once everything is applied everywhere, service after service as gridctl
        // moves them, so no service's due work races another's events.
        for (index, seconds) in Plan.moves.enumerated() {
            for stream in StreamName.allCases {
                let key = "move-\(index)-\(stream.rawValue)"
                let request = #"{"v":1,"cmd":"clock.advance","key":"\#(key)","body":{"seconds":\#(Int(seconds))}}"#
                let reply = try clients[stream]!.insist(request, key: key, between: maybeKill) { $0.head.status == .ok }
                if reply == nil { failures.append("\(key) never acknowledged") }
                try settle(cluster, &failures)
            }
        }

        var eventTypes: [StreamName: [String: Int]] = [:]
        for stream in StreamName.allCases { eventTypes[stream] = try countTypes(of: stream, in: cluster) }
        let (_, assessment) = try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment"])
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
        let rows = try checkExactlyOnce(cluster, plan, accepted)
        return Outcome(accepted: accepted, failures: failures, killsDone: killsDone, eventTypes: eventTypes,
                       assessment: assessment, rows: rows)
    }

    /// Waits until every consumer's cursor has reached its producer's head, the heads holding still.
    private func settle(_ cluster: Cluster, _ failures: inout [String]) throws {
        let consumed: [StreamName: [StreamName]] = [.whistle: [.evaluation, .response], .response: [.whistle, .evaluation],
                                                   .evaluation: [.whistle, .response]]
        let settled = try eventually(timeout: 120) {
            var statuses: [StreamName: ServiceStatus] = [:]
            for stream in StreamName.allCases {
                guard let status = try cluster.gridctlJSON(ServiceStatus.self, ["status", stream.rawValue]).1,
                      status.state == .ok else { return false }
                statuses[stream] = status
            }
            return consumed.allSatisfy { stream, sources in
                sources.allSatisfy { statuses[stream]?.consumed[$0.rawValue]?.last == statuses[$0]?.head }
            }
        }
        if !settled { failures.append("the services did not catch up with each other") }
    }

    /// The whole stream by replay, counted by event type.
    private func countTypes(of stream: StreamName, in cluster: Cluster) throws -> [String: Int] {
        let client = try RawClient(cluster.config.endpoints.producer(stream).router)
        var counts: [String: Int] = [:]
        var after: Int64 = 0
        while true {
            let request = #"{"v":1,"cmd":"replay","key":"count-\#(after)","body":{"stream":"\#(stream.rawValue)","after":\#(after)}}"#
            let answer = try #require(try client.request(request)).body(ReplayAnswer.self)
            for event in answer.events {
                guard case .object(let members) = event, case .string(let type)? = members["type"] else { continue }
                counts[type, default: 0] += 1
            }
            after += Int64(answer.events.count)
            if answer.events.isEmpty || after >= answer.head { return counts }
        }
    }

    /// Each whistle, task and event once in every service's own database; the row counts that
    /// must match the undisturbed run.
    private func checkExactlyOnce(_ cluster: Cluster, _ plan: Plan, _ accepted: [WhistleAccepted]) throws -> [String: Int] {
        let data = cluster.directory.appendingPathComponent("data")
        let whistleDB = try Database(path: data.appendingPathComponent("whistle.sqlite").path, readOnly: true)
        let responseDB = try Database(path: data.appendingPathComponent("response.sqlite").path, readOnly: true)
        let evaluationDB = try Database(path: data.appendingPathComponent("evaluation.sqlite").path, readOnly: true)
        let ids = Set(accepted.map(\.whistle))
        #expect(ids.count == accepted.count)
        let closed = Set(accepted.enumerated().filter { plan.closes($0.offset) }.map(\.element.whistle))
        #expect(Set(try whistleDB.query("SELECT id FROM whistles WHERE state = 'closed'").compactMap { $0.string("id") }) == closed)
        #expect(Set(try evaluationDB.query("SELECT id FROM whistles WHERE phase = 'closed'").compactMap { $0.string("id") }) == closed)
        #expect(try whistleDB.queryFirst("SELECT COUNT(*) AS n FROM whistles")?.int("n") == accepted.count)
        let redispatched = (0..<accepted.count).filter { plan.sideFlow($0) == .redispatch }.count
        let tasks = accepted.reduce(0) { $0 + 1 + $1.co.count } + redispatched
        #expect(try responseDB.queryFirst("SELECT COUNT(*) AS n FROM tasks")?.int("n") == tasks)
        for database in [whistleDB, responseDB, evaluationDB] {
            #expect(try database.queryFirst("SELECT COUNT(*) AS n FROM dead_letters")?.int("n") == 0)
            #expect(try database.queryFirst("SELECT COUNT(*) AS n FROM due_work WHERE failed IS NOT NULL")?.int("n") == 0)
        }
        func count(_ database: Database, _ sql: String) throws -> Int { try database.queryFirst(sql)?.int(0) ?? -1 }
        return [
            "closed tasks": try count(responseDB, "SELECT COUNT(*) FROM tasks WHERE state = 'closed'"),
            "returned tasks": try count(responseDB, "SELECT COUNT(*) FROM tasks WHERE state = 'returned'"),
            "voided tasks": try count(responseDB, "SELECT COUNT(*) FROM tasks WHERE state = 'voided'"),
            "requests left": try count(responseDB, "SELECT COUNT(*) FROM requests"),
            "due work left in response": try count(responseDB, "SELECT COUNT(*) FROM due_work"),
            "due work left in evaluation": try count(evaluationDB, "SELECT COUNT(*) FROM due_work"),
            "ballots sealed": try count(evaluationDB, "SELECT COUNT(*) FROM ballots"),
            "ballots released": try count(evaluationDB,
                                          "SELECT COALESCE(SUM(satisfied + basically_satisfied + dissatisfied), 0) FROM released"),
            "comments released": try count(evaluationDB, "SELECT COUNT(*) FROM comments"),
            "timeline entries": try count(evaluationDB, "SELECT COUNT(*) FROM timeline"),
            "levels climbed": try count(responseDB, "SELECT COALESCE(SUM(level), 0) FROM coordination"),
            "coordinators": try count(responseDB, "SELECT COUNT(*) FROM coordinated"),
        ]
    }
}
