import Foundation
import GridWire

/// The board as a person reads it: one table row per service, its problems underneath.
extension StatusBoard {
    /// Renders `rows`; `now` (the real clock) dates the last checkpoint ("4 s ago").
    static func text(_ rows: [Row], now: Date) -> String {
        let table = Table.render(
            ["SERVICE", "STATE", "VERSION", "UP", "CMD/S", "EV/S", "CONSUMED (LAST, BEHIND)", "DEAD", "DB", "CHECKPOINT"],
            rows.map { row in
                guard let state = row.state else {
                    return [row.service, row.missing ? "MISSING" : "waiting", "", "", "", "", "", "", "", ""]
                }
                let consumed = (row.consumed ?? [:]).sorted { $0.key < $1.key }
                    .map { "\($0.key) \($0.value.last) (\($0.value.behind))\($0.value.state == .stale ? " STALE" : "")" }
                    .joined(separator: ", ")
                return [row.service,
                        row.missing ? "MISSING (\(Int(row.secondsSinceHeartbeat ?? 0)) s silent)" : state,
                        row.version ?? "", row.uptimeSeconds.map(duration) ?? "",
                        row.commandsPerSecond.map(rate) ?? "—", row.eventsPerSecond.map(rate) ?? "—",
                        consumed.isEmpty ? "—" : consumed, row.deadLetters.map { "\($0)" } ?? "",
                        row.databaseBytes.map(bytes) ?? "",
                        row.lastCheckpoint.map { "\(duration(max(0, Int(now.timeIntervalSince($0.date))))) ago" } ?? "none yet"]
            })
        let problems = rows.flatMap { row in (row.problems ?? []).map { "  \(row.service): \($0)" } }
        return table + (problems.isEmpty ? "" : "\nproblems:\n" + problems.joined(separator: "\n"))
    }

    private static func rate(_ value: Double) -> String { String(format: "%.1f", value) }

    /// `42 s`, `7 m 05 s`, `3 h 12 m`, `2 d 4 h`.
    static func duration(_ seconds: Int) -> String {
        switch seconds {
        case ..<60: "\(seconds) s"
        case ..<3_600: String(format: "%d m %02d s", seconds / 60, seconds % 60)
        case ..<86_400: String(format: "%d h %02d m", seconds / 3_600, seconds % 3_600 / 60)
        default: "\(seconds / 86_400) d \(seconds % 86_400 / 3_600) h"
        }
    }

    /// `812 KiB`, `3.4 MiB`, `1.2 GiB`.
    static func bytes(_ count: Int64) -> String {
        let value = Double(count)
        switch count {
        case ..<1_048_576: return "\(Int((value / 1_024).rounded())) KiB"
        case ..<1_073_741_824: return String(format: "%.1f MiB", value / 1_048_576)
        default: return String(format: "%.1f GiB", value / 1_073_741_824)
        }
    }
}
