/// Reads a command line against the options a program declares.
///
/// - A declared value option takes the next word as its value, whatever that word is
///   (`--description --draft` describes "--draft"); as the last word it is refused
///   (``UsageError/Code/missingValue``). Given again, it keeps every value in order.
/// - A declared switch takes no value; giving it twice is the same as once.
/// - `--help` and `-h` are always known: they end the reading, so what follows is not checked
///   (``ParsedCommandLine/helpRequested``).
/// - Any other word that starts with `-` and a letter or a second `-` is refused
///   (``UsageError/Code/unknownOption``), so a typo is never silently taken for something else.
///   `-5` and `-` are plain words.
/// - A plain word is positional, or refused (``UsageError/Code/unexpectedArgument``) when the
///   program takes none.
///
/// `--flag=value` is not a form this parser reads: it is an unknown option.
public struct CommandLineParser: Sendable {
    /// Options followed by a value: `--config PATH`.
    public let valueOptions: Set<String>
    /// Options standing alone: `--json`.
    public let switches: Set<String>
    /// Whether plain words are accepted (gridctl's command and its arguments) or refused.
    public let takesPositional: Bool

    /// The two spellings of "print the usage", known to every program.
    public static let helpSwitches: Set<String> = ["--help", "-h"]

    /// Precondition: no name is both a value option and a switch, and neither set redeclares help.
    public init(valueOptions: Set<String> = [], switches: Set<String> = [], takesPositional: Bool = true) {
        precondition(valueOptions.isDisjoint(with: switches), "an option either takes a value or does not")
        precondition(valueOptions.union(switches).isDisjoint(with: Self.helpSwitches), "--help and -h are built in")
        self.valueOptions = valueOptions
        self.switches = switches
        self.takesPositional = takesPositional
    }

    /// Reads `words` (without the program name).
    public func parse(_ words: [String]) throws(UsageError) -> ParsedCommandLine {
        var parsed = ParsedCommandLine()
        var rest = words[...]
        while let word = rest.popFirst() {
            if Self.helpSwitches.contains(word) {
                parsed.helpRequested = true
                return parsed
            } else if switches.contains(word) {
                parsed.switches.insert(word)
            } else if valueOptions.contains(word) {
                guard let value = rest.popFirst() else { throw UsageError("\(word) needs a value", code: .missingValue) }
                parsed.values[word, default: []].append(value)
            } else if Self.looksLikeAnOption(word) {
                throw UsageError("unknown option '\(word)'", code: .unknownOption)
            } else if takesPositional {
                parsed.positional.append(word)
            } else {
                throw UsageError("unexpected argument '\(word)'", code: .unexpectedArgument)
            }
        }
        return parsed
    }

    /// `--anything` and `-x`, but not `-` or a negative number such as `-5` or `-.5`.
    static func looksLikeAnOption(_ word: String) -> Bool {
        guard word.hasPrefix("-"), let second = word.dropFirst().first else { return false }
        return second == "-" || second.isLetter
    }
}
