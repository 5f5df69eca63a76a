import Foundation

/// Encodes a value as the compact JSON every message carries, byte for byte what Foundation's
/// `JSONEncoder` writes with `[.sortedKeys, .withoutEscapingSlashes]` and default strategies.
///
/// `JSONEncoder` builds a boxed tree through existential containers and a dictionary per object;
/// on Linux that was half the CPU a service spent per whistle. This encoder builds a small tree of
/// its own (``JSONTree``) and writes it with ``JSONTree/write(into:)``, or, for the messages on
/// the hot path, lets them write themselves (``JSONWritable``). The output must stay
/// identical, because idempotency fingerprints stored in the command log are these bytes; the
/// tests compare the two encoders on every message type.
public struct WireJSONEncoder: Sendable {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        try encode(value) { Array($0) }
    }

    /// Encodes `value` and hands the bytes to `result`, which makes what it needs of them (data, a
    /// string) in one copy.
    func encode<T: Encodable, R>(_ value: T, _ result: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        try JSONWriter.writing({ try $0.value(value) }, result)
    }
}

/// A JSON value being encoded. Objects and arrays are references so that a container handed out
/// by an encoder keeps filling the node its parent already holds.
enum JSONTree {
    case null
    case bool(Bool)
    case integer(Int64)
    case unsigned(UInt64)
    /// A number already in its written form (floating point, `Decimal`).
    case number(String)
    case string(String)
    case object(Object)
    case array(Array)
    /// The value of an encoder handed out by `superEncoder`, read when the tree is written.
    case pending(JSONTreeEncoder)

    final class Object {
        /// In the order written; ``write(into:)`` sorts them.
        var members: [(key: String, value: JSONTree)]

        init() {
            members = []
            members.reserveCapacity(8)
        }

        func append(_ key: String, _ value: JSONTree) {
            members.append((key, value))
        }
    }

    final class Array {
        var values: [JSONTree] = []
    }
}

/// The `Encoder` that builds one ``JSONTree``. Its coding path is kept as a parent link and a key,
/// and only assembled when something asks for it (an error, a custom `encode(to:)`).
final class JSONTreeEncoder: Encoder {
    private let parent: JSONTreeEncoder?
    private let key: (any CodingKey)?
    var value: JSONTree?

    init(parent: JSONTreeEncoder?, key: (any CodingKey)?) {
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var encoder: JSONTreeEncoder? = self
        while let current = encoder, let key = current.key {
            path.append(key)
            encoder = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, object: objectValue()))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(encoder: self, array: arrayValue())
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }

    /// The object this encoder writes; asking twice gives the same object, as `JSONEncoder` does.
    private func objectValue() -> JSONTree.Object {
        if case .object(let object) = value { return object }
        let object = JSONTree.Object()
        value = .object(object)
        return object
    }

    private func arrayValue() -> JSONTree.Array {
        if case .array(let array) = value { return array }
        let array = JSONTree.Array()
        value = .array(array)
        return array
    }

    /// The tree of `value`, with the same special cases as `JSONEncoder`'s default strategies.
    static func tree<T: Encodable>(of value: T, parent: JSONTreeEncoder?, key: (any CodingKey)?) throws -> JSONTree {
        if T.self == String.self {
            return .string(value as! String)
        } else if T.self == Int.self {
            return .integer(Int64(value as! Int))
        } else if T.self == Int64.self {
            return .integer(value as! Int64)
        } else if T.self == Bool.self {
            return .bool(value as! Bool)
        } else if T.self == Data.self {
            return .string((value as! Data).base64EncodedString())
        } else if T.self == URL.self {
            return .string((value as! URL).absoluteString)
        } else if T.self == Decimal.self {
            return .number((value as! Decimal).description)
        }
        let encoder = JSONTreeEncoder(parent: parent, key: key)
        try value.encode(to: encoder)
        // A value that wrote nothing is an empty object, as with `JSONEncoder`.
        return encoder.value ?? .object(JSONTree.Object())
    }

    static func floating<F: BinaryFloatingPoint & LosslessStringConvertible>(
        _ value: F, _ codingPath: @autoclosure () -> [any CodingKey]
    ) throws -> JSONTree {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath(),
                debugDescription: "Unable to encode \(F.self).\(value) directly in JSON."))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }

    private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: JSONTreeEncoder
        let object: JSONTree.Object
        var codingPath: [any CodingKey] { encoder.codingPath }

        mutating func encodeNil(forKey key: Key) throws { object.append(key.stringValue, .null) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { object.append(key.stringValue, .bool(value)) }
        mutating func encode(_ value: String, forKey key: Key) throws { object.append(key.stringValue, .string(value)) }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            object.append(key.stringValue, try floating(value, codingPath + [key]))
        }
        mutating func encode(_ value: Float, forKey key: Key) throws {
            object.append(key.stringValue, try floating(value, codingPath + [key]))
        }
        mutating func encode(_ value: Int, forKey key: Key) throws { object.append(key.stringValue, .integer(Int64(value))) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { object.append(key.stringValue, .integer(Int64(value))) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { object.append(key.stringValue, .integer(Int64(value))) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { object.append(key.stringValue, .integer(Int64(value))) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { object.append(key.stringValue, .integer(value)) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { object.append(key.stringValue, .unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { object.append(key.stringValue, .unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { object.append(key.stringValue, .unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { object.append(key.stringValue, .unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { object.append(key.stringValue, .unsigned(value)) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            object.append(key.stringValue, try tree(of: value, parent: encoder, key: key))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            let nested = JSONTree.Object()
            object.append(key.stringValue, .object(nested))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(
                encoder: JSONTreeEncoder(parent: encoder, key: key), object: nested))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = JSONTree.Array()
            object.append(key.stringValue, .array(nested))
            return UnkeyedContainer(encoder: JSONTreeEncoder(parent: encoder, key: key), array: nested)
        }

        mutating func superEncoder() -> any Encoder { superEncoder(named: WireJSONSuperKey()) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key) }

        private func superEncoder(named key: any CodingKey) -> any Encoder {
            let child = JSONTreeEncoder(parent: encoder, key: key)
            object.append(key.stringValue, .pending(child))
            return child
        }
    }

    private struct UnkeyedContainer: UnkeyedEncodingContainer {
        let encoder: JSONTreeEncoder
        let array: JSONTree.Array
        var codingPath: [any CodingKey] { encoder.codingPath }
        var count: Int { array.values.count }
        private var nextKey: WireJSONIndexKey { WireJSONIndexKey(array.values.count) }

        init(encoder: JSONTreeEncoder, array: JSONTree.Array) {
            self.encoder = encoder
            self.array = array
        }

        mutating func encodeNil() throws { array.values.append(.null) }
        mutating func encode(_ value: Bool) throws { array.values.append(.bool(value)) }
        mutating func encode(_ value: String) throws { array.values.append(.string(value)) }
        mutating func encode(_ value: Double) throws { array.values.append(try floating(value, codingPath + [nextKey])) }
        mutating func encode(_ value: Float) throws { array.values.append(try floating(value, codingPath + [nextKey])) }
        mutating func encode(_ value: Int) throws { array.values.append(.integer(Int64(value))) }
        mutating func encode(_ value: Int8) throws { array.values.append(.integer(Int64(value))) }
        mutating func encode(_ value: Int16) throws { array.values.append(.integer(Int64(value))) }
        mutating func encode(_ value: Int32) throws { array.values.append(.integer(Int64(value))) }
        mutating func encode(_ value: Int64) throws { array.values.append(.integer(value)) }
        mutating func encode(_ value: UInt) throws { array.values.append(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt8) throws { array.values.append(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt16) throws { array.values.append(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt32) throws { array.values.append(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt64) throws { array.values.append(.unsigned(value)) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            array.values.append(try tree(of: value, parent: encoder, key: nextKey))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let key = nextKey
            let nested = JSONTree.Object()
            array.values.append(.object(nested))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(
                encoder: JSONTreeEncoder(parent: encoder, key: key), object: nested))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let key = nextKey
            let nested = JSONTree.Array()
            array.values.append(.array(nested))
            return UnkeyedContainer(encoder: JSONTreeEncoder(parent: encoder, key: key), array: nested)
        }

        mutating func superEncoder() -> any Encoder {
            let child = JSONTreeEncoder(parent: encoder, key: nextKey)
            array.values.append(.pending(child))
            return child
        }
    }

    private struct SingleValueContainer: SingleValueEncodingContainer {
        let encoder: JSONTreeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        mutating func encodeNil() throws { encoder.value = .null }
        mutating func encode(_ value: Bool) throws { encoder.value = .bool(value) }
        mutating func encode(_ value: String) throws { encoder.value = .string(value) }
        mutating func encode(_ value: Double) throws { encoder.value = try floating(value, codingPath) }
        mutating func encode(_ value: Float) throws { encoder.value = try floating(value, codingPath) }
        mutating func encode(_ value: Int) throws { encoder.value = .integer(Int64(value)) }
        mutating func encode(_ value: Int8) throws { encoder.value = .integer(Int64(value)) }
        mutating func encode(_ value: Int16) throws { encoder.value = .integer(Int64(value)) }
        mutating func encode(_ value: Int32) throws { encoder.value = .integer(Int64(value)) }
        mutating func encode(_ value: Int64) throws { encoder.value = .integer(value) }
        mutating func encode(_ value: UInt) throws { encoder.value = .unsigned(UInt64(value)) }
        mutating func encode(_ value: UInt8) throws { encoder.value = .unsigned(UInt64(value)) }
        mutating func encode(_ value: UInt16) throws { encoder.value = .unsigned(UInt64(value)) }
        mutating func encode(_ value: UInt32) throws { encoder.value = .unsigned(UInt64(value)) }
        mutating func encode(_ value: UInt64) throws { encoder.value = .unsigned(value) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            // The value takes this encoder's place in the path: it is the same position in the tree.
            encoder.value = try tree(of: value, parent: encoder.parent, key: encoder.key)
        }
    }
}
