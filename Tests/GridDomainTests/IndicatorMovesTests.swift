import Foundation
import Testing
@testable import GridDomain

/// The counters' moves computed from the difference of a whistle's facts.
struct IndicatorMovesTests {
    static let a = AssessmentTests.a

    /// Every nonzero entry of the four maps, as text, for comparing moves.
    static func entries(_ moves: IndicatorMoves) -> [String: Int] {
        var out: [String: Int] = [:]
        for (key, n) in moves.counts where n != 0 { out["count \(key.day) \(key.subject) \(key.metric)"] = n }
        for (key, n) in moves.moments where n != 0 { out["moment \(key.day) \(key.minute) \(key.subject) \(key.metric)"] = n }
        for (key, n) in moves.dailySamples where n != 0 { out["day \(key.day) \(key.subject) \(key.metric) \(key.minutes)"] = n }
        for (key, n) in moves.monthlySamples where n != 0 { out["month \(key.day) \(key.subject) \(key.metric) \(key.minutes)"] = n }
        return out
    }

    @Test func aWhistleAddedThenTakenAwayLeavesEveryCounterWhereItWas() throws {
        let calendar = try Fixture.calendar()
        var moves = IndicatorMoves()
        for facts in AssessmentTests.whistles() { moves.move(from: nil, to: facts, calendar: calendar) }
        let added = Self.entries(moves)
        #expect(!added.isEmpty)
        for facts in AssessmentTests.whistles() { moves.move(from: facts, to: nil, calendar: calendar) }
        let left = Self.entries(moves)
        #expect(left.isEmpty)
    }

    @Test func theCountsAreTheContributionsOfTheFactsPerDay() throws {
        let calendar = try Fixture.calendar()
        var moves = IndicatorMoves()
        var expected: [String: Int] = [:]
        for facts in AssessmentTests.whistles() {
            moves.move(from: nil, to: facts, calendar: calendar)
            for contribution in IndicatorContributions.of(facts) {
                let day = calendar.localDate(of: contribution.at)
                let key = contribution.metric.isTime
                    ? "day \(day) \(contribution.subject) \(contribution.metric) \(contribution.value)"
                    : "count \(day) \(contribution.subject) \(contribution.metric)"
                expected[key, default: 0] += 1
            }
        }
        let counted = Self.entries(moves).filter { $0.key.hasPrefix("count ") || $0.key.hasPrefix("day ") }
        #expect(counted == expected)
        let moments = moves.moments.values.reduce(0, +)
        let deadlines = moves.counts.filter { $0.key.metric.isDatedByDeadline }.values.reduce(0, +)
        #expect(moments == deadlines)
        #expect(deadlines > 0 && deadlines < moves.counts.values.reduce(0, +))
        let daily = moves.dailySamples.values.reduce(0, +), monthly = moves.monthlySamples.values.reduce(0, +)
        #expect(daily == monthly)
    }

    /// Signing for on time changes two contributions and adds a time sample; the rest of the
    /// whistle's contributions do not move.
    @Test func aChangeMovesOnlyWhatItChanged() throws {
        let calendar = try Fixture.calendar()
        let start = Fixture.at("2026-12-01 09:00")
        var before = WhistleFacts(id: "W", grid: "JD-NX-A01-G01-M01", town: "JD-NX", area: "JD-NX-A01", matter: "street-vending",
                                  raisedAt: start, external: false)
        before.lead = Self.a
        before.tasks = [TaskFacts(department: Self.a, lead: true, dispatchedAt: start, signDueAt: start.addingTimeInterval(3_600),
                                  disposeDueAt: Fixture.at("2026-12-03 09:00"))]
        var after = before
        after.tasks[0].signedAt = Fixture.at("2026-12-01 09:20")
        after.tasks[0].signedOnTime = true
        after.tasks[0].signMinutes = 20
        var moves = IndicatorMoves()
        moves.move(from: before, to: after, calendar: calendar)
        let minute = IndicatorMoves.minuteEnding(start.addingTimeInterval(3_600))
        let expected: [String: Int] = [
            "count 2026-12-01 dept:\(Self.a) signedOnTime": 1,
            "count 2026-12-01 town:JD-NX signedOnTime": 1,
            "moment 2026-12-01 \(minute) dept:\(Self.a) signedOnTime": 1,
            "moment 2026-12-01 \(minute) town:JD-NX signedOnTime": 1,
            "day 2026-12-01 dept:\(Self.a) signMinutes 20": 1,
            "month 2026-12-01 dept:\(Self.a) signMinutes 20": 1,
        ]
        let moved = Self.entries(moves)
        #expect(moved == expected)
        moves.move(from: after, to: before, calendar: calendar)
        let undone = Self.entries(moves)
        #expect(undone.isEmpty)
    }

    /// A deadline is due once its minute is over; one on a whole minute is due at that minute.
    /// A deadline in the last minute of a day stays on that day.
    @Test func aMomentIsDueOnceItsMinuteIsOver() throws {
        let whole = Fixture.at("2026-12-01 17:00")
        #expect(IndicatorMoves.minuteEnding(whole) == IndicatorMoves.minute(at: whole))
        let later = whole.addingTimeInterval(0.001)
        #expect(IndicatorMoves.minuteEnding(later) == IndicatorMoves.minute(at: whole) + 1)
        #expect(IndicatorMoves.minuteEnding(later) == IndicatorMoves.minute(at: whole.addingTimeInterval(60)))
        #expect(IndicatorMoves.minuteEnding(later) > IndicatorMoves.minute(at: whole.addingTimeInterval(59.999)))

        let calendar = try Fixture.calendar()
        let lastMinute = Fixture.at("2026-12-01 23:59").addingTimeInterval(30)
        var moves = IndicatorMoves()
        moves.add(Contribution(.department(Self.a), .signDue, at: lastMinute), 1, calendar: calendar)
        moves.add(Contribution(.department(Self.a), .dispatched, at: lastMinute), 1, calendar: calendar)
        #expect(moves.counts.count == 2)
        #expect(moves.moments.count == 1, "what happened is counted whole today; only deadlines wait for their minute")
        let moment = try #require(moves.moments.keys.first)
        #expect(moment.metric == .signDue)
        #expect(moment.day.description == "2026-12-01")
        #expect(moment.minute == IndicatorMoves.minute(at: Fixture.at("2026-12-02 00:00")))
    }
}
