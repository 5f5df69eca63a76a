import ZeroMQ

/// What a socket is for. Each role names its ZeroMQ pattern and the settings docs/protocol.md
/// ("Socket settings") gives it; ``SocketFactory`` applies them.
public enum SocketRole: Sendable, CaseIterable {
    /// A service's bound PUB: its events, heartbeats and intake confirmations.
    case eventPublisher
    /// A service's bound ROUTER: commands, queries and replay requests.
    case commandServer
    /// WhistleService's bound SUB, to which publish-only systems connect their PUB.
    case intake
    /// A consumer's SUB on its producer's PUB.
    case streamSubscriber
    /// A consumer's DEALER on its producer's ROUTER, for replay.
    case replayClient
    /// A DEALER sending requests to a service's ROUTER (gridctl, the benchmark's clients).
    case requestClient
    /// A SUB following what a service publishes (`gridctl watch`, the benchmark).
    case watcher

    public var kind: SocketKind {
        switch self {
        case .eventPublisher: .pub
        case .commandServer: .router
        case .intake, .streamSubscriber, .watcher: .sub
        case .replayClient, .requestClient: .dealer
        }
    }

    /// Whether a socket of this role binds (and so, under CURVE, is the server) rather than connects.
    public var binds: Bool {
        switch self {
        case .eventPublisher, .commandServer, .intake: true
        case .streamSubscriber, .replayClient, .requestClient, .watcher: false
        }
    }

    public var settings: SocketSettings {
        switch self {
        case .eventPublisher:
            // A storm's worth of events per subscriber; beyond it PUB drops and consumers replay.
            SocketSettings(sendHighWaterMark: 100_000)
        case .commandServer:
            // Bounded both ways: a service that falls behind stops reading, so its clients' sends
            // block instead of growing its memory; 10,000 covers many pipelined clients' windows.
            SocketSettings(sendHighWaterMark: 10_000, receiveHighWaterMark: 10_000, routerMandatory: true,
                           heartbeat: .services)
        case .intake, .streamSubscriber:
            SocketSettings(receiveHighWaterMark: 100_000)
        case .replayClient:
            // A replay request is not queued while the producer is not connected: the send fails
            // at once and the consumer asks again later.
            SocketSettings(immediate: true, heartbeat: .services)
        case .requestClient, .watcher:
            SocketSettings()
        }
    }
}
