import Foundation

extension ReferenceData {
    /// Every mistake, each with its JSON Pointer under `pathPrefix` (e.g. "/reference"); empty when
    /// valid. Limits in seconds are mistakes unless `allowingSeconds` (a test configuration).
    public func validate(pathPrefix: String = "", allowingSeconds: Bool = false) -> [ValidationIssue] {
        var issues = IssueList(prefix: pathPrefix)
        if TimeZone(identifier: timeZone) == nil {
            issues.add("/timeZone", unknownTimeZoneMessage)
        }
        for issue in calendar.rules().issues {
            issues.add("/calendar" + issue.path, issue.message)
        }
        issues.requireUniqueIDs(roles.map(\.id), in: "/roles")
        validateGrids(into: &issues)
        validateDepartments(into: &issues)
        validateMatters(allowingSeconds: allowingSeconds, into: &issues)
        validateEvaluation(into: &issues)
        validateResponse(allowingSeconds: allowingSeconds, into: &issues)
        validateAssessment(into: &issues)
        return issues.issues
    }

    private func validateEvaluation(into issues: inout IssueList) {
        if evaluation.disclosureMinimum < 1 {
            issues.add("/evaluation/disclosureMinimum", "must be at least 1, is \(evaluation.disclosureMinimum)")
        }
        if evaluation.windowDays < 1 {
            issues.add("/evaluation/windowDays", "must be at least 1, is \(evaluation.windowDays)")
        }
        let weight = evaluation.basicallySatisfiedWeight
        if !(weight.isFinite && (0...1).contains(weight)) {
            issues.add("/evaluation/basicallySatisfiedWeight", "must be from 0 to 1, is \(weight)")
        }
    }
}
