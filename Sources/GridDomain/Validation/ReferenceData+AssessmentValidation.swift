extension ReferenceData {
    /// Weights that are finite and not negative with a positive total, grades from best to worst,
    /// and a colour model whose thresholds and windows make sense, for the district and each town.
    func validateAssessment(into issues: inout IssueList) {
        let policy = assessment
        if policy.minimumVolume < 0 {
            issues.add("/assessment/minimumVolume", "must not be negative, is \(policy.minimumVolume)")
        }
        let weights = policy.weights
        requireWeights([("response", weights.response), ("solved", weights.solved), ("satisfaction", weights.satisfaction)],
                       at: "/assessment/weights", into: &issues)
        let town = policy.town
        requireWeights([("organisation", town.organisation), ("resources", town.resources), ("departments", town.departments)],
                       at: "/assessment/town", into: &issues)
        let grades = policy.grades
        if !(grades.a.isFinite && grades.d.isFinite && grades.a > grades.b && grades.b > grades.c && grades.c > grades.d) {
            issues.add("/assessment/grades", "must fall from a to d (a > b > c > d), are \(grades.a), \(grades.b), \(grades.c), \(grades.d)")
        }
        validateColours(policy.colours.settings, at: "/assessment/colours", into: &issues)
        let tree = GridTree(grids)
        for (id, override) in policy.colours.towns.sorted(by: { $0.key < $1.key }) {
            let path = "/assessment/colours/towns/\(jsonPointerEscaped(id))"
            if tree.grid(id)?.level != .town { issues.add(path, "unknown town \"\(id)\"") }
            validateColours(override.applied(to: policy.colours.settings), at: path, into: &issues)
        }
    }

    private func requireWeights(_ weights: [(String, Double)], at path: String, into issues: inout IssueList) {
        for (name, weight) in weights where !(weight.isFinite && weight >= 0) {
            issues.add("\(path)/\(name)", "must be a number not below 0, is \(weight)")
        }
        if weights.reduce(0, { $0 + $1.1 }) <= 0 { issues.add(path, "must not all be 0") }
    }

    private func validateColours(_ settings: ColourSettings, at path: String, into issues: inout IssueList) {
        if settings.windowDays < 1 { issues.add("\(path)/windowDays", "must be at least 1, is \(settings.windowDays)") }
        if settings.recurrenceDays < 1 {
            issues.add("\(path)/recurrenceDays", "must be at least 1, is \(settings.recurrenceDays)")
        }
        if settings.holdDays < 0 { issues.add("\(path)/holdDays", "must not be negative, is \(settings.holdDays)") }
        if !(1 <= settings.yellowFrom && settings.yellowFrom < settings.redFrom) {
            issues.add("\(path)/yellowFrom", "must be at least 1 and below redFrom (\(settings.redFrom)), is \(settings.yellowFrom)")
        }
        let w = settings.weights
        for (name, weight) in [("overdueOpen", w.overdueOpen), ("open", w.open), ("recurrence", w.recurrence),
                               ("externalAlarm", w.externalAlarm), ("notSolved", w.notSolved)] where weight < 0 {
            issues.add("\(path)/weights/\(name)", "must not be negative, is \(weight)")
        }
    }
}
