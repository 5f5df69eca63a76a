import Foundation
import GridCommandLine
import GridSockets
import GridWire
import ZeroMQ

extension Invocation {
    /// `status --watch`: the operator's board, fed by the heartbeats on `status.<stream>.`,
    /// refreshed once a heartbeat interval. On a terminal it redraws in place; into a pipe or a
    /// file each refresh is a plain block; with `--json`, one JSON line a refresh. With
    /// `--count N` it stops after N refreshes and exits as the last one says (``exitStatus(_:)``).
    func watchStatus(_ streams: [StreamName]) throws -> Never {
        let count = try arguments.value("--count").map { text throws(UsageError) -> Int in
            guard let n = Int(text), n > 0 else { throw UsageError("--count takes a positive number") }
            return n
        }
        // SIGTERM ends the board even when whoever started it ignored or blocked SIGTERM (both
        // survive exec; a service blocks it to read it from a signalfd): a supervisor or a test
        // must be able to stop it. Unblocked here, before the board's sockets start libzmq's threads.
        signal(SIGTERM, SIG_DFL)
        var terminate = sigset_t()
        sigemptyset(&terminate)
        sigaddset(&terminate, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &terminate, nil)
        let subscribers = try streams.map { stream in
            let socket = try watcher(of: stream)
            try socket.subscribe(Topic.status(stream))
            return (stream, socket)
        }
        defer { for (_, socket) in subscribers { socket.close() } }
        let interval = TimeInterval(config.limits.heartbeatMilliseconds) / 1000
        let now = { ProcessInfo.processInfo.systemUptime }
        var board = StatusBoard(heartbeatMilliseconds: config.limits.heartbeatMilliseconds, streams: streams,
                                startedAt: now())
        let terminal = isatty(STDOUT_FILENO) == 1
        var nextRefresh = now() + interval
        var refreshes = 0
        var rows: [StatusBoard.Row] = []
        while count.map({ refreshes < $0 }) ?? true {
            let wait = max(0, Int(((nextRefresh - now()) * 1000).rounded(.up)))
            let ready = try ZMQPoller.poll(subscribers.map { .socket($0.1) }, timeoutMilliseconds: wait)
            for ((stream, socket), isReady) in zip(subscribers, ready) where isReady {
                while let frames = try socket.receive(dontWait: true) {
                    guard frames.count == 2, let event = try? ReceivedEvent(decoding: frames[1]),
                          let status = try? event.payload(ServiceStatus.self) else { continue }
                    board.heard(status, from: stream, at: now())
                }
            }
            guard now() >= nextRefresh else { continue }
            // A slow terminal skips refreshes rather than bunching them up.
            nextRefresh = max(nextRefresh + interval, now())
            refreshes += 1
            rows = board.rows(at: now())
            let block: String
            if json {
                block = String(decoding: try JSONCoding.encode(BoardLine(refresh: refreshes, services: rows)), as: UTF8.self)
            } else {
                let text = StatusBoard.text(rows, now: Date())
                // Clear the screen and go home, then draw: the board stays in place.
                block = terminal ? "\u{1B}[H\u{1B}[2J" + text : text + "\n"
            }
            // Unbuffered, so a script reading the pipe sees each refresh as it comes.
            FileHandle.standardOutput.write(Data((block + "\n").utf8))
        }
        exit(Self.exitStatus(rows))
    }

    /// What `status` exits with: 0 when every service answered and is ok, 3 when one did not
    /// answer (missing: the same status as any request without a reply), 4 when all answered but
    /// one is degraded.
    static func exitStatus(_ rows: [StatusBoard.Row]) -> Int32 {
        if rows.contains(where: \.missing) { return 3 }
        return rows.allSatisfy(\.isOK) ? 0 : 4
    }

    /// One line of `status --watch --json`.
    private struct BoardLine: Encodable {
        var refresh: Int
        var services: [StatusBoard.Row]
    }
}
