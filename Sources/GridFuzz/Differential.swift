import Foundation
import GridWire

/// The project's decoder and its hand-written fast paths against Foundation's `JSONDecoder` on
/// the same bytes: both must give the same value, or the same refusal (code and pointer). A
/// disagreement stops the run, so the fuzzer keeps it as a finding. The one documented
/// difference is allowed: a well-formed number that does not fit its field is `invalid_value` at
/// the field for us and `malformed_json` for Foundation (docs/protocol.md, "Refusals"); and
/// Foundation reads UTF-16 and UTF-32 text, which the wire refuses as `malformed_json`.
enum Differential {
    private struct BodyBox<T: Decodable>: Decodable { var body: T }
    private struct DataBox<T: Decodable>: Decodable { var data: T }

    /// A request body as the command server reads it, once the head was accepted.
    static func body<T: Codable>(_ request: Request, _ type: T.Type) {
        compare(T.self, "request body", ours: { try request.body(T.self) },
                theirs: { try JSONDecoder().decode(BodyBox<T>.self, from: request.bytes).body })
    }

    /// An event's payload as a consumer reads it, once the head was accepted.
    static func payload<T: Codable & Sendable>(_ event: ReceivedEvent, _ type: T.Type) {
        compare(EnvelopeHead.self, "event head", ours: { event.head },
                theirs: { try JSONDecoder().decode(EnvelopeHead.self, from: event.bytes) })
        compare(T.self, "event payload", ours: { try event.payload(T.self) },
                theirs: { try JSONDecoder().decode(DataBox<T>.self, from: event.bytes).data })
    }

    /// Any JSON value, through the project's decoder and Foundation's. Only acceptance and the
    /// value are compared: of two bad members of an object, Foundation names one in hash order.
    static func value(_ bytes: Data) {
        guard !bytes.contains(0), String(validating: bytes, as: UTF8.self) != nil else { return }
        compare(JSONValue.self, "JSON value", ours: { try WireJSONDecoder().decode(JSONValue.self, from: bytes) },
                theirs: { try JSONDecoder().decode(JSONValue.self, from: bytes) }, refusalsAlike: true)
    }

    private static func compare<T: Encodable>(_ type: T.Type, _ what: String, ours: () throws -> T, theirs: () throws -> T,
                                              refusalsAlike: Bool = false) {
        let mine = outcome(ours), foundation = outcome(theirs)
        switch (mine, foundation) {
        case (.success(let a), .success(let b)) where a == b:
            return
        case (.failure, .failure) where refusalsAlike:
            return
        case (.failure(let a), .failure(let b)) where (a.code, a.at) == (b.code, b.at):
            return
        case (.failure(let a), .failure(let b)) where a.code == "invalid_value" && b.code == "malformed_json":
            return
        default:
            preconditionFailure("decoders disagree on \(what) as \(T.self): ours \(mine), Foundation's \(foundation)")
        }
    }

    /// The value re-encoded (so values compare whatever their type) or the refusal.
    private static func outcome<T: Encodable>(_ body: () throws -> T) -> Result<Data, ProtocolError> {
        do {
            return .success(try JSONCoding.encode(body()))
        } catch let error as ProtocolError {
            return .failure(error)
        } catch {
            return .failure(ProtocolError(decoding: error))
        }
    }
}
