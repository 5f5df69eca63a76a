import GridDomain

/// Who is asking: a kind and an identifier, written `kind:id` (`grid:JD-NX-A01-G01-M01`).
/// Authorisation is decided from it; in development mode a client states it in `as`.
public struct Principal: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, NamedCase {
        /// 网格 — a grid (its chief acts for it): raises and evaluates whistles.
        case grid
        /// 职能部门 — a department unit: responds to its tasks.
        case dept
        /// 街镇城运中心 — a town's city-operations centre (id: the town's grid id).
        case centre
        /// 区城运中心 — the district city-operations centre.
        case district
        /// Another Grid+ service.
        case service
        /// A system that publishes alarms or cases.
        case integrator
        /// Read-only: the assessment office, dashboards.
        case observer
    }

    public var kind: Kind
    public var id: String

    public init(_ kind: Kind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    /// Parses `kind:id`; nil when the kind is unknown, or the id is empty, over 128 characters, or
    /// holds anything but ASCII letters, digits, `-` and `_` (a `.` would break topic prefixes).
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":"),
              let kind = Kind(rawValue: String(text[..<colon])) else { return nil }
        let id = String(text[text.index(after: colon)...])
        guard !id.isEmpty, id.utf8.count <= 128,
              id.utf8.allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") })
        else { return nil }
        self.init(kind, id)
    }

    public var description: String { "\(kind.rawValue):\(id)" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Principal(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "a principal is 'kind:id' with kind one of \(Kind.allCases.map(\.rawValue))"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
    }
}
