import Foundation

/// A reply over a ROUTER: `{ "v": 1, "key", "status", "error"?, "body"? }`.
public struct Reply<Body: Encodable>: Encodable {
    public var v = 1
    public var key: String?
    public var status: ReplyStatus
    public var error: ProtocolError?
    public var body: Body?

    public static func ok(key: String?, _ body: Body) -> Self {
        Self(key: key, status: .ok, error: nil, body: body)
    }

    public init(key: String? = nil, status: ReplyStatus, error: ProtocolError? = nil, body: Body? = nil) {
        self.key = key
        self.status = status
        self.error = error
        self.body = body
    }
}

extension Reply where Body == EmptyBody {
    public static func failure(key: String?, _ error: ProtocolError) -> Self {
        Self(key: key, status: error.status, error: error, body: nil)
    }
}

/// A reply as a client reads it; the body is decoded on demand.
public struct ReceivedReply: Sendable {
    public struct Head: Sendable, Decodable {
        public var v: Int
        public var key: String?
        public var status: ReplyStatus
        public var error: ProtocolError?

        public init(v: Int, key: String? = nil, status: ReplyStatus, error: ProtocolError? = nil) {
            self.v = v
            self.key = key
            self.status = status
            self.error = error
        }
    }

    public let head: Head
    public let bytes: Data

    public init(decoding bytes: Data) throws {
        self.head = try WireJSONDecoder().decode(Head.self, from: bytes)
        self.bytes = bytes
    }

    /// The body as `T`; throws the reply's error when the status is not ok.
    public func body<T: Decodable>(_ type: T.Type) throws -> T {
        if head.status != .ok {
            var error = head.error ?? ProtocolError(head.status, "unknown", "no error detail")
            error.status = head.status
            throw error
        }
        return try WireJSONDecoder().decode(BodyBox<T>.self, from: bytes).body
    }

    private struct BodyBox<T: Decodable>: Decodable { var body: T }
}
