import Foundation
import GridCommandLine
import GridConfig
import GridDomain
import GridLogging
import GridWire

// gridctl: the command-line tool for people and scripts. Exit 0 done, 1 refused, 2 usage, 3 no reply
// (status: a service missing), 4 a service degraded (status), 78 config.
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
    let invocation = Invocation(arguments: arguments, config: config, principal: arguments.value("--as"),
                                json: arguments.has("--json"),
                                key: arguments.value("--key") ?? UUID().uuidString.lowercased(),
                                client: try Client(timeout: timeout))
    try invocation.run(verb)
} catch let error as UsageError {
    fail(2, "\(error)\n\(Command.usage)")
} catch let error as ProtocolError {
    if words.contains("--json") {
        print((try? JSONCoding.pretty(Refusal(error))) ?? "")
    }
    fail(1, "refused (\(error.status.rawValue) \(error.code)\(error.at.isEmpty ? "" : " at \(error.at)")): \(error.message)")
} catch let error as ClientError {
    fail(3, error.description)
} catch {
    fail(3, "\(error)")
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
