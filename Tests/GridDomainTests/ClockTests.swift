import Foundation
import GridDomain
import Testing

@Suite struct ClockTests {
    @Test func manualClockMovesOnlyWhenTold() {
        let start = Fixture.at("2026-09-04 16:00")
        let clock = ManualWallClock(start)
        #expect(clock.now() == start)
        clock.advance(by: 90)
        #expect(clock.now() == start + 90)
        clock.set(Fixture.at("2026-10-01 08:00"))
        #expect(clock.now() == Fixture.at("2026-10-01 08:00"))
    }

    @Test func manualClockIsSharedAcrossTasks() async {
        let clock = ManualWallClock(Date(timeIntervalSince1970: 0))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<100 {
                group.addTask { clock.advance(by: 1) }
            }
        }
        #expect(clock.now() == Date(timeIntervalSince1970: 100))
    }

    @Test func systemClockTellsTheTime() {
        let before = Date()
        let now = SystemWallClock().now()
        #expect(now >= before)
    }
}
