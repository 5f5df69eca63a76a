import Foundation
import Testing

/// The systemd units in deploy/systemd, as systemd itself judges them: `systemd-analyze verify`
/// has nothing to say, and `systemd-analyze security` rates each service's exposure 1.5 or lower
/// (docs/operations.md). Where systemd-analyze is missing the tests are skipped, unless `CI` is set
/// in the environment: there a missing systemd-analyze fails them (docs/testing.md).
struct UnitFileTests {
    static let unitFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("deploy/systemd")
    static let services = ["gridplus-whistle.service", "gridplus-response.service", "gridplus-evaluation.service"]
    static let units = services + ["gridplus.target"]
    /// What docs/operations.md promises: "OK" on systemd's scale, where 0 is the best and 10 the worst.
    static let highestExposure = 1.5

    static let systemdAnalyze: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("systemd-analyze") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
    static let runs = systemdAnalyze != nil || ProcessInfo.processInfo.environment["CI"] != nil

    /// Copies of the units as install.sh installs them (it copies deploy/systemd unchanged), in a
    /// fresh folder, with one adjustment: `ExecStart` names the built binary instead of
    /// /usr/local/bin, because verify checks that the program exists and is executable. The path
    /// is quoted, as systemd allows, in case the build folder has a space in it. Nothing else is
    /// changed: verify (systemd 252) does not look up `User=gridplus` nor the `--config` path in the
    /// arguments, and `StateDirectory=` needs no folder to exist. gridplus.target is copied
    /// alongside, since the services are `PartOf=` it.
    static func installedCopies() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridplus-units-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for unit in units {
            var text = try String(contentsOf: unitFolder.appendingPathComponent(unit), encoding: .utf8)
            for service in Cluster.Service.allCases {
                let built = Cluster.binDirectory.appendingPathComponent(service.rawValue).path
                text = text.replacingOccurrences(of: "ExecStart=/usr/local/bin/\(service.rawValue) ",
                                                 with: "ExecStart=\"\(built)\" ")
            }
            try text.write(to: folder.appendingPathComponent(unit), atomically: true, encoding: .utf8)
        }
        return folder
    }

    static func analyze(_ arguments: [String]) throws -> CommandResult {
        let program = try #require(systemdAnalyze, "systemd-analyze is not on PATH, and CI is set: the units must be checked")
        return try CommandResult.run(executable: program, arguments)
    }

    @Test(.enabled(if: runs, "systemd-analyze is not on PATH (with CI set, that fails the test)"), arguments: units)
    func verifyHasNothingToSay(unit: String) throws {
        let folder = try Self.installedCopies()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent(unit)
        if unit.hasSuffix(".service") {
            let text = try String(contentsOf: copy, encoding: .utf8)
            #expect(text.contains("ExecStart=\"\(Cluster.binDirectory.path)/"), "ExecStart points at the built binary")
        }
        let result = try Self.analyze(["verify", copy.path])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty, "verify prints nothing: \(result)")
    }

    /// Read offline from the unit file itself (`--offline=yes` takes a path on systemd 252).
    @Test(.enabled(if: runs, "systemd-analyze is not on PATH (with CI set, that fails the test)"), arguments: services)
    func securityRatesTheExposureOneAndAHalfAtMost(unit: String) throws {
        let result = try Self.analyze(["security", "--offline=yes", Self.unitFolder.appendingPathComponent(unit).path])
        #expect(result.status == 0, "\(result)")
        // "→ Overall exposure level for gridplus-whistle.service: 1.5 OK 🙂"
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("Overall exposure level for \(unit):") },
                                "\(result)")
        let figure = line.split(separator: ":").last?.split(separator: " ").first.map(String.init) ?? ""
        let exposure = try #require(Double(figure), "\(line)")
        #expect(exposure <= Self.highestExposure, "\(line)")
    }
}
