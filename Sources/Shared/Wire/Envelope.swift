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
}

extension EnvelopeHead {
    /// The head read straight from the bytes when it is in the plain form the services write;
    /// nil otherwise (the decoder then reads it, and judges anything unusual).
    init?(scanning bytes: Data) {
        guard let scanner = JSONObjectScanner(bytes), let v = scanner.integer("v"),
              let stream = scanner.string("stream").flatMap(StreamName.init), let epoch = scanner.string("epoch"),
              let seq = scanner.integer("seq"), let time = scanner.string("time").flatMap(Timestamp.parseCanonical),
              let type = scanner.string("type") else { return nil }
        self.init(v: Int(v), stream: stream, epoch: epoch, seq: seq, time: Instant(time), type: type)
    }
}

/// A received event: its head and its bytes, from which the payload is decoded by type.
public struct ReceivedEvent: Sendable {
    public let head: EnvelopeHead
    public let bytes: Data

    public init(decoding bytes: Data) throws(ProtocolError) {
        if let head = EnvelopeHead(scanning: bytes) {
            self.head = head
        } else {
            do {
                self.head = try WireJSONDecoder().decode(EnvelopeHead.self, from: bytes)
            } catch {
                throw ProtocolError(decoding: error)
            }
        }
        guard head.v == 1 else { throw .unsupportedVersion(head.v) }
        self.bytes = bytes
    }

    /// The `data` member as `T`; the head was checked already, so only `data` is materialised.
    public func payload<T: Codable & Sendable>(_ type: T.Type) throws(ProtocolError) -> T {
        do {
            return try WireJSONDecoder().decode(DataBox<T>.self, from: bytes).data
        } catch {
            throw ProtocolError(decoding: error)
        }
    }

    private struct DataBox<T: Decodable>: Decodable { var data: T }
}
