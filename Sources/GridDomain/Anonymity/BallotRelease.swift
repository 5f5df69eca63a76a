/// 分批公开 — when sealed ballots may be opened, and in what order their content is written out.
///
/// Ballots wait in **release groups**: the set of departments their evaluation judged (one
/// department for most whistles, the lead and its co-departments for a joint case, 联办). A group's
/// ballots are opened only once at least K (`disclosureMinimum`) evaluations of it are pending, and
/// then all of them at once. So what people can see changes only by a batch of at least K whole
/// evaluations: reading an aggregate before and after one evaluation whose time is public narrows it
/// down to no fewer than K. Were each department's ballots released on their own, a joint case would
/// sit in one batch of the lead and another of each co-department, and intersecting those batches
/// could narrow it below K.
///
/// A remainder below K when a period closes waits for the group's next release and counts in the
/// period of that release.
public enum BallotRelease {
    /// The release group of an evaluation that judged `departments`: their ids, sorted, joined by commas.
    public static func group(of departments: [String]) -> String {
        Set(departments).sorted().joined(separator: ",")
    }

    /// How many departments a group holds.
    public static func size(of group: String) -> Int {
        group.split(separator: ",").count
    }

    /// Whether `pending` evaluations of one group are enough to open.
    public static func isDue(pending: Int, disclosureMinimum: Int) -> Bool {
        pending >= max(1, disclosureMinimum)
    }

    /// The opened ballots in an order that owes nothing to the order they were stored in.
    public static func shuffled<G: RandomNumberGenerator>(_ ballots: [Ballot], using generator: inout G) -> [Ballot] {
        ballots.shuffled(using: &generator)
    }

    /// The released counters of a batch, per department.
    public static func counters(of ballots: [Ballot]) -> [String: ReleasedOpinions] {
        var counters: [String: ReleasedOpinions] = [:]
        for ballot in ballots { counters[ballot.department, default: ReleasedOpinions()].add(ballot) }
        return counters
    }
}
