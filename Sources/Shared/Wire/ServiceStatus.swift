import GridDomain

/// The body of a status heartbeat on `status.<stream>.` (an envelope of type `status` whose `seq`
/// is the stream's highest committed sequence; heartbeats are not events and are never replayed).
public struct ServiceStatus: Sendable, Codable, Equatable {
    public enum State: String, Sendable, NamedCase {
        /// Serving and applying every stream it consumes.
        case ok
        /// Serving, but something needs an operator (see `problems`).
        case degraded
    }

    public var service: String
    public var version: String
    public var pid: Int32
    public var startedAt: Instant
    public var uptimeSeconds: Int
    public var state: State
    public var problems: [String]
    /// This service's stream: epoch and highest committed sequence.
    public var epoch: String
    public var head: Int64
    /// Each consumed stream: the last applied sequence, and how far behind the producer's head it is.
    public var consumed: [String: ConsumedStream]
    public var counters: [String: Int64]
    /// Requests answered and refused per command or query name; a name the service does not know,
    /// or a request too broken to name one, is counted under ``unknownCommand``. Optional so that
    /// a reader copes with a service from before it.
    public var commands: [String: CommandCounts]?
    /// The database's size on disk: the main file plus its write-ahead log.
    public var databaseBytes: Int64?
    /// When a write-ahead log checkpoint last succeeded; absent until one has.
    public var lastCheckpoint: Instant?
    /// 防汛防台 — the weather alerts in force, oldest first: present (possibly empty) on
    /// WhistleService, which keeps them; absent on the other services.
    public var alerts: [AlertView]?

    public struct ConsumedStream: Sendable, Codable, Equatable {
        /// Whether the producer is heard: `stale` after three heartbeat intervals without a word
        /// from it (a link down, a producer stopped); it clears by itself when the producer is heard.
        public enum State: String, Sendable, Codable { case ok, stale }

        public var last: Int64
        public var behind: Int64
        /// Absent in a status written before there was one.
        public var state: State?

        public init(last: Int64, behind: Int64, state: State = .ok) {
            self.last = last
            self.behind = behind
            self.state = state
        }
    }

    /// How one command's requests were answered.
    public struct CommandCounts: Sendable, Codable, Equatable {
        public var answered: Int64
        public var refused: Int64

        public init(answered: Int64 = 0, refused: Int64 = 0) {
            self.answered = answered
            self.refused = refused
        }
    }

    /// The key of ``commands`` for requests that name no command the service knows.
    public static let unknownCommand = "?"

    public init(service: String, version: String, pid: Int32, startedAt: Instant, uptimeSeconds: Int, state: State,
                problems: [String], epoch: String, head: Int64, consumed: [String: ConsumedStream],
                counters: [String: Int64], commands: [String: CommandCounts]? = nil, databaseBytes: Int64? = nil,
                lastCheckpoint: Instant? = nil, alerts: [AlertView]? = nil) {
        self.service = service
        self.version = version
        self.pid = pid
        self.startedAt = startedAt
        self.uptimeSeconds = uptimeSeconds
        self.state = state
        self.problems = problems
        self.epoch = epoch
        self.head = head
        self.consumed = consumed
        self.counters = counters
        self.commands = commands
        self.databaseBytes = databaseBytes
        self.lastCheckpoint = lastCheckpoint
        self.alerts = alerts
    }
}
