import Foundation

/// Decodes UTF-8 messages as `JSONDecoder()` with its default strategies does, value for value and
/// error for error, at a fraction of the cost: it parses the UTF-8 bytes into a flat list of
/// nodes, compares member names as bytes, and makes strings only of the strings decoded.
///
/// As with `JSONDecoder`, the structure of the whole text is checked before decoding (a trailing
/// comma is accepted), and a string or number is checked when it is decoded; either kind of
/// malformed JSON is `DecodingError.dataCorrupted` with an empty coding path. Unlike it, a
/// well-formed number that does not fit the type (`1.5` or `1e999` for an `Int`) is
/// `DecodingError.dataCorrupted` at the field's own coding path. `Data` (Base64), `Date`
/// (seconds since 2001), `URL` and `Decimal` decode as `JSONDecoder` decodes them.
public struct WireJSONDecoder: Sendable {
    public init() {}

    /// Decodes a `T` from the JSON text `data`.
    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try Self.reportingSyntax {
            try WireJSONDocument.with(data) { try WireJSONDecoding(document: $0, node: 0, path: []).unwrap(T.self) }
        }
    }

    /// Malformed JSON, whether found parsing or reading a value, as `JSONDecoder` reports it.
    static func reportingSyntax<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as WireJSONSyntaxError {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "The given data was not valid JSON: \(error)"))
        }
    }
}

/// A message parsed once and decoded in parts, each as ``WireJSONDecoder`` would decode the whole
/// text: an event's head first, then, once its type is known, its payload.
public struct WireJSONMessage: @unchecked Sendable {
    // Safe to share: the document owns a copy of the bytes and nothing changes it once parsed;
    // each decode reads it through a decoder of its own.
    private let document: WireJSONDocument

    /// Parses `data`; malformed structure is `DecodingError.dataCorrupted` at the root.
    public init(_ data: Data) throws {
        document = try WireJSONDecoder.reportingSyntax { try WireJSONDocument.with(data) { $0 } }
    }

    /// Decodes a `T` from the message, reading only the members `T` asks for.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try WireJSONDecoder.reportingSyntax { try WireJSONDecoding(document: document, node: 0, path: []).unwrap(T.self) }
    }

    /// A reader of the object at `node` (the message itself by default); nil if it is not a plain object.
    func reader(at node: Int = 0) -> JSONReader? {
        JSONReader(document: document, object: node)
    }

    /// The value at `node` read by its ``JSONReadable`` fast path, every member read; nil when `T`
    /// has none or the value is not in its plain form (then `decode` judges it).
    func read<T: Decodable>(_ type: T.Type, at node: Int) -> T? {
        guard let readable = T.self as? any JSONReadable.Type, var reader = reader(at: node),
              let value = readable.init(reading: &reader), reader.isComplete else { return nil }
        return value as? T
    }
}

/// The `Decoder` of one decode: it moves from value to value of the document as nested values
/// are decoded, keeping their coding path on a stack that is copied only for an error or when
/// `codingPath` is read. It is also the single value container of the current value.
final class WireJSONDecoding: Decoder, SingleValueDecodingContainer {
    let document: WireJSONDocument
    let nodes: UnsafeMutablePointer<WireJSONNode>
    /// The value being decoded.
    @exclusivity(unchecked) private(set) var node: Int
    /// The coding path of `node`.
    @exclusivity(unchecked) private(set) var path: [any CodingKey]

    init(document: WireJSONDocument, node: Int, path: [any CodingKey]) {
        self.document = document
        nodes = document.nodes
        self.node = node
        self.path = path
    }

    var codingPath: [any CodingKey] { path }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(WireJSONKeyedContainer<Key>(object: try object(at: node, depth: path.count, extra: [])))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try unkeyedContainer(at: node, depth: path.count, extra: [])
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    // MARK: Moving between values

    /// Runs `body` with `node` as the current value, its path the first `depth` entries of the
    /// current one, then `extra` and `key`. Containers pass the depth at which they were made.
    func descend<T>(to node: Int, depth: Int, extra: [any CodingKey], key: some CodingKey, _ body: () throws -> T) rethrows -> T {
        let savedNode = self.node
        self.node = node
        if depth == path.count && extra.isEmpty {
            path.append(key)
            defer {
                path.removeLast()
                self.node = savedNode
            }
            return try body()
        }
        // A container nested in another without a value decoded in between, or used after the
        // decode that made it: the path is rebuilt for the time of `body`.
        let savedPath = path
        path = Array(path.prefix(depth)) + extra + [key]
        defer {
            path = savedPath
            self.node = savedNode
        }
        return try body()
    }

    /// The value at `node` as `T`, with `key` ending its path (see ``descend(to:depth:extra:key:_:)``).
    /// Strings, integers, booleans and doubles are read in place, without descending. (These lines
    /// repeat `unwrap`'s: shared through a helper returning `T?`, they would cost an `Optional<T>`
    /// metadata lookup per value, which is most of what reading the value costs.)
    func decode<T: Decodable>(_ type: T.Type, at node: Int, depth: Int, extra: [any CodingKey], key: some CodingKey) throws -> T {
        if T.self == String.self { return try string(node, self.path(depth: depth, extra: extra) + [key]) as! T }
        if T.self == Int.self { return try integer(node, Int.self, self.path(depth: depth, extra: extra) + [key]) as! T }
        if T.self == Int64.self { return try integer(node, Int64.self, self.path(depth: depth, extra: extra) + [key]) as! T }
        if T.self == Bool.self { return try bool(node, self.path(depth: depth, extra: extra) + [key]) as! T }
        if T.self == Double.self { return try floatingPoint(node, Double.self, self.path(depth: depth, extra: extra) + [key]) as! T }
        return try descend(to: node, depth: depth, extra: extra, key: key) { try unwrap(type) }
    }

    /// The path of a container made at `depth` with `extra` after it.
    func path(depth: Int, extra: [any CodingKey]) -> [any CodingKey] {
        Array(path.prefix(depth)) + extra
    }

    func object(at node: Int, depth: Int, extra: [any CodingKey]) throws -> WireJSONObject {
        switch nodes[node].kind {
        case .object:
            try document.checkNames(of: node)
            return WireJSONObject(decoding: self, node: node, depth: depth, extra: extra)
        case .null:
            throw DecodingError.valueNotFound([String: Any].self, .init(codingPath: path(depth: depth, extra: extra),
                debugDescription: "Cannot get keyed decoding container -- found null value instead"))
        default:
            throw mismatch([String: Any].self, node, path(depth: depth, extra: extra))
        }
    }

    func unkeyedContainer(at node: Int, depth: Int, extra: [any CodingKey]) throws -> WireJSONUnkeyedContainer {
        switch nodes[node].kind {
        case .array:
            return WireJSONUnkeyedContainer(decoding: self, array: node, depth: depth, extra: extra)
        case .null:
            throw DecodingError.valueNotFound([Any].self, .init(codingPath: path(depth: depth, extra: extra),
                debugDescription: "Cannot get unkeyed decoding container -- found null value instead"))
        default:
            throw mismatch([Any].self, node, path(depth: depth, extra: extra))
        }
    }

    // MARK: Reading values

    /// The current value as `T`: the types `JSONDecoder` treats specially first, then
    /// `T(from:)`, with the common scalars read directly.
    func unwrap<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return try string(node, path) as! T }
        if T.self == Int.self { return try integer(node, Int.self, path) as! T }
        if T.self == Int64.self { return try integer(node, Int64.self, path) as! T }
        if T.self == Bool.self { return try bool(node, path) as! T }
        if T.self == Double.self { return try floatingPoint(node, Double.self, path) as! T }
        if T.self == Data.self { return try base64(node) as! T }
        if T.self == Date.self {
            try checkNotNull(node, Date.self, path)
            return try Date(from: self) as! T
        }
        if T.self == URL.self { return try url(node) as! T }
        if T.self == Decimal.self { return try decimal(node) as! T }
        return try T(from: self)
    }

    func bool(_ node: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        switch nodes[node].kind {
        case .true: return true
        case .false: return false
        default: throw mismatch(Bool.self, node, path())
        }
    }

    func string(_ node: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> String {
        let value = nodes[node]
        guard value.kind == .string else {
            try checkNotNull(node, String.self, path())
            throw mismatch(String.self, node, path())
        }
        return try document.string(value)
    }

    func integer<T: FixedWidthInteger & Decodable>(_ node: Int, _ type: T.Type, _ path: @autoclosure () -> [any CodingKey]) throws -> T {
        let value = nodes[node]
        guard value.kind == .number else {
            try checkNotNull(node, T.self, path())
            throw mismatch(T.self, node, path())
        }
        guard let number = try document.integer(value, as: T.self) else { throw unfit(T.self, value, path()) }
        return number
    }

    func floatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(_ node: Int, _ type: T.Type,
                                                                           _ path: @autoclosure () -> [any CodingKey]) throws -> T {
        let value = nodes[node]
        guard value.kind == .number else {
            try checkNotNull(node, T.self, path())
            throw mismatch(T.self, node, path())
        }
        guard let number = try document.floatingPoint(value, as: T.self) else { throw unfit(T.self, value, path()) }
        return number
    }

    private func base64(_ node: Int) throws -> Data {
        try checkNotNull(node, Data.self, path)
        guard nodes[node].kind == .string else { throw mismatch(String.self, node, path) }
        guard let data = Data(base64Encoded: try document.string(nodes[node])) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "Encountered Data is not valid Base64."))
        }
        return data
    }

    private func url(_ node: Int) throws -> URL {
        try checkNotNull(node, URL.self, path)
        guard let url = URL(string: try string(node, path)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "Invalid URL string."))
        }
        return url
    }

    private func decimal(_ node: Int) throws -> Decimal {
        try checkNotNull(node, Decimal.self, path)
        let value = nodes[node]
        guard value.kind == .number else {
            throw DecodingError.typeMismatch(Decimal.self, .init(codingPath: path, debugDescription: ""))
        }
        guard let number = try document.decimal(value) else { throw unfit(Decimal.self, value, path) }
        return number
    }

    // MARK: Errors

    private func checkNotNull(_ node: Int, _ type: Any.Type, _ path: @autoclosure () -> [any CodingKey]) throws {
        guard nodes[node].kind == .null else { return }
        throw DecodingError.valueNotFound(type, .init(codingPath: path(),
            debugDescription: "Cannot get value of type \(Self.name(of: type)) -- found null value instead"))
    }

    func mismatch(_ type: Any.Type, _ node: Int, _ path: [any CodingKey]) -> DecodingError {
        let found = switch nodes[node].kind {
        case .string: "a string"
        case .number: "number"
        case .true, .false: "bool"
        case .null: "null"
        case .object: "a dictionary"
        case .array: "an array"
        }
        return .typeMismatch(type, .init(codingPath: path, debugDescription: "Expected to decode \(Self.name(of: type)) but found \(found) instead."))
    }

    /// The name of a type for an error's description; spelled out for the common ones, as
    /// describing a type costs more than the rest of a refusal.
    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "String"
        case is Bool.Type: "Bool"
        case is Int.Type: "Int"
        case is Int64.Type: "Int64"
        case is Double.Type: "Double"
        case is [String: Any].Type: "Dictionary<String, Any>"
        case is [Any].Type: "Array<Any>"
        default: "\(type)"
        }
    }

    private func unfit(_ type: Any.Type, _ value: WireJSONNode, _ path: [any CodingKey]) -> DecodingError {
        .dataCorrupted(.init(codingPath: path, debugDescription: "\(document.text(value)) is not a number that fits \(Self.name(of: type))"))
    }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool { nodes[node].kind == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try bool(node, path) }
    func decode(_ type: String.Type) throws -> String { try string(node, path) }
    func decode(_ type: Double.Type) throws -> Double { try floatingPoint(node, type, path) }
    func decode(_ type: Float.Type) throws -> Float { try floatingPoint(node, type, path) }
    func decode(_ type: Int.Type) throws -> Int { try integer(node, type, path) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(node, type, path) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(node, type, path) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(node, type, path) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(node, type, path) }
    @available(macOS 15.0, *)
    func decode(_ type: Int128.Type) throws -> Int128 { try integer(node, type, path) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(node, type, path) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(node, type, path) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(node, type, path) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(node, type, path) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(node, type, path) }
    @available(macOS 15.0, *)
    func decode(_ type: UInt128.Type) throws -> UInt128 { try integer(node, type, path) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try unwrap(type) }
}

/// The key of an array element in a coding path, as Foundation's coders name it.
struct WireJSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

/// The key of `superDecoder()` and `superEncoder()`.
struct WireJSONSuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }

    init() {}
    init?(stringValue: String) { guard stringValue == "super" else { return nil } }
    init?(intValue: Int) { nil }
}
