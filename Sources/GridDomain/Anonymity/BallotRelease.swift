/// 分批公开 — when sealed ballots may be opened, and in what order their content is written out.
///
/// Ballots wait in **release groups**: the departments their evaluation judged, the lead (主办) told
/// apart (one department for most whistles, the lead and its co-departments for a joint case,
/// 联办). A group's
/// ballots are opened only once at least K (`disclosureMinimum`) evaluations of it are pending, and
/// then all of them at once. So what people can see changes only by a batch of at least K whole
/// evaluations: reading an aggregate before and after one evaluation whose time is public narrows it
/// down to no fewer than K. Were each department's ballots released on their own, a joint case would
/// sit in one batch of the lead and another of each co-department, and intersecting those batches
/// could narrow it below K. The lead is part of the group because the comment goes to the lead's
/// box: two evaluations of the same departments with different leads (a re-dispatch, two matters)
/// put their comments in different boxes, so they must not share a batch.
///
/// A remainder below K when a period closes waits for the group's next release and counts in the
/// period of that release.
public enum BallotRelease {
    /// The release group of an evaluation led by `lead` with co-departments `co`: the lead, then
    /// the others sorted, as `lead|co,co`.
    public static func group(lead: String, co: [String]) -> String {
        let others = Set(co).subtracting([lead]).sorted()
        return others.isEmpty ? lead : "\(lead)|\(others.joined(separator: ","))"
    }

    /// The departments of a group, the lead first.
    public static func departments(of group: String) -> [String] {
        group.split(whereSeparator: { $0 == "|" || $0 == "," }).map(String.init)
    }

    /// Whether `pending` evaluations of one group are enough to open.
    public static func isDue(pending: Int, disclosureMinimum: Int) -> Bool {
        pending >= max(1, disclosureMinimum)
    }

    /// The released counters of a batch, per department.
    public static func counters(of ballots: [Ballot]) -> [String: ReleasedOpinions] {
        var counters: [String: ReleasedOpinions] = [:]
        for ballot in ballots { counters[ballot.department, default: ReleasedOpinions()].add(ballot) }
        return counters
    }
}
