import Testing
@testable import GridStore

struct KeyFilterTests {
    @Test func everyPairAddedIsPerhapsSeenAndFewOthersAre() {
        var filter = KeyFilter(capacity: 20_000)
        for index in 0..<20_000 { filter.insert(principal: "grid:G\(index % 56)", key: "k-\(index)") }
        #expect(filter.count == 20_000)
        for index in 0..<20_000 {
            #expect(filter.mightContain(principal: "grid:G\(index % 56)", key: "k-\(index)"))
        }
        // The same keys from other principals, and other keys: at most a few in a thousand.
        var perhaps = 0
        for index in 0..<20_000 where filter.mightContain(principal: "grid:H\(index % 56)", key: "k-\(index)") { perhaps += 1 }
        for index in 20_000..<40_000 where filter.mightContain(principal: "grid:G\(index % 56)", key: "k-\(index)") { perhaps += 1 }
        #expect(perhaps < 40)
    }

    @Test func thePrincipalAndTheKeyDoNotRunTogether() {
        var filter = KeyFilter(capacity: 0)
        filter.insert(principal: "grid:A", key: "Bc")
        #expect(filter.mightContain(principal: "grid:A", key: "Bc"))
        #expect(!filter.mightContain(principal: "grid:AB", key: "c"))
        #expect(filter.capacity >= 65_536)
    }
}
