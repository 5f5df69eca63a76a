import Foundation
import GridDomain
import GridWire

/// One deployment's configuration: the endpoints and limits every service and the CLI read, and the
/// reference data that only WhistleService reads (it becomes reference version 1 of its stream).
public struct DeploymentConfig: Sendable, Codable, Equatable {
    public var endpoints: Endpoints
    public var limits: Limits
    public var reference: ReferenceData
    /// A test configuration: allows limits in seconds, which a production file may not have.
    public var testing: Bool
    /// The public keys admitted under CURVE; nil in development mode (plaintext, on this host only).
    public var keys: KeyList?

    public init(endpoints: Endpoints, limits: Limits = Limits(), reference: ReferenceData, testing: Bool = false,
                keys: KeyList? = nil) {
        self.endpoints = endpoints
        self.limits = limits
        self.reference = reference
        self.testing = testing
        self.keys = keys
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        endpoints = try c.decode(Endpoints.self, forKey: .endpoints)
        limits = try c.decodeIfPresent(Limits.self, forKey: .limits) ?? Limits()
        reference = try c.decode(ReferenceData.self, forKey: .reference)
        testing = try c.decodeIfPresent(Bool.self, forKey: .testing) ?? false
        keys = try c.decodeIfPresent(KeyList.self, forKey: .keys)
    }
}

/// Where each service binds; consumers and the CLI connect to the same addresses.
public struct Endpoints: Sendable, Codable, Equatable {
    public struct Producer: Sendable, Codable, Equatable {
        /// PUB: events and status heartbeats.
        public var pub: String
        /// ROUTER: acknowledged commands, queries and replay.
        public var router: String

        public init(pub: String, router: String) {
            self.pub = pub
            self.router = router
        }
    }

    public struct Whistle: Sendable, Codable, Equatable {
        public var pub: String
        public var router: String
        /// SUB that publish-only systems (alarm feeds) connect their PUB to.
        public var intake: String

        public init(pub: String, router: String, intake: String) {
            self.pub = pub
            self.router = router
            self.intake = intake
        }
    }

    public var whistle: Whistle
    public var response: Producer
    public var evaluation: Producer

    public init(whistle: Whistle, response: Producer, evaluation: Producer) {
        self.whistle = whistle
        self.response = response
        self.evaluation = evaluation
    }

    public func producer(_ stream: StreamName) -> Producer {
        switch stream {
        case .whistle: Producer(pub: whistle.pub, router: whistle.router)
        case .response: response
        case .evaluation: evaluation
        }
    }

    /// The endpoints `stream`'s service binds.
    public func bound(by stream: StreamName) -> [String] {
        switch stream {
        case .whistle: [whistle.pub, whistle.router, whistle.intake]
        case .response: [response.pub, response.router]
        case .evaluation: [evaluation.pub, evaluation.router]
        }
    }

    /// The endpoints `stream`'s service binds, then those it connects to: the other two
    /// producers' PUB and ROUTER, since every service consumes the other two streams.
    public func used(by stream: StreamName) -> [String] {
        bound(by: stream) + StreamName.allCases.filter { $0 != stream }.flatMap { other in
            [producer(other).pub, producer(other).router]
        }
    }

    /// Every endpoint with its JSON Pointer.
    var all: [(String, String)] {
        [("/endpoints/whistle/pub", whistle.pub), ("/endpoints/whistle/router", whistle.router),
         ("/endpoints/whistle/intake", whistle.intake), ("/endpoints/response/pub", response.pub),
         ("/endpoints/response/router", response.router), ("/endpoints/evaluation/pub", evaluation.pub),
         ("/endpoints/evaluation/router", evaluation.router)]
    }
}

/// Sizes and periods an operator may tune.
public struct Limits: Sendable, Codable, Equatable {
    /// The largest command, query or intake message accepted, in bytes; larger gets `too_large`.
    public var maxMessageBytes: Int = 65_536
    /// The most events one replay answer carries.
    public var replayBatch: Int = 500
    /// How often each service publishes its status heartbeat.
    public var heartbeatMilliseconds: Int = 2_000
    /// How long a consumer waits for a replay answer before asking again.
    public var replayTimeoutMilliseconds: Int = 3_000
    /// The most due work items fired in one transaction, so a crowd falling due at once never
    /// holds commands back for more than one batch.
    public var dueBatch: Int = 1_000
    /// How long one batch of due work may run before it commits and lets commands and consumed
    /// events in: a crowd of clocks falling due at once delays a routed whistle by about this much.
    public var dueBatchMilliseconds: Int = 5

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = Limits()
        maxMessageBytes = try c.decodeIfPresent(Int.self, forKey: .maxMessageBytes) ?? defaults.maxMessageBytes
        replayBatch = try c.decodeIfPresent(Int.self, forKey: .replayBatch) ?? defaults.replayBatch
        heartbeatMilliseconds = try c.decodeIfPresent(Int.self, forKey: .heartbeatMilliseconds)
            ?? defaults.heartbeatMilliseconds
        replayTimeoutMilliseconds = try c.decodeIfPresent(Int.self, forKey: .replayTimeoutMilliseconds)
            ?? defaults.replayTimeoutMilliseconds
        dueBatch = try c.decodeIfPresent(Int.self, forKey: .dueBatch) ?? defaults.dueBatch
        dueBatchMilliseconds = try c.decodeIfPresent(Int.self, forKey: .dueBatchMilliseconds)
            ?? defaults.dueBatchMilliseconds
    }
}
