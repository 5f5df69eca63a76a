/// The unit of a step's time limit (时限).
public enum LimitUnit: String, Sendable, NamedCase {
    /// 秒 — natural seconds, for test configurations only (`"testing": true`): the check refuses
    /// them in a production file, so a test can run on the real clock in seconds.
    case seconds
    /// 分钟 — natural minutes of wall time.
    case minutes
    /// 小时 — natural hours of wall time.
    case hours
    /// 自然日 — calendar days in the deployment's time zone.
    case days
    /// 工作分钟 — minutes of working time; appears when a storm halves an odd number of working hours.
    case workingMinutes
    /// 工作时 — hours of working time on the working calendar.
    case workingHours
    /// 工作日 — working days: the same working-time offset N working days later.
    case workingDays

    /// The words of the unit as written in configuration, singular and plural.
    var words: (singular: String, plural: String) {
        switch self {
        case .seconds: ("second", "seconds")
        case .minutes: ("minute", "minutes")
        case .hours: ("hour", "hours")
        case .days: ("day", "days")
        case .workingMinutes: ("working minute", "working minutes")
        case .workingHours: ("working hour", "working hours")
        case .workingDays: ("working day", "working days")
        }
    }
}

/// 时限 — the time allowed for one step of a whistle, such as "30 minutes" or "1 working day".
///
/// Encoded in JSON as that string; `description` renders it back canonically.
public struct Limit: Sendable, Hashable, CustomStringConvertible {
    /// The largest amount a configured limit may have; anything larger is a typing mistake.
    public static let maximumAmount = 10_000

    public var amount: Int
    public var unit: LimitUnit

    public init(amount: Int, unit: LimitUnit) {
        self.amount = amount
        self.unit = unit
    }

    /// Parses "<positive integer> <unit>", the unit singular or plural:
    /// "30 minutes", "1 working day", "4 working hours", "2 hours", "3 days".
    public init(parsing text: String) throws(LimitParseError) {
        if let canonical = Self.canonical(text) {
            self = canonical
            return
        }
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count >= 2 else { throw .malformed(text) }
        let amountText = words[0]
        guard amountText.allSatisfy({ $0.isASCII && $0.isNumber }), let amount = Int(amountText),
            (1...Limit.maximumAmount).contains(amount)
        else { throw .invalidAmount(text) }
        let unitText = words.dropFirst().joined(separator: " ")
        guard let unit = LimitUnit.allCases.first(where: { [$0.words.singular, $0.words.plural].contains(unitText) })
        else { throw .unknownUnit(text) }
        self.init(amount: amount, unit: unit)
    }

    /// The limit when `text` is exactly as ``description`` writes one (every limit in a message),
    /// read without splitting; nil sends anything else through the general rules.
    private static func canonical(_ text: String) -> Limit? {
        let utf8 = text.utf8
        guard let space = utf8.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        var amount = 0
        for byte in utf8[..<space] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), amount <= maximumAmount else { return nil }
            amount = amount * 10 + Int(byte - UInt8(ascii: "0"))
        }
        guard (1...maximumAmount).contains(amount) else { return nil }
        let unitText = text[text.index(after: space)...]
        guard let unit = LimitUnit.allCases.first(where: { unitText == (amount == 1 ? $0.words.singular : $0.words.plural) })
        else { return nil }
        return Limit(amount: amount, unit: unit)
    }

    /// "1 working day", "30 minutes".
    public var description: String {
        "\(amount) \(amount == 1 ? unit.words.singular : unit.words.plural)"
    }
}
