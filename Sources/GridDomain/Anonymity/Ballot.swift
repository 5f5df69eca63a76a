/// 满意度 — how satisfied the grid is with the response.
public enum Satisfaction: String, Sendable, NamedCase {
    /// 满意
    case satisfied
    /// 基本满意
    case basicallySatisfied = "basically_satisfied"
    /// 不满意
    case dissatisfied
}

/// An aspect of the response the grid may score from 1 to 5 (分项评价).
public enum Aspect: String, Sendable, NamedCase, Comparable {
    /// 及时性 — how quickly it was handled.
    case timeliness
    /// 质量 — how well it was solved.
    case quality
    /// 态度与协同 — attitude, and coordination between departments.
    case attitude

    public static func < (a: Aspect, b: Aspect) -> Bool { a.rawValue < b.rawValue }
    /// The scores allowed.
    public static let scores: ClosedRange<Int> = 1...5
}

/// 分项评价 — the optional aspect scores of one evaluation, each 1–5.
public struct AspectScores: Sendable, Codable, Equatable {
    public var timeliness: Int?
    public var quality: Int?
    public var attitude: Int?

    public init(timeliness: Int? = nil, quality: Int? = nil, attitude: Int? = nil) {
        self.timeliness = timeliness
        self.quality = quality
        self.attitude = attitude
    }

    public subscript(aspect: Aspect) -> Int? {
        switch aspect {
        case .timeliness: timeliness
        case .quality: quality
        case .attitude: attitude
        }
    }

    /// The aspects scored, with their scores.
    public var given: [(aspect: Aspect, score: Int)] {
        Aspect.allCases.compactMap { aspect in self[aspect].map { (aspect, $0) } }
    }
}

/// 选票 — what one evaluation said about one department: its satisfaction, any aspect scores and,
/// on the lead's ballot only, the comment. It names that department and nothing else: no whistle,
/// no grid, no time. It is sealed while it waits and opened only in a batch (``BallotRelease``).
public struct Ballot: Sendable, Codable, Equatable {
    public var department: String
    public var satisfaction: Satisfaction
    public var scores: AspectScores
    public var comment: String?

    public init(department: String, satisfaction: Satisfaction, scores: AspectScores = AspectScores(), comment: String? = nil) {
        self.department = department
        self.satisfaction = satisfaction
        self.scores = scores
        self.comment = comment
    }

    /// 一票一部门 — one evaluation's ballots: one for each department judged, the lead first. The
    /// comment goes on the lead's ballot alone: the lead (主办) answers for the whole case, and a
    /// comment shown once cannot be counted twice.
    public static func cast(satisfaction: Satisfaction, scores: AspectScores, comment: String?,
                            departments: [String]) -> [Ballot] {
        var seen: Set<String> = []
        return departments.filter { seen.insert($0).inserted }.enumerated().map { index, department in
            Ballot(department: department, satisfaction: satisfaction, scores: scores,
                   comment: index == 0 ? comment : nil)
        }
    }
}
