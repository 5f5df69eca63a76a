import Foundation

/// The one way Grid+ turns values into message bytes and back: compact UTF-8 JSON with sorted keys,
/// so equal values give equal bytes (idempotency hashes rely on it).
public enum JSONCoding {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        try WireJSONEncoder().encode(value) { Data(buffer: $0) }
    }

    public static func encodeString<T: Encodable>(_ value: T) throws -> String {
        try WireJSONEncoder().encode(value) { String(decoding: $0, as: UTF8.self) }
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try WireJSONDecoder().decode(type, from: data)
    }

    /// Pretty output for people (the CLI's `--json`).
    public static func pretty<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
