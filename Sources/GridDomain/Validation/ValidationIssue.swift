/// 配置错误 — one mistake in the reference data, at a JSON Pointer such as "/reference/matters/3/lead".
public struct ValidationIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// "/reference/matters/3/lead: unknown role \"cgzff\"".
    public var description: String {
        "\(path): \(message)"
    }
}
