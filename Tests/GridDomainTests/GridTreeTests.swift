import GridDomain
import Testing

@Suite struct GridTreeTests {
    let tree = GridTree(Fixture.grids)

    @Test func walksFromAGridUpToTheDistrict() {
        #expect(tree.ancestors(of: "JD-NX-A01-G01-M01").map(\.id) == ["JD-NX-A01-G01-M01", "JD-NX-A01-G01", "JD-NX-A01", "JD-NX", "JD"])
        #expect(tree.ancestors(of: "JD").map(\.id) == ["JD"])
        #expect(tree.ancestors(of: "nowhere").isEmpty)
    }

    @Test func findsTheTownAndAreaOfAGrid() {
        #expect(tree.town(of: "JD-NX-A01-G01-M01")?.id == "JD-NX")
        #expect(tree.area(of: "JD-NX-A01-G01-M01")?.id == "JD-NX-A01")
        #expect(tree.town(of: "JD-AT")?.id == "JD-AT")
        #expect(tree.town(of: "JD") == nil)
        #expect(tree.area(of: "JD-AT") == nil)
    }

    @Test func listsChildrenInConfigurationOrder() {
        #expect(tree.children(of: "JD-NX").map(\.id) == ["JD-NX-A01", "JD-NX-A02"])
        #expect(tree.children(of: "JD").map(\.id) == ["JD-NX", "JD-AT"])
        #expect(tree.children(of: "JD-NX-A01-G01-M01").isEmpty)
    }

    @Test func looksUpGridsById() {
        #expect(tree.grid("JD-AT-A01-G01")?.kind == .park)
        #expect(tree.grid("JD-XX") == nil)
    }

    @Test func stopsAtACycleInInvalidData() {
        let looped = GridTree([
            Grid(id: "A", name: "a", level: .unit, parent: "B"),
            Grid(id: "B", name: "b", level: .area, parent: "A"),
        ])
        #expect(looped.ancestors(of: "A").map(\.id) == ["A", "B"])
        #expect(looped.town(of: "A") == nil)
    }
}
