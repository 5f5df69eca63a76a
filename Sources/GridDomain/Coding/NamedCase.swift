/// An enum written in JSON as one of its raw names. An unknown name is refused naming the value
/// and the names allowed, where Swift's default says only "Cannot initialize … from invalid
/// String value"; the decoder's error carries the field's coding path.
public protocol NamedCase: RawRepresentable<String>, CaseIterable, Codable {}

extension NamedCase {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let value = Self(rawValue: name) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: Self.refusal(of: name))
        }
        self = value
    }

    /// Why `name` is not one of the cases: the value and the names allowed.
    public static func refusal(of name: String) -> String {
        "'\(name)' is not one of \(allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))"
    }
}
