import Foundation
import GridDomain
import GridWire
import SQLite
import Testing

/// Whistles driven through the whole loop while services are `kill -9`ed at random moments and
/// restarted: every acknowledged whistle exists once in every service, every event is applied
/// once, and the assessment counts are those of a run without kills.
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

        static func fromEnvironment() -> Plan {
            let environment = ProcessInfo.processInfo.environment
            return Plan(whistles: environment["GRIDPLUS_CRASH_WHISTLES"].flatMap(Int.init) ?? 40,
                        kills: environment["GRIDPLUS_CRASH_KILLS"].flatMap(Int.init) ?? 6,
                        seed: environment["GRIDPLUS_CRASH_SEED"].flatMap(UInt64.init) ?? 2024_08_26)
        }
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

    @Test func killedAndRestartedServicesLoseNothingAndApplyEverythingOnce() throws {
        let plan = Plan.fromEnvironment()
        var random = SplitMix(state: plan.seed)
        let cluster = try Cluster()
        try cluster.start()
        let endpoints = cluster.config.endpoints
        let whistleClient = try PatientClient(endpoints.whistle.router)
        let responseClient = try PatientClient(endpoints.response.router)
        let evaluationClient = try PatientClient(endpoints.evaluation.router)

        let operations = plan.whistles * 4
        var killAt = Set<Int>()
        while killAt.count < min(plan.kills, operations) { killAt.insert(Int.random(in: 0..<operations, using: &random)) }
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
            guard let raised = try whistleClient.insist(raise, key: "raise-\(n)", between: maybeKill, done: { $0.head.status == .ok }),
                  let whistle = try? raised.body(WhistleAccepted.self) else {
                failures.append("raise \(n) never acknowledged")
                continue
            }
            accepted.append(whistle)
            let lead = "dept:\(whistle.lead)"
            let steps: [(PatientClient, String, String)] = [
                (responseClient, "sign-\(n)", #"{"v":1,"cmd":"sign","key":"sign-\#(n)","as":"\#(lead)","body":{"whistle":"\#(whistle.whistle)"}}"#),
                (responseClient, "report-\(n)", #"{"v":1,"cmd":"report","key":"report-\#(n)","as":"\#(lead)","body":{"whistle":"\#(whistle.whistle)","summary":"done \#(n)"}}"#),
                (evaluationClient, "evaluate-\(n)", #"{"v":1,"cmd":"evaluate","key":"evaluate-\#(n)","as":"grid:\#(grid)","body":{"whistle":"\#(whistle.whistle)","solved":true,"satisfaction":"satisfied"}}"#),
            ]
            for (client, key, request) in steps {
                // Not yet routed / not yet reported are answers to wait on; anything else ends the step.
                let reply = try client.insist(request, key: key, between: maybeKill) { reply in
                    reply.head.status == .ok || !["unknown_whistle", "wrong_state", "not_ready", "storage", "busy"].contains(reply.head.error?.code ?? "")
                }
                if reply?.head.status != .ok {
                    failures.append("\(key): \(reply.map { String(decoding: $0.bytes, as: UTF8.self) } ?? "no answer")")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(accepted.count == plan.whistles)
        #expect(killsDone == min(plan.kills, operations))

        // Everyone catches up: each consumer's cursor reaches its producer's head.
        let tasks = accepted.reduce(0) { $0 + 1 + $1.co.count }
        let heads: [StreamName: Int64] = [.whistle: Int64(1 + 2 * plan.whistles), .response: Int64(tasks + 2 * plan.whistles),
                                          .evaluation: Int64(2 * plan.whistles)]
        let caughtUp = try eventually(timeout: 120) {
            for (stream, consumed) in [(StreamName.whistle, [StreamName.evaluation]), (.response, [.whistle, .evaluation]),
                                       (.evaluation, [.whistle, .response])] {
                guard let status = try cluster.gridctlJSON(ServiceStatus.self, ["status", stream.rawValue]).1,
                      status.head == heads[stream],
                      consumed.allSatisfy({ status.consumed[$0.rawValue]?.last == heads[$0] }) else { return false }
            }
            return true
        }
        #expect(caughtUp)

        // The assessment equals that of a run without kills: every task dispatched, every lead signed
        // and reported, every whistle closed, one verdict per department per whistle.
        var expected: [String: (dispatched: Int, lead: Int)] = [:]
        for whistle in accepted {
            expected[whistle.lead, default: (0, 0)].dispatched += 1
            expected[whistle.lead, default: (0, 0)].lead += 1
            for co in whistle.co { expected[co, default: (0, 0)].dispatched += 1 }
        }
        let (_, assessment) = try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment"])
        let actual = Dictionary(uniqueKeysWithValues: (assessment?.departments ?? []).map { ($0.department, $0) })
        #expect(Set(actual.keys) == Set(expected.keys))
        for (department, counts) in expected {
            let row = actual[department]
            #expect(row?.dispatched == counts.dispatched, "\(department)")
            #expect(row?.signed == counts.lead, "\(department)")
            #expect(row?.reported == counts.lead, "\(department)")
            #expect(row?.closed == counts.dispatched, "\(department)")
            #expect(row?.evaluations == counts.dispatched, "\(department)")
            #expect(row?.reworked == 0, "\(department)")
        }

        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }

        // Exactly once, in every service's own database.
        let data = cluster.directory.appendingPathComponent("data")
        let whistleDB = try Database(path: data.appendingPathComponent("whistle.sqlite").path, readOnly: true)
        let responseDB = try Database(path: data.appendingPathComponent("response.sqlite").path, readOnly: true)
        let evaluationDB = try Database(path: data.appendingPathComponent("evaluation.sqlite").path, readOnly: true)
        let ids = Set(accepted.map(\.whistle))
        #expect(ids.count == plan.whistles)
        #expect(Set(try whistleDB.query("SELECT id FROM whistles WHERE state = 'closed'").compactMap { $0.string(0) }) == ids)
        #expect(try whistleDB.queryFirst("SELECT COUNT(*) FROM whistles")?.int(0) == plan.whistles)
        #expect(try responseDB.queryFirst("SELECT COUNT(*) FROM tasks WHERE state = 'closed'")?.int(0) == tasks)
        #expect(try responseDB.queryFirst("SELECT COUNT(*) FROM tasks")?.int(0) == tasks)
        #expect(Set(try evaluationDB.query("SELECT id FROM whistles WHERE phase = 'closed'").compactMap { $0.string(0) }) == ids)
        #expect(try evaluationDB.queryFirst("SELECT COUNT(*) FROM opinions")?.int(0) == plan.whistles)
        // raised, routed, one dispatched per task, signed, reported, evaluated, closed.
        #expect(try evaluationDB.queryFirst("SELECT COUNT(*) FROM timeline")?.int(0) == plan.whistles * 6 + tasks)
        for database in [whistleDB, responseDB, evaluationDB] {
            #expect(try database.queryFirst("SELECT COUNT(*) FROM dead_letters")?.int(0) == 0)
        }
    }
}
