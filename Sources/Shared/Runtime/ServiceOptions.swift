import Foundation
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
          --help, -h           print this and exit
        """

    /// Parses `arguments` (without the program name).
    public static func parse(_ arguments: [String], environment: [String: String]) throws(UsageError) -> ServiceOptions {
        var options = ServiceOptions(configPath: environment["GRIDPLUS_CONFIG"],
                                     dataDirectory: environment["STATE_DIRECTORY"] ?? "data")
        var rest = arguments[...]
        func value(_ flag: String) throws(UsageError) -> String {
            guard let next = rest.popFirst() else { throw UsageError("\(flag) needs a value") }
            return next
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--config": options.configPath = try value(flag)
            case "--data": options.dataDirectory = try value(flag)
            case "--dev-principals": options.devPrincipals = true
            case "--check": options.checkOnly = true
            case "--help", "-h":
                options.helpOnly = true
                return options
            case "--test-clock":
                let text = try value(flag)
                guard let date = Timestamp.parse(text) else { throw UsageError("--test-clock: '\(text)' is not an ISO 8601 time") }
                options.testClockStart = date
            case "--durability":
                let text = try value(flag)
                guard let mode = ServiceStore.Durability(rawValue: text) else { throw UsageError("--durability is full or normal") }
                options.durability = mode
            case "--log-level":
                let text = try value(flag)
                let levels: [String: Logger.Level] = ["error": .error, "warning": .warning, "notice": .notice,
                                                      "info": .info, "debug": .debug]
                guard let level = levels[text] else { throw UsageError("--log-level is one of \(levels.keys.sorted())") }
                options.logLevel = level
            default:
                throw UsageError("unknown option '\(flag)'")
            }
        }
        return options
    }
}

/// A command line that cannot be used.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
