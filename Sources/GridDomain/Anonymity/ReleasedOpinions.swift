/// 已公开评价 — what released ballots said about one department in one period, as counters only:
/// how many by satisfaction, and per aspect the number of scores and their sum. Nothing in it
/// belongs to one ballot.
public struct ReleasedOpinions: Sendable, Equatable {
    public var satisfied = 0
    public var basicallySatisfied = 0
    public var dissatisfied = 0
    /// Per aspect: how many ballots scored it, and the sum of their scores.
    public var scored: [Aspect: Int] = [:]
    public var scoreSums: [Aspect: Int] = [:]

    public init() {}

    /// Ballots released.
    public var ballots: Int { satisfied + basicallySatisfied + dissatisfied }

    public mutating func add(_ ballot: Ballot) {
        switch ballot.satisfaction {
        case .satisfied: satisfied += 1
        case .basicallySatisfied: basicallySatisfied += 1
        case .dissatisfied: dissatisfied += 1
        }
        for (aspect, score) in ballot.scores.given {
            scored[aspect, default: 0] += 1
            scoreSums[aspect, default: 0] += score
        }
    }

    /// Adds another department's counters: a district body's are its units' combined.
    public mutating func merge(_ other: ReleasedOpinions) {
        satisfied += other.satisfied
        basicallySatisfied += other.basicallySatisfied
        dissatisfied += other.dissatisfied
        for (aspect, count) in other.scored { scored[aspect, default: 0] += count }
        for (aspect, sum) in other.scoreSums { scoreSums[aspect, default: 0] += sum }
    }

    /// These counters and `other`'s together.
    public func merged(_ other: ReleasedOpinions) -> ReleasedOpinions {
        var both = self
        both.merge(other)
        return both
    }

    /// 满意率 — (满意 + w × 基本满意) / ballots, or nil below `minimum` ballots (K).
    public func satisfactionRate(weight: Double, minimum: Int) -> Double? {
        guard ballots >= max(1, minimum) else { return nil }
        return (Double(satisfied) + weight * Double(basicallySatisfied)) / Double(ballots)
    }

    /// The mean score of `aspect`, or nil when fewer than `minimum` ballots (K) scored it.
    public func meanScore(_ aspect: Aspect, minimum: Int) -> Double? {
        let count = scored[aspect] ?? 0
        guard count >= max(1, minimum) else { return nil }
        return Double(scoreSums[aspect] ?? 0) / Double(count)
    }
}
