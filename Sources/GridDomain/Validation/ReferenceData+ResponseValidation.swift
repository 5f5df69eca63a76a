extension ResponsePolicy {
    /// The most reminder fractions (催办) a `remindAt` list may hold. Each fraction is one reminder
    /// **per clock** — every task's sign-for, arrival and disposal clock — so each one adds
    /// due work and a message per task; ten is already far beyond useful, and more is a mistake.
    public static let maximumReminders = 10
    /// The highest `reworkCap`: a whistle reworked this often has long since needed a higher level.
    public static let maximumReworkCap = 20
}

extension ReferenceData {
    /// 三级网格响应 — the district's settings and each town's overrides: four usable level
    /// deadlines, reminder fractions strictly between 0 and 1 (distinct, at most
    /// ``ResponsePolicy/maximumReminders``), a usable `stallAfter` and `arbitrateWithin`, a rework cap of 0 to
    /// ``ResponsePolicy/maximumReworkCap``, triggers listed once and never one always on; every override keyed by a town grid.
    func validateResponse(allowingSeconds: Bool, into issues: inout IssueList) {
        let district = response.district
        validateLevelDeadlines(district.levelDeadlines, at: "/response/levelDeadlines", allowingSeconds: allowingSeconds, into: &issues)
        validateRemindAt(district.remindAt, at: "/response/remindAt", into: &issues)
        issues.requireUsableLimit(district.stallAfter, at: "/response/stallAfter", allowingSeconds: allowingSeconds)
        validateEscalateOn(district.escalateOn, at: "/response/escalateOn", into: &issues)
        issues.requireUsableLimit(district.arbitrateWithin, at: "/response/arbitrateWithin", allowingSeconds: allowingSeconds)
        if !(0...ResponsePolicy.maximumReworkCap).contains(district.reworkCap) {
            issues.add("/response/reworkCap",
                "the rework cap is a number of reworks from 0 to \(ResponsePolicy.maximumReworkCap), is \(district.reworkCap)")
        }
        let tree = GridTree(grids)
        for town in response.towns.keys.sorted() {
            let path = "/response/towns/\(jsonPointerEscaped(town))"
            if let grid = tree.grid(town) {
                if grid.level != .town {
                    issues.add(path, "\"\(town)\" is \(grid.level.phrase): response settings are overridden per town (街镇)")
                }
            } else {
                issues.add(path, "unknown grid \"\(town)\": response settings are overridden per town (街镇)")
            }
            guard let own = response.towns[town] else { continue }
            if let levels = own.levelDeadlines {
                validateLevelDeadlines(levels, at: "\(path)/levelDeadlines", allowingSeconds: allowingSeconds, into: &issues)
            }
            if let stall = own.stallAfter {
                issues.requireUsableLimit(stall, at: "\(path)/stallAfter", allowingSeconds: allowingSeconds)
            }
            if let triggers = own.escalateOn {
                validateEscalateOn(triggers, at: "\(path)/escalateOn", into: &issues)
            }
        }
    }

    /// One deadline per ``ResponseLevel``, each usable.
    private func validateLevelDeadlines(_ limits: [Limit], at path: String, allowingSeconds: Bool, into issues: inout IssueList) {
        let levels = ResponseLevel.allCases.count
        if limits.count != levels {
            issues.add(path,
                "\(levels) level deadlines are needed, one per level (unit 自治, area 共治, town 牵头, district), in that order; there are \(limits.count)")
        }
        for (index, limit) in limits.enumerated() {
            issues.requireUsableLimit(limit, at: "\(path)/\(index)", allowingSeconds: allowingSeconds)
        }
    }

    private func validateRemindAt(_ fractions: [Double], at path: String, into issues: inout IssueList) {
        if fractions.count > ResponsePolicy.maximumReminders {
            issues.add(path,
                "at most \(ResponsePolicy.maximumReminders) reminders: each fraction is one reminder per clock; there are \(fractions.count)")
        }
        var first: [Double: Int] = [:]
        for (index, fraction) in fractions.enumerated() {
            if !(fraction.isFinite && fraction > 0 && fraction < 1) {
                issues.add("\(path)/\(index)", "a fraction of the clock must be greater than 0 and less than 1, is \(fraction)")
            } else if let earlier = first[fraction] {
                issues.add("\(path)/\(index)", "\(fraction) is listed twice (also at \(issues.pointer("\(path)/\(earlier)")))")
            } else {
                first[fraction] = index
            }
        }
    }

    private func validateEscalateOn(_ triggers: [EscalationTrigger], at path: String, into issues: inout IssueList) {
        var seen: Set<EscalationTrigger> = []
        for (index, trigger) in triggers.enumerated() {
            if trigger.isAlwaysOn {
                issues.add("\(path)/\(index)",
                    "\"\(trigger.rawValue)\" is always on and is not listed; list only \(Self.automaticTriggers)")
            } else if !seen.insert(trigger).inserted {
                issues.add("\(path)/\(index)", "\"\(trigger.rawValue)\" is listed twice")
            }
        }
    }

    /// "\"redClock\", \"stall\" or \"levelDeadline\"": for messages.
    private static var automaticTriggers: String {
        let names = EscalationTrigger.allCases.filter { !$0.isAlwaysOn }.map { "\"\($0.rawValue)\"" }
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }
}
