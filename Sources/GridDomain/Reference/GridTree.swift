/// 网格树 — the grids indexed by id once, for O(1) lookups and walks up the tree.
///
/// Built from any list, valid or not: the first grid with an id wins, and walks stop at a missing
/// parent or a cycle. Each grid's walk up is made once here, since every whistle routes by it.
public struct GridTree: Sendable {
    private let byID: [String: Grid]
    private let childIDs: [String: [String]]
    private let chains: [String: [Grid]]

    public init(_ grids: [Grid]) {
        var byID: [String: Grid] = [:]
        var childIDs: [String: [String]] = [:]
        for grid in grids where byID[grid.id] == nil {
            byID[grid.id] = grid
            if let parent = grid.parent { childIDs[parent, default: []].append(grid.id) }
        }
        self.byID = byID
        self.childIDs = childIDs
        chains = byID.mapValues { Self.walkUp(from: $0, in: byID) }
    }

    private static func walkUp(from start: Grid, in byID: [String: Grid]) -> [Grid] {
        var chain: [Grid] = []
        var visited: Set<String> = []
        var current: Grid? = start
        while let grid = current, visited.insert(grid.id).inserted {
            chain.append(grid)
            current = grid.parent.flatMap { byID[$0] }
        }
        return chain
    }

    public func grid(_ id: String) -> Grid? {
        byID[id]
    }

    /// The grid itself first, then its parent, and so on up to the district.
    public func ancestors(of id: String) -> [Grid] {
        chains[id] ?? []
    }

    /// 街镇 — the town the grid belongs to (itself if it is a town); nil for the district.
    public func town(of id: String) -> Grid? {
        chains[id]?.first { $0.level == .town }
    }

    /// 片区 — the area the grid belongs to (itself if it is an area); nil above area level.
    public func area(of id: String) -> Grid? {
        chains[id]?.first { $0.level == .area }
    }

    /// The grids whose parent is `id`, in configuration order.
    public func children(of id: String) -> [Grid] {
        (childIDs[id] ?? []).compactMap { byID[$0] }
    }
}
