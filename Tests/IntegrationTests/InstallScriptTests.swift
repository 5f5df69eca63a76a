import Foundation
import Testing

/// deploy/install.sh staged under DESTDIR: the install, the uninstall and the purge, each checked
/// by the exact list of files it leaves. `--bin-dir` installs the debug binaries this run built,
/// so nothing is compiled again. `systemctl`, `useradd`, `userdel`, `groupdel` and `chown` are
/// stand-ins on PATH that record every call: under DESTDIR none may be called.
struct InstallScriptTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("deploy/install.sh")
    static let systemCommands = ["systemctl", "useradd", "userdel", "groupdel", "chown"]

    /// The folders of the file system's own layout that the files go into: not Grid+'s, so an
    /// uninstall leaves them (on a real system, /usr/local/bin and /etc/systemd/system).
    static let layout = ["etc", "etc/systemd", "etc/systemd/system", "usr", "usr/local", "usr/local/bin"]
    static let programs = ["usr/local/bin/EvaluationService", "usr/local/bin/ResponseService",
                           "usr/local/bin/WhistleService", "usr/local/bin/gridctl"]
    static let units = ["etc/systemd/system/gridplus-evaluation.service", "etc/systemd/system/gridplus-response.service",
                        "etc/systemd/system/gridplus-whistle.service", "etc/systemd/system/gridplus.target"]
    static let configuration = ["etc/gridplus", "etc/gridplus/gridplus.json"]
    /// What the services leave behind once started: systemd makes /var/lib/gridplus
    /// (StateDirectory=) and each service its database; an operator adds a drop-in.
    static let dataAndDropIn = ["var", "var/lib", "var/lib/gridplus", "var/lib/gridplus/whistle.sqlite",
                                "etc/systemd/system/gridplus-whistle.service.d",
                                "etc/systemd/system/gridplus-whistle.service.d/override.conf"]

    /// A DESTDIR and a folder of recording stand-ins, both fresh.
    final class Stage {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridplus-install-\(UUID().uuidString.prefix(8))")
        var destdir: URL { folder.appendingPathComponent("root") }
        var fakes: URL { folder.appendingPathComponent("fakes") }
        var calls: URL { folder.appendingPathComponent("calls") }

        init() throws {
            try FileManager.default.createDirectory(at: destdir, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: fakes, withIntermediateDirectories: true)
            for command in InstallScriptTests.systemCommands {
                let fake = fakes.appendingPathComponent(command)
                try "#!/bin/sh\necho \"$0 $*\" >> '\(calls.path)'\nexit 1\n".write(to: fake, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
            }
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func run(_ arguments: [String]) throws -> CommandResult {
            let path = fakes.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            return try CommandResult.run(executable: URL(fileURLWithPath: "/bin/bash"), [InstallScriptTests.script.path] + arguments,
                                         environment: ["DESTDIR": destdir.path, "PATH": path])
        }

        /// Every path under DESTDIR, folders included, relative to it and sorted.
        func tree() throws -> [String] { try FileManager.default.subpathsOfDirectory(atPath: destdir.path).sorted() }

        func permissions(_ path: String) throws -> Int {
            let attributes = try FileManager.default.attributesOfItem(atPath: destdir.appendingPathComponent(path).path)
            return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }

        var systemCalls: String { (try? String(contentsOf: calls, encoding: .utf8)) ?? "" }
    }

    @Test func aStagedInstallUninstallAndPurgeLeaveExactlyTheirFiles() throws {
        let stage = try Stage()

        let install = try stage.run(["--bin-dir", Cluster.binDirectory.path])
        #expect(install.status == 0, "\(install)")
        #expect(try stage.tree() == (Self.layout + Self.programs + Self.units + Self.configuration).sorted())
        for program in Self.programs { #expect(try stage.permissions(program) == 0o755, "\(program)") }
        for unit in Self.units { #expect(try stage.permissions(unit) == 0o644, "\(unit)") }
        #expect(try stage.permissions("etc/gridplus") == 0o750)
        #expect(try stage.permissions("etc/gridplus/gridplus.json") == 0o640)
        let staged = try Data(contentsOf: stage.destdir.appendingPathComponent("etc/systemd/system/gridplus-whistle.service"))
        let source = try Data(contentsOf: UnitFileTests.unitFolder.appendingPathComponent("gridplus-whistle.service"))
        #expect(staged == source, "the units are installed unchanged")

        // What running the services would add: data, and an operator's drop-in (configuration).
        let data = stage.destdir.appendingPathComponent("var/lib/gridplus")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data().write(to: data.appendingPathComponent("whistle.sqlite"))
        let dropIn = stage.destdir.appendingPathComponent("etc/systemd/system/gridplus-whistle.service.d")
        try FileManager.default.createDirectory(at: dropIn, withIntermediateDirectories: true)
        try "[Service]\nLogLevelMax=notice\n".write(to: dropIn.appendingPathComponent("override.conf"), atomically: true, encoding: .utf8)

        let kept = (Self.layout + Self.configuration + Self.dataAndDropIn).sorted()
        let uninstall = try stage.run(["--uninstall"])
        #expect(uninstall.status == 0, "\(uninstall)")
        #expect(try stage.tree() == kept, "binaries and units gone; configuration, drop-in and data kept")
        #expect(uninstall.stderr.contains("--purge"), "it says what it kept and how to remove it: \(uninstall)")

        let again = try stage.run(["--uninstall"])
        #expect(again.status == 0, "\(again)")
        #expect(again.stderr.contains("nothing to do"), "\(again)")
        #expect(try stage.tree() == kept)

        let purge = try stage.run(["--uninstall", "--purge"])
        #expect(purge.status == 0, "\(purge)")
        #expect(try stage.tree() == (Self.layout + ["var", "var/lib"]).sorted(), "nothing of Grid+ is left")

        let purgeAgain = try stage.run(["--uninstall", "--purge"])
        #expect(purgeAgain.status == 0, "\(purgeAgain)")
        #expect(purgeAgain.stderr.contains("nothing to do"), "\(purgeAgain)")

        #expect(stage.systemCalls == "", "under DESTDIR no user, no chown, no systemctl")
    }

    @Test func uninstallWithPurgeRightAfterAnInstallRemovesEverything() throws {
        let stage = try Stage()
        #expect(try stage.run(["--bin-dir", Cluster.binDirectory.path]).status == 0)
        let purge = try stage.run(["--uninstall", "--purge"])
        #expect(purge.status == 0, "\(purge)")
        #expect(try stage.tree() == Self.layout)
        #expect(stage.systemCalls == "")
    }

    /// An upgrade from the shared data folder: each service's files move into its own folder, owned
    /// by its user (chown recorded by the stand-in); run again, nothing moves; both layouts at
    /// once, nothing moves and it says which files clash.
    @Test func anUpgradeMovesEachServicesDataIntoItsOwnFolderOnce() throws {
        let stage = try Stage()
        // A chown stand-in that records and succeeds.
        let chown = stage.fakes.appendingPathComponent("chown")
        try "#!/bin/sh\necho \"chown $*\" >> '\(stage.calls.path)'\n".write(to: chown, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: chown.path)
        let data = stage.destdir.appendingPathComponent("var/lib/gridplus")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let shared = ["whistle.sqlite", "whistle.sqlite-wal", "whistle-transport.key", "response.sqlite",
                      "evaluation.sqlite", "evaluation-ballot.key", "unrelated.txt"]
        for name in shared { try Data(name.utf8).write(to: data.appendingPathComponent(name)) }
        let split = { try CommandResult.run(executable: URL(fileURLWithPath: "/bin/bash"), [
            "-c", "set -euo pipefail; source deploy/lib/layout.sh; gridplus_split_data \"$0\"", data.path,
        ], in: Self.script.deletingLastPathComponent().deletingLastPathComponent(),
           environment: ["PATH": stage.fakes.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]) }
        let first = try split()
        #expect(first.status == 0, "\(first)")
        let tree: [String] = try FileManager.default.subpathsOfDirectory(atPath: data.path).sorted()
        #expect(tree == ["evaluation", "evaluation/evaluation-ballot.key", "evaluation/evaluation.sqlite", "response",
                         "response/response.sqlite", "unrelated.txt", "whistle", "whistle/whistle-transport.key",
                         "whistle/whistle.sqlite", "whistle/whistle.sqlite-wal"])
        for service in ["whistle", "response", "evaluation"] {
            let mode = try FileManager.default.attributesOfItem(atPath: data.appendingPathComponent(service).path)[.posixPermissions] as? Int
            #expect(mode == 0o700, "\(service)")
            #expect(stage.systemCalls.contains("chown -R gridplus-\(service):gridplus \(data.path)/\(service)"))
        }
        #expect(try Data(contentsOf: data.appendingPathComponent("whistle/whistle.sqlite")) == Data("whistle.sqlite".utf8))

        let again = try split()
        #expect(again.status == 0 && !again.stderr.contains("moved"), "\(again)")
        try Data("old".utf8).write(to: data.appendingPathComponent("response.sqlite"))
        let clash = try split()
        #expect(clash.status != 0 && clash.stderr.contains("response.sqlite both exist"), "\(clash)")
        #expect(try Data(contentsOf: data.appendingPathComponent("response/response.sqlite")) == Data("response.sqlite".utf8))
    }

    /// A host of a deployment on separate hosts: its own service, its unit and gridctl; two names
    /// in any order install both, each once.
    @Test func aServiceHostGetsOnlyItsServicesAndGridctl() throws {
        let stage = try Stage()
        let install = try stage.run(["--bin-dir", Cluster.binDirectory.path, "--services", "response"])
        #expect(install.status == 0, "\(install)")
        let responseOnly = ["usr/local/bin/ResponseService", "usr/local/bin/gridctl",
                            "etc/systemd/system/gridplus-response.service", "etc/systemd/system/gridplus.target"]
        #expect(try stage.tree() == (Self.layout + responseOnly + Self.configuration).sorted())

        let more = try stage.run(["--bin-dir", Cluster.binDirectory.path, "--services=evaluation,response,evaluation"])
        #expect(more.status == 0, "\(more)")
        let both = responseOnly + ["usr/local/bin/EvaluationService", "etc/systemd/system/gridplus-evaluation.service"]
        #expect(try stage.tree() == (Self.layout + both + Self.configuration).sorted())

        let purge = try stage.run(["--uninstall", "--purge"])
        #expect(purge.status == 0, "\(purge)")
        #expect(try stage.tree() == Self.layout, "the uninstall removes whatever is installed")
        #expect(stage.systemCalls == "")
    }

    @Test func helpPrintsTheUsageOnStandardOutput() throws {
        let stage = try Stage()
        let result = try stage.run(["--help"])
        #expect(result.status == 0, "\(result)")
        #expect(["--bin-dir", "--services", "--uninstall", "--purge", "DESTDIR"].filter { !result.stdout.contains($0) } == [], "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        #expect(try stage.tree() == [])
    }

    @Test(arguments: [["--no-such-option"], ["--purge"], ["--uninstall", "--bin-dir", "/tmp"], ["--bin-dir"], ["--services"],
                      ["--services", "whistle,nope"], ["--services", ""], ["--services="], ["--uninstall", "--services", "whistle"]])
    func aBadCommandLineExits64WithTheUsageAndTouchesNothing(arguments: [String]) throws {
        let stage = try Stage()
        let result = try stage.run(arguments)
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains("usage: install.sh"), "\(result)")
        #expect(try stage.tree() == [])
        #expect(stage.systemCalls == "")
    }
}
