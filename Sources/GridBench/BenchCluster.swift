import Foundation
import GridConfig
import GridWire

/// The three release services as separate processes, on private abstract-ipc endpoints, with a
/// generated configuration (the embedded sample, endpoints replaced) and databases in a fresh
/// folder. The binaries are taken from the bench's own folder, so one build gives all four.
final class BenchCluster {
    enum Service: String, CaseIterable {
        case whistle = "WhistleService"
        case response = "ResponseService"
        case evaluation = "EvaluationService"

        var stream: StreamName {
            switch self {
            case .whistle: .whistle
            case .response: .response
            case .evaluation: .evaluation
            }
        }
    }

    let directory: URL
    let config: DeploymentConfig
    let binDirectory: URL
    private var processes: [Service: Process] = [:]

    /// The folder this executable is in (`.build-bench/release`).
    static var ownFolder: URL {
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// `name` makes the abstract-ipc endpoints private to this run (`ipc://@NAME-whistle-router`, …);
    /// `configure` may change the generated configuration further (phase e: `--due-batch`).
    init(directory: URL, name: String, binDirectory: URL = ownFolder,
         configure: (inout DeploymentConfig) -> Void = { _ in }) throws {
        self.directory = directory
        self.binDirectory = binDirectory
        for service in Service.allCases {
            let path = binDirectory.appendingPathComponent(service.rawValue).path
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw BenchError("\(path) is missing: build everything first (swift build -c release)")
            }
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = try DeploymentConfig.load(path: nil)
        func endpoint(_ suffix: String) -> String { "ipc://@\(name)-\(suffix)" }
        config.endpoints = Endpoints(
            whistle: .init(pub: endpoint("whistle-pub"), router: endpoint("whistle-router"), intake: endpoint("whistle-intake")),
            response: .init(pub: endpoint("response-pub"), router: endpoint("response-router")),
            evaluation: .init(pub: endpoint("evaluation-pub"), router: endpoint("evaluation-router")))
        configure(&config)
        self.config = config
        try JSONCoding.encode(config).write(to: configURL)
    }

    var configURL: URL { directory.appendingPathComponent("gridplus.json") }
    var dataDirectory: URL { directory.appendingPathComponent("data") }

    func router(_ service: Service) -> String { config.endpoints.producer(service.stream).router }
    func pub(_ service: Service) -> String { config.endpoints.producer(service.stream).pub }
    func database(_ service: Service) -> String { dataDirectory.appendingPathComponent("\(service.stream.rawValue).sqlite").path }
    func logURL(_ service: Service) -> URL { directory.appendingPathComponent("\(service.rawValue).log") }

    /// The running services' process ids, for CPU accounting.
    var pids: [(name: String, pid: Int32)] {
        Service.allCases.compactMap { service in processes[service].map { (service.rawValue, $0.processIdentifier) } }
    }

    /// Added to every service's command line (phase e: `--test-clock TIME`).
    var extraArguments: [String] = []
    /// Whether the services trust a stated principal; off under keys (phase j).
    var devPrincipals = true
    /// When each service was last launched (monotonic), for a time to readiness.
    private(set) var launchedAt: [Service: UInt64] = [:]

    /// Starts `services` (all three by default) with `--dev-principals` (unless ``devPrincipals`` is
    /// off) and `--log-level warning`
    /// (a line per event at info level would cost throughput); their stderr goes to a log file
    /// each. `environment`, when given, is added to the bench's own (phase e: `NOTIFY_SOCKET`).
    func start(_ services: [Service] = Service.allCases, environment: [String: String] = [:]) throws {
        for service in services {
            let process = Process()
            process.executableURL = binDirectory.appendingPathComponent(service.rawValue)
            process.arguments = ["--config", configURL.path, "--data", dataDirectory.path, "--log-level", "warning"]
                + (devPrincipals ? ["--dev-principals"] : []) + extraArguments
            if !environment.isEmpty {
                process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            }
            _ = FileManager.default.createFile(atPath: logURL(service).path, contents: nil)
            let log = try FileHandle(forWritingTo: logURL(service))
            process.standardError = log
            process.standardOutput = log
            launchedAt[service] = Monotonic.now()
            try process.run()
            processes[service] = process
        }
    }

    /// A running service's process id.
    func pid(_ service: Service) -> Int32? { processes[service]?.processIdentifier }

    /// Whether a started service has not exited yet.
    func isRunning(_ service: Service) -> Bool { processes[service]?.isRunning ?? false }

    /// Sends SIGTERM to each, newest first, and waits (bounded) for its exit status; nil if it had
    /// to be killed.
    func stop(timeout: TimeInterval = 30) -> [(Service, Int32?)] {
        Service.allCases.reversed().compactMap { service in
            guard let process = processes.removeValue(forKey: service) else { return nil }
            process.terminate()
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline { usleep(10_000) }
            guard !process.isRunning else {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return (service, nil)
            }
            return (service, process.terminationStatus)
        }
    }

    /// The last lines of a service's log, for a failure message.
    func logTail(_ service: Service, lines: Int = 10) -> String {
        let text = (try? String(contentsOf: logURL(service), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    deinit {
        _ = stop(timeout: 5)
    }
}
