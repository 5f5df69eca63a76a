import Foundation
import GridWire
import SQLite
import Testing

/// A database that cannot be written gets a clear refusal and no half-written state; the service
/// reports itself degraded and refuses commands rather than accept what it cannot keep.
@Suite(.serialized) struct StorageFaultTests {
    static func raise(_ n: Int) -> String {
        #"{"v":1,"cmd":"raise","key":"fill-\#(n)","as":"grid:JD-NX-A01-G01-M01","body":{"matter":"exposed-garbage","description":"\#(String(repeating: "满", count: 300)) \#(n)","location":""}}"#
    }

    @Test func theServiceRunsUnderTheFileSizeLimitAskedFor() throws {
        let cluster = try Cluster()
        try cluster.start([.whistle], fileSizeLimitKiB: 2_048)
        let client = try RawClient(cluster.config.endpoints.whistle.router)
        // An answer means the shell has set the limit and become the service.
        #expect(try client.request(#"{"v":1,"cmd":"status","body":{}}"#)?.head.status == .ok)
        #expect(cluster.fileSizeLimitBytes(.whistle) == 2_048 * 1_024)
        #expect(cluster.stop(.whistle) == 0)
    }

    @Test func aFullDiskRefusesCommandsDegradesTheServiceAndLosesNothingAcknowledged() throws {
        let cluster = try Cluster()
        try cluster.start([.whistle], fileSizeLimitKiB: 2_048)
        let client = try RawClient(cluster.config.endpoints.whistle.router)
        var acknowledged: [String] = []
        var refusal: ProtocolError?
        for n in 0..<2_000 where refusal == nil {
            let reply = try #require(try client.request(Self.raise(n)))
            if reply.head.status == .ok {
                acknowledged.append(try reply.body(WhistleAccepted.self).whistle)
            } else {
                refusal = reply.head.error
                refusal?.status = reply.head.status
            }
        }
        let full = try #require(refusal, "the file-size limit was never reached")
        #expect(full.status == .unavailable)
        #expect(full.code == "storage")
        #expect(!acknowledged.isEmpty)

        let (result, status) = try cluster.gridctlJSON(ServiceStatus.self, ["status", "whistle"])
        #expect(status?.state == .degraded)
        #expect(result.status == 4, "gridctl status exits 4 for a degraded service")
        #expect(status?.problems.contains { $0.contains("cannot be written") } == true)
        let next = try #require(try client.request(Self.raise(99_999)))
        #expect(next.head.error?.code == "storage", "commands stay refused while degraded")

        // With room again, the service comes back with exactly what it acknowledged.
        #expect(cluster.stop(.whistle) == 0)
        try cluster.start([.whistle])
        let database = try Database(path: cluster.directory.appendingPathComponent("data/whistle.sqlite").path, readOnly: true)
        let stored = try database.query("SELECT id FROM whistles ORDER BY number").compactMap { $0.string(0) }
        #expect(stored == acknowledged)
        let events = try database.queryFirst("SELECT COUNT(*) FROM events")?.int(0)
        #expect(events == 1 + 2 * acknowledged.count, "no event without its whistle, no whistle without its events")
        let (_, healthy) = try cluster.gridctlJSON(ServiceStatus.self, ["status", "whistle"])
        #expect(healthy?.state == .ok)
        #expect(cluster.stop(.whistle) == 0)
    }

    @Test func aDiskThatFillsUnderAPipelinedBurstKeepsEveryBatchWholeOrAbsent() throws {
        let cluster = try Cluster()
        try cluster.start([.whistle], fileSizeLimitKiB: 2_048)
        let accepted = try Burst.raise(3_000, keyPrefix: "storm", to: cluster.config.endpoints.whistle.router)
        #expect(accepted.count < 3_000, "the file-size limit was reached mid-burst")
        #expect(cluster.stop(.whistle) == 0)

        try cluster.start([.whistle])
        let database = try Database(path: cluster.directory.appendingPathComponent("data/whistle.sqlite").path, readOnly: true)
        let stored = Set(try database.query("SELECT id FROM whistles").compactMap { $0.string(0) })
        #expect(stored == Set(accepted.map(\.whistle)), "exactly the acknowledged whistles, none of a failed batch")
        let events = try #require(try database.queryFirst("SELECT COUNT(*), MAX(seq) FROM events"))
        #expect(events.int(0) == events.int(1), "no gap in the event sequence")
        #expect(events.int(0) == 1 + 2 * accepted.count)
        #expect(cluster.stop(.whistle) == 0)
    }

    /// `chattr +i` makes a file read-only even for root (the tests run as root, so `chmod` would
    /// not); where the file system has no such flag, this test does not run.
    static let canMakeImmutable: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("gridplus-immutable-\(getpid())")
        defer { _ = chattr("-i", probe.path); try? FileManager.default.removeItem(at: probe) }
        return FileManager.default.createFile(atPath: probe.path, contents: Data()) && chattr("+i", probe.path)
    }()

    @discardableResult
    static func chattr(_ flag: String, _ path: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test(.enabled(if: canMakeImmutable)) func aDatabaseFileThatBecomesReadOnlyIsRefusedAndReportedNotHalfWritten() throws {
        let cluster = try Cluster()
        try cluster.start([.whistle])
        let client = try RawClient(cluster.config.endpoints.whistle.router)
        let first = try #require(try client.request(Self.raise(1)))
        #expect(first.head.status == .ok)
        let data = cluster.directory.appendingPathComponent("data")
        let files = ["whistle.sqlite", "whistle.sqlite-wal"].map { data.appendingPathComponent($0).path }
        for file in files { #expect(Self.chattr("+i", file)) }
        let refused = try #require(try client.request(Self.raise(2)))
        for file in files { Self.chattr("-i", file) }
        #expect(refused.head.status == .unavailable)
        #expect(refused.head.error?.code == "storage")
        let (_, status) = try cluster.gridctlJSON(ServiceStatus.self, ["status", "whistle"])
        #expect(status?.state == .degraded)

        #expect(cluster.stop(.whistle) == 0)
        try cluster.start([.whistle])
        let database = try Database(path: files[0], readOnly: true)
        #expect(try database.queryFirst("SELECT COUNT(*) FROM whistles")?.int(0) == 1, "the refused raise left nothing")
        let retried = try #require(try client.request(Self.raise(2)))
        #expect(retried.head.status == .ok, "the same key succeeds once the file is writable again")
        #expect(cluster.stop(.whistle) == 0)
    }

    @Test func aLockedDatabaseIsRefusedAsBusyAndTheSameKeySucceedsOnceReleased() throws {
        let cluster = try Cluster()
        try cluster.start([.whistle])
        let client = try RawClient(cluster.config.endpoints.whistle.router)
        #expect(try client.request(#"{"v":1,"cmd":"status","body":{}}"#)?.head.status == .ok)
        let locker = try Database(path: cluster.directory.appendingPathComponent("data/whistle.sqlite").path)
        try locker.execute("BEGIN EXCLUSIVE")
        let busy = try #require(try client.exchange([Data(), Data(Self.raise(1).utf8)], timeout: 20))
        #expect(busy.head.status == .unavailable)
        #expect(busy.head.error?.code == "busy")
        try locker.execute("COMMIT")
        let retried = try #require(try client.request(Self.raise(1)))
        #expect(retried.head.status == .ok)
        let (_, status) = try cluster.gridctlJSON(ServiceStatus.self, ["status", "whistle"])
        #expect(status?.state == .ok, "a lock that passes is not a fault that needs an operator")
        #expect(cluster.stop(.whistle) == 0)
    }

    @Test func aCorruptDatabaseStopsTheServiceAtStartWithAClearMessage() throws {
        let cluster = try Cluster()
        let data = cluster.directory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data(repeating: 0x5A, count: 8_192).write(to: data.appendingPathComponent("evaluation.sqlite"))
        let process = Process()
        process.executableURL = Cluster.binDirectory.appendingPathComponent("EvaluationService")
        process.arguments = ["--config", cluster.configPath, "--data", data.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 73)
        #expect(message.contains("cannot open its database"), "\(message)")
        #expect(message.contains("not a database"), "\(message)")
    }
}
