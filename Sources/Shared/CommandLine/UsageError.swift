/// A command line that cannot be used. Each program prints it with its usage and exits with its
/// own status: the services 64, gridctl 2, gridplus-bench 64.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of mistake it is, so that a caller or a test need not read the message.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let description: String

        /// A word that looks like an option (`--no-such-option`, `-x`) and is not one the
        /// program (or the command) takes.
        public static let unknownOption = Code(description: "unknown_option")
        /// An option that takes a value came last, with nothing after it.
        public static let missingValue = Code(description: "missing_value")
        /// A plain word given to a program that takes none.
        public static let unexpectedArgument = Code(description: "unexpected_argument")
        /// An option the command needs was not given.
        public static let missingOption = Code(description: "missing_option")
        /// A value, a word or a combination the program refuses (`--durability fast`).
        public static let invalid = Code(description: "invalid")
    }

    public let code: Code
    /// What a person reads: `--config needs a value`, `unknown option '--confg'`.
    public let description: String

    public init(_ description: String, code: Code = .invalid) {
        self.code = code
        self.description = description
    }
}
