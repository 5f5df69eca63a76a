import Dispatch
import GridConfig
import GridLogging
import GridSockets
import GridWire
import ZeroMQ

/// 密钥 — a service's CURVE side (docs/protocol.md, "Principals"): the ZAP handler that admits only the
/// deployment's listed keys, each connection as its key's principal (the
/// `User-Id` of everything it sends). Made on the service's context before any socket binds (with
/// no handler, libzmq 4.3 admits every key), and closed after the last.
final class KeyGuard {
    private(set) var list: KeyList
    let handler: ZAPHandler
    private let admitted: Admitted
    private let logger: Logger
    /// A refused peer reconnects every 100 ms: one security line per key and minute.
    private var refusals = RepeatFilter()

    /// The principal of each admitted key, as the handler reads it at each handshake.
    private final class Admitted {
        var principals: [String: Principal]
        init(_ principals: [String: Principal]) { self.principals = principals }
    }

    init(list: KeyList, context: ZMQContext, logger: Logger) throws {
        self.list = list
        self.logger = logger
        let admitted = Admitted(list.principals)
        self.admitted = admitted
        handler = try ZAPHandler(context: context) { request in
            guard let key = request.curveKey else { return .refuse(reason: "only CURVE is accepted") }
            guard let principal = admitted.principals[key] else { return .refuse(reason: "the key is not listed") }
            return .admit(userID: principal.description)
        }
    }

    /// Admits `list` from the next handshake on; connections already admitted stay until their
    /// endpoint is bound again. The services' own keys must stay as they are (their consumers know
    /// them): nil when they do, else why the list is not taken.
    func replace(with list: KeyList) -> String? {
        guard StreamName.allCases.allSatisfy({ list.key(of: $0) == self.list.key(of: $0) }) else {
            return "a service's key changed, which takes a restart"
        }
        self.list = list
        admitted.principals = list.principals
        return nil
    }

    /// Answers the handshakes waiting; a refusal is a security line in the log.
    func answer() throws {
        for (request, decision) in try handler.answerWaiting() {
            switch decision {
            case .admit(let principal):
                logger.info("key admitted", ["principal": principal, "address": request?.address ?? "-"])
            case .refuse(let reason):
                let key = request?.curveKey ?? "-"
                let (write, heldBack) = refusals.admit(key, at: DispatchTime.now().uptimeNanoseconds)
                guard write else { continue }
                logger.warning("security: connection refused", ["reason": reason, "key": key, "address": request?.address ?? "-",
                                                                "alsoRefusedSinceLastLine": heldBack])
            }
        }
    }

    /// The key file of `stream`'s service in its data folder.
    static func path(of stream: StreamName, in directory: String) -> String {
        "\(directory)/\(stream.rawValue)-transport.key"
    }
}
