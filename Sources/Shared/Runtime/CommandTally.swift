import GridWire

/// Requests answered and refused per command name, for the status heartbeat. Only names the
/// service registered get their own entry; anything else (an unknown name, or a request too
/// broken to name one) is counted under ``ServiceStatus/unknownCommand``, so a flood of junk
/// cannot grow the map.
struct CommandTally {
    private(set) var counts: [String: ServiceStatus.CommandCounts] = [:]

    /// Counts an answer to `cmd`; `known` says whether the service registered that name.
    mutating func answered(_ cmd: String?, known: (String) -> Bool) {
        counts[key(cmd, known), default: .init()].answered += 1
    }

    /// Counts a refusal of `cmd` (nil when the request named none that could be read).
    mutating func refused(_ cmd: String?, known: (String) -> Bool) {
        counts[key(cmd, known), default: .init()].refused += 1
    }

    private func key(_ cmd: String?, _ known: (String) -> Bool) -> String {
        guard let cmd, known(cmd) else { return ServiceStatus.unknownCommand }
        return cmd
    }
}
