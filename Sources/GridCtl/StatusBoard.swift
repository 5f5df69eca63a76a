import Foundation
import GridWire

/// The operator's status board: what the last heartbeats of each service say, with rates worked
/// out from two heartbeats in a row, and a service that stopped publishing marked missing.
/// Plain values in, rows out — no sockets, no clock of its own (times are seconds on a monotonic
/// clock the caller reads).
struct StatusBoard {
    /// Silent for this long, a service is missing: three heartbeat intervals.
    let missingAfter: TimeInterval
    /// When the board started; a service not heard from yet is missing once `missingAfter` has
    /// passed since then.
    let startedAt: TimeInterval
    /// The services on the board, in the order shown.
    let streams: [StreamName]
    private var heard: [StreamName: Heard] = [:]

    /// The last heartbeat of a service, and the rates since the one before.
    private struct Heard {
        var status: ServiceStatus
        var at: TimeInterval
        var commandsPerSecond: Double?
        var eventsPerSecond: Double?
    }

    init(heartbeatMilliseconds: Int, streams: [StreamName] = StreamName.allCases, startedAt: TimeInterval) {
        missingAfter = 3 * Double(heartbeatMilliseconds) / 1000
        self.streams = streams
        self.startedAt = startedAt
    }

    /// Takes a heartbeat of `stream` received at `time`.
    mutating func heard(_ status: ServiceStatus, from stream: StreamName, at time: TimeInterval) {
        var next = Heard(status: status, at: time)
        // A restarted service starts its counters over: no rate across a restart.
        if let previous = heard[stream], previous.status.pid == status.pid, time > previous.at {
            let seconds = time - previous.at
            func rate(_ before: Int64, _ after: Int64) -> Double? {
                after >= before ? Double(after - before) / seconds : nil
            }
            next.commandsPerSecond = rate(Self.requests(previous.status), Self.requests(status))
            next.eventsPerSecond = rate(previous.status.counters["eventsPublished"] ?? 0, status.counters["eventsPublished"] ?? 0)
        }
        heard[stream] = next
    }

    /// Requests answered and refused, all commands together (the counters of a service from
    /// before per-command counts).
    private static func requests(_ status: ServiceStatus) -> Int64 {
        if let commands = status.commands { return commands.values.reduce(0) { $0 + $1.answered + $1.refused } }
        return (status.counters["requestsAnswered"] ?? 0) + (status.counters["requestsRefused"] ?? 0)
    }

    /// One row per service on the board, as of `time`.
    func rows(at time: TimeInterval) -> [Row] {
        streams.map { stream in
            guard let last = heard[stream] else {
                return Row(service: Self.serviceName(stream), missing: time - startedAt >= missingAfter)
            }
            let status = last.status
            return Row(service: status.service, missing: time - last.at >= missingAfter,
                       secondsSinceHeartbeat: Self.rounded(time - last.at), state: status.state.rawValue,
                       problems: status.problems, version: status.version, uptimeSeconds: status.uptimeSeconds,
                       commandsPerSecond: last.commandsPerSecond.map(Self.rounded),
                       eventsPerSecond: last.eventsPerSecond.map(Self.rounded), consumed: status.consumed,
                       deadLetters: status.counters["deadLetters"], databaseBytes: status.databaseBytes,
                       lastCheckpoint: status.lastCheckpoint)
        }
    }

    /// The name a service gives itself, for a service not heard from yet.
    static func serviceName(_ stream: StreamName) -> String {
        switch stream {
        case .whistle: "WhistleService"
        case .response: "ResponseService"
        case .evaluation: "EvaluationService"
        }
    }

    private static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// What the board shows of one service; `--watch --json` prints these. Fields other than
    /// `service` and `missing` are absent until the service has been heard from.
    struct Row: Encodable, Equatable {
        var service: String
        /// No heartbeat for three heartbeat intervals (or ever, since the board started that long ago).
        var missing: Bool
        var secondsSinceHeartbeat: Double?
        var state: String?
        var problems: [String]?
        var version: String?
        var uptimeSeconds: Int?
        /// Requests (commands and queries) answered and refused per second between the last two heartbeats.
        var commandsPerSecond: Double?
        /// Events published per second between the last two heartbeats.
        var eventsPerSecond: Double?
        var consumed: [String: ServiceStatus.ConsumedStream]?
        var deadLetters: Int64?
        var databaseBytes: Int64?
        var lastCheckpoint: Instant?

        /// Every service answered and none is degraded.
        var isOK: Bool { !missing && state == ServiceStatus.State.ok.rawValue }
    }
}
