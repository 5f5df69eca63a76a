import Foundation
import GridDomain
import Testing

/// The evaluation rules with a 7-day window: the lead JD-NX-CGZF, co-departments JD-LHSR and JD-JJ.
@Suite struct EvaluationRulesTests {
    let open = EvaluatedWhistle(
        id: "W20260904-000001", lead: "JD-NX-CGZF", departments: ["JD-NX-CGZF", "JD-LHSR", "JD-JJ"],
        awaiting: ["JD-NX-CGZF"])
    let reportedAt = Fixture.at("2026-09-07 10:00")
    let window = DueWork(kind: .evaluationWindow, subject: "W20260904-000001", at: Fixture.at("2026-09-14 10:00"))

    private func reportedBack() -> EvaluatedWhistle {
        EvaluationRules.reportedBack(open, by: "JD-NX-CGZF", allReported: true, at: reportedAt, windowDays: 7).whistle
    }

    // MARK: void (作废)

    /// Whichever EvaluationService applies first wins: open or awaiting evaluation, the void closes
    /// the whistle as voided and its window goes; a later evaluation is refused.
    @Test func aVoidAppliedFirstClosesTheWhistleAsVoided() throws {
        for whistle in [open, reportedBack()] {
            let decision = try #require(EvaluationRules.void(whistle))
            #expect(decision.whistle.loop.phase == .closed)
            #expect(decision.whistle.closedAs == .voided)
            #expect(decision.events == [.closed(round: 1, outcome: .voided)])
            #expect(decision.due == [.cancel(.evaluationWindow, subject: "W20260904-000001")])
            #expect(throws: EvaluationRefusal.voided) {
                try EvaluationRules.evaluate(decision.whistle, solved: true, redo: [], at: reportedAt, windowDays: 7)
            }
        }
    }

    /// An evaluation applied first wins: the whistle stays closed as evaluated (or not evaluated).
    @Test func aVoidAfterTheWhistleClosedIsTooLate() throws {
        let evaluated = try EvaluationRules.evaluate(reportedBack(), solved: true, redo: [], at: reportedAt + 60,
                                                     windowDays: 7).whistle
        #expect(EvaluationRules.void(evaluated) == nil)
        let expired = EvaluationRules.windowExpired(reportedBack(), at: window.at).whistle
        #expect(EvaluationRules.void(expired) == nil)
        #expect(EvaluationRules.void(EvaluationRules.void(open)!.whistle) == nil)
    }

    /// A "not solved" evaluation reopens the loop; a void applied after it voids the next round.
    @Test func aVoidAfterAReworkVoidsTheNextRound() throws {
        let reworked = try EvaluationRules.evaluate(reportedBack(), solved: false, redo: [], at: reportedAt + 60,
                                                    windowDays: 7).whistle
        let decision = try #require(EvaluationRules.void(reworked))
        #expect(decision.events == [.closed(round: 2, outcome: .voided)])
    }

    // MARK: report-back

    @Test func theLastAwaitedReportOpensAWindowOfNaturalDays() {
        let decision = EvaluationRules.reportedBack(open, by: "JD-NX-CGZF", allReported: true, at: reportedAt,
                                                    windowDays: 7)
        #expect(decision.whistle.loop == WhistleLoop(phase: .reported, round: 1))
        #expect(decision.whistle.reportedBackAt == reportedAt)
        #expect(decision.events.isEmpty)
        #expect(decision.due == [.arm(window)])
    }

    @Test func anEvaluationAtTheWindowsEndIsRefusedEvenBeforeItsDueWorkFires() throws {
        let end = EvaluationRules.windowEnd(from: reportedAt, days: 7)
        _ = try EvaluationRules.evaluate(reportedBack(), solved: true, redo: [], at: end - 0.001, windowDays: 7)
        #expect(throws: EvaluationRefusal.windowClosed) {
            try EvaluationRules.evaluate(reportedBack(), solved: true, redo: [], at: end, windowDays: 7)
        }
    }

    @Test func theWindowCountsWallTimeNotWorkingDays() {
        #expect(EvaluationRules.windowEnd(from: Fixture.at("2026-09-30 10:00"), days: 3) == Fixture.at("2026-10-03 10:00"))
    }

    @Test func aReportBackWaitsForEveryAwaitedDepartment() {
        let decision = EvaluationRules.reportedBack(open, by: "JD-NX-CGZF", allReported: false, at: reportedAt,
                                                    windowDays: 7)
        #expect(decision == EvaluationDecision(whistle: open))
    }

    @Test func aReportFromADepartmentNotAwaitedChangesNothing() {
        let decision = EvaluationRules.reportedBack(open, by: "JD-LHSR", allReported: true, at: reportedAt, windowDays: 7)
        #expect(decision == EvaluationDecision(whistle: open))
    }

    @Test func aReportBackOnceAwaitingEvaluationChangesNothing() {
        let whistle = reportedBack()
        let decision = EvaluationRules.reportedBack(whistle, by: "JD-NX-CGZF", allReported: true,
                                                    at: Fixture.at("2026-09-08 10:00"), windowDays: 7)
        #expect(decision == EvaluationDecision(whistle: whistle))
    }

    // MARK: evaluate

    @Test func solvedClosesTheLoopAndCancelsTheWindow() throws {
        let decision = try EvaluationRules.evaluate(reportedBack(), solved: true, redo: [],
                                                    at: Fixture.at("2026-09-08 09:00"), windowDays: 7)
        #expect(decision.whistle.loop == WhistleLoop(phase: .closed, round: 1))
        #expect(decision.whistle.closedAs == .evaluated)
        #expect(decision.events == [.evaluated(round: 1, solved: true), .closed(round: 1, outcome: .evaluated)])
        #expect(decision.due == [.cancel(.evaluationWindow, subject: "W20260904-000001")])
    }

    @Test func notSolvedStartsTheNextRoundForTheNamedDepartments() throws {
        let decision = try EvaluationRules.evaluate(reportedBack(), solved: false, redo: ["JD-LHSR", "JD-NX-CGZF"],
                                                    at: Fixture.at("2026-09-08 09:00"), windowDays: 7)
        #expect(decision.whistle.loop == WhistleLoop(phase: .open, round: 2))
        #expect(decision.whistle.awaiting == ["JD-LHSR", "JD-NX-CGZF"])
        #expect(decision.whistle.reportedBackAt == nil)
        #expect(decision.whistle.closedAs == nil)
        #expect(decision.events == [.evaluated(round: 1, solved: false),
                                    .rework(round: 2, departments: ["JD-LHSR", "JD-NX-CGZF"])])
        #expect(decision.due == [.cancel(.evaluationWindow, subject: "W20260904-000001")])
    }

    @Test func notSolvedWithNoDepartmentNamedSendsItBackToTheLead() throws {
        let decision = try EvaluationRules.evaluate(reportedBack(), solved: false, redo: [],
                                                    at: Fixture.at("2026-09-08 09:00"), windowDays: 7)
        #expect(decision.whistle.awaiting == ["JD-NX-CGZF"])
        #expect(decision.events.last == .rework(round: 2, departments: ["JD-NX-CGZF"]))
    }

    @Test func aReworkedRoundReportsBackAndClosesAsThatRound() throws {
        let rework = try EvaluationRules.evaluate(reportedBack(), solved: false, redo: ["JD-LHSR"],
                                                  at: Fixture.at("2026-09-08 09:00"), windowDays: 7).whistle
        #expect(EvaluationRules.reportedBack(rework, by: "JD-NX-CGZF", allReported: true,
                                             at: Fixture.at("2026-09-09 09:00"), windowDays: 7).due.isEmpty)
        let again = EvaluationRules.reportedBack(rework, by: "JD-LHSR", allReported: true,
                                                 at: Fixture.at("2026-09-09 09:00"), windowDays: 7)
        #expect(again.due == [.arm(DueWork(kind: .evaluationWindow, subject: "W20260904-000001",
                                           at: Fixture.at("2026-09-16 09:00")))])
        let closed = try EvaluationRules.evaluate(again.whistle, solved: true, redo: [], at: Fixture.at("2026-09-10 09:00"), windowDays: 7)
        #expect(closed.events == [.evaluated(round: 2, solved: true), .closed(round: 2, outcome: .evaluated)])
    }

    @Test func anOpenWhistleCannotBeEvaluatedYet() {
        #expect(throws: EvaluationRefusal.notReportedBack(IllegalWhistleStep(phase: .open, step: .evaluated(solved: true)))) {
            try EvaluationRules.evaluate(open, solved: true, redo: [], at: reportedAt, windowDays: 7)
        }
    }

    @Test func anEvaluatedWhistleCannotBeEvaluatedAgain() throws {
        let closed = try EvaluationRules.evaluate(reportedBack(), solved: true, redo: [], at: reportedAt, windowDays: 7).whistle
        #expect(throws: EvaluationRefusal.alreadyClosed(.evaluated)) {
            try EvaluationRules.evaluate(closed, solved: false, redo: [], at: reportedAt, windowDays: 7)
        }
    }

    @Test func aClosedLoopWithoutARecordedOutcomeCountsAsEvaluated() {
        var closed = open
        closed.loop = WhistleLoop(phase: .closed, round: 1)
        #expect(throws: EvaluationRefusal.alreadyClosed(.evaluated)) {
            try EvaluationRules.evaluate(closed, solved: true, redo: [], at: reportedAt, windowDays: 7)
        }
    }

    // MARK: window expiry

    @Test func anExpiredWindowClosesTheWhistleAsNotEvaluated() {
        let decision = EvaluationRules.windowExpired(reportedBack(), at: window.at + 1)
        #expect(decision.whistle.loop == WhistleLoop(phase: .closed, round: 1))
        #expect(decision.whistle.closedAs == .notEvaluated)
        #expect(decision.events == [.closed(round: 1, outcome: .notEvaluated)])
        #expect(decision.due.isEmpty)
    }

    @Test func anEvaluationAfterTheWindowClosedIsRefused() {
        let expired = EvaluationRules.windowExpired(reportedBack(), at: window.at + 1).whistle
        #expect(throws: EvaluationRefusal.windowClosed) {
            try EvaluationRules.evaluate(expired, solved: true, redo: [], at: window.at + 60, windowDays: 7)
        }
    }

    @Test func windowExpiryIsStaleOnceEvaluatedOrWhileOpen() throws {
        let evaluated = try EvaluationRules.evaluate(reportedBack(), solved: true, redo: [], at: reportedAt, windowDays: 7).whistle
        #expect(EvaluationRules.windowExpired(evaluated, at: window.at + 1) == EvaluationDecision(whistle: evaluated))
        let reworked = try EvaluationRules.evaluate(reportedBack(), solved: false, redo: [], at: reportedAt, windowDays: 7).whistle
        #expect(EvaluationRules.windowExpired(reworked, at: window.at + 1) == EvaluationDecision(whistle: reworked))
        let expired = EvaluationRules.windowExpired(reportedBack(), at: window.at + 1).whistle
        #expect(EvaluationRules.windowExpired(expired, at: window.at + 2) == EvaluationDecision(whistle: expired))
    }
}
