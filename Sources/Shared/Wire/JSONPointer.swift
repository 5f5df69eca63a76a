import Foundation
import GridDomain

/// JSON Pointers (RFC 6901) that name the field at fault in a refusal.
public enum JSONPointer {
    public static func from(_ path: [any CodingKey]) -> String {
        path.map { "/" + jsonPointerEscaped($0.intValue.map(String.init) ?? $0.stringValue) }.joined()
    }
}

extension ProtocolError {
    /// Maps a decoding failure to the refusal that names its field.
    public init(decoding error: any Error) {
        guard let error = error as? DecodingError else {
            self = .malformedJSON(String(describing: error))
            return
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            let detail = (context.underlyingError as? NSError)?.localizedDescription ?? context.debugDescription
            self = .malformedJSON(detail)
        case .typeMismatch(_, let context) where context.codingPath.isEmpty,
             .valueNotFound(_, let context) where context.codingPath.isEmpty:
            self = .notAnObject
        case .keyNotFound(let key, let context):
            self = .missingField(JSONPointer.from(context.codingPath + [key]))
        case .valueNotFound(_, let context):
            self = .missingField(JSONPointer.from(context.codingPath))
        case .typeMismatch(let type, let context):
            self = .wrongType(JSONPointer.from(context.codingPath), "expected \(Self.jsonName(of: type))")
        case .dataCorrupted(let context):
            let at = JSONPointer.from(context.codingPath)
            self = .invalid(at, "field \(at): \(context.debugDescription)")
        @unknown default:
            self = .malformedJSON(String(describing: error))
        }
    }

    private static func jsonName(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Int64.Type, is Double.Type: return "a number"
        case is [Any].Type: return "an array"
        default:
            let name = String(describing: type)
            return name.hasPrefix("Array") ? "an array" : (name.hasPrefix("Dictionary") ? "an object" : name)
        }
    }
}
