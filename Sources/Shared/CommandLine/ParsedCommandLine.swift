/// What ``CommandLineParser`` read: the plain words in order, and the options given.
public struct ParsedCommandLine: Sendable, Equatable {
    /// The plain words, in order (gridctl's command first).
    public internal(set) var positional: [String] = []
    /// `--help` or `-h` was given; the words after it were not read.
    public internal(set) var helpRequested = false
    var values: [String: [String]] = [:]
    var switches: Set<String> = []

    /// Whether the switch `name` was given.
    public func has(_ name: String) -> Bool { switches.contains(name) }

    /// The value of `name`: the last one when it was given more than once.
    public func value(_ name: String) -> String? { values[name]?.last }

    /// Every value of `name`, in the order given (`--evidence A --evidence B`).
    public func values(_ name: String) -> [String] { values[name] ?? [] }

    /// The options given, value options and switches alike (not `--help`).
    public var optionNames: Set<String> { Set(values.keys).union(switches) }

    /// The value of `name`, or ``UsageError/Code/missingOption`` (`--summary is required`).
    public func required(_ name: String) throws(UsageError) -> String {
        guard let value = value(name) else { throw UsageError("\(name) is required", code: .missingOption) }
        return value
    }

    /// The value of `name` made into a `T` by `convert`, or nil when `name` was not given. Every
    /// value given is checked, and the last one counts; one that `convert` refuses (nil) throws
    /// ``UsageError/Code/invalid`` with `message(value)`.
    public func value<T>(_ name: String, as convert: (String) -> T?,
                         otherwise message: (String) -> String) throws(UsageError) -> T? {
        var last: T?
        for text in values(name) {
            guard let converted = convert(text) else { throw UsageError(message(text)) }
            last = converted
        }
        return last
    }

    /// Refuses every option given that is not in `names`, so that an option of another command
    /// (`gridctl sign --summary …`) is not silently ignored. The first in sorted order is named.
    public func allow(only names: Set<String>) throws(UsageError) {
        if let first = optionNames.subtracting(names).sorted().first {
            throw UsageError("unknown option '\(first)'", code: .unknownOption)
        }
    }
}
