import Foundation
import Testing

/// The services' own command line: `--help` is an answer, not a mistake.
struct ServiceCommandLineTests {
    static let options = ["--config", "--data", "--dev-principals", "--test-clock", "--durability",
                          "--log-level", "--check", "--help"]

    /// Runs a built service in an empty folder of its own, which it must leave empty.
    static func run(_ service: Cluster.Service, _ arguments: [String]) throws -> (CommandResult, leftBehind: [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridplus-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandResult.run(service.rawValue, arguments, in: folder)
        return (result, try FileManager.default.contentsOfDirectory(atPath: folder.path))
    }

    @Test(arguments: Cluster.Service.allCases, ["--help", "-h"])
    func helpPrintsTheUsageOnStandardOutputAndExitsZero(service: Cluster.Service, flag: String) throws {
        let (result, leftBehind) = try Self.run(service, [flag])
        #expect(result.status == 0, "\(result)")
        #expect(Self.options.filter { !result.stdout.contains($0) } == [], "every option is named: \(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        #expect(leftBehind.isEmpty, "nothing started: no data folder")
    }

    @Test(arguments: Cluster.Service.allCases)
    func anUnknownOptionIsStillABadCommandLine(service: Cluster.Service) throws {
        let (result, leftBehind) = try Self.run(service, ["--no-such-option"])
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains("--config"), "the usage goes with the mistake: \(result)")
        #expect(leftBehind.isEmpty)
    }
}
