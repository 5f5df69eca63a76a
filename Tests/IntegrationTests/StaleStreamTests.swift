import Foundation
import GridWire
import Testing

/// A producer that has gone quiet: its consumers report its stream `stale` after three heartbeat
/// intervals (600 ms here) without a word from it, and healthy again once they hear it, with no
/// operator and without `degraded`.
@Suite(.serialized) struct StaleStreamTests {
    @Test func aStoppedProducerIsStaleToItsConsumersUntilItIsHeardAgain() throws {
        let cluster = try Cluster(heartbeatMilliseconds: 200)
        try cluster.start()
        func consumed(_ service: StreamName, _ stream: String) throws -> ServiceStatus.ConsumedStream.State? {
            try cluster.gridctlJSON(ServiceStatus.self, ["status", service.rawValue]).1?.consumed[stream]?.state
        }
        let healthy = try eventually {
            try consumed(.evaluation, "response") == .ok && consumed(.whistle, "response") == .ok
        }
        #expect(healthy)

        cluster.signal(.response, SIGSTOP)
        let stale = try eventually {
            try consumed(.evaluation, "response") == .stale && consumed(.whistle, "response") == .stale
        }
        #expect(stale, "EvaluationService and WhistleService, sparse as it is, stop hearing ResponseService")
        let status = try #require(try cluster.gridctlJSON(ServiceStatus.self, ["status", "evaluation"]).1)
        #expect(status.state == .ok && status.problems.isEmpty, "a quiet producer needs no operator: not degraded")
        #expect(status.consumed["whistle"]?.state == .ok, "the other stream is heard")
        let said = try cluster.gridctl(["status", "evaluation"]).stdout
        #expect(said.contains("STALE"), "gridctl status says so: \(said)")

        cluster.signal(.response, SIGCONT)
        let back = try eventually {
            try consumed(.evaluation, "response") == .ok && consumed(.whistle, "response") == .ok
        }
        #expect(back, "it clears by itself")
        for (service, code) in cluster.stopAll() { #expect(code == 0, "\(service.rawValue)") }
    }
}
