import Foundation
import GridWire
import Testing

struct WhistleNumberingTests {
    @Test func anIdCarriesTheLocalDateAndSixDigitsAtLeast() throws {
        var ids = WhistleNumbering()
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let evening = try #require(Timestamp.parse("2026-12-01T23:59:59+08:00"))
        #expect(ids.id(number: 42, raisedAt: evening, in: shanghai) == "W20261201-000042")
        #expect(ids.id(number: 1_234_567, raisedAt: evening.addingTimeInterval(1), in: shanghai) == "W20261202-1234567")
    }

    /// 防汛防台: weather alerts are numbered the same way under their own letter.
    @Test func anAlertIdHasItsOwnLetter() throws {
        var ids = WhistleNumbering(prefix: "A")
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let morning = try #require(Timestamp.parse("2026-12-04T07:30:00+08:00"))
        #expect(ids.id(number: 3, raisedAt: morning, in: shanghai) == "A20261204-000003")
    }

    /// Monrovia kept −0:44:30 until 1972, so its midnight fell in the middle of a UTC minute: two
    /// raises in that one minute, either side of midnight, carry two dates.
    @Test func theDateChangesAtALocalMidnightThatIsNotOnAMinute() throws {
        var ids = WhistleNumbering()
        let monrovia = try #require(TimeZone(identifier: "Africa/Monrovia"))
        let before = try #require(Timestamp.parse("1971-06-02T00:44:20Z"))
        let after = try #require(Timestamp.parse("1971-06-02T00:44:35Z"))
        #expect(monrovia.secondsFromGMT(for: before) == -2_670)
        #expect(ids.id(number: 1, raisedAt: before, in: monrovia) == "W19710601-000001")
        #expect(ids.id(number: 2, raisedAt: after, in: monrovia) == "W19710602-000002")
        #expect(ids.id(number: 3, raisedAt: before, in: monrovia) == "W19710601-000003")
    }
}
