import Foundation
import GridCommandLine
import GridConfig
import GridDomain
import GridLogging
import GridSockets
import GridWire
import ZeroMQ

// gridctl: the command-line tool for people and scripts. Exit 0 done, 1 refused, 2 usage, 3 no reply
// (status: a service missing), 4 a service degraded (status), 5 its key refused, 78 config.
let words = Array(CommandLine.arguments.dropFirst())

func fail(_ status: Int32, _ message: String) -> Never {
    StandardErrorSink().write("gridctl: \(message)")
    exit(status)
}

do {
    let arguments = try Command.parser.parse(words)
    guard let verb = arguments.positional.first, !arguments.helpRequested else {
        print(Command.usage)
        exit(arguments.helpRequested ? 0 : 2)
    }
    try arguments.allow(only: Command.options(for: verb))
    if verb == "config" {
        print(DeploymentConfig.embeddedJSON)
        exit(0)
    }
    if verb == "keys" { try newKeyPair(arguments) }
    let configPath = arguments.value("--config") ?? ProcessInfo.processInfo.environment["GRIDPLUS_CONFIG"]
    let config: DeploymentConfig
    do {
        config = try DeploymentConfig.load(path: configPath)
    } catch {
        if verb == "check" {
            // --json prints the mistakes themselves: [{"path", "message"}, ...].
            print(arguments.has("--json") ? (try? JSONCoding.pretty(error.issues)) ?? "" : error.description)
            exit(78)
        }
        fail(78, error.description)
    }
    if verb == "check" {
        if arguments.has("--json") { print("[]"); exit(0) }
        print("configuration \(configPath ?? "(embedded default)") is valid: \(config.reference.grids.count) grids, \(config.reference.departments.count) departments, \(config.reference.matters.count) matters")
        exit(0)
    }
    let timeout = try arguments.value("--timeout", as: { Double($0).flatMap { $0 > 0 ? $0 : nil } }) { _ in
        "--timeout takes seconds"
    } ?? 5
    let sockets = try SocketFactory(keys: try clientKeys(config, arguments))
    let invocation = Invocation(arguments: arguments, config: config, principal: arguments.value("--as"),
                                json: arguments.has("--json"),
                                key: arguments.value("--key") ?? UUID().uuidString.lowercased(),
                                sockets: sockets, client: Client(sockets: sockets, timeout: timeout))
    try invocation.run(verb)
} catch let error as UsageError {
    fail(2, "\(error)\n\(Command.usage)")
} catch let error as ProtocolError {
    if words.contains("--json") {
        print((try? JSONCoding.pretty(Refusal(error))) ?? "")
    }
    fail(1, "refused (\(error.status.rawValue) \(error.code)\(error.at.isEmpty ? "" : " at \(error.at)")): \(error.message)")
} catch let error as ClientError {
    if case .keyRefused = error { fail(5, error.description) }
    fail(3, error.description)
} catch {
    fail(3, "\(error)")
}

/// `gridctl keys new --out FILE`: a new CURVE key pair, its secret key written to FILE (mode 0600,
/// never over an existing file), its public key printed for the deployment's key list.
func newKeyPair(_ arguments: ParsedCommandLine) throws -> Never {
    guard arguments.positional.dropFirst().elementsEqual(["new"]) else { throw UsageError("keys takes one word: new") }
    let file = try arguments.required("--out")
    let pair: CurveKeyPair
    do {
        pair = try CurveKeyFile.create(file)
    } catch {
        fail(1, "\(error)")
    }
    print(arguments.has("--json") ? (try JSONCoding.encodeString(NewKey(file: file, publicKey: pair.publicKey))) : pair.publicKey)
    exit(0)
}

/// What `gridctl --json keys new` prints.
private struct NewKey: Encodable {
    var file: String
    var publicKey: String
}

/// gridctl's own CURVE key pair when the deployment lists keys, from the file `--key-file` or
/// `GRIDPLUS_KEY_FILE` names, or from `GRIDPLUS_SECRET_KEY`: never from the command line itself.
func clientKeys(_ config: DeploymentConfig, _ arguments: ParsedCommandLine) throws -> CurveKeyPair? {
    guard config.keys != nil else { return nil }
    let environment = ProcessInfo.processInfo.environment
    if let file = arguments.value("--key-file") ?? environment["GRIDPLUS_KEY_FILE"] {
        do {
            return try CurveKeyFile.read(file)
        } catch {
            fail(2, "\(error)")
        }
    }
    if let secret = environment["GRIDPLUS_SECRET_KEY"] {
        do {
            return try CurveKeyPair(secretKey: secret.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            fail(2, "GRIDPLUS_SECRET_KEY does not hold a CURVE secret key (40 characters of Z85)")
        }
    }
    fail(2, "this deployment lists keys: give gridctl yours with --key-file FILE, GRIDPLUS_KEY_FILE or GRIDPLUS_SECRET_KEY")
}

/// What `--json` prints for a refusal: the reply's error with its status.
private struct Refusal: Encodable {
    var status: String
    var code: String
    var at: String
    var message: String
    /// `co_pending`: the co-departments still at work.
    var pending: [String]?

    init(_ error: ProtocolError) {
        status = error.status.rawValue
        code = error.code
        at = error.at
        message = error.message
        pending = error.pending
    }
}
