/// A typed refusal: the reply status, a stable machine code, the JSON Pointer of the field at fault
/// (`""` for the whole message) and a sentence for a person. Every refusal in docs/protocol.md is one.
public struct ProtocolError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public var status: ReplyStatus
    public var code: String
    public var at: String
    public var message: String
    /// `co_pending`: the departments still at work on their part.
    public var pending: [String]?

    public init(_ status: ReplyStatus, _ code: String, at: String = "", _ message: String, pending: [String]? = nil) {
        self.status = status
        self.code = code
        self.at = at
        self.message = message
        self.pending = pending
    }

    public var description: String { "\(status.rawValue) \(code) at '\(at)': \(message)" }

    private enum CodingKeys: String, CodingKey { case code, at, message, pending }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(.internal, try c.decode(String.self, forKey: .code),
                  at: try c.decodeIfPresent(String.self, forKey: .at) ?? "",
                  try c.decodeIfPresent(String.self, forKey: .message) ?? "",
                  pending: try c.decodeIfPresent([String].self, forKey: .pending))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(at, forKey: .at)
        try c.encode(message, forKey: .message)
        try c.encodeIfPresent(pending, forKey: .pending)
    }
}

extension ProtocolError {
    // Envelope and framing
    public static func malformedJSON(_ detail: String) -> Self {
        .init(.badRequest, "malformed_json", "the message is not valid UTF-8 JSON: \(detail)")
    }
    public static let notAnObject = Self(.badRequest, "not_an_object", "the message must be one JSON object")
    public static func frames(_ count: Int, expected: String) -> Self {
        .init(.badRequest, "bad_frames", "expected \(expected), got \(count) frame(s)")
    }
    public static func tooLarge(_ size: Int, limit: Int) -> Self {
        .init(.badRequest, "too_large", "the message is \(size) bytes; the limit is \(limit)")
    }
    public static func unsupportedVersion(_ v: Int) -> Self {
        .init(.badRequest, "unsupported_version", at: "/v", "protocol version \(v) is not supported; this service speaks v1")
    }
    public static func unknownCommand(_ cmd: String) -> Self {
        .init(.badRequest, "unknown_command", at: "/cmd", "no command '\(cmd)' on this service")
    }
    public static func missingField(_ at: String) -> Self {
        .init(.badRequest, "missing_field", at: at, "required field \(at) is missing")
    }
    public static func wrongType(_ at: String, _ detail: String) -> Self {
        .init(.badRequest, "wrong_type", at: at, "field \(at) has the wrong type: \(detail)")
    }
    public static func invalid(_ at: String, _ message: String) -> Self {
        .init(.badRequest, "invalid_value", at: at, message)
    }
    // Who may ask
    public static let principalRequired = Self(.forbidden, "principal_required", at: "/as",
        "this command needs an authenticated principal")
    public static let principalNotAllowed = Self(.forbidden, "principal_not_allowed", at: "/as",
        "'as' is accepted only by a service started with --dev-principals on a loopback endpoint")
    public static let principalStatedUnderKeys = Self(.forbidden, "principal_not_allowed", at: "/as",
        "'as' is refused on a CURVE endpoint: a request's principal is its key's")
    public static func unknownPrincipal(_ principal: Principal) -> Self {
        .init(.forbidden, "unknown_principal", at: "/as", "the reference data names no \(principal.kind.rawValue) '\(principal.id)'")
    }
    public static func notPermitted(_ principal: Principal, _ what: String) -> Self {
        .init(.forbidden, "not_permitted", at: "/as", "\(principal) may not \(what)")
    }
    // State
    public static func keyReused(_ key: String) -> Self {
        .init(.conflict, "key_reused", at: "/key", "idempotency key '\(key)' was already used with a different request")
    }
    public static func unknownWhistle(_ id: String, at: String = "/body/whistle") -> Self {
        .init(.notFound, "unknown_whistle", at: at, "no whistle '\(id)'")
    }
    public static func wrongState(_ at: String, _ message: String) -> Self {
        .init(.conflict, "wrong_state", at: at, message)
    }
    public static func notReady(_ message: String) -> Self {
        .init(.unavailable, "not_ready", message)
    }
}
