import Foundation
@testable import GridDomain
import Testing

/// Local days come from the zone's offset by arithmetic, and in a zone whose offset no longer
/// changes so do wall-clock moments; every answer must be the one `Calendar` gives.
@Suite struct WorkingCalendarArithmeticTests {
    @Test func aSteadyZoneIsRecognisedAndAZoneWithSummerTimeIsNot() throws {
        #expect(try Fixture.calendar().steady == WorkingCalendar.SteadyOffset(seconds: 8 * 3_600))
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        #expect(try WorkingCalendar(Fixture.calendarSpec, timeZone: newYork).steady == nil)
    }

    @Test(arguments: ["Asia/Shanghai", "Asia/Kolkata", "Pacific/Chatham", "America/New_York", "UTC"])
    func deadlinesAndWorkingTimeAgreeWithCalendar(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        let fast = try WorkingCalendar(Fixture.calendarSpec, timeZone: zone)
        let slow = try WorkingCalendar(Fixture.calendarSpec, timeZone: zone, arithmetic: false)
        let limits = ["30 minutes", "2 hours", "3 days", "45 working minutes", "4 working hours", "7 working hours",
                      "1 working day", "3 working days"].map(Fixture.limit)
        var state: UInt64 = 0x5EED
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Any minute of 1999-12-25 .. 2027-01-31, so both sides of the steady boundary are tried.
            let start = Date(timeIntervalSince1970: 946_080_000 + Double((state >> 33) % 853_000_000))
            let limit = limits[Int(state % UInt64(limits.count))]
            #expect(fast.deadline(from: start, adding: limit) == slow.deadline(from: start, adding: limit), "\(start) + \(limit)")
            #expect(fast.isWorkingTime(start) == slow.isWorkingTime(start), "\(start)")
            #expect(fast.localDate(of: start) == slow.localDate(of: start), "\(start)")
        }
    }

    @Test func daysSinceEpochRoundTrip() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(LocalDate(daysSinceEpoch: 0) == LocalDate(year: 1970, month: 1, day: 1))
        #expect(LocalDate(daysSinceEpoch: 20_788) == LocalDate(year: 2026, month: 12, day: 1))
    }
}
