import Foundation
import GridWire
import Testing

/// A consumer that is down, or too slow to read, while thousands of events pass catches up by
/// replay; a producer restarted mid-stream loses nothing for its consumers.
@Suite(.serialized) struct CatchUpTests {
    func status(_ cluster: Cluster, _ stream: StreamName) throws -> ServiceStatus? {
        try cluster.gridctlJSON(ServiceStatus.self, ["status", stream.rawValue]).1
    }

    @Test func downSlowAndRestartedPeersEndWithEveryEventAppliedOnce() throws {
        let cluster = try Cluster()
        try cluster.start([.whistle, .response])
        let router = cluster.config.endpoints.whistle.router

        // EvaluationService is down while 2,000 whistles pass.
        let first = try Burst.raise(2_000, keyPrefix: "down", to: router)
        #expect(first.count == 2_000)

        // ResponseService is frozen (SIGSTOP: it reads nothing) while 1,000 more pass, and
        // WhistleService restarts in the middle of them.
        try cluster.start([.evaluation])
        cluster.signal(.response, SIGSTOP)
        let second = try Burst.raise(500, keyPrefix: "slow-a", to: router)
        #expect(cluster.stop(.whistle) == 0)
        try cluster.start([.whistle])
        let third = try Burst.raise(500, keyPrefix: "slow-b", to: router)
        cluster.signal(.response, SIGCONT)
        #expect(second.count + third.count == 1_000)

        let whistles: Int64 = 3_000
        let caughtUp = try eventually(timeout: 120) {
            guard let response = try status(cluster, .response), let evaluation = try status(cluster, .evaluation) else { return false }
            return response.consumed["whistle"]?.last == 1 + 2 * whistles && response.head == whistles
                && evaluation.consumed["whistle"]?.last == 1 + 2 * whistles && evaluation.consumed["response"]?.last == whistles
        }
        #expect(caughtUp)
        let (_, assessment) = try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment"])
        let dispatched = (assessment?.departments ?? []).reduce(0) { $0 + $1.dispatched }
        #expect(dispatched == Int(whistles), "one task per whistle, none twice, none missing")
        for stream in StreamName.allCases {
            #expect(try status(cluster, stream)?.counters["deadLetters"] == 0)
        }
        for (service, code) in cluster.stopAll() { #expect(code == 0, "\(service.rawValue)") }
    }

    /// EvaluationService that hears of tasks before it hears of their whistles (WhistleService down
    /// when it starts) waits for the whistle stream, then applies each event once, in the order
    /// the whistle's life took: a task is applied only once its whistle is known to be routed.
    @Test func tasksHeardBeforeTheirWhistlesWaitForTheRoutingThenApplyOnce() throws {
        let cluster = try Cluster()
        try cluster.start([.whistle, .response])
        let accepted = try Burst.raise(30, keyPrefix: "early", to: cluster.config.endpoints.whistle.router)
        #expect(accepted.count == 30)
        let whistles = Int64(accepted.count)
        let dispatched = try eventually { try status(cluster, .response)?.head == whistles }
        #expect(dispatched)

        #expect(cluster.stop(.whistle) == 0)
        try cluster.start([.evaluation])
        let heardTasksOnly = try eventually {
            guard let consumed = try status(cluster, .evaluation)?.consumed else { return false }
            return consumed["response"].map { $0.last + $0.behind == whistles } == true && (consumed["whistle"]?.last ?? 0) == 0
        }
        #expect(heardTasksOnly, "EvaluationService knows of the tasks and has no whistle yet")
        #expect(try status(cluster, .evaluation)?.consumed["response"]?.last == 0, "no task applied before its whistle")

        try cluster.start([.whistle])
        let caughtUp = try eventually(timeout: 60) {
            guard let evaluation = try status(cluster, .evaluation) else { return false }
            return evaluation.consumed["whistle"]?.last == 1 + 2 * whistles && evaluation.consumed["response"]?.last == whistles
        }
        #expect(caughtUp)
        let first = try #require(accepted.first)
        let (_, timeline) = try cluster.gridctlJSON(Timeline.self, ["--as", "district:JD", "timeline", first.whistle])
        #expect(timeline?.entries.map(\.type) == ["raised", "routed", "dispatched"])
        let (_, assessment) = try cluster.gridctlJSON(Assessment.self, ["--as", "district:JD", "assessment"])
        #expect((assessment?.departments ?? []).reduce(0) { $0 + $1.dispatched } == Int(whistles), "each task once")
        #expect(try status(cluster, .evaluation)?.counters["deadLetters"] == 0)
        for (service, code) in cluster.stopAll() { #expect(code == 0, "\(service.rawValue)") }
    }
}
