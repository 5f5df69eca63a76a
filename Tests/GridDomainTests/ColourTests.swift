import Foundation
import Testing
@testable import GridDomain

/// 三色管理 — the score of a micro-grid and its colour over time, on a test clock.
struct ColourTests {
    static let settings = ColourSettings.standard
    static let start = Fixture.at("2026-12-01 09:00")

    static func day(_ n: Double) -> Date { start.addingTimeInterval(n * 86_400) }

    static func whistle(_ id: String, matter: String = "street-vending", raised: Date, closed: Date? = nil,
                        external: Bool = false, dueAt: Date? = nil) -> WhistleFacts {
        var facts = WhistleFacts(id: id, grid: "G", town: "JD-NX", area: "JD-NX-A01", matter: matter, raisedAt: raised,
                                 external: external)
        facts.tasks = [TaskFacts(department: "D", lead: true, dispatchedAt: raised, signDueAt: raised.addingTimeInterval(3_600),
                                 disposeDueAt: dueAt ?? raised.addingTimeInterval(3 * 86_400))]
        facts.tasks[0].signedAt = raised.addingTimeInterval(600)
        facts.closedAt = closed
        facts.closedAs = closed == nil ? nil : .evaluated
        return facts
    }

    @Test func theScoreCountsOverdueOpenRecurringExternalAndNotSolved() {
        let now = Self.day(10)
        var notSolved = Self.whistle("N", matter: "exposed-garbage", raised: Self.day(1), closed: Self.day(5))
        notSolved.verdicts = [.init(department: "D", round: 1, at: Self.day(4), solved: false),
                              .init(department: "E", round: 1, at: Self.day(4), solved: false)]
        var voided = Self.whistle("V", raised: Self.day(9))
        voided.closedAt = Self.day(9)
        voided.closedAs = .voided
        let whistles = [
            Self.whistle("O1", raised: Self.day(2)),                                    // open, overdue (due day 5)
            Self.whistle("O2", raised: Self.day(9)),                                    // open, same matter 7 days later: a recurrence
            Self.whistle("X", matter: "fallen-tree", raised: Self.day(3), closed: Self.day(4), external: true),
            Self.whistle("Old", matter: "fallen-tree", raised: Self.day(-40), closed: Self.day(-39)),
            notSolved, voided,
        ]
        let reasons = ColourReasons(whistles: whistles, at: now, settings: Self.settings)
        #expect(reasons == ColourReasons(overdueOpen: 1, open: 2, recurrences: 1, externalAlarms: 1, notSolved: 1))
        // 3 × 1 + 1 × 2 + 2 × 1 + 2 × 1 + 3 × 1 = 12: red.
        #expect(reasons.score(Self.settings.weights) == 12)
        #expect(Self.settings.colour(of: 12) == .red)
        #expect(Self.settings.colour(of: 11) == .yellow)
        #expect(Self.settings.colour(of: 4) == .green)
    }

    @Test func worseAtOnceBetterOnlyAfterSevenDaysHeld() {
        var (state, left) = ColourRules.review(nil, score: 2, at: Self.day(0), settings: Self.settings)
        #expect(state.colour == .green)
        #expect(left == nil, "a first green review is no change")
        (state, left) = ColourRules.review(state, score: 13, at: Self.day(1), settings: Self.settings)
        #expect(state.colour == .red)
        #expect(left == .green, "worse at once")
        // Better scores from day 2: yellow-level, then green-level; the hold is the least good seen.
        (state, left) = ColourRules.review(state, score: 6, at: Self.day(2), settings: Self.settings)
        #expect(state.colour == .red)
        #expect(state.holding == .yellow)
        (state, left) = ColourRules.review(state, score: 1, at: Self.day(5), settings: Self.settings)
        #expect(state.holding == .yellow, "yellow was seen during the hold")
        (state, left) = ColourRules.review(state, score: 1, at: Self.day(8.99), settings: Self.settings)
        #expect(state.colour == .red)
        #expect(left == nil, "6.99 days held is not 7")
        (state, left) = ColourRules.review(state, score: 1, at: Self.day(9), settings: Self.settings)
        #expect(state.colour == .yellow)
        #expect(left == .red)
        #expect(state.holding == .green, "green starts its own hold")
        // A bad review breaks the hold.
        (state, left) = ColourRules.review(state, score: 7, at: Self.day(12), settings: Self.settings)
        #expect(state.holding == nil)
        #expect(left == nil)
        (state, left) = ColourRules.review(state, score: 0, at: Self.day(13), settings: Self.settings)
        (state, left) = ColourRules.review(state, score: 0, at: Self.day(19.5), settings: Self.settings)
        #expect(state.colour == .yellow)
        (state, left) = ColourRules.review(state, score: 0, at: Self.day(20), settings: Self.settings)
        #expect(state.colour == .green)
        #expect(left == .yellow)
    }

    @Test func aTownOverridesOnlyWhatItGives() throws {
        let json = #"{"yellowFrom": 3, "towns": {"JD-AT": {"redFrom": 8, "holdDays": 3}}}"#
        let model = try JSONDecoder().decode(ColourModel.self, from: Data(json.utf8))
        #expect(model.settings.yellowFrom == 3)
        #expect(model.settings.redFrom == 12)
        let anting = model.settings(for: "JD-AT")
        let values: [Int] = [anting.yellowFrom, anting.redFrom, anting.holdDays, anting.windowDays]
        #expect(values == [3, 8, 3, 30])
        #expect(model.settings(for: "JD-NX") == model.settings)
    }
}
