import Foundation
import GridWire

/// The assessment as the assessment office takes it: CSV in UTF-8 with a byte-order mark (so a
/// spreadsheet reads the Chinese names), one row per department and then per district body,
/// each row naming the period, the reference version and when the figures were made.
enum AssessmentExport {
    static let columns = [
        "level 层级", "rank 排名", "grade 等级", "score 综合得分", "department 部门", "name 名称", "parent 上级",
        "dispatched 派单", "signForOnTimeRate 响应率", "disposalOnTimeRate 按期处置率", "closureRate 结案率",
        "closureOnTimeRate 按期结案率", "reworkRate 返工率", "extendedRate 延期率", "returnRequestRate 退单率",
        "returnRefusedRate 退单不当率", "solvedRate 解决率", "satisfactionRate 满意率", "released 已公开评价",
        "signForMeanHours 平均签收时长", "signForP90Hours 签收时长P90", "closeMeanHours 平均结案时长",
        "closeP90Hours 结案时长P90", "notRanked 未排名原因", "period 考核周期", "provisional 未结束",
        "referenceVersion 参考数据版本", "generatedAt 生成时间",
    ]

    static func csv(_ assessment: Assessment) -> String {
        func number(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "" }
        func row(_ level: String, _ d: DepartmentAssessment) -> [String] {
            [level, d.rank.map(String.init) ?? "", d.grade?.rawValue ?? "", d.score.map { String(format: "%.2f", $0) } ?? "",
             d.department, d.name, d.parent ?? "", "\(d.dispatched)", number(d.signForOnTimeRate), number(d.disposalOnTimeRate),
             number(d.closureRate), number(d.closureOnTimeRate), number(d.reworkRate), number(d.extendedRate),
             number(d.returnRequestRate), number(d.returnRefusedRate), number(d.solvedRate), number(d.satisfactionRate),
             "\(d.released)", number(d.signForHours?.meanHours), number(d.signForHours?.p90Hours),
             number(d.closeHours?.meanHours), number(d.closeHours?.p90Hours), d.notRanked?.rawValue ?? "",
             assessment.period ?? "all", assessment.provisional ? "yes" : "no", "\(assessment.referenceVersion)",
             assessment.generatedAt.description]
        }
        let rows = [columns] + assessment.departments.map { row("department", $0) } + assessment.bodies.map { row("body", $0) }
        return "\u{FEFF}" + rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
