import Foundation
import GridDomain
import Testing

/// Calendar of the fixture: Monday–Friday 08:30–11:30 and 13:00–17:30; 2026-10-01 (Thu) and
/// 2026-10-02 (Fri) are holidays; Sunday 2026-09-27 is a make-up working day.
@Suite struct WorkingCalendarTests {
    let calendar: WorkingCalendar

    init() throws {
        calendar = try Fixture.calendar()
    }

    private func deadline(_ start: String, _ limit: String) -> Date {
        calendar.deadline(from: Fixture.at(start), adding: Fixture.limit(limit))
    }

    @Test func workingHoursWithinAPeriod() {
        #expect(deadline("2026-09-01 09:00", "2 working hours") == Fixture.at("2026-09-01 11:00"))
    }

    @Test func workingHoursThatUseUpAPeriodEndAtItsEnd() {
        #expect(deadline("2026-09-01 08:30", "3 working hours") == Fixture.at("2026-09-01 11:30"))
    }

    @Test func workingHoursSkipLunch() {
        #expect(deadline("2026-09-01 10:30", "2 working hours") == Fixture.at("2026-09-01 14:00"))
    }

    @Test func workingHoursStartingAtLunchCountFromTheAfternoon() {
        #expect(deadline("2026-09-01 12:00", "1 working hour") == Fixture.at("2026-09-01 14:00"))
    }

    @Test func workingHoursSkipTheWeekend() {
        #expect(deadline("2026-09-04 17:00", "1 working hour") == Fixture.at("2026-09-07 09:00"))
    }

    @Test func workingHoursSkipHolidays() {
        #expect(deadline("2026-09-30 17:00", "1 working hour") == Fixture.at("2026-10-05 09:00"))
    }

    @Test func workingHoursUseAMakeUpDay() {
        #expect(deadline("2026-09-25 17:00", "1 working hour") == Fixture.at("2026-09-27 09:00"))
    }

    @Test func workingHoursSpanSeveralDays() {
        #expect(deadline("2026-09-07 16:00", "10 working hours") == Fixture.at("2026-09-09 09:30"))
    }

    @Test func workingMinutesCountLikeWorkingHours() {
        #expect(deadline("2026-09-01 10:00", "225 working minutes") == Fixture.at("2026-09-01 15:15"))
    }

    @Test func fridayAfternoonPlusOneWorkingDayIsMondayAtTheSameTime() {
        #expect(deadline("2026-09-04 16:00", "1 working day") == Fixture.at("2026-09-07 16:00"))
    }

    @Test func saturdayPlusOneWorkingDayIsTheSecondWorkingMorning() {
        #expect(deadline("2026-09-05 10:00", "1 working day") == Fixture.at("2026-09-08 08:30"))
    }

    @Test func lunchTimePlusOneWorkingDayIsTheNextAfternoonStart() {
        #expect(deadline("2026-09-01 12:00", "1 working day") == Fixture.at("2026-09-02 13:00"))
    }

    @Test func workingDaysSkipHolidays() {
        #expect(deadline("2026-09-30 10:00", "1 working day") == Fixture.at("2026-10-05 10:00"))
        #expect(deadline("2026-09-29 10:00", "3 working days") == Fixture.at("2026-10-06 10:00"))
    }

    @Test func workingDaysUseAMakeUpDay() {
        #expect(deadline("2026-09-25 10:00", "1 working day") == Fixture.at("2026-09-27 10:00"))
    }

    @Test func workingDaysClampToAShorterTargetDay() throws {
        var spec = Fixture.calendarSpec
        spec.week["fri"] = ["08:30-11:30"]
        let short = try Fixture.calendar(spec)
        let due = short.deadline(from: Fixture.at("2026-09-03 16:00"), adding: Fixture.limit("1 working day"))
        #expect(due == Fixture.at("2026-09-04 11:30"))
    }

    @Test func naturalUnitsAddWallTime() {
        #expect(deadline("2026-09-04 16:00", "30 minutes") == Fixture.at("2026-09-04 16:30"))
        #expect(deadline("2026-09-04 16:00", "2 hours") == Fixture.at("2026-09-04 18:00"))
        #expect(deadline("2026-09-04 16:00", "3 days") == Fixture.at("2026-09-07 16:00"))
        #expect(deadline("2026-09-30 23:00", "1 day") == Fixture.at("2026-10-01 23:00"))
    }

    @Test func tellsWorkingTime() {
        #expect(calendar.isWorkingTime(Fixture.at("2026-09-01 08:30")))
        #expect(calendar.isWorkingTime(Fixture.at("2026-09-01 11:29")))
        #expect(!calendar.isWorkingTime(Fixture.at("2026-09-01 11:30")))
        #expect(!calendar.isWorkingTime(Fixture.at("2026-09-01 12:00")))
        #expect(calendar.isWorkingTime(Fixture.at("2026-09-01 13:00")))
        #expect(!calendar.isWorkingTime(Fixture.at("2026-09-05 10:00")))
        #expect(calendar.isWorkingTime(Fixture.at("2026-09-27 10:00")))
        #expect(!calendar.isWorkingTime(Fixture.at("2026-10-01 10:00")))
    }

    @Test func tellsWorkingDays() {
        #expect(calendar.isWorkingDay(Fixture.at("2026-09-01 23:00")))
        #expect(!calendar.isWorkingDay(Fixture.at("2026-09-05 10:00")))
        #expect(calendar.isWorkingDay(Fixture.at("2026-09-27 00:00")))
        #expect(!calendar.isWorkingDay(Fixture.at("2026-10-02 10:00")))
    }

    @Test func findsTheNextWorkingMoment() {
        #expect(calendar.nextWorkingMoment(atOrAfter: Fixture.at("2026-09-01 09:10")) == Fixture.at("2026-09-01 09:10"))
        #expect(calendar.nextWorkingMoment(atOrAfter: Fixture.at("2026-09-01 11:30")) == Fixture.at("2026-09-01 13:00"))
        #expect(calendar.nextWorkingMoment(atOrAfter: Fixture.at("2026-09-30 18:00")) == Fixture.at("2026-10-05 08:30"))
    }

    @Test func countsWorkingSeconds() {
        func seconds(_ from: String, _ to: String) -> TimeInterval {
            calendar.workingSeconds(from: Fixture.at(from), to: Fixture.at(to))
        }
        #expect(seconds("2026-09-01 09:00", "2026-09-01 10:00") == 3600)
        #expect(seconds("2026-09-01 11:00", "2026-09-01 13:30") == 3600)
        #expect(seconds("2026-09-04 16:00", "2026-09-07 10:00") == 3 * 3600)
        #expect(seconds("2026-09-30 17:00", "2026-10-05 08:31") == 30 * 60 + 60)
        #expect(seconds("2026-09-07 00:00", "2026-09-12 00:00") == 5 * 7.5 * 3600)
        #expect(seconds("2026-09-07 10:00", "2026-09-07 09:00") == 0)
    }

    @Test func workingSecondsAgreeWithWorkingHourDeadlines() {
        let start = Fixture.at("2026-09-25 15:10")
        let due = calendar.deadline(from: start, adding: Fixture.limit("13 working hours"))
        #expect(calendar.workingSeconds(from: start, to: due) == 13 * 3600)
    }

    @Test func rejectsAnInvalidSpecWithEveryMistake() throws {
        var spec = Fixture.calendarSpec
        spec.week["mon"] = ["8:30-11:30", "13:00-12:00"]
        spec.holidays.append("2026-13-01")
        let error = try #require(throws: CalendarError.self) { try Fixture.calendar(spec) }
        #expect(error.issues.map(\.path) == ["/week/mon/0", "/week/mon/1", "/holidays/2"])
    }

    @Test func rejectsAWeekWithoutWorkingPeriods() throws {
        let empty = CalendarSpec(week: Dictionary(uniqueKeysWithValues: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { ($0, []) }))
        let error = try #require(throws: CalendarError.self) { try Fixture.calendar(empty) }
        #expect(error.issues.map(\.path) == ["/week"])
    }

    @Test func referenceDataBuildsItsCalendarWithRootedPaths() throws {
        #expect(try Fixture.reference.workingCalendar() == calendar)
        var reference = Fixture.reference
        reference.timeZone = "Asia/Shangai"
        let error = try #require(throws: CalendarError.self) { try reference.workingCalendar() }
        #expect(error.issues.map(\.path) == ["/timeZone"])
        reference.timeZone = "Asia/Shanghai"
        reference.calendar.makeUpWorkdays = ["2026-10-01"]
        let overlap = try #require(throws: CalendarError.self) { try reference.workingCalendar() }
        #expect(overlap.issues.map(\.path) == ["/calendar/makeUpWorkdays/0"])
    }
}
