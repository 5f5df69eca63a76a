import Foundation
import GridDomain
import GridWire
import SQLite
import Testing

/// An event a consumer can never apply is kept with its reason, listed, and re-driven after a fix.
@Suite(.serialized) struct DeadLetterTests {
    @Test func anEventThatContradictsStoredStateBecomesADeadLetterThatCanBeListedAndRedriven() throws {
        let cluster = try Cluster()
        try cluster.start()
        let (_, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", "grid:JD-NX-A01-G01-M01", "raise", "--matter", "street-vending", "--description", "占道"])
        let whistle = try #require(accepted)
        let routedApplied = try eventually {
            try cluster.gridctlJSON(ServiceStatus.self, ["status", "response"]).1?.consumed["whistle"]?.last == 3
        }
        #expect(routedApplied)

        // A poison event: WhistleService's stream carries the same routing twice (as a bug might).
        #expect(cluster.stop(.whistle) == 0)
        let data = cluster.directory.appendingPathComponent("data")
        do {
            let producer = try Database(path: data.appendingPathComponent("whistle.sqlite").path)
            let routed = try #require(try producer.queryFirst("SELECT envelope FROM events WHERE seq = 3")?.string(0))
            let poison = routed.replacingOccurrences(of: #""seq":3"#, with: #""seq":4"#)
                .replacingOccurrences(of: "/3\"", with: "/4\"")
            try producer.execute("INSERT INTO events(seq, type, topic, envelope) VALUES (4, 'routed', 'whistle.routed.', ?)", [poison])
        }
        try cluster.start([.whistle])
        let movedOn = try firstValue {
            let status = try cluster.gridctlJSON(ServiceStatus.self, ["status", "response"]).1
            return status?.consumed["whistle"]?.last == 4 ? status : nil
        }
        #expect(movedOn?.counters["deadLetters"] == 1, "the stream moved past it and counted it")
        #expect(movedOn?.state == .ok, "a dead letter does not stop the service")

        let (_, listed) = try cluster.gridctlJSON(DeadLetters.self, ["--as", "district:JD", "deadletters", "--service", "response"])
        let letter = try #require(listed?.deadLetters.first)
        #expect(listed?.deadLetters.count == 1)
        #expect(letter.stream == .whistle)
        #expect(letter.seq == 4)
        #expect(letter.type == "routed")
        #expect(letter.reason.contains("UNIQUE"))

        let forbidden = try cluster.gridctlRefusal(["--as", "dept:JD-NX-CGZF", "redrive", "\(letter.id)", "--service", "response"])
        #expect(forbidden == Refusal(.forbidden, "not_permitted", at: "/as"))
        let unknown = try cluster.gridctlRefusal(["--as", "district:JD", "redrive", "999", "--service", "response"])
        #expect(unknown == Refusal(.notFound, "unknown_dead_letter", at: "/body/id"))
        let again = try cluster.gridctlRefusal(["--as", "district:JD", "redrive", "\(letter.id)", "--service", "response"])
        #expect(again == Refusal(.conflict, "still_refused", at: "/body/id"))

        // The operator repairs the contradiction, then re-drives: it applies and is gone.
        #expect(cluster.stop(.response) == 0)
        do {
            let consumer = try Database(path: data.appendingPathComponent("response.sqlite").path)
            try consumer.execute("DELETE FROM tasks WHERE whistle = ?", [whistle.whistle])
            try consumer.execute("DELETE FROM coordination WHERE whistle = ?", [whistle.whistle])
        }
        try cluster.start([.response])
        let redriven = try eventually {
            try cluster.gridctl(["--as", "district:JD", "redrive", "\(letter.id)", "--service", "response"]).status == 0
        }
        #expect(redriven)
        let (_, after) = try cluster.gridctlJSON(DeadLetters.self, ["--as", "district:JD", "deadletters", "--service", "response"])
        #expect(after?.deadLetters.isEmpty == true)
        let (_, inbox) = try cluster.gridctlJSON(Inbox.self, ["--as", "dept:\(whistle.lead)", "inbox"])
        #expect(inbox?.tasks.map(\.whistle) == [whistle.whistle])
        for (service, code) in cluster.stopAll() { #expect(code == 0, "\(service.rawValue)") }
    }
}
