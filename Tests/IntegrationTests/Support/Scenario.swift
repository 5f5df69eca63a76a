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
}

private struct DepartmentOnly: Codable, Sendable { var department: String }

/// An ISO 8601 time with its offset, as an `Instant`.
func instant(_ text: String) throws -> Instant {
    Instant(try #require(Timestamp.parse(text)))
}
