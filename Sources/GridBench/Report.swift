import Foundation

/// What the run prints: sections of detail as they are measured, then one summary table in which
/// every figure stands beside its same-run baseline and its target.
final class Report {
    struct Row {
        var figure: String
        var value: String
        var baseline: String
        var target: String
    }

    private(set) var rows: [Row] = []

    /// Written straight to the file descriptor, so progress shows even when stdout is a pipe.
    func line(_ text: String = "") {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    func section(_ title: String) {
        line()
        line("== \(title)")
    }

    func add(_ figure: String, _ value: String, baseline: String = "", target: String = "") {
        rows.append(Row(figure: figure, value: value, baseline: baseline, target: target))
    }

    func printSummary() {
        let header = Row(figure: "figure", value: "value", baseline: "vs same-run baseline", target: "target")
        let all = [header] + rows
        func width(_ column: KeyPath<Row, String>) -> Int { all.map { $0[keyPath: column].count }.max() ?? 0 }
        let widths = [width(\.figure), width(\.value), width(\.baseline), width(\.target)]
        func render(_ row: Row) -> String {
            zip([row.figure, row.value, row.baseline, row.target], widths)
                .map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: " | ")
        }
        section("Summary")
        line(render(header))
        line(widths.map { String(repeating: "-", count: $0) }.joined(separator: "-|-"))
        rows.forEach { line(render($0)) }
    }
}

/// Number formatting for the printed figures.
enum Format {
    /// "3,155 whistles/s"
    static func rate(_ perSecond: Double, _ unit: String = "") -> String {
        grouped(Int(perSecond.rounded())) + (unit.isEmpty ? "/s" : " \(unit)/s")
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    static func ms(_ value: Double) -> String { String(format: "%.2f ms", value) }

    static func us(_ milliseconds: Double) -> String { String(format: "%.0f µs", milliseconds * 1000) }

    static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }

    static func ratio(_ value: Double) -> String { String(format: "%.3f", value) }

    /// "met", or "MISSED" in capitals so it stands out.
    static func verdict(_ met: Bool) -> String { met ? "met" : "MISSED" }
}
