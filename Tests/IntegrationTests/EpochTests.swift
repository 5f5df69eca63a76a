import Foundation
import GridWire
import Testing

/// A producer whose database was rebuilt starts a new epoch; consumers stop applying its stream
/// and report themselves degraded rather than silently starting over.
@Suite(.serialized) struct EpochTests {
    @Test func aRebuiltProducerDatabaseLeavesItsConsumersDegradedNotReset() throws {
        let cluster = try Cluster()
        try cluster.start()
        let (_, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", "grid:JD-NX-A01-G01-M01", "raise", "--matter", "muck-truck", "--description", "x"])
        #expect(accepted != nil)
        let applied = try eventually {
            try cluster.gridctlJSON(ServiceStatus.self, ["status", "response"]).1?.consumed["whistle"]?.last == 3
        }
        #expect(applied)

        #expect(cluster.stop(.whistle) == 0)
        let data = cluster.directory.appendingPathComponent("data")
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(at: data.appendingPathComponent("whistle.sqlite\(suffix)"))
        }
        try cluster.start([.whistle])

        let degraded = try firstValue {
            let status = try cluster.gridctlJSON(ServiceStatus.self, ["status", "response"]).1
            return status?.state == .degraded ? status : nil
        }
        let status = try #require(degraded)
        #expect(status.problems.contains { $0.contains("epoch") })
        #expect(status.consumed["whistle"]?.last == 3, "nothing of the new epoch was applied")
        #expect(try cluster.gridctl(["status"]).status == 4, "gridctl status exits 4 while a service is degraded")
        for (service, code) in cluster.stopAll() { #expect(code == 0, "\(service.rawValue)") }
    }
}
