import Foundation

/// One JSON value of a ``WireJSONDocument``: its kind, where its text is, and where the next
/// value after it (and after everything nested in it) starts in the document's node list.
struct WireJSONNode {
    enum Kind: UInt8 {
        case null, `false`, `true`, number, string, array, object
    }

    var kind: Kind
    var flags: Flags
    /// Strings: the first byte after the opening quote. Numbers: the first byte.
    var offset: Int
    /// Strings and numbers: the length in bytes (without quotes). Arrays: the element count.
    /// Objects: the member count.
    var length: Int
    /// The index of the node after this value and its descendants. An object's members follow it
    /// as key and value node pairs; an array's elements follow it.
    var end: Int

    struct Flags: OptionSet {
        let rawValue: UInt8
        /// A string without escapes or control characters: its bytes are its UTF-8, if valid.
        static let plain = Flags(rawValue: 1)
        /// A string whose bytes are all ASCII.
        static let ascii = Flags(rawValue: 2)
        /// An object with a member name that is not plain ASCII, checked when it is opened.
        static let irregularKeys = Flags(rawValue: 4)
    }
}

/// A JSON text parsed as far as swift-foundation's `JSONDecoder` parses it before decoding:
/// the structure (nesting, members and elements, literals) is checked in full and recorded as a
/// flat list of nodes; the content of strings and numbers is only delimited, and checked when a
/// value is read (``WireJSONDocument/string(_:)`` and the number readers).
final class WireJSONDocument {
    /// The UTF-8 text: the caller's bytes while ``with(_:_:)`` runs, a copy of them after.
    @exclusivity(unchecked) private(set) var bytes: UnsafeBufferPointer<UInt8>
    private var ownsBytes = false
    let nodes: UnsafeMutablePointer<WireJSONNode>
    /// The index of a `null` node after the parsed ones, read where a missing value counts as null.
    let nullNode: Int

    /// The nesting that `JSONDecoder` allows: 512 arrays and objects.
    static let maxDepth = 512

    private init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(WireJSONSyntaxError) {
        self.bytes = bytes
        var parser = WireJSONParser(bytes: bytes)
        do throws(WireJSONSyntaxError) {
            try parser.parse()
        } catch {
            parser.nodes.release()
            throw error
        }
        nullNode = parser.nodes.count
        parser.nodes.append(WireJSONNode(kind: .null, flags: [], offset: 0, length: 0, end: nullNode + 1))
        nodes = parser.nodes.base
    }

    deinit {
        if ownsBytes { bytes.deallocate() }
        nodes.deallocate()
    }

    /// Runs `body` with the document of `data`, which must be UTF-8; a leading UTF-8 byte order
    /// mark is skipped. Unlike `JSONDecoder`, no other encoding is guessed: UTF-16 or UTF-32 text,
    /// with or without its byte order mark, fails to parse (its NUL bytes are not JSON). The
    /// document reads `data` in place; should it outlive `body` (a decoder kept by a decoded
    /// value), it takes a copy of the bytes first.
    static func with<T>(_ data: Data, _ body: (WireJSONDocument) throws -> T) throws -> T {
        try data.withUnsafeBytes { raw throws -> T in
            let all = raw.bindMemory(to: UInt8.self)
            let bomLength = all.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            return try with(borrowing: UnsafeBufferPointer(rebasing: all[bomLength...]), body)
        }
    }

    private static func with<T>(borrowing bytes: UnsafeBufferPointer<UInt8>, _ body: (WireJSONDocument) throws -> T) throws -> T {
        var document = try WireJSONDocument(parsing: bytes)
        defer {
            if !isKnownUniquelyReferenced(&document) { document.copyBytes() }
        }
        return try body(document)
    }

    private func copyBytes() {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = copy.initialize(from: bytes)
        bytes = UnsafeBufferPointer(copy)
        ownsBytes = true
    }
}

/// Why a JSON text, or a string or number in it, is not valid; the decoder reports it as
/// `DecodingError.dataCorrupted` of the whole message, as `JSONDecoder` does.
struct WireJSONSyntaxError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }

    static func unexpected(_ byte: UInt8, at offset: Int, _ context: String) -> Self {
        let shown = (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        return Self("unexpected \(shown) \(context) at offset \(offset)")
    }

    static let endOfText = Self("unexpected end of the text")
}

/// Builds the node list of a ``WireJSONDocument`` in one pass, without recursion: the open
/// arrays and objects form a stack through their nodes, each holding its parent's index in `end`
/// until it is closed.
private struct WireJSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var nodes: NodeList
    private var index = 0
    /// The innermost open array or object; -1 when none is open.
    private var open = -1
    private var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        nodes = NodeList(capacity: bytes.count / 8 + 8)
    }

    mutating func parse() throws(WireJSONSyntaxError) {
        try parseValues()
        skipSpace()
        guard index == bytes.count else {
            throw .unexpected(bytes[index], at: index, "after the top-level value")
        }
    }

    /// Parses the top-level value, and through it every nested one.
    private mutating func parseValues() throws(WireJSONSyntaxError) {
        while true {
            while try parseScalarOrOpen() {}
            // After a value: close what ends here, until a comma asks for the next value.
            while open >= 0 {
                let container = open
                nodes[container].length += 1
                skipSpace()
                guard index < bytes.count else { throw .endOfText }
                let byte = bytes[index]
                let isObject = nodes[container].kind == .object
                let closing = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if byte == closing {
                    index += 1
                    close()
                    continue
                }
                guard byte == UInt8(ascii: ",") else {
                    throw .unexpected(byte, at: index, isObject ? "in an object" : "in an array")
                }
                index += 1
                skipSpace()
                guard index < bytes.count else { throw .endOfText }
                // A trailing comma is accepted, as swift-foundation's parser accepts it.
                if bytes[index] == closing {
                    index += 1
                    close()
                    continue
                }
                if isObject { try parseMemberName(of: container) }
                break
            }
            if open < 0 { return }
        }
    }

    /// Parses a literal, number or string; or opens an array or object, and answers true when
    /// its first value is to be parsed next (an object's first member name is parsed already).
    /// An empty array or object is closed at once.
    private mutating func parseScalarOrOpen() throws(WireJSONSyntaxError) -> Bool {
        skipSpace()
        guard index < bytes.count else { throw .endOfText }
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "\""):
            try parseString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < WireJSONDocument.maxDepth else {
                throw WireJSONSyntaxError("more than \(WireJSONDocument.maxDepth) nested arrays and objects at offset \(index)")
            }
            let isObject = byte == UInt8(ascii: "{")
            let node = nodes.count
            nodes.append(WireJSONNode(kind: isObject ? .object : .array, flags: [], offset: index, length: 0, end: open))
            index += 1
            skipSpace()
            guard index < bytes.count else { throw .endOfText }
            if bytes[index] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                index += 1
                nodes[node].end = nodes.count
                return false
            }
            open = node
            depth += 1
            if isObject { try parseMemberName(of: node) }
            return true
        case UInt8(ascii: "t"): try parseLiteral("true", .true)
        case UInt8(ascii: "f"): try parseLiteral("false", .false)
        case UInt8(ascii: "n"): try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            parseNumber()
        default:
            throw .unexpected(byte, at: index, "where a value should start")
        }
        return false
    }

    /// A member name and its colon; the value follows.
    private mutating func parseMemberName(of object: Int) throws(WireJSONSyntaxError) {
        guard bytes[index] == UInt8(ascii: "\"") else {
            throw .unexpected(bytes[index], at: index, "where a member name should start")
        }
        let key = nodes.count
        try parseString()
        if !nodes[key].flags.isSuperset(of: [.plain, .ascii]) {
            nodes[object].flags.insert(.irregularKeys)
        }
        skipSpace()
        guard index < bytes.count else { throw .endOfText }
        guard bytes[index] == UInt8(ascii: ":") else {
            throw .unexpected(bytes[index], at: index, "after a member name")
        }
        index += 1
    }

    private mutating func close() {
        let container = open
        open = nodes[container].end
        nodes[container].end = nodes.count
        depth -= 1
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func parseLiteral(_ text: StaticString, _ kind: WireJSONNode.Kind) throws(WireJSONSyntaxError) {
        let count = text.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw .endOfText }
        for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] {
            throw .unexpected(bytes[index + offset], at: index + offset, "in \(text)")
        }
        nodes.append(WireJSONNode(kind: kind, flags: [], offset: index, length: count, end: nodes.count + 1))
        index += count
    }

    /// Delimits a number: a sign or digit, then any run of digits, signs, points and exponent
    /// marks. Its form is checked when it is read.
    private mutating func parseNumber() {
        let start = index
        index += 1
        scan: while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default:
                break scan
            }
        }
        nodes.append(WireJSONNode(kind: .number, flags: [], offset: start, length: index - start, end: nodes.count + 1))
    }

    /// Delimits a string at its opening quote. Escapes are skipped (a `\u` must be followed by four
    /// bytes that are not a quote), not interpreted; control characters and UTF-8 are checked when
    /// the string is read.
    private mutating func parseString() throws(WireJSONSyntaxError) {
        index += 1
        let start = index
        // Eight bytes at a time up to the first quote, backslash or control character.
        var seenWords: UInt64 = 0
        while bytes.count - index >= 8 {
            let word = JSONStringScan.word(at: bytes.baseAddress! + index)
            let special = JSONStringScan.specialBytes(in: word)
            if special != 0 {
                let before = special.trailingZeroBitCount / 8
                seenWords |= word & ((1 << (8 * before)) &- 1)
                index += before
                break
            }
            seenWords |= word
            index += 8
        }
        var seen: UInt8 = seenWords & 0x8080_8080_8080_8080 == 0 ? 0 : 0x80
        var plain = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 {
                plain = false
                break
            }
            seen |= byte
            index += 1
        }
        if !plain {
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { break }
                index += 1
                guard byte == UInt8(ascii: "\\") else { continue }
                guard index < bytes.count else { throw .endOfText }
                let escaped = bytes[index]
                index += 1
                if escaped == UInt8(ascii: "u") {
                    guard bytes.count - index >= 4 else { throw .endOfText }
                    for offset in index..<index + 4 where bytes[offset] == UInt8(ascii: "\"") {
                        throw .unexpected(bytes[offset], at: offset, "in a \\u escape")
                    }
                    index += 4
                }
            }
        }
        guard index < bytes.count else { throw .endOfText }
        var flags: WireJSONNode.Flags = plain ? .plain : []
        if plain && seen < 0x80 { flags.insert(.ascii) }
        nodes.append(WireJSONNode(kind: .string, flags: flags, offset: start, length: index - start, end: nodes.count + 1))
        index += 1
    }
}

/// A growable list of nodes in memory of its own, handed to the document when parsing is done.
private struct NodeList {
    private(set) var base: UnsafeMutablePointer<WireJSONNode>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    subscript(index: Int) -> WireJSONNode {
        get { base[index] }
        nonmutating _modify { yield &base[index] }
    }

    @inline(__always)
    mutating func append(_ node: WireJSONNode) {
        if count == capacity { grow() }
        (base + count).initialize(to: node)
        count += 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<WireJSONNode>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    func release() {
        base.deallocate()
    }
}
