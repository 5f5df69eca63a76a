import Foundation
import GridDomain
import SQLite
import ZeroMQ

/// Answers commands and queries on a bound ROUTER: frames `[identity][empty][request]`, replies
/// `[identity][empty][reply]`. Commands are idempotent by (principal, key): the service commits,
/// then answers; a retry gets the remembered answer; the same key with another request is refused.
public final class CommandServer {
    public let socket: ZMQSocket
    private let store: ServiceStore
    private let clock: any WallClock
    private let limit: Int
    private let devPrincipals: Bool
    private let logger: Logger
    private let publish: ([StoredEvent]) -> Void
    private var handlers: [String: (Request, CommandContext) throws -> Data] = [:]
    /// Set when storage fails; the service then refuses commands and reports itself degraded.
    public private(set) var storageProblem: String?
    public private(set) var answered: Int64 = 0
    public private(set) var refused: Int64 = 0

    public init(socket: ZMQSocket, store: ServiceStore, clock: any WallClock, limit: Int, devPrincipals: Bool,
                logger: Logger, publish: @escaping ([StoredEvent]) -> Void) {
        self.socket = socket
        self.store = store
        self.clock = clock
        self.limit = limit
        self.devPrincipals = devPrincipals
        self.logger = logger
        self.publish = publish
    }

    /// Registers a state-changing command. `handler` runs inside the transaction that also stores
    /// its events and its reply. A retry is recognised by `fingerprint` (default: the whole body),
    /// which is stored with the principal and the key.
    public func command<Body: Codable & Sendable, Out: Encodable>(
        _ name: String, _ body: Body.Type, fingerprint: ((Body) -> String)? = nil,
        _ handler: @escaping (CommandContext, Body, inout Transaction) throws -> Out
    ) {
        handlers[name] = { [unowned self] request, context in
            let key = try request.requireKey()
            let body = try request.body(Body.self)
            let fingerprint = "\(name) \(try fingerprint?(body) ?? JSONCoding.encodeString(body))"
            let principal = context.principal?.description ?? "-"
            if let remembered = try store.rememberedReply(principal: principal, key: key) {
                guard remembered.request == fingerprint else { throw ProtocolError.keyReused(key) }
                return Data(remembered.reply.utf8)
            }
            if let storageProblem { throw ProtocolError(.unavailable, "storage", storageProblem) }
            let (reply, events) = try store.write { transaction in
                let out = try handler(context, body, &transaction)
                let reply = try JSONCoding.encodeString(Reply.ok(key: key, out))
                try transaction.rememberReply(principal: principal, key: key, request: fingerprint, reply: reply)
                return reply
            }
            publish(events)
            return Data(reply.utf8)
        }
    }

    /// Registers a read-only query.
    public func query<Body: Decodable, Out: Encodable>(
        _ name: String, _ body: Body.Type, _ handler: @escaping (CommandContext, Body) throws -> Out
    ) {
        handlers[name] = { request, context in
            let out = try handler(context, try request.body(Body.self))
            return try JSONCoding.encode(Reply.ok(key: request.head.key, out))
        }
    }

    /// Registers a query whose body is already JSON text (replay serves stored envelopes as they are).
    public func rawQuery<Body: Decodable>(_ name: String, _ body: Body.Type,
                                          _ handler: @escaping (CommandContext, Body) throws -> String) {
        handlers[name] = { request, context in
            let raw = try handler(context, try request.body(Body.self))
            let key = try request.head.key.map { try JSONCoding.encodeString($0) } ?? "null"
            return Data(#"{"body":\#(raw),"key":\#(key),"status":"ok","v":1}"#.utf8)
        }
    }

    /// Reads and answers what is waiting, at most `budget` messages so other sockets get their turn.
    public func drain(budget: Int = 256) throws {
        for _ in 0..<budget {
            guard let frames = try socket.receive(dontWait: true) else { return }
            guard let identity = frames.first else { continue }
            let reply: Data
            if frames.count != 3 || !frames[1].isEmpty {
                reply = failure(key: nil, .frames(frames.count, expected: "[identity][empty][request] (3 frames)"))
            } else {
                reply = answer(frames[2]).reply
            }
            do {
                if try !socket.send([identity, Data(), reply], dontWait: true) {
                    logger.warning("reply dropped: the client's queue is full")
                }
            } catch let error as ZMQError where error.code == EHOSTUNREACH {
                logger.info("reply dropped: the client went away")
            }
        }
    }

    /// Answers one request; `only` restricts which commands are accepted (publish-only intake).
    /// Returns the reply and the principal it was answered for.
    public func answer(_ bytes: Data, only: Set<String>? = nil) -> (reply: Data, principal: Principal?) {
        var key: String?
        var principal: Principal?
        do {
            let request = try Request(decoding: bytes, limit: limit)
            key = request.head.key
            principal = try self.principal(of: request)
            guard let handler = handlers[request.head.cmd], only?.contains(request.head.cmd) ?? true else {
                throw ProtocolError.unknownCommand(request.head.cmd)
            }
            let reply = try handler(request, CommandContext(principal: principal, key: key, now: clock.now()))
            answered += 1
            return (reply, principal)
        } catch {
            return (refusal(error, key: key), principal)
        }
    }

    private func refusal(_ error: any Error, key: String?) -> Data {
        switch error {
        case let error as ProtocolError:
            return failure(key: key, error)
        case let error as SQLiteError:
            return failure(key: key, storageRefusal(error))
        default:
            logger.error("command failed", ["error": error])
            return failure(key: key, ProtocolError(.internal, "internal", "\(error)"))
        }
    }

    private func principal(of request: Request) throws(ProtocolError) -> Principal? {
        guard let stated = request.head.as else { return nil }
        guard devPrincipals else { throw .principalNotAllowed }
        guard let principal = Principal(parsing: stated) else {
            throw .invalid("/as", "'as' is kind:id with kind one of \(Principal.Kind.allCases.map(\.rawValue)) and an id of letters, digits, - and _")
        }
        return principal
    }

    private func storageRefusal(_ error: SQLiteError) -> ProtocolError {
        logger.error("storage failed", ["error": error])
        if error.isBusy { return ProtocolError(.unavailable, "busy", "the database is locked; retry with the same key") }
        guard error.isFull || error.isReadOnly || error.isCorrupt || error.isIOError else {
            return ProtocolError(.internal, "internal", "storage error \(error.code)")
        }
        let problem = "the database cannot be written: \(error.message) (SQLite \(error.code))"
        storageProblem = problem
        return ProtocolError(.unavailable, "storage", problem)
    }

    private func failure(key: String?, _ error: ProtocolError) -> Data {
        refused += 1
        logger.info("refused", ["code": error.code, "at": error.at, "key": key ?? "-"])
        return (try? JSONCoding.encode(Reply<EmptyBody>.failure(key: key, error)))
            ?? Data(#"{"v":1,"status":"internal"}"#.utf8)
    }
}

@available(*, unavailable)
extension CommandServer: Sendable {}
