import Foundation
import GridDomain
import GridLogging
import GridStore
import GridWire
import SQLite
import ZeroMQ

/// Answers commands and queries on a bound ROUTER: frames `[identity][empty][request]`, replies
/// `[identity][empty][reply]`. Commands are idempotent by (principal, key): the service commits,
/// then answers; a retry gets the remembered answer; the same key with another request is refused.
///
/// Group commit: the commands waiting on the socket are run together in one transaction, each
/// undone alone if it fails (``Transaction/attempt(_:)``), committed once with the configured durability, and only then answered and
/// their events published. A query first flushes the commands before it, so it reads their effects.
public final class CommandServer {
    public let socket: ZMQSocket
    private let store: ServiceStore
    private let clock: any WallClock
    private let limit: Int
    private let trust: PrincipalSource
    private let logger: Logger
    private let publish: ([StoredEvent]) -> Void
    private var handlers: [String: Handler] = [:]
    /// Where a stated principal is looked up; every service sets its reference book here.
    public var principals: ReferenceBook?
    /// Replies held until the due work their command made due has fired (a test-clock move).
    private var held: [(identity: Data, reply: Data)] = []
    /// Set when storage fails; the service then refuses commands and reports itself degraded.
    public private(set) var storageProblem: String?
    /// Group commits made, and the commands they carried.
    public private(set) var commits: Int64 = 0
    public private(set) var committedCommands: Int64 = 0
    /// Requests answered and refused per command name (``CommandTally``).
    private var tally = CommandTally()
    /// Forbidden requests, each written as a security line at most once a minute.
    private var forbidden = RepeatFilter()
    public var commandCounts: [String: ServiceStatus.CommandCounts] { tally.counts }
    /// Requests answered and refused in all: the sums of ``commandCounts``.
    public var answered: Int64 { tally.counts.values.reduce(0) { $0 + $1.answered } }
    public var refused: Int64 { tally.counts.values.reduce(0) { $0 + $1.refused } }

    private enum Handler {
        /// Runs inside the batch's transaction; returns the reply, held (``releaseHeldReplies()``)
        /// when `waitsForDueWork`.
        case command(waitsForDueWork: Bool, run: (Request, CommandContext, inout Transaction) throws -> Data)
        case query((Request, CommandContext) throws -> Data)
    }

    /// A parsed command waiting for its batch to commit.
    private struct Pending {
        var identity: Data?
        var request: Request
        var context: CommandContext
        var run: (Request, CommandContext, inout Transaction) throws -> Data
        var waitsForDueWork: Bool
    }

    /// Where a request's principal comes from.
    public enum PrincipalSource: Sendable {
        /// Nowhere: requests have none, and `as` is refused.
        case nobody
        /// Development mode: the request's `as` (loopback endpoints only).
        case stated
        /// CURVE: the key the connection was admitted with (its `User-Id`); `as` is refused.
        case keys
    }

    public init(socket: ZMQSocket, store: ServiceStore, clock: any WallClock, limit: Int, trust: PrincipalSource,
                logger: Logger, publish: @escaping ([StoredEvent]) -> Void) {
        self.socket = socket
        self.store = store
        self.clock = clock
        self.limit = limit
        self.trust = trust
        self.logger = logger
        self.publish = publish
    }

    /// Registers a state-changing command. `handler` runs inside the transaction that also stores
    /// its events and its reply. A retry is recognised by `fingerprint` (default: the whole body),
    /// which is stored with the principal and the key.
    public func command<Body: Codable & Sendable, Out: Encodable>(
        _ name: String, _ body: Body.Type, fingerprint: ((Body) -> String)? = nil,
        waitsForDueWork: Bool = false,
        _ handler: @escaping (CommandContext, Body, inout Transaction) throws -> Out
    ) {
        handlers[name] = .command(waitsForDueWork: waitsForDueWork) { [unowned self] (request: Request, context: CommandContext, transaction: inout Transaction) throws -> Data in
            let key = try request.requireKey()
            let body = try request.body(Body.self)
            let fingerprint = "\(name) \(try fingerprint?(body) ?? JSONCoding.encodeString(body))"
            let principal = context.principal?.description ?? "-"
            if let remembered = try store.rememberedReply(principal: principal, key: key) {
                guard remembered.request == fingerprint else { throw ProtocolError.keyReused(key) }
                return Data(remembered.reply.utf8)
            }
            if let storageProblem { throw ProtocolError(.unavailable, "storage", storageProblem) }
            let out = try handler(context, body, &transaction)
            let reply = try JSONCoding.encode(Reply.ok(key: key, out))
            try transaction.rememberReply(principal: principal, key: key, request: fingerprint, reply: reply)
            return reply
        }
    }

    /// Registers a read-only query.
    public func query<Body: Decodable, Out: Encodable>(
        _ name: String, _ body: Body.Type, _ handler: @escaping (CommandContext, Body) throws -> Out
    ) {
        handlers[name] = .query { request, context in
            let out = try handler(context, try request.body(Body.self))
            return try JSONCoding.encode(Reply.ok(key: request.head.key, out))
        }
    }

    /// Registers a query whose body is already JSON text (replay serves stored envelopes as they are).
    public func rawQuery<Body: Decodable>(_ name: String, _ body: Body.Type,
                                          _ handler: @escaping (CommandContext, Body) throws -> String) {
        handlers[name] = .query { request, context in
            let raw = try handler(context, try request.body(Body.self))
            let key = try request.head.key.map { try JSONCoding.encodeString($0) } ?? "null"
            return Data(#"{"body":\#(raw),"key":\#(key),"status":"ok","v":1}"#.utf8)
        }
    }

    /// Reads what is waiting — at most `budget` messages, so other sockets get their turn — and
    /// answers it, committing the commands among it together.
    public func drain(budget: Int = 512) throws {
        var batch: [Pending] = []
        for _ in 0..<budget {
            guard let (frames, userID) = try receive() else { break }
            guard let identity = frames.first else { continue }
            guard frames.count == 3, frames[1].isEmpty else {
                let key = frames.dropFirst().lazy.compactMap { RequestKeyScan.key(in: $0) }.first
                try send(failure(key: key, cmd: nil, .frames(frames.count, expected: "[identity][empty][request] (3 frames)")), to: identity)
                continue
            }
            switch classify(frames[2], userID: userID) {
            case .answered(let reply, _):
                try send(reply, to: identity)
            case .query(let reply, _):
                try flush(&batch)
                try send(reply(), to: identity)
            case .command(var pending):
                pending.identity = identity
                batch.append(pending)
            }
        }
        try flush(&batch)
    }

    /// The next message waiting, and under ``PrincipalSource/keys`` the `User-Id` its
    /// connection was admitted as.
    private func receive() throws -> ([Data], String?)? {
        guard trust == .keys else { return try socket.receive(dontWait: true).map { ($0, nil) } }
        guard let frames = try socket.receiveWithMetadata(dontWait: true) else { return nil }
        return (frames.map(\.data), try frames.last?.metadata(.userID))
    }

    /// Answers one request on its own, with `only` the commands it may name (publish-only intake),
    /// from a connection admitted as `userID` (under keys). Returns the reply and the principal
    /// it was answered for.
    public func answer(_ bytes: Data, only: Set<String>, userID: String? = nil) -> (reply: Data, principal: Principal?) {
        switch classify(bytes, only: only, userID: userID) {
        case .answered(let reply, let principal):
            return (reply, principal)
        case .query(let reply, let principal):
            return (reply(), principal)
        case .command(let pending):
            var batch = [pending]
            return (commit(&batch)[0], pending.context.principal)
        }
    }

    private enum Classified {
        case answered(Data, Principal?)
        case query(() -> Data, Principal?)
        case command(Pending)
    }

    /// Reads one request: refused at once, a query to answer, or a command to commit.
    private func classify(_ bytes: Data, only: Set<String>? = nil, userID: String?) -> Classified {
        var key: String?
        var cmd: String?
        var principal: Principal?
        do {
            let request = try Request(decoding: bytes, limit: limit)
            key = request.head.key
            cmd = request.head.cmd
            principal = try self.principal(of: request, userID: userID)
            guard let handler = handlers[request.head.cmd], only?.contains(request.head.cmd) ?? true else {
                throw ProtocolError.unknownCommand(request.head.cmd)
            }
            if let principal { try principals?.admit(principal) }
            let context = CommandContext(principal: principal, key: key, now: clock.now())
            switch handler {
            case .command(let waits, let run):
                return .command(Pending(identity: nil, request: request, context: context, run: run, waitsForDueWork: waits))
            case .query(let run):
                return .query({ [unowned self] in
                    do {
                        let reply = try run(request, context)
                        tally.answered(cmd, known: isKnown)
                        return reply
                    } catch {
                        return refusal(error, key: key, cmd: cmd)
                    }
                }, principal)
            }
        } catch {
            // Refused before its head was read: the key is still echoed if the bytes show one.
            return .answered(refusal(error, key: key ?? RequestKeyScan.key(in: bytes), cmd: cmd), principal)
        }
    }

    /// Commits the waiting commands and sends their replies.
    private func flush(_ batch: inout [Pending]) throws {
        guard !batch.isEmpty else { return }
        let waiting = batch.map { ($0.identity, $0.waitsForDueWork) }
        let replies = commit(&batch)
        for ((identity, waits), reply) in zip(waiting, replies) {
            guard let identity else { continue }
            if waits { held.append((identity, reply)) } else { try send(reply, to: identity) }
        }
    }

    /// Whether replies wait for due work to fire.
    public var isHoldingReplies: Bool { !held.isEmpty }

    /// Sends the held replies: the host calls it once nothing is due by now.
    public func releaseHeldReplies() throws {
        let replies = held
        held.removeAll()
        for (identity, reply) in replies { try send(reply, to: identity) }
    }

    /// Runs `batch` in one transaction, each command undone alone if refused; returns a reply per command.
    /// A refused command undoes only itself; a storage failure abandons the transaction and
    /// refuses the whole batch, none of which took effect.
    private func commit(_ batch: inout [Pending]) -> [Data] {
        defer { batch.removeAll() }
        let pending = batch
        do {
            let (outcomes, events) = try store.write { transaction in
                try pending.map { item -> (reply: Data, accepted: Bool) in
                    do {
                        return (try transaction.attempt { try item.run(item.request, item.context, &$0) }, true)
                    } catch let error as ProtocolError {
                        return (failure(key: item.request.head.key, cmd: item.request.head.cmd, error), false)
                    } catch let error as SQLiteError where error.isConstraint {
                        return (refusal(error, key: item.request.head.key, cmd: item.request.head.cmd), false)
                    }
                }
            }
            commits += 1
            committedCommands += Int64(pending.count)
            for (item, outcome) in zip(pending, outcomes) where outcome.accepted {
                tally.answered(item.request.head.cmd, known: isKnown)
            }
            publish(events)
            return outcomes.map(\.reply)
        } catch let lost as TransactionLost {
            return pending.map { refusal(lost.underlying, key: $0.request.head.key, cmd: $0.request.head.cmd) }
        } catch {
            return pending.map { refusal(error, key: $0.request.head.key, cmd: $0.request.head.cmd) }
        }
    }

    private func send(_ reply: Data, to identity: Data) throws {
        do {
            if try !socket.send([identity, Data(), reply], dontWait: true) {
                logger.warning("reply dropped: the client's queue is full; its retry with the same key gets it again")
            }
        } catch let error as ZMQError where error.code == EHOSTUNREACH {
            logger.info("reply dropped: the client went away")
        }
    }

    private func principal(of request: Request, userID: String?) throws(ProtocolError) -> Principal? {
        if trust == .keys {
            guard request.head.as == nil else { throw .principalStatedUnderKeys }
            guard let userID, let principal = Principal(parsing: userID) else {
                logger.warning("security: a request came without the principal of a key", ["cmd": request.head.cmd])
                throw .principalRequired
            }
            return principal
        }
        guard let stated = request.head.as else { return nil }
        guard trust == .stated else { throw .principalNotAllowed }
        guard let principal = Principal(parsing: stated) else {
            throw .invalid("/as", "'as' is kind:id with kind one of \(Principal.Kind.allCases.map(\.rawValue)) and an id of letters, digits, - and _")
        }
        return principal
    }

    private func refusal(_ error: any Error, key: String?, cmd: String?) -> Data {
        switch error {
        case let error as ProtocolError:
            return failure(key: key, cmd: cmd, error)
        case let error as SQLiteError:
            return failure(key: key, cmd: cmd, storageRefusal(error))
        default:
            logger.error("command failed", ["error": error])
            return failure(key: key, cmd: cmd, ProtocolError(.internal, "internal", "\(error)"))
        }
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

    /// Whether `cmd` is a command or query this server answers (a key of its own in the tally).
    private func isKnown(_ cmd: String) -> Bool { handlers[cmd] != nil }

    private func failure(key: String?, cmd: String?, _ error: ProtocolError) -> Data {
        tally.refused(cmd, known: isKnown)
        logger.info("refused", ["code": error.code, "at": error.at, "key": key ?? "-"])
        // Someone asked what they may not: a security line, once a minute for the same refusal.
        if error.status == .forbidden {
            let (write, heldBack) = forbidden.admit("\(cmd ?? "-") \(error.code) \(error.message)",
                                                   at: DispatchTime.now().uptimeNanoseconds)
            if write {
                logger.warning("security: refused", ["cmd": cmd ?? "-", "code": error.code, "why": error.message,
                                                     "alsoRefusedSinceLastLine": heldBack])
            }
        }
        return (try? JSONCoding.encode(Reply<EmptyBody>.failure(key: key, error)))
            ?? Data(#"{"v":1,"status":"internal"}"#.utf8)
    }
}

@available(*, unavailable)
extension CommandServer: Sendable {}
