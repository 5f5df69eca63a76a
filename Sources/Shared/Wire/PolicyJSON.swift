import GridDomain

/// The JSON of each policy, encoded once: every routed whistle stores its frozen policy as a
/// column, and a deployment has only as many policies as matters × urgencies × reference versions.
public typealias PolicyJSON = JSONTextCache<Policy>

/// The JSON of each of a few values that many rows store, encoded once.
public struct JSONTextCache<Value: Hashable & Encodable> {
    private var encoded: [Value: String] = [:]
    /// Bounds the cache should a deployment ever have more values than this.
    static var limit: Int { 4_096 }

    public init() {}

    /// `value` as ``JSONCoding/encodeString(_:)`` writes it.
    public mutating func text(_ value: Value) throws -> String {
        if let text = encoded[value] { return text }
        let text = try JSONCoding.encodeString(value)
        if encoded.count >= Self.limit { encoded.removeAll() }
        encoded[value] = text
        return text
    }
}
