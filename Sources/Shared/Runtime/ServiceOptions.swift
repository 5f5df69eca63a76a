import Foundation
import GridCommandLine
import GridLogging
import GridStore
import GridWire

/// A service's command line.
public struct ServiceOptions: Sendable {
    /// The deployment file; nil means the embedded default.
    public var configPath: String?
    /// The folder holding the service's database (created if missing).
    public var dataDirectory: String
    /// 开发模式 — trust the principal a client states in `as` (loopback endpoints only).
    public var devPrincipals = false
    /// Start on a manual clock at this moment and accept `clock.set` / `clock.advance` (tests only).
    public var testClockStart: Date?
    /// Validate the configuration, print every mistake, and exit.
    public var checkOnly = false
    /// EvaluationService: recompute the assessment's ledger and counters from the stored facts at
    /// start (docs/assessment.md); the other services ignore it.
    public var rebuildIndicators = false
    /// Print the usage and exit (`--help`, `-h`); the rest of the command line is not read.
    public var helpOnly = false
    public var durability: ServiceStore.Durability = .full
    public var logLevel: Logger.Level = .info

    public static let usage = """
        options:
          --config PATH        deployment file (default: the embedded Jiading sample)
          --data DIR           data folder (default: $STATE_DIRECTORY, else ./data)
          --dev-principals     trust 'as' in requests; loopback endpoints only
          --test-clock TIME    start a manual clock at TIME (ISO 8601) and accept clock commands
          --durability MODE    full (default, survives power loss) or normal
          --log-level LEVEL    error, warning, notice, info (default) or debug
          --check              validate the configuration and exit
          --rebuild-indicators EvaluationService: recompute the assessment counters from the stored facts
          --help, -h           print this and exit
        """

    /// The options the services read; anything else on the command line is refused.
    static let parser = CommandLineParser(
        valueOptions: ["--config", "--data", "--test-clock", "--durability", "--log-level"],
        switches: ["--dev-principals", "--check", "--rebuild-indicators"], takesPositional: false)

    static let logLevels: [String: Logger.Level] = ["error": .error, "warning": .warning, "notice": .notice,
                                                    "info": .info, "debug": .debug]

    /// Parses `arguments` (without the program name). After `--help` nothing more is read or checked.
    public static func parse(_ arguments: [String], environment: [String: String]) throws(UsageError) -> ServiceOptions {
        let line = try parser.parse(arguments)
        var options = ServiceOptions(configPath: environment["GRIDPLUS_CONFIG"],
                                     dataDirectory: environment["STATE_DIRECTORY"] ?? "data")
        if line.helpRequested {
            options.helpOnly = true
            return options
        }
        options.configPath = line.value("--config") ?? options.configPath
        options.dataDirectory = line.value("--data") ?? options.dataDirectory
        options.devPrincipals = line.has("--dev-principals")
        options.checkOnly = line.has("--check")
        options.rebuildIndicators = line.has("--rebuild-indicators")
        options.testClockStart = try line.value("--test-clock", as: Timestamp.parse) { text in
            "--test-clock: '\(text)' is not an ISO 8601 time"
        }
        options.durability = try line.value("--durability", as: ServiceStore.Durability.init(rawValue:)) { _ in
            "--durability is full or normal"
        } ?? .full
        options.logLevel = try line.value("--log-level", as: { logLevels[$0] }) { _ in
            "--log-level is one of \(logLevels.keys.sorted())"
        } ?? .info
        return options
    }
}
