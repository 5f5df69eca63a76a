import Foundation
import GridLogging
import GridRuntime
import GridWire
import ZeroMQ

/// 接入 — publish-only systems (alarm feeds, IoT hydrants) connect their PUB to this bound SUB and
/// publish `[topic][request]` with a `raise` request. Intake is best effort — PUB/SUB may drop — so
/// every answer, accepted or refused, is published as a confirmation on `intake.<principal>.`
/// carrying the request's key; an integrator that sees none publishes again with the same key.
final class Intake {
    let socket: ZMQSocket
    private let server: CommandServer
    private let publisher: EventPublisher
    private let logger: Logger

    init(host: ServiceHost) throws {
        socket = try host.socket(.intake)
        try socket.subscribe("")
        try host.bind(socket, host.config.endpoints.whistle.intake)
        server = host.server
        publisher = host.publisher
        logger = host.logger
    }

    func drain(budget: Int = 256) throws {
        for _ in 0..<budget {
            guard let received = try socket.receiveWithMetadata(dontWait: true) else { return }
            guard received.count == 2 else {
                logger.warning("intake message ignored: expected [topic][request]", ["frames": received.count])
                continue
            }
            // Under keys, the principal of the publisher's key; no User-Id in development mode.
            let (reply, principal) = server.answer(received[1].data, only: ["raise"], userID: try received[1].metadata(.userID))
            let topic = principal.map(Topic.intake) ?? "intake.anonymous."
            publisher.send(topic: topic, reply)
        }
    }
}
