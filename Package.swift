// swift-tools-version:6.0
import PackageDescription

/// Grid+ (网格+): three services over ZeroMQ, each with its own SQLite database.
/// No package dependencies: libzmq, SQLite and libsodium come from Debian through system library targets.
let package = Package(
    name: "GridPlus",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "WhistleService", targets: ["WhistleService"]),
        .executable(name: "ResponseService", targets: ["ResponseService"]),
        .executable(name: "EvaluationService", targets: ["EvaluationService"]),
        .executable(name: "gridctl", targets: ["GridCtl"]),
        .executable(name: "gridplus-bench", targets: ["GridBench"]),
        .executable(name: "gridplus-fuzz", targets: ["GridFuzz"]),
    ],
    targets: [
        .systemLibrary(name: "CZeroMQ", providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CSodium", providers: [.apt(["libsodium-dev"])]),
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "Sodium", dependencies: ["CSodium"]),
        .target(name: "GridDomain"),
        // Sources/Shared holds what the services share, one target per job (docs/architecture.md):
        // the log lines; the wire (messages, envelope, codec, errors), which links neither libzmq nor
        // SQLite; the deployment file; the store (outbox, command log, cursors, reference versions);
        // the runtime (host, command server, consumers, signals, systemd notify); the command-line
        // parser every program uses; the one factory every service and gridctl socket comes from.
        .target(name: "GridLogging", path: "Sources/Shared/Logging"),
        .target(name: "GridCommandLine", path: "Sources/Shared/CommandLine"),
        .target(name: "GridSockets", dependencies: ["ZeroMQ"], path: "Sources/Shared/Sockets"),
        .target(name: "GridWire", dependencies: ["GridDomain"], path: "Sources/Shared/Wire"),
        .target(name: "GridConfig", dependencies: ["GridDomain", "GridWire"], path: "Sources/Shared/Config"),
        .target(name: "GridStore", dependencies: ["SQLite", "GridDomain", "GridWire", "GridLogging"],
                path: "Sources/Shared/Store"),
        .target(name: "GridRuntime",
                dependencies: ["ZeroMQ", "SQLite", "GridDomain", "GridWire", "GridLogging", "GridConfig", "GridStore",
                               "GridCommandLine", "GridSockets"],
                path: "Sources/Shared/Runtime"),
        .executableTarget(name: "WhistleService", dependencies: ["GridRuntime", "GridDomain", "ZeroMQ", "SQLite"]),
        .executableTarget(name: "ResponseService", dependencies: ["GridRuntime", "GridDomain", "SQLite"]),
        .executableTarget(name: "EvaluationService", dependencies: ["GridRuntime", "GridDomain", "SQLite", "Sodium"]),
        .executableTarget(name: "GridCtl", dependencies: ["GridConfig", "GridWire", "GridLogging", "GridDomain", "ZeroMQ",
                                                   "GridCommandLine", "GridSockets"]),
        // Full tier: benchmarks through the three real services, and a fuzz target for the decoders.
        .executableTarget(name: "GridBench", dependencies: ["GridRuntime", "GridDomain", "ZeroMQ", "SQLite", "Sodium",
                                                     "GridCommandLine", "GridSockets"]),
        .executableTarget(name: "GridFuzz", dependencies: ["GridRuntime", "GridDomain"]),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "SodiumTests", dependencies: ["Sodium"]),
        .testTarget(name: "GridDomainTests", dependencies: ["GridDomain"]),
        .testTarget(name: "CommandLineTests", dependencies: ["GridCommandLine"]),
        // gridctl's plain parts (the status board) without sockets.
        .testTarget(name: "GridCtlTests", dependencies: ["GridCtl", "GridWire"]),
        .testTarget(name: "SharedTests", dependencies: ["GridRuntime", "GridDomain", "ZeroMQ", "SQLite", "GridSockets"]),
        .testTarget(name: "IntegrationTests", dependencies: ["GridRuntime", "GridDomain", "ZeroMQ", "SQLite", "GridSockets"]),
    ],
    swiftLanguageModes: [.v6]
)

// Release builds specialise and inline generic code across modules (the JSON writer and the
// SQLite wrapper are called from every service); debug builds, and so the CI tier, are unchanged.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? [])
        + [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]
}
