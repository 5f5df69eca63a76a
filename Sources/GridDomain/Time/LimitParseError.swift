/// Why a string is not a time limit (时限).
public enum LimitParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not of the form "<amount> <unit>".
    case malformed(String)
    /// The amount is not a whole number from 1 to `Limit.maximumAmount`.
    case invalidAmount(String)
    /// The unit is not one of minute(s), hour(s), day(s), working minute(s), working hour(s), working day(s).
    case unknownUnit(String)

    public var description: String {
        switch self {
        case .malformed(let text):
            "\"\(text)\" is not a time limit: expected \"<amount> <unit>\" such as \"30 minutes\" or \"1 working day\""
        case .invalidAmount(let text):
            "\"\(text)\" is not a time limit: the amount must be a whole number from 1 to \(Limit.maximumAmount)"
        case .unknownUnit(let text):
            "\"\(text)\" is not a time limit: the unit must be second(s), minute(s), hour(s), day(s), working minute(s), working hour(s) or working day(s)"
        }
    }
}
