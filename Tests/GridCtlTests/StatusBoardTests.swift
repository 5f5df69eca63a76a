@testable import GridCtl
import GridWire
import Testing

/// What the board shows from heartbeats, without sockets: times are seconds on the caller's clock.
@Suite struct StatusBoardModelTests {
    static func heartbeat(pid: Int32 = 7, requests: Int64, events: Int64, state: ServiceStatus.State = .ok) -> ServiceStatus {
        ServiceStatus(service: "ResponseService", version: "0.1.0", pid: pid, startedAt: Instant(.init(timeIntervalSince1970: 0)),
                      uptimeSeconds: 5, state: state, problems: state == .ok ? [] : ["a problem"], epoch: "e", head: events,
                      consumed: ["whistle": .init(last: 4, behind: 2)], counters: ["eventsPublished": events, "deadLetters": 1],
                      commands: ["sign": .init(answered: requests, refused: 0), "?": .init(answered: 0, refused: 1)],
                      databaseBytes: 4_096)
    }

    @Test func ratesComeFromTheCountersBetweenTwoHeartbeats() throws {
        var board = StatusBoard(heartbeatMilliseconds: 2_000, streams: [.response], startedAt: 0)
        board.heard(Self.heartbeat(requests: 10, events: 3), from: .response, at: 1)
        #expect(board.rows(at: 1)[0].commandsPerSecond == nil, "no rate from one heartbeat")
        board.heard(Self.heartbeat(requests: 20, events: 8), from: .response, at: 3)
        let row = try #require(board.rows(at: 3).first)
        #expect(row.commandsPerSecond == 5)
        #expect(row.eventsPerSecond == 2.5)
        #expect(row.consumed?["whistle"] == .init(last: 4, behind: 2))
        #expect(row.deadLetters == 1 && row.databaseBytes == 4_096 && row.state == "ok" && !row.missing)
    }

    @Test func aRestartedServiceHasNoRateUntilItsNextHeartbeat() {
        var board = StatusBoard(heartbeatMilliseconds: 2_000, streams: [.response], startedAt: 0)
        board.heard(Self.heartbeat(requests: 100, events: 50), from: .response, at: 1)
        board.heard(Self.heartbeat(pid: 8, requests: 2, events: 1), from: .response, at: 3)
        #expect(board.rows(at: 3)[0].commandsPerSecond == nil)
    }

    @Test func silenceForThreeIntervalsIsMissing() {
        var board = StatusBoard(heartbeatMilliseconds: 2_000, streams: [.whistle, .response], startedAt: 0)
        #expect(board.rows(at: 5.9).map(\.missing) == [false, false], "not yet missing: waiting")
        #expect(board.rows(at: 6).map(\.missing) == [true, true], "never heard for three intervals")
        board.heard(Self.heartbeat(requests: 0, events: 0), from: .response, at: 6.5)
        #expect(board.rows(at: 12.4).map(\.missing) == [true, false])
        #expect(board.rows(at: 12.5).map(\.missing) == [true, true])
        #expect(board.rows(at: 12.5)[0].service == "WhistleService", "a service never heard is named all the same")
    }

    @Test func theExitStatusFollowsTheBoard() {
        var board = StatusBoard(heartbeatMilliseconds: 1_000, streams: [.response], startedAt: 0)
        board.heard(Self.heartbeat(requests: 0, events: 0), from: .response, at: 1)
        #expect(Invocation.exitStatus(board.rows(at: 1)) == 0)
        board.heard(Self.heartbeat(requests: 0, events: 0, state: .degraded), from: .response, at: 2)
        #expect(Invocation.exitStatus(board.rows(at: 2)) == 4)
        #expect(Invocation.exitStatus(board.rows(at: 5)) == 3)
    }
}
