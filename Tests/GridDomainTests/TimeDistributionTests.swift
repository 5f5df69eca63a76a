import GridDomain
import Testing

/// Time samples kept in order: added in any order, merged, summarised as mean and nearest-rank p90.
struct TimeDistributionTests {
    @Test func samplesAddedInAnyOrderKeepAscendingMinutesWithTheirCounts() {
        var distribution = TimeDistribution()
        for minutes in [30, 10, 30, 20, 5, 10, 40] { distribution.add(minutes) }
        distribution.add(20, count: 3)
        let minutes: [Int] = distribution.values.map(\.minutes)
        let counts: [Int] = distribution.values.map(\.count)
        #expect(minutes == [5, 10, 20, 30, 40])
        #expect(counts == [1, 2, 4, 2, 1])
        #expect(distribution.count == 10)
    }

    @Test func mergingAddsTheCountsOfEqualMinutesAndInterleavesTheRest() {
        var a = TimeDistribution()
        var b = TimeDistribution()
        var both = TimeDistribution()
        for minutes in [1, 4, 4, 9] { a.add(minutes); both.add(minutes) }
        for minutes in [2, 4, 10, 10] { b.add(minutes); both.add(minutes) }
        var merged = a
        merged.merge(b)
        #expect(merged == both)
        var fromEmpty = TimeDistribution()
        fromEmpty.merge(b)
        #expect(fromEmpty == b)
        #expect(merged != a)
    }

    @Test func theSummaryIsTheMeanAndTheNearestRankNinetiethPercentileInHours() {
        var distribution = TimeDistribution()
        for minutes in [60, 120, 180, 240, 300, 360, 420, 480, 540] { distribution.add(minutes) }
        distribution.add(6_000)
        // Ten samples: ⌈0.9 × 10⌉ = 9th smallest is 540 minutes.
        #expect(TimeSummary(distribution) == TimeSummary(count: 10, meanHours: 8_700.0 / 600, p90Hours: 9))
        #expect(TimeSummary(TimeDistribution()) == nil)
    }
}
