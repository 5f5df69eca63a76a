import GridLogging
import Testing

struct RepeatFilterTests {
    @Test func aSubjectIsWrittenOncePerIntervalWithWhatWasHeldBack() {
        var filter = RepeatFilter(intervalSeconds: 60)
        let second: UInt64 = 1_000_000_000
        #expect(filter.admit("k", at: 0) == (true, 0))
        #expect(filter.admit("k", at: second) == (false, 0))
        #expect(filter.admit("k", at: 59 * second) == (false, 0))
        #expect(filter.admit("other", at: 59 * second) == (true, 0), "each subject on its own")
        #expect(filter.admit("k", at: 60 * second) == (true, 2), "a minute on, with the two held back")
        #expect(filter.admit("k", at: 61 * second) == (false, 0))
    }

    @Test func pastItsCapacityItStartsOver() {
        var filter = RepeatFilter(intervalSeconds: 60, capacity: 2)
        #expect(filter.admit("a", at: 0).write)
        #expect(filter.admit("b", at: 0).write)
        #expect(filter.admit("c", at: 0).write, "a third subject clears what it remembered")
        #expect(filter.admit("a", at: 1).write, "so the first is written again")
    }
}
