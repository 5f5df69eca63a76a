import Foundation
import GridDomain
import Testing

/// A running clock's moments and storm rescaling on the fixture's calendar (Mon–Fri 08:30–11:30,
/// 13:00–17:30; 2026-09-07 is a Monday, 2026-09-04 a Friday, 2026-09-05 a Saturday).
@Suite struct ClockSpanTests {
    let calendar: WorkingCalendar

    init() throws {
        calendar = try Fixture.calendar()
    }

    private func natural(_ start: String, _ due: String) -> ClockSpan {
        ClockSpan(start: Fixture.at(start), due: Fixture.at(due), working: false)
    }

    private func working(_ start: String, _ due: String) -> ClockSpan {
        ClockSpan(start: Fixture.at(start), due: Fixture.at(due), working: true)
    }

    /// Milliseconds since 1970, to compare moments that are not whole seconds.
    private func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    // MARK: moment

    @Test func aNaturalClocksMomentIsItsFractionOfWallTime() {
        let span = natural("2026-09-07 09:00", "2026-09-07 13:00")
        #expect(span.moment(at: 0, on: calendar) == Fixture.at("2026-09-07 09:00"))
        #expect(span.moment(at: 0.5, on: calendar) == Fixture.at("2026-09-07 11:00"))
        // 0.8 × 240 min = 192 min = 3 h 12.
        #expect(span.moment(at: 0.8, on: calendar) == Fixture.at("2026-09-07 12:12"))
        #expect(span.moment(at: 1, on: calendar) == Fixture.at("2026-09-07 13:00"))
    }

    @Test func aNaturalClockIgnoresTheCalendar() {
        // Friday 17:00 → Monday 09:00 is 64 wall hours: half is 32 h → Sunday 01:00.
        let span = natural("2026-09-04 17:00", "2026-09-07 09:00")
        #expect(span.moment(at: 0.5, on: calendar) == Fixture.at("2026-09-06 01:00"))
    }

    @Test func eightyPercentOfThreeHoursIsExactly8640Seconds() {
        let span = natural("2026-09-07 09:00", "2026-09-07 12:00")
        let moment = span.moment(at: 0.8, on: calendar)
        #expect(moment.timeIntervalSince(Fixture.at("2026-09-07 09:00")) == 8_640)
        #expect(moment == Fixture.at("2026-09-07 11:24"))
        // The same in working time: Monday 08:30–11:30 is 3 working hours → 08:30 + 2 h 24 = 10:54.
        #expect(working("2026-09-07 08:30", "2026-09-07 11:30").moment(at: 0.8, on: calendar)
                    == Fixture.at("2026-09-07 10:54"))
    }

    @Test func aWorkingClockCountsWorkingTimeAndEndsAtThePeriodsEnd() {
        // Monday 08:30 → 16:00: 3 h + 3 h = 6 working hours. 50 % = 3 h, the morning exactly: 11:30,
        // not 13:00. 80 % = 4 h 48 = 3 h + 1 h 48 after 13:00 → 14:48.
        let span = working("2026-09-07 08:30", "2026-09-07 16:00")
        #expect(span.moment(at: 0.5, on: calendar) == Fixture.at("2026-09-07 11:30"))
        #expect(span.moment(at: 0.8, on: calendar) == Fixture.at("2026-09-07 14:48"))
        #expect(span.moment(at: 0, on: calendar) == Fixture.at("2026-09-07 08:30"))
        #expect(span.moment(at: 1, on: calendar) == Fixture.at("2026-09-07 16:00"))
    }

    @Test func aWorkingClockSkipsTheNightAndTheWeekend() {
        // Friday 16:00 → Monday 16:00 (1 working day): 1 h 30 + 3 h + 3 h = 7 h 30.
        // 50 % = 3 h 45: Friday 1 h 30, Monday 08:30 + 2 h 15 → 10:45.
        // 80 % = 6 h: Friday 1 h 30, Monday morning 3 h, 13:00 + 1 h 30 → 14:30.
        let span = working("2026-09-04 16:00", "2026-09-07 16:00")
        #expect(span.moment(at: 0.5, on: calendar) == Fixture.at("2026-09-07 10:45"))
        #expect(span.moment(at: 0.8, on: calendar) == Fixture.at("2026-09-07 14:30"))
    }

    @Test func aWorkingClockStartedOffHoursCountsFromTheNextWorkingMoment() {
        // Saturday 10:00 → Tuesday 08:30 holds Monday's 7 h 30: 50 % = 3 h 45 → 11:30 + 45 min after 13:00.
        let span = working("2026-09-05 10:00", "2026-09-08 08:30")
        #expect(span.moment(at: 0.5, on: calendar) == Fixture.at("2026-09-07 13:45"))
    }

    @Test func aFractionLandingOnAPeriodsEndIsNotPushedPastItByRounding() {
        // Monday 10:35 → 13:45: 55 min + 45 min = 100 working minutes. 0.55 × 6,000 s is 3,300 s
        // (10:35 + 55 min = 11:30), but in binary 0.55 × 6000 is 3300.0000000000005, which unrounded
        // would spill past 11:30 into the next period, 13:00.
        let span = working("2026-09-07 10:35", "2026-09-07 13:45")
        #expect(span.moment(at: 0.55, on: calendar) == Fixture.at("2026-09-07 11:30"))
    }

    @Test func momentsAreWholeMilliseconds() {
        // 10 s: a third is 3.333… s → 3.333 s; two thirds 6.666… s → 6.667 s.
        let start = Fixture.at("2026-09-07 09:00")
        let natural = ClockSpan(start: start, due: start + 10, working: false)
        #expect(milliseconds(natural.moment(at: 1.0 / 3, on: calendar)) == milliseconds(start) + 3_333)
        #expect(milliseconds(natural.moment(at: 2.0 / 3, on: calendar)) == milliseconds(start) + 6_667)
        let working = ClockSpan(start: start, due: start + 10, working: true)
        #expect(milliseconds(working.moment(at: 1.0 / 3, on: calendar)) == milliseconds(start) + 3_333)
        let moment = natural.moment(at: 1.0 / 3, on: calendar)
        #expect(abs(moment.timeIntervalSince1970 * 1000 - Double(milliseconds(moment))) < 0.001)
    }

    @Test func workingUnitsCountWorkingTimeAndNaturalUnitsWallTime() {
        for unit in [LimitUnit.workingMinutes, .workingHours, .workingDays] {
            #expect(ClockSpan.countsWorkingTime(unit))
        }
        for unit in [LimitUnit.seconds, .minutes, .hours, .days] {
            #expect(!ClockSpan.countsWorkingTime(unit))
        }
    }

    // MARK: rescaled

    @Test func aNaturalClockIsRescaledInWallTime() {
        let span = natural("2026-09-07 09:00", "2026-09-07 13:00")
        // At 11:00, 2 h left: halved → 1 h → 12:00; doubled → 4 h → 15:00.
        #expect(span.rescaled(by: 0.5, at: Fixture.at("2026-09-07 11:00"), on: calendar) == Fixture.at("2026-09-07 12:00"))
        #expect(span.rescaled(by: 2, at: Fixture.at("2026-09-07 11:00"), on: calendar) == Fixture.at("2026-09-07 15:00"))
        // Over lunch too: natural time does not stop. At 11:30, 1 h 30 left → 45 min → 12:15.
        #expect(span.rescaled(by: 0.5, at: Fixture.at("2026-09-07 11:30"), on: calendar) == Fixture.at("2026-09-07 12:15"))
    }

    @Test func aWorkingClockIsRescaledInWorkingTime() {
        let span = working("2026-09-07 08:30", "2026-09-07 16:00")
        // At 10:30: 1 h + 3 h = 4 h left → 2 h: 10:30–11:30 + 13:00–14:00 → 14:00.
        #expect(span.rescaled(by: 0.5, at: Fixture.at("2026-09-07 10:30"), on: calendar) == Fixture.at("2026-09-07 14:00"))
        // At 15:00: 1 h left → 2 h → 17:00.
        #expect(span.rescaled(by: 2, at: Fixture.at("2026-09-07 15:00"), on: calendar) == Fixture.at("2026-09-07 17:00"))
        // At lunch, 12:00: 13:00–16:00 = 3 h left → 1 h 30, counted from 13:00 → 14:30.
        #expect(span.rescaled(by: 0.5, at: Fixture.at("2026-09-07 12:00"), on: calendar) == Fixture.at("2026-09-07 14:30"))
        // At 10:00: 1 h 30 + 3 h = 4 h 30 left → 2 h 15: 1 h 30 to 11:30, + 45 min → 13:45.
        #expect(span.rescaled(by: 0.5, at: Fixture.at("2026-09-07 10:00"), on: calendar) == Fixture.at("2026-09-07 13:45"))
    }

    @Test func doublingAWorkingClockCanCarryItOverTheNight() {
        // Monday 08:30 → 17:00; at 16:00, 1 h left → 2 h: 16:00–17:30 (1 h 30) + Tuesday 08:30 + 30 min.
        let span = working("2026-09-07 08:30", "2026-09-07 17:00")
        #expect(span.rescaled(by: 2, at: Fixture.at("2026-09-07 16:00"), on: calendar) == Fixture.at("2026-09-08 09:00"))
    }

    @Test func halvingAWorkingClockCanEndAtAPeriodsEnd() {
        // Monday 08:30 → 14:30: at 10:30, 1 h + 1 h 30 = 2 h 30 left → 1 h 15: 10:30 + 1 h = 11:30, + 15 min → 13:15.
        let span = working("2026-09-07 08:30", "2026-09-07 14:30")
        #expect(span.rescaled(by: 0.5, at: Fixture.at("2026-09-07 10:30"), on: calendar) == Fixture.at("2026-09-07 13:15"))
        // Monday 08:30 → 14:00: at 10:30, 1 h + 1 h = 2 h left → 1 h → 11:30 exactly, not 13:00.
        #expect(working("2026-09-07 08:30", "2026-09-07 14:00").rescaled(
            by: 0.5, at: Fixture.at("2026-09-07 10:30"), on: calendar) == Fixture.at("2026-09-07 11:30"))
    }

    @Test func aClockAtOrPastItsDeadlineIsNotRescaled() {
        let span = natural("2026-09-07 09:00", "2026-09-07 13:00")
        #expect(span.rescaled(by: 0.5, at: Fixture.at("2026-09-07 13:00"), on: calendar) == Fixture.at("2026-09-07 13:00"))
        #expect(span.rescaled(by: 2, at: Fixture.at("2026-09-07 14:00"), on: calendar) == Fixture.at("2026-09-07 13:00"))
        let work = working("2026-09-07 08:30", "2026-09-07 16:00")
        #expect(work.rescaled(by: 0.5, at: Fixture.at("2026-09-07 16:30"), on: calendar) == Fixture.at("2026-09-07 16:00"))
    }

    @Test func rescaledDeadlinesAreWholeMilliseconds() {
        // 3 ms left → halved: 1.5 ms, to a whole millisecond: 2 ms (half away from zero).
        let start = Fixture.at("2026-09-07 09:00")
        let span = ClockSpan(start: start, due: start + 0.003, working: false)
        let halved = span.rescaled(by: 0.5, at: start, on: calendar)
        #expect(abs(halved.timeIntervalSince1970 * 1000 - Double(milliseconds(halved))) < 0.001)
        #expect([milliseconds(start) + 1, milliseconds(start) + 2].contains(milliseconds(halved)))
    }

    // MARK: addingWorkingSeconds

    @Test func workingSecondsThatUseUpAPeriodEndAtItsEnd() {
        let monday = Fixture.at("2026-09-07 08:30")
        #expect(calendar.addingWorkingSeconds(3 * 3_600, to: monday) == Fixture.at("2026-09-07 11:30"))
        #expect(calendar.addingWorkingSeconds(3 * 3_600 + 1, to: monday) == Fixture.at("2026-09-07 13:00") + 1)
        // The whole day, 7 h 30, ends Monday 17:30, not Tuesday 08:30.
        #expect(calendar.addingWorkingSeconds(7.5 * 3_600, to: monday) == Fixture.at("2026-09-07 17:30"))
    }

    @Test func workingSecondsCountFromTheNextWorkingMoment() {
        // From lunch: 1 h after 13:00 → 14:00. From Saturday: 1 h after Monday 08:30 → 09:30.
        #expect(calendar.addingWorkingSeconds(3_600, to: Fixture.at("2026-09-07 12:00")) == Fixture.at("2026-09-07 14:00"))
        #expect(calendar.addingWorkingSeconds(3_600, to: Fixture.at("2026-09-05 10:00")) == Fixture.at("2026-09-07 09:30"))
        // Friday 17:00: 30 min on Friday, 30 on Monday → 09:00.
        #expect(calendar.addingWorkingSeconds(3_600, to: Fixture.at("2026-09-04 17:00")) == Fixture.at("2026-09-07 09:00"))
    }

    @Test func workingSecondsSkipHolidaysAndUseMakeUpDays() {
        // Wednesday 09-30 13:00 + 4 h 30 = 17:30 that day; a minute more is Monday 10-05 08:31.
        let wednesday = Fixture.at("2026-09-30 13:00")
        #expect(calendar.addingWorkingSeconds(4.5 * 3_600, to: wednesday) == Fixture.at("2026-09-30 17:30"))
        #expect(calendar.addingWorkingSeconds(4.5 * 3_600 + 60, to: wednesday) == Fixture.at("2026-10-05 08:31"))
        // Friday 09-25 17:00 + 1 h: 30 min, then Sunday 09-27 (make-up) 08:30 + 30 min.
        #expect(calendar.addingWorkingSeconds(3_600, to: Fixture.at("2026-09-25 17:00")) == Fixture.at("2026-09-27 09:00"))
    }

    @Test func noWorkingSecondsGiveTheStartItself() {
        let saturday = Fixture.at("2026-09-05 10:00")
        #expect(calendar.addingWorkingSeconds(0, to: saturday) == saturday)
        #expect(calendar.addingWorkingSeconds(-60, to: saturday) == saturday)
    }
}
