import Foundation
import GridDomain
import GridWire
import Testing

/// What the scenario tests on the test clock share: moving the clock, reading a stream's events
/// back by replay, and writing times.
extension Cluster {
    /// `gridctl clock …`: its reply comes once everything due by the new time has fired.
    func moveClock(_ arguments: [String]) throws {
        let moved = try gridctl(["clock"] + arguments)
        #expect(moved.status == 0, "\(moved)")
    }

    /// Every event of `stream` so far, read by replay from its producer.
    func replayed(_ stream: StreamName = .response) throws -> [ReceivedEvent] {
        let client = try RawClient(config.endpoints.producer(stream).router)
        var all: [ReceivedEvent] = []
        while true {
            let request = #"{"v":1,"cmd":"replay","body":{"stream":"\#(stream.rawValue)","after":\#(all.count)}}"#
            let answer = try #require(try client.request(request)).body(ReplayAnswer.self)
            all += try answer.events.map { try ReceivedEvent(decoding: JSONCoding.encode($0)) }
            if answer.events.isEmpty || Int64(all.count) >= answer.head { return all }
        }
    }

    /// ResponseService's events of `type` (for `department`, if given), read by replay.
    func responseEvents(_ type: String, of department: String? = nil) throws -> [ReceivedEvent] {
        try replayed(.response).filter { event in
            guard event.head.type == type else { return false }
            guard let department else { return true }
            return try event.payload(DepartmentOnly.self).department == department
        }
    }

    /// Waits until ResponseService has dispatched `whistle` to `department` (its inbox lists it).
    func awaitTask(_ whistle: String, of department: String) throws {
        let dispatched = try eventually {
            try gridctlJSON(Inbox.self, ["--as", "dept:\(department)", "inbox"]).1?.tasks
                .contains { $0.whistle == whistle } == true
        }
        #expect(dispatched, "\(whistle) dispatched to \(department)")
    }

    /// Waits until `department`'s task on `whistle` is in `state`.
    func awaitTaskState(_ whistle: String, of department: String, _ state: TaskState) throws {
        let reached = try eventually {
            try gridctlJSON(Inbox.self, ["--as", "dept:\(department)", "inbox", "--all"]).1?.tasks
                .contains { $0.whistle == whistle && $0.state == state } == true
        }
        #expect(reached, "\(whistle): \(department)'s task \(state.rawValue)")
    }

    /// Raises a whistle about `matter` as `grid` and has each department sign for it and report
    /// it done, co-departments before the lead, so that it awaits evaluation.
    func raiseAndReportBack(grid: String, matter: String, description: String = "占道经营") throws -> WhistleAccepted {
        let (raised, accepted) = try gridctlJSON(WhistleAccepted.self, [
            "--as", grid, "raise", "--matter", matter, "--description", description])
        let whistle = try #require(accepted, "\(raised)")
        for department in whistle.co + [whistle.lead] {
            try awaitTask(whistle.whistle, of: department)
            for step in [["sign", whistle.whistle], ["report", whistle.whistle, "--summary", "已处置"]] {
                let result = try gridctl(["--as", "dept:\(department)"] + step)
                #expect(result.status == 0, "\(step.joined(separator: " ")) as \(department): \(result)")
            }
        }
        let awaiting = try eventually {
            try gridctlJSON(Timeline.self, ["--as", grid, "timeline", whistle.whistle]).1?.phase == .reported
        }
        #expect(awaiting, "\(whistle.whistle) awaits evaluation")
        return whistle
    }
}

private struct DepartmentOnly: Codable, Sendable { var department: String }

/// An ISO 8601 time with its offset, as an `Instant`.
func instant(_ text: String) throws -> Instant {
    Instant(try #require(Timestamp.parse(text)))
}
