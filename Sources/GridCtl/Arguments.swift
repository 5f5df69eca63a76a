/// A tiny command-line reader: positional words and `--flag value` / `--switch` options.
struct Arguments {
    private(set) var positional: [String] = []
    private var values: [String: [String]] = [:]
    private var switches: Set<String> = []

    /// Options that take no value.
    static let switchNames: Set<String> = ["--json", "--all", "--help", "-h"]

    init(_ words: [String]) throws(UsageError) {
        var rest = words[...]
        while let word = rest.popFirst() {
            if Self.switchNames.contains(word) {
                switches.insert(word)
            } else if word.hasPrefix("--") {
                guard let value = rest.popFirst() else { throw UsageError("\(word) needs a value") }
                values[word, default: []].append(value)
            } else {
                positional.append(word)
            }
        }
    }

    func has(_ name: String) -> Bool { switches.contains(name) }
    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    var optionNames: Set<String> { Set(values.keys).union(switches) }

    func required(_ name: String) throws(UsageError) -> String {
        guard let value = value(name) else { throw UsageError("\(name) is required") }
        return value
    }

    /// Refuses options the command does not know, so a typo is never silently ignored.
    func allow(_ names: Set<String>) throws(UsageError) {
        let unknown = optionNames.subtracting(names).subtracting(Command.globalOptions)
        if let first = unknown.sorted().first { throw UsageError("unknown option \(first)") }
    }
}

/// A command line that cannot be used (exit 2).
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
