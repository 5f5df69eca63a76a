import GridConfig
import GridLogging
import GridSockets
import GridWire
import ZeroMQ

/// 密钥 — a service's CURVE side (docs/protocol.md#keys): its own key pair, and the ZAP handler
/// that admits only the deployment's listed keys, each connection as its key's principal (the
/// `User-Id` of everything it sends). Made on the service's context before any socket binds (with
/// no handler, libzmq 4.3 admits every key), and closed after the last.
final class KeyGuard {
    let pair: CurveKeyPair
    let list: KeyList
    let handler: ZAPHandler
    private let logger: Logger

    init(list: KeyList, pair: CurveKeyPair, context: ZMQContext, logger: Logger) throws {
        self.pair = pair
        self.list = list
        self.logger = logger
        let principals = list.principals
        handler = try ZAPHandler(context: context) { request in
            guard let key = request.curveKey else { return .refuse(reason: "only CURVE is accepted") }
            guard let principal = principals[key] else { return .refuse(reason: "the key is not listed") }
            return .admit(userID: principal.description)
        }
    }

    /// Answers the handshakes waiting; a refusal is a security line in the log.
    func answer() throws {
        for (request, decision) in try handler.answerWaiting() {
            switch decision {
            case .admit(let principal):
                logger.info("key admitted", ["principal": principal, "address": request?.address ?? "-"])
            case .refuse(let reason):
                logger.warning("security: connection refused", ["reason": reason, "key": request?.curveKey ?? "-",
                                                                "address": request?.address ?? "-"])
            }
        }
    }

    /// The key file of `stream`'s service in its data folder.
    static func path(of stream: StreamName, in directory: String) -> String {
        "\(directory)/\(stream.rawValue)-transport.key"
    }
}
