import Foundation
import GridConfig
import GridWire

/// The three built services as separate processes on private abstract-ipc endpoints, with their
/// databases and logs in a fresh temporary folder, and gridctl pointed at them.
final class Cluster: @unchecked Sendable {
    // @unchecked: a cluster is used by one test at a time; `processes` is only touched from it.
    enum Service: String, CaseIterable {
        case whistle = "WhistleService"
        case response = "ResponseService"
        case evaluation = "EvaluationService"
    }

    let directory: URL
    let configPath: String
    let config: DeploymentConfig
    private var processes: [Service: Process] = [:]
    private let testClock: String?
    /// What runs each service, when not the binary itself (`ip netns exec <host>`: NetworkHosts).
    var launchers: [Service: [String]] = [:]

    static var binDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["GRIDPLUS_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        // Tests/IntegrationTests/Support/Cluster.swift → the package root's .build/debug.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug")
    }

    /// `adjust` changes the generated configuration before it is written (a test configuration's
    /// limits in seconds, say).
    init(testClock: String? = nil, heartbeatMilliseconds: Int = 200,
         adjust: (inout DeploymentConfig) throws -> Void = { _ in }) throws {
        self.testClock = testClock
        let name = "gridplus-test-\(UUID().uuidString.prefix(8).lowercased())"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = try DeploymentConfig.load(path: nil)
        func endpoint(_ suffix: String) -> String { "ipc://@\(name)-\(suffix)" }
        config.endpoints = Endpoints(
            whistle: .init(pub: endpoint("whistle-pub"), router: endpoint("whistle-router"), intake: endpoint("whistle-intake")),
            response: .init(pub: endpoint("response-pub"), router: endpoint("response-router")),
            evaluation: .init(pub: endpoint("evaluation-pub"), router: endpoint("evaluation-router")))
        config.limits.heartbeatMilliseconds = heartbeatMilliseconds
        config.limits.replayTimeoutMilliseconds = 500
        try adjust(&config)
        self.config = config
        configPath = directory.appendingPathComponent("gridplus.json").path
        try JSONCoding.encode(config).write(to: URL(fileURLWithPath: configPath))
    }

    deinit {
        for process in processes.values where process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        // GRIDPLUS_KEEP_TEST_DATA=1 keeps the databases and logs of every test for a look afterwards.
        if ProcessInfo.processInfo.environment["GRIDPLUS_KEEP_TEST_DATA"] == nil {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Starts the services in the given order, each with `--dev-principals` (and the test clock if any).
    /// `fileSizeLimitKiB` starts the services under bash's `ulimit -f`, so their writes fail like a
    /// full disk. bash counts 1,024-byte blocks, unless in POSIX mode (512-byte blocks), which
    /// `set +o posix` turns off whatever the environment says.
    func start(_ services: [Service] = Service.allCases, extra: [String] = [], fileSizeLimitKiB: Int? = nil) throws {
        for service in services {
            let process = Process()
            let binary = Self.binDirectory.appendingPathComponent(service.rawValue).path
            var arguments = ["--config", configPath, "--data", directory.appendingPathComponent("data").path]
            if !extra.contains("--no-dev") { arguments.append("--dev-principals") }
            if let testClock { arguments += ["--test-clock", testClock] }
            arguments += extra.filter { $0 != "--no-dev" }
            if let launcher = launchers[service] {
                (process.executableURL, process.arguments) = Self.launch(binary, arguments, with: launcher)
            } else if let limit = fileSizeLimitKiB {
                process.executableURL = URL(fileURLWithPath: "/bin/bash")
                process.arguments = ["-c", "set +o posix && ulimit -f \(limit) && exec \"$0\" \"$@\"", binary] + arguments
            } else {
                process.executableURL = URL(fileURLWithPath: binary)
                process.arguments = arguments
            }
            let log = directory.appendingPathComponent("\(service.rawValue).log")
            if !FileManager.default.fileExists(atPath: log.path) { _ = FileManager.default.createFile(atPath: log.path, contents: nil) }
            let handle = try FileHandle(forWritingTo: log)
            handle.seekToEndOfFile()
            process.standardError = handle
            process.standardOutput = handle
            try process.run()
            processes[service] = process
        }
    }

    /// The program and arguments that run `binary` with `arguments` through `launcher` (a command
    /// that runs the rest of its line, such as `ip netns exec <namespace>`); the binary itself
    /// when `launcher` is empty.
    static func launch(_ binary: String, _ arguments: [String], with launcher: [String]) -> (URL, [String]) {
        guard let first = launcher.first else { return (URL(fileURLWithPath: binary), arguments) }
        return (URL(fileURLWithPath: first), launcher.dropFirst() + [binary] + arguments)
    }

    /// Sends SIGTERM and waits (bounded) for the exit; returns the exit status.
    @discardableResult
    func stop(_ service: Service, timeout: TimeInterval = 15) -> Int32? {
        guard let process = processes.removeValue(forKey: service) else { return nil }
        process.terminate()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    /// `kill -9`: no chance to finish anything.
    func crash(_ service: Service) {
        guard let process = processes.removeValue(forKey: service) else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Sends `signal` to a running service (SIGSTOP freezes it, SIGCONT thaws it).
    func signal(_ service: Service, _ signal: Int32) {
        guard let process = processes[service] else { return }
        kill(process.processIdentifier, signal)
    }

    /// Stops every running service; returns their exit statuses.
    func stopAll() -> [Service: Int32?] {
        var statuses: [Service: Int32?] = [:]
        for service in Service.allCases where processes[service] != nil { statuses[service] = stop(service) }
        return statuses
    }

    /// The soft file-size limit (`RLIMIT_FSIZE`) of a running service in bytes, read from `/proc`;
    /// nil when it is unlimited or the service is not running.
    func fileSizeLimitBytes(_ service: Service) -> Int? {
        guard let process = processes[service],
              let limits = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/limits", encoding: .utf8),
              let line = limits.split(separator: "\n").first(where: { $0.hasPrefix("Max file size") })
        else { return nil }
        // "Max file size   <soft>   <hard>   bytes"
        let fields = line.dropFirst("Max file size".count).split(separator: " ")
        return fields.first.flatMap { Int($0) }
    }

    func log(_ service: Service) -> String {
        (try? String(contentsOf: directory.appendingPathComponent("\(service.rawValue).log"), encoding: .utf8)) ?? ""
    }

    /// Runs gridctl against this cluster and returns its exit status and output.
    func gridctl(_ arguments: [String]) throws -> CommandResult {
        try CommandResult.run("gridctl", ["--config", configPath, "--timeout", "10"] + arguments)
    }

    /// gridctl with `--json`, decoding its output as `T` when it was answered: exit 0, or 4 (`status`
    /// of a degraded service, which prints its answer all the same).
    func gridctlJSON<T: Decodable>(_ type: T.Type, _ arguments: [String]) throws -> (CommandResult, T?) {
        let result = try gridctl(["--json"] + arguments)
        guard result.status == 0 || result.status == 4 else { return (result, nil) }
        return (result, try? JSONCoding.decode(T.self, from: Data(result.stdout.utf8)))
    }
}

struct CommandResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }

    /// Runs the built program `name` to its end (in `folder`, if given) and captures its output.
    static func run(_ name: String, _ arguments: [String], in folder: URL? = nil) throws -> CommandResult {
        try run(executable: Cluster.binDirectory.appendingPathComponent(name), arguments, in: folder)
    }

    /// Runs any program to its end; `environment` is added to the test's own.
    static func run(executable: URL, _ arguments: [String], in folder: URL? = nil,
                    environment: [String: String] = [:]) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes are read at once: a child that fills one while we wait on the other would block.
        let errors = ReadToEnd(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.wait()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                             stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// Reads a file handle to its end on a thread of its own.
private final class ReadToEnd: @unchecked Sendable {
    // @unchecked: `data` is written by the reading thread before `done` is signalled and read only after.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: TimeInterval = 20, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    repeat {
        if try condition() { return true }
        usleep(50_000)
    } while Date() < deadline
    return false
}

/// Polls `produce` until it gives a value or `timeout` passes.
func firstValue<T>(timeout: TimeInterval = 20, _ produce: () throws -> T?) rethrows -> T? {
    let deadline = Date().addingTimeInterval(timeout)
    repeat {
        if let value = try produce() { return value }
        usleep(50_000)
    } while Date() < deadline
    return nil
}

/// A test harness that could not do what it was asked (make a key, a host), with why.
struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
