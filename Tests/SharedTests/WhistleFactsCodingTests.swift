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

    @Test func instantsAreMillisecondsSince1970AndAbsentOptionalsFalseAndEmptyListsAreLeftOut() throws {
        var facts = Self.bare
        facts.tasks = [TaskFacts(department: "JD-LHSR", lead: false, dispatchedAt: facts.raisedAt, signDueAt: facts.raisedAt,
                                 disposeDueAt: facts.raisedAt)]
        let text = try JSONCoding.encodeString(facts)
        #expect(text == #"{"grid":"JD-NX-A01-G01-M02","id":"JD-20261101-0002","lead":"","matter":"food-safety","raisedAt":1793462401000,"#
            + #""tasks":[{"department":"JD-LHSR","dispatchedAt":1793462401000,"rounds":[{"dueAt":1793462401000}],"#
            + #""signDueAt":1793462401000}],"town":"JD-NX","windowDays":0}"#)
    }

    /// Facts stored before `false` and empty lists were left out read back the same.
    @Test func factsWrittenInFullReadBackTheSame() throws {
        let text = #"{"climbs":[],"external":false,"grid":"JD-NX-A01-G01-M02","id":"JD-20261101-0002","lead":"","#
            + #""matter":"food-safety","raisedAt":1793462401000,"tasks":[{"department":"JD-LHSR","#
            + #""dispatchedAt":1793462401000,"extended":false,"lead":false,"requests":[],"returned":false,"#
            + #""rounds":[{"dueAt":1793462401000,"onTime":false}],"signDueAt":1793462401000,"signedOnTime":false}],"#
            + #""town":"JD-NX","verdicts":[],"windowDays":0}"#
        var facts = Self.bare
        facts.tasks = [TaskFacts(department: "JD-LHSR", lead: false, dispatchedAt: facts.raisedAt, signDueAt: facts.raisedAt,
                                 disposeDueAt: facts.raisedAt)]
        #expect(try JSONCoding.decode(WhistleFacts.self, from: Data(text.utf8)) == facts)
    }

    /// Random facts, each optional both absent and present, instants whole and fractional
    /// milliseconds: what the facts write by hand is what Foundation writes of their Codable form.
    @Test func randomFactsAreWrittenAsFoundationWritesThem() throws {
        var random = SplitMix(seed: 7)
        for round in 0..<300 {
            let full = round % 2 == 0
            func instant() -> Date {
                let seconds = Double(random.below(2_000_000_000))
                return Date(timeIntervalSince1970: full ? seconds + Double(random.below(1_000_000)) / 1_000_000 : seconds)
            }
            func maybe<T>(_ value: @autoclosure () -> T) -> T? { full || random.below(2) == 0 ? value() : nil }
            var facts = WhistleFacts(id: random.text(), grid: random.text(), town: random.text(), area: maybe(random.text()),
                                     matter: random.text(), raisedAt: instant(), external: random.below(2) == 0)
            facts.lead = random.text()
            facts.windowDays = random.below(30)
            facts.tasks = (0..<random.below(4)).map { _ in
                var task = TaskFacts(department: random.text(), lead: random.below(2) == 0, dispatchedAt: instant(),
                                     signDueAt: instant(), disposeDueAt: instant())
                task.signedAt = maybe(instant())
                task.signedOnTime = random.below(2) == 0
                task.signMinutes = maybe(random.below(10_000))
                task.rounds += (0..<random.below(3)).map { _ in .init(dueAt: instant(), reportedAt: maybe(instant()), onTime: full) }
                task.requests = (0..<random.below(3)).map { _ in
                    var request = TaskFacts.Request(kind: random.below(2) == 0 ? .return : .extension, at: instant(),
                                                    decideBy: maybe(instant()))
                    request.decidedAt = maybe(instant())
                    request.granted = maybe(random.below(2) == 0)
                    return request
                }
                task.returned = random.below(2) == 0
                task.extended = random.below(2) == 0
                return task
            }
            facts.climbs = (0..<random.below(3)).map { _ in
                .init(level: random.below(5), coordinator: random.text(), at: instant(), dueAt: instant())
            }
            facts.reportedBackAt = maybe(instant())
            facts.verdicts = (0..<random.below(3)).map { _ in
                .init(department: random.text(), round: random.below(4), at: instant(), solved: random.below(2) == 0)
            }
            facts.closedAt = maybe(instant())
            facts.closedAs = maybe(random.below(2) == 0 ? .evaluated : .notEvaluated)
            facts.closeMinutes = maybe(random.below(100_000))
            let ours = String(decoding: try JSONCoding.encode(facts), as: UTF8.self)
            #expect(ours == String(decoding: try Self.foundation().encode(facts), as: UTF8.self))
            // Read back exactly where the instants are whole seconds; a fraction may not survive
            // the trip through milliseconds in floating point.
            if !full { #expect(try JSONCoding.decode(WhistleFacts.self, from: Data(ours.utf8)) == facts) }
        }
    }

    @Test func aTaskWithoutARoundIsRefused() throws {
        var text = try JSONCoding.encodeString(Self.full)
        text = text.replacingOccurrences(of: #"\"rounds\":\[[^\]]*\]"#, with: #""rounds":[]"#, options: .regularExpression)
        #expect(throws: DecodingError.self) { try JSONCoding.decode(WhistleFacts.self, from: Data(text.utf8)) }
    }
}
