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

    public struct ConsumedStream: Sendable, Codable, Equatable {
        public var last: Int64
        public var behind: Int64
    }
}
