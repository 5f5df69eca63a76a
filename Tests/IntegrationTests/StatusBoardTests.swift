import Foundation
import GridWire
import Testing

/// The operator's board (`gridctl status --watch`) and `gridctl status`'s exit statuses, as an
/// operator or a script sees them.
@Suite(.serialized) struct StatusBoardTests {
    /// One line of `status --watch --json`, as much of it as the tests read.
    struct BoardLine: Decodable {
        var refresh: Int
        var services: [Row]

        struct Row: Decodable {
            var service: String
            var missing: Bool
            var state: String?
            var version: String?
            var commandsPerSecond: Double?
            var eventsPerSecond: Double?
            var consumed: [String: ServiceStatus.ConsumedStream]?
            var deadLetters: Int64?
            var databaseBytes: Int64?
            var lastCheckpoint: Instant?
        }

        func row(_ service: Cluster.Service) -> Row? { services.first { $0.service == service.rawValue } }
    }

    /// The first board line after `skip` lines that `accept` takes.
    static func board(_ child: ChildLines, after skip: Int, timeout: TimeInterval = 20,
                      _ accept: (BoardLine) -> Bool) -> (line: BoardLine, index: Int)? {
        firstValue(timeout: timeout) {
            for (index, text) in child.all.enumerated().dropFirst(skip) {
                if let line = try? JSONCoding.decode(BoardLine.self, from: Data(text.utf8)), accept(line) {
                    return (line, index)
                }
            }
            return nil
        }
    }

    @Test func aFrozenServiceShowsAsMissingOnTheBoardAndComesBack() throws {
        let cluster = try Cluster()
        try cluster.start()
        defer { cluster.signal(.response, SIGCONT) }
        let child = try ChildLines("gridctl", ["--config", cluster.configPath, "status", "--watch", "--json"])
        defer { child.terminate() }

        // All three heard from, with what the board shows of each.
        let present = Self.board(child, after: 0) { line in
            line.services.count == 3 && line.services.allSatisfy { !$0.missing && $0.commandsPerSecond != nil }
        }
        let (all, seen) = try #require(present, "the board never showed all three services: \(child.all.suffix(3))")
        for service in Cluster.Service.allCases {
            let row = try #require(all.row(service))
            #expect(row.state == "ok" && row.version == "0.1.0", "\(service.rawValue)")
            #expect((row.databaseBytes ?? 0) > 0, "\(service.rawValue) database size")
            #expect(row.deadLetters == 0 && row.eventsPerSecond != nil, "\(service.rawValue)")
        }
        #expect(all.row(.response)?.consumed?.keys.sorted() == ["evaluation", "whistle"])

        // Frozen, ResponseService publishes nothing: missing within three heartbeat intervals (200 ms).
        cluster.signal(.response, SIGSTOP)
        let gone = Self.board(child, after: seen + 1) { $0.row(.response)?.missing == true }
        let (missing, at) = try #require(gone, "ResponseService never showed as missing")
        #expect(missing.row(.whistle)?.missing == false && missing.row(.evaluation)?.missing == false)

        cluster.signal(.response, SIGCONT)
        let back = Self.board(child, after: at + 1) { $0.row(.response)?.missing == false }
        #expect(back != nil, "ResponseService never came back on the board")
        #expect(child.isRunning, "the board ends only when told")
        #expect(child.terminate(timeout: 5) == SIGTERM, "SIGTERM ends the board at once")
        for (service, code) in cluster.stopAll() { #expect(code == 0, "\(service.rawValue)") }
    }

    @Test func statusExitsZeroWhenAllAreOkAndThreeWhenOneIsMissing() throws {
        let cluster = try Cluster()
        try cluster.start()
        defer { cluster.signal(.response, SIGCONT) }
        let gridctl = { (arguments: [String]) in
            try CommandResult.run("gridctl", ["--config", cluster.configPath, "--timeout", "1"] + arguments)
        }
        #expect(try eventually { try gridctl(["status"]).status == 0 }, "never all ok")

        cluster.signal(.response, SIGSTOP)
        let stopped = try gridctl(["status"])
        #expect(stopped.status == 3, "\(stopped)")
        #expect(stopped.stdout.contains("WhistleService: ok") && stopped.stdout.contains("EvaluationService: ok"),
                "the others are still shown: \(stopped)")
        #expect(try gridctl(["status", "whistle"]).status == 0, "a named service that answers and is ok")
        // The board's own end, after --count refreshes, follows the board too.
        let board = try gridctl(["status", "--watch", "--count", "4"])
        #expect(board.status == 3, "\(board)")
        #expect(board.stdout.contains("MISSING"))

        cluster.signal(.response, SIGCONT)
        #expect(try eventually { try gridctl(["status"]).status == 0 }, "never all ok again")
        // Ten refreshes (2 s): time enough to hear every service before the last one.
        let json = try gridctl(["status", "--watch", "--json", "--count", "10"])
        #expect(json.status == 0, "\(json)")
        #expect(json.stdout.split(separator: "\n").count == 10, "one JSON line a refresh")
        #expect(try gridctl(["status", "--count", "2"]).status == 2, "--count goes with --watch")
        for (service, code) in cluster.stopAll() { #expect(code == 0, "\(service.rawValue)") }
    }
}
