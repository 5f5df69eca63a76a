// swift-tools-version:6.0
import PackageDescription

/// Grid+ (网格+): three services over ZeroMQ, each with its own SQLite database.
/// No package dependencies: libzmq and SQLite come from Debian through system library targets.
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
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "GridDomain"),
        .target(name: "Shared", dependencies: ["ZeroMQ", "SQLite", "GridDomain"]),
        .executableTarget(name: "WhistleService", dependencies: ["Shared", "GridDomain", "ZeroMQ"]),
        .executableTarget(name: "ResponseService", dependencies: ["Shared", "GridDomain", "SQLite"]),
        .executableTarget(name: "EvaluationService", dependencies: ["Shared", "GridDomain", "SQLite"]),
        .executableTarget(name: "GridCtl", dependencies: ["Shared", "GridDomain", "ZeroMQ"]),
        // Full tier: benchmarks through the three real services, and a fuzz target for the decoders.
        .executableTarget(name: "GridBench", dependencies: ["Shared", "GridDomain", "ZeroMQ", "SQLite"]),
        .executableTarget(name: "GridFuzz", dependencies: ["Shared", "GridDomain"]),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "GridDomainTests", dependencies: ["GridDomain"]),
        .testTarget(name: "SharedTests", dependencies: ["Shared", "GridDomain", "ZeroMQ", "SQLite"]),
        .testTarget(name: "IntegrationTests", dependencies: ["Shared", "GridDomain", "ZeroMQ", "SQLite"]),
    ],
    swiftLanguageModes: [.v6]
)

// Release builds specialise and inline generic code across modules (the JSON writer and the
// SQLite wrapper are called from every service); debug builds, and so the CI tier, are unchanged.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? [])
        + [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]
}
