import Foundation
import GridDomain
import GridWire
import Testing

/// The assessment's facts as stored: the service's own coders write the bytes Foundation's
/// `JSONEncoder` wrote with milliseconds since 1970 and sorted keys, and read them back exactly.
struct WhistleFactsCodingTests {
    static var full: WhistleFacts {
        let t = Date(timeIntervalSince1970: 1_793_462_400.1234)
        var facts = WhistleFacts(id: "JD-20261101-0001", grid: "JD-NX-A01-G01-M01", town: "JD-NX", area: "JD-NX-A01",
                                 matter: "street-vending", raisedAt: t, external: true)
        facts.lead = "JD-NX-CGZF"
        facts.windowDays = 7
        var task = TaskFacts(department: "JD-NX-CGZF", lead: true, dispatchedAt: t.addingTimeInterval(2),
                             signDueAt: t.addingTimeInterval(1_800), disposeDueAt: t.addingTimeInterval(86_400))
        task.signedAt = t.addingTimeInterval(600.0005)
        task.signedOnTime = true
        task.signMinutes = 10
        task.rounds.append(.init(dueAt: t.addingTimeInterval(172_800), reportedAt: t.addingTimeInterval(100_000), onTime: true))
        var request = TaskFacts.Request(kind: .extension, at: t.addingTimeInterval(700), decideBy: t.addingTimeInterval(7_900))
        request.decidedAt = t.addingTimeInterval(800)
        request.granted = true
        task.requests = [request, .init(kind: .return, at: t.addingTimeInterval(900), decideBy: nil)]
        task.extended = true
        facts.tasks = [task, TaskFacts(department: "JD-LHSR", lead: false, dispatchedAt: t, signDueAt: t, disposeDueAt: t)]
        facts.climbs = [.init(level: 1, coordinator: "grid:JD-NX-A01", at: t.addingTimeInterval(3_600), dueAt: t.addingTimeInterval(90_000))]
        facts.reportedBackAt = t.addingTimeInterval(100_000)
        facts.verdicts = [.init(department: "JD-NX-CGZF", round: 2, at: t.addingTimeInterval(110_000), solved: false)]
        facts.closedAt = t.addingTimeInterval(110_000)
        facts.closedAs = .evaluated
        facts.closeMinutes = 1_234
        return facts
    }

    static var bare: WhistleFacts {
        WhistleFacts(id: "JD-20261101-0002", grid: "JD-NX-A01-G01-M02", town: "JD-NX", area: nil, matter: "food-safety",
                     raisedAt: Date(timeIntervalSince1970: 1_793_462_401), external: false)
    }

    static func foundation() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    @Test(arguments: [full, bare])
    func theBytesAreWhatFoundationWroteAndReadBackExactly(facts: WhistleFacts) throws {
        let ours = try JSONCoding.encode(facts)
        #expect(String(decoding: ours, as: UTF8.self) == String(decoding: try Self.foundation().encode(facts), as: UTF8.self))
        #expect(try JSONCoding.decode(WhistleFacts.self, from: ours) == facts)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        #expect(try decoder.decode(WhistleFacts.self, from: ours) == facts)
    }

    @Test func instantsAreMillisecondsSince1970AndAbsentOptionalsAreLeftOut() throws {
        let text = try JSONCoding.encodeString(Self.bare)
        #expect(text.contains(#""raisedAt":1793462401000"#))
        #expect(!text.contains("closedAt") && !text.contains("area"))
    }

    @Test func aTaskWithoutARoundIsRefused() throws {
        var text = try JSONCoding.encodeString(Self.full)
        text = text.replacingOccurrences(of: #"\"rounds\":\[[^\]]*\]"#, with: #""rounds":[]"#, options: .regularExpression)
        #expect(throws: DecodingError.self) { try JSONCoding.decode(WhistleFacts.self, from: Data(text.utf8)) }
    }
}
