import Foundation

/// A command or query received over a ROUTER: `{ "v": 1, "cmd", "key", "as"?, "body" }`.
public struct Request: Sendable {
    /// The fields every request has.
    public struct Head: Sendable, Codable {
        public var v: Int
        public var cmd: String
        public var key: String?
        public var `as`: String?

        init(v: Int, cmd: String, key: String?, as principal: String?) {
            self.v = v
            self.cmd = cmd
            self.key = key
            self.as = principal
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            v = try c.decodeNumber(Int.self, forKey: .v)
            cmd = try c.decode(String.self, forKey: .cmd)
            key = try c.decodeIfPresent(String.self, forKey: .key)
            self.as = try c.decodeIfPresent(String.self, forKey: .as)
        }
    }

    public let head: Head
    /// The whole message as received; bodies are decoded from it on demand.
    public let bytes: Data
    /// The bytes parsed once, for the head and the body.
    private let message: WireJSONMessage
    /// Where `body` is, when the head was read from the plain form.
    private let bodyNode: Int?

    /// The largest idempotency key accepted, in UTF-8 bytes.
    public static let maxKeyBytes = 128

    /// Decodes the head, refusing anything but a v1 JSON object within `limit` bytes.
    public init(decoding bytes: Data, limit: Int) throws(ProtocolError) {
        guard bytes.count <= limit else { throw .tooLarge(bytes.count, limit: limit) }
        // The decoder only checks the strings it reads; an unread field must not smuggle bad UTF-8.
        guard UTF8Check.isValid(bytes) else { throw .malformedJSON("the message is not valid UTF-8") }
        let head: Head
        do {
            message = try WireJSONMessage(bytes)
            if var reader = message.reader(), let (read, body) = Head.read(&reader) {
                head = read
                bodyNode = body
            } else {
                head = try message.decode(Head.self)
                bodyNode = nil
            }
        } catch {
            throw ProtocolError(decoding: error)
        }
        guard head.v == 1 else { throw .unsupportedVersion(head.v) }
        if let key = head.key, key.isEmpty || key.utf8.count > Self.maxKeyBytes {
            throw .invalid("/key", "an idempotency key is 1 to \(Self.maxKeyBytes) bytes")
        }
        self.head = head
        self.bytes = bytes
    }

    /// The idempotency key, required for commands that change state.
    public func requireKey() throws(ProtocolError) -> String {
        guard let key = head.key else { throw .missingField("/key") }
        return key
    }

    /// Decodes `body` as `T`, naming the field at fault on failure.
    public func body<T: Decodable>(_ type: T.Type) throws(ProtocolError) -> T {
        if let bodyNode, let body = message.read(T.self, at: bodyNode) { return body }
        do {
            return try message.decode(BodyBox<T>.self).body
        } catch {
            throw ProtocolError(decoding: error)
        }
    }

    private struct BodyBox<T: Decodable>: Decodable { var body: T }
}

/// The request a client sends; `body` is any encodable value.
public struct OutgoingRequest<Body: Encodable>: Encodable {
    public var v = 1
    public var cmd: String
    public var key: String?
    public var `as`: String?
    public var body: Body

    public init(cmd: String, key: String?, as principal: String?, body: Body) {
        self.cmd = cmd
        self.key = key
        self.as = principal
        self.body = body
    }
}

/// A body with no fields, for queries that take none; it must still be an object.
public struct EmptyBody: Codable, Sendable, Equatable {
    public init() {}

    public init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: NoKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: NoKeys.self)
    }

    private enum NoKeys: CodingKey {}
}
