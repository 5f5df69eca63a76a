import Foundation

/// An event as published and replayed: `{ "v": 1, "id", "stream", "epoch", "seq", "time", "type", "data" }`.
public struct Envelope<Payload: Codable & Sendable>: Codable, Sendable {
    public var v: Int
    public var id: String
    public var stream: StreamName
    public var epoch: String
    public var seq: Int64
    public var time: Instant
    public var type: String
    public var data: Payload

    public init(stream: StreamName, epoch: String, seq: Int64, time: Instant, type: String, data: Payload) {
        self.v = 1
        self.id = "\(stream.rawValue)/\(epoch)/\(seq)"
        self.stream = stream
        self.epoch = epoch
        self.seq = seq
        self.time = time
        self.type = type
        self.data = data
    }
}

/// The fields of an envelope a consumer needs before it knows the payload's type.
public struct EnvelopeHead: Codable, Sendable {
    public var v: Int
    public var stream: StreamName
    public var epoch: String
    public var seq: Int64
    public var time: Instant
    public var type: String

    public init(v: Int, stream: StreamName, epoch: String, seq: Int64, time: Instant, type: String) {
        self.v = v
        self.stream = stream
        self.epoch = epoch
        self.seq = seq
        self.time = time
        self.type = type
    }
}

/// A received event: its head and its bytes, from which the payload is decoded by type. The
/// bytes are parsed once, for the head and the payload both.
public struct ReceivedEvent: Sendable {
    public let head: EnvelopeHead
    public let bytes: Data
    private let message: WireJSONMessage
    /// Where `data` is, when the head was read from the services' plain form.
    private let dataNode: Int?

    public init(decoding bytes: Data) throws(ProtocolError) {
        do {
            message = try WireJSONMessage(bytes)
            if var reader = message.reader(), let (head, data) = EnvelopeHead.read(&reader) {
                self.head = head
                dataNode = data
            } else {
                head = try message.decode(EnvelopeHead.self)
                dataNode = nil
            }
        } catch {
            throw ProtocolError(decoding: error)
        }
        guard head.v == 1 else { throw .unsupportedVersion(head.v) }
        self.bytes = bytes
    }

    /// The `data` member as `T`.
    public func payload<T: Codable & Sendable>(_ type: T.Type) throws(ProtocolError) -> T {
        if let dataNode, let payload = message.read(T.self, at: dataNode) { return payload }
        do {
            return try message.decode(DataBox<T>.self).data
        } catch {
            throw ProtocolError(decoding: error)
        }
    }

    private struct DataBox<T: Decodable>: Decodable { var data: T }
}
