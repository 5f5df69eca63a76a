import Foundation

/// The keyed container of an object: a shell over ``WireJSONObject``, which is not generic, so
/// that its readers are specialized for each value type however the container is called.
struct WireJSONKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: WireJSONObject

    var codingPath: [any CodingKey] { object.codingPath }

    /// The distinct names, in the order they first appear (`JSONDecoder` gives them in hash order).
    var allKeys: [Key] { object.names.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { object.member(key) != nil }
    func decodeNil(forKey key: Key) throws -> Bool { object.decoding.nodes[try object.value(key)].kind == .null }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try object.decoding.bool(try object.value(key), object.path(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try object.decoding.string(try object.value(key), object.path(key))
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try object.decoding.floatingPoint(try object.value(key), type, object.path(key))
    }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try object.decoding.floatingPoint(try object.value(key), type, object.path(key))
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try object.decoding.integer(try object.value(key), type, object.path(key))
    }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 {
        try object.decoding.integer(try object.value(key), type, object.path(key))
    }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
        try object.decoding.integer(try object.value(key), type, object.path(key))
    }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
        try object.decoding.integer(try object.value(key), type, object.path(key))
    }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try object.decoding.integer(try object.value(key), type, object.path(key))
    }
    @available(macOS 15.0, *)
    func decode(_ type: Int128.Type, forKey key: Key) throws -> Int128 {
        try object.decoding.integer(try object.value(key), type, object.path(key))
    }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt {
        try object.decoding.integer(try object.value(key), type, object.path(key))
    }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
        try object.decoding.integer(try object.value(key), type, object.path(key))
    }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try object.decoding.integer(try object.value(key), type, object.path(key))
    }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try object.decoding.integer(try object.value(key), type, object.path(key))
    }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try object.decoding.integer(try object.value(key), type, object.path(key))
    }
    @available(macOS 15.0, *)
    func decode(_ type: UInt128.Type, forKey key: Key) throws -> UInt128 {
        try object.decoding.integer(try object.value(key), type, object.path(key))
    }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try object.decode(type, at: try object.value(key), key) }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try object.present(key).map { try object.decoding.bool($0, object.path(key)) }
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try object.present(key).map { try object.decoding.string($0, object.path(key)) }
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try object.present(key).map { try object.decoding.floatingPoint($0, type, object.path(key)) }
    }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        try object.present(key).map { try object.decoding.floatingPoint($0, type, object.path(key)) }
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try object.present(key).map { try object.decoding.integer($0, type, object.path(key)) }
    }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
        try object.present(key).map { try object.decoding.integer($0, type, object.path(key)) }
    }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
        try object.present(key).map { try object.decoding.integer($0, type, object.path(key)) }
    }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try object.present(key).map { try object.decoding.integer($0, type, object.path(key)) }
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try object.present(key).map { try object.decoding.integer($0, type, object.path(key)) }
    }
    @available(macOS 15.0, *)
    func decodeIfPresent(_ type: Int128.Type, forKey key: Key) throws -> Int128? {
        try object.present(key).map { try object.decoding.integer($0, type, object.path(key)) }
    }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
        try object.present(key).map { try object.decoding.integer($0, type, object.path(key)) }
    }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
        try object.present(key).map { try object.decoding.integer($0, type, object.path(key)) }
    }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
        try object.present(key).map { try object.decoding.integer($0, type, object.path(key)) }
    }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
        try object.present(key).map { try object.decoding.integer($0, type, object.path(key)) }
    }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        try object.present(key).map { try object.decoding.integer($0, type, object.path(key)) }
    }
    @available(macOS 15.0, *)
    func decodeIfPresent(_ type: UInt128.Type, forKey key: Key) throws -> UInt128? {
        try object.present(key).map { try object.decoding.integer($0, type, object.path(key)) }
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = object.present(key) else { return nil }
        return try object.decode(type, at: value, key)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(WireJSONKeyedContainer<NestedKey>(object: try object.nestedObject(at: try object.value(key), key)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try object.nestedArray(at: try object.value(key), key)
    }

    /// A decoder of the member `super`; null when there is none.
    func superDecoder() throws -> any Decoder { object.superDecoder(WireJSONSuperKey()) }

    /// A decoder of the member `key`; null when there is none.
    func superDecoder(forKey key: Key) throws -> any Decoder { object.superDecoder(key) }
}

/// One object being decoded. Members are found by a scan of its names, compared as bytes when
/// both are plain ASCII and as Swift strings otherwise; of equal names the first wins, as in
/// `JSONDecoder`. Its coding path is the decoder's first `depth` keys, then `extra` (the keys of
/// containers nested in one another without a value being decoded in between).
struct WireJSONObject {
    let decoding: WireJSONDecoding
    let node: Int
    let depth: Int
    let extra: [any CodingKey]

    var codingPath: [any CodingKey] { decoding.path(depth: depth, extra: extra) }

    func path(_ key: some CodingKey) -> [any CodingKey] { codingPath + [key] }

    var names: [String] { decoding.document.names(of: node) }

    /// The value node of the member `key`; nil if there is none.
    func member(_ key: some CodingKey) -> Int? {
        var name = key.stringValue
        return name.withUTF8 { decoding.document.member(of: node, named: $0) }
    }

    /// The value node of the member `key`.
    func value(_ key: some CodingKey) throws -> Int {
        guard let value = member(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath,
                debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return value
    }

    /// The value node of the member `key` unless it is absent or null.
    func present(_ key: some CodingKey) -> Int? {
        guard let value = member(key), decoding.nodes[value].kind != .null else { return nil }
        return value
    }

    func decode<T: Decodable>(_ type: T.Type, at value: Int, _ key: some CodingKey) throws -> T {
        try decoding.decode(type, at: value, depth: depth, extra: extra, key: key)
    }

    func nestedObject(at value: Int, _ key: some CodingKey) throws -> WireJSONObject {
        try decoding.object(at: value, depth: depth, extra: extra + [key])
    }

    func nestedArray(at value: Int, _ key: some CodingKey) throws -> WireJSONUnkeyedContainer {
        try decoding.unkeyedContainer(at: value, depth: depth, extra: extra + [key])
    }

    func superDecoder(_ key: some CodingKey) -> any Decoder {
        WireJSONDecoding(document: decoding.document, node: member(key) ?? decoding.document.nullNode, path: path(key))
    }
}

/// The unkeyed container of an array. As in `JSONDecoder`, `decodeIfPresent` past the end
/// answers nil and still moves `currentIndex` on.
struct WireJSONUnkeyedContainer: UnkeyedDecodingContainer {
    let decoding: WireJSONDecoding
    let depth: Int
    let extra: [any CodingKey]
    let count: Int?
    private(set) var currentIndex = 0
    /// The node of the element at `currentIndex`, while that is within the array.
    private var next: Int

    init(decoding: WireJSONDecoding, array: Int, depth: Int, extra: [any CodingKey]) {
        self.decoding = decoding
        self.depth = depth
        self.extra = extra
        count = decoding.nodes[array].length
        next = array + 1
    }

    var isAtEnd: Bool { currentIndex >= count! }

    var codingPath: [any CodingKey] { decoding.path(depth: depth, extra: extra) }

    private var elementPath: [any CodingKey] { codingPath + [WireJSONIndexKey(currentIndex)] }

    private func element(_ type: Any.Type, _ message: String = "Unkeyed container is at end.") throws -> Int {
        guard currentIndex < count! else {
            throw DecodingError.valueNotFound(type, .init(codingPath: elementPath, debugDescription: message))
        }
        return next
    }

    /// The current element unless the container is at its end or the element is null.
    private var presentElement: Int? {
        guard currentIndex < count!, decoding.nodes[next].kind != .null else { return nil }
        return next
    }

    private mutating func advance() {
        if currentIndex < count! { next = decoding.nodes[next].end }
        currentIndex += 1
    }

    private mutating func integer<T: FixedWidthInteger & Decodable>() throws -> T {
        let value = try decoding.integer(try element(T.self), T.self, elementPath)
        advance()
        return value
    }

    private mutating func integerIfPresent<T: FixedWidthInteger & Decodable>() throws -> T? {
        let value = try presentElement.map { try decoding.integer($0, T.self, elementPath) }
        advance()
        return value
    }

    private mutating func floatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>() throws -> T {
        let value = try decoding.floatingPoint(try element(T.self), T.self, elementPath)
        advance()
        return value
    }

    private mutating func floatingPointIfPresent<T: BinaryFloatingPoint & LosslessStringConvertible>() throws -> T? {
        let value = try presentElement.map { try decoding.floatingPoint($0, T.self, elementPath) }
        advance()
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard decoding.nodes[try element(Never.self)].kind == .null else { return false }
        advance()
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool {
        let value = try decoding.bool(try element(type), elementPath)
        advance()
        return value
    }

    mutating func decode(_ type: String.Type) throws -> String {
        let value = try decoding.string(try element(type), elementPath)
        advance()
        return value
    }

    mutating func decode(_ type: Double.Type) throws -> Double { try floatingPoint() }
    mutating func decode(_ type: Float.Type) throws -> Float { try floatingPoint() }
    mutating func decode(_ type: Int.Type) throws -> Int { try integer() }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    @available(macOS 15.0, *)
    mutating func decode(_ type: Int128.Type) throws -> Int128 { try integer() }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }
    @available(macOS 15.0, *)
    mutating func decode(_ type: UInt128.Type) throws -> UInt128 { try integer() }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try decoding.decode(type, at: try element(type), depth: depth, extra: extra, key: WireJSONIndexKey(currentIndex))
        advance()
        return value
    }

    mutating func decodeIfPresent(_ type: Bool.Type) throws -> Bool? {
        let value = try presentElement.map { try decoding.bool($0, elementPath) }
        advance()
        return value
    }

    mutating func decodeIfPresent(_ type: String.Type) throws -> String? {
        let value = try presentElement.map { try decoding.string($0, elementPath) }
        advance()
        return value
    }

    mutating func decodeIfPresent(_ type: Double.Type) throws -> Double? { try floatingPointIfPresent() }
    mutating func decodeIfPresent(_ type: Float.Type) throws -> Float? { try floatingPointIfPresent() }
    mutating func decodeIfPresent(_ type: Int.Type) throws -> Int? { try integerIfPresent() }
    mutating func decodeIfPresent(_ type: Int8.Type) throws -> Int8? { try integerIfPresent() }
    mutating func decodeIfPresent(_ type: Int16.Type) throws -> Int16? { try integerIfPresent() }
    mutating func decodeIfPresent(_ type: Int32.Type) throws -> Int32? { try integerIfPresent() }
    mutating func decodeIfPresent(_ type: Int64.Type) throws -> Int64? { try integerIfPresent() }
    @available(macOS 15.0, *)
    mutating func decodeIfPresent(_ type: Int128.Type) throws -> Int128? { try integerIfPresent() }
    mutating func decodeIfPresent(_ type: UInt.Type) throws -> UInt? { try integerIfPresent() }
    mutating func decodeIfPresent(_ type: UInt8.Type) throws -> UInt8? { try integerIfPresent() }
    mutating func decodeIfPresent(_ type: UInt16.Type) throws -> UInt16? { try integerIfPresent() }
    mutating func decodeIfPresent(_ type: UInt32.Type) throws -> UInt32? { try integerIfPresent() }
    mutating func decodeIfPresent(_ type: UInt64.Type) throws -> UInt64? { try integerIfPresent() }
    @available(macOS 15.0, *)
    mutating func decodeIfPresent(_ type: UInt128.Type) throws -> UInt128? { try integerIfPresent() }

    mutating func decodeIfPresent<T: Decodable>(_ type: T.Type) throws -> T? {
        guard let node = presentElement else {
            advance()
            return nil
        }
        let value = try decoding.decode(type, at: node, depth: depth, extra: extra, key: WireJSONIndexKey(currentIndex))
        advance()
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let node = try element(KeyedDecodingContainer<NestedKey>.self)
        let object = try decoding.object(at: node, depth: depth, extra: extra + [WireJSONIndexKey(currentIndex)])
        advance()
        return KeyedDecodingContainer(WireJSONKeyedContainer<NestedKey>(object: object))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let node = try element(UnkeyedDecodingContainer.self, "Cannot get nested unkeyed container -- unkeyed container is at end.")
        let container = try decoding.unkeyedContainer(at: node, depth: depth, extra: extra + [WireJSONIndexKey(currentIndex)])
        advance()
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let node = try element(Decoder.self, "Cannot get superDecoder() -- unkeyed container is at end.")
        let decoder = WireJSONDecoding(document: decoding.document, node: node, path: elementPath)
        advance()
        return decoder
    }
}
