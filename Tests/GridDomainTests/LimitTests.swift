import Foundation
import GridDomain
import Testing

@Suite struct LimitTests {
    @Test(arguments: [
        ("30 minutes", Limit(amount: 30, unit: .minutes)),
        ("1 minute", Limit(amount: 1, unit: .minutes)),
        ("2 hours", Limit(amount: 2, unit: .hours)),
        ("1 hour", Limit(amount: 1, unit: .hours)),
        ("3 days", Limit(amount: 3, unit: .days)),
        ("1 day", Limit(amount: 1, unit: .days)),
        ("4 working hours", Limit(amount: 4, unit: .workingHours)),
        ("1 working hour", Limit(amount: 1, unit: .workingHours)),
        ("1 working day", Limit(amount: 1, unit: .workingDays)),
        ("5 working days", Limit(amount: 5, unit: .workingDays)),
        ("90 working minutes", Limit(amount: 90, unit: .workingMinutes)),
        ("  15   minutes ", Limit(amount: 15, unit: .minutes)),
    ])
    func parsesAmountAndUnit(text: String, expected: Limit) throws {
        #expect(try Limit(parsing: text) == expected)
    }

    @Test(arguments: [
        ("", LimitParseError.malformed("")),
        ("30", .malformed("30")),
        ("minutes", .malformed("minutes")),
        ("0 minutes", .invalidAmount("0 minutes")),
        ("-5 minutes", .invalidAmount("-5 minutes")),
        ("+5 minutes", .invalidAmount("+5 minutes")),
        ("1.5 hours", .invalidAmount("1.5 hours")),
        ("10001 minutes", .invalidAmount("10001 minutes")),
        ("99999999999999999999 days", .invalidAmount("99999999999999999999 days")),
        ("30 mins", .unknownUnit("30 mins")),
        ("2 weeks", .unknownUnit("2 weeks")),
        ("1 workday", .unknownUnit("1 workday")),
        ("1 working", .unknownUnit("1 working")),
        ("30 Minutes", .unknownUnit("30 Minutes")),
    ])
    func rejectsBadStrings(text: String, expected: LimitParseError) {
        #expect(throws: expected) { try Limit(parsing: text) }
    }

    @Test(arguments: [
        (Limit(amount: 1, unit: .workingDays), "1 working day"),
        (Limit(amount: 3, unit: .workingDays), "3 working days"),
        (Limit(amount: 30, unit: .minutes), "30 minutes"),
        (Limit(amount: 1, unit: .hours), "1 hour"),
        (Limit(amount: 1, unit: .workingMinutes), "1 working minute"),
    ])
    func rendersCanonically(limit: Limit, text: String) throws {
        #expect(limit.description == text)
        #expect(try Limit(parsing: limit.description) == limit)
    }

    @Test func encodesAsItsString() throws {
        let steps = StepLimits(signFor: Fixture.limit("30 minutes"), dispose: Fixture.limit("1 working day"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(steps), as: UTF8.self)
        #expect(json == #"{"dispose":"1 working day","signFor":"30 minutes"}"#)
        #expect(try JSONDecoder().decode(StepLimits.self, from: Data(json.utf8)) == steps)
    }

    @Test func badStringDecodesAsDataCorruptedAtItsPath() {
        let json = #"{"signFor": "30 mins", "dispose": "1 working day"}"#
        do {
            _ = try JSONDecoder().decode(StepLimits.self, from: Data(json.utf8))
            Issue.record("decoding should fail")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.codingPath.map(\.stringValue) == ["signFor"])
            #expect(context.debugDescription.contains("30 mins"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test(arguments: [
        (Limit(amount: 30, unit: .minutes), Limit(amount: 15, unit: .minutes)),
        (Limit(amount: 15, unit: .minutes), Limit(amount: 8, unit: .minutes)),
        (Limit(amount: 1, unit: .minutes), Limit(amount: 1, unit: .minutes)),
        (Limit(amount: 2, unit: .hours), Limit(amount: 1, unit: .hours)),
        (Limit(amount: 1, unit: .hours), Limit(amount: 30, unit: .minutes)),
        (Limit(amount: 4, unit: .days), Limit(amount: 2, unit: .days)),
        (Limit(amount: 3, unit: .days), Limit(amount: 36, unit: .hours)),
        (Limit(amount: 4, unit: .workingHours), Limit(amount: 2, unit: .workingHours)),
        (Limit(amount: 3, unit: .workingHours), Limit(amount: 90, unit: .workingMinutes)),
        (Limit(amount: 45, unit: .workingMinutes), Limit(amount: 23, unit: .workingMinutes)),
        (Limit(amount: 2, unit: .workingDays), Limit(amount: 1, unit: .workingDays)),
        (Limit(amount: 1, unit: .workingDays), Limit(amount: 4, unit: .workingHours)),
        (Limit(amount: 3, unit: .workingDays), Limit(amount: 12, unit: .workingHours)),
    ])
    func halvesForAStorm(limit: Limit, expected: Limit) {
        #expect(limit.halved() == expected)
    }

    @Test func halvesAnOddWorkingDayWithTheCalendarsDayLength() throws {
        let calendar = try Fixture.calendar()
        #expect(calendar.standardWorkingDayMinutes == 450)
        let half = Limit(amount: 1, unit: .workingDays).halved(workingDayMinutes: calendar.standardWorkingDayMinutes)
        #expect(half == Limit(amount: 225, unit: .workingMinutes))
    }
}
