import GridDomain

/// The JSON of each policy, encoded once: every routed whistle stores its frozen policy as a
/// column, and a deployment has only as many policies as matters × urgencies × reference versions.
public struct PolicyJSON {
    private var encoded: [Policy: String] = [:]
    /// Bounds the cache should a deployment ever have more policies than this.
    static let limit = 4_096

    public init() {}

    /// `policy` as ``JSONCoding/encodeString(_:)`` writes it.
    public mutating func text(_ policy: Policy) throws -> String {
        if let text = encoded[policy] { return text }
        let text = try JSONCoding.encodeString(policy)
        if encoded.count >= Self.limit { encoded.removeAll() }
        encoded[policy] = text
        return text
    }
}
