import Foundation

/// Reading the strings, numbers and member names of a parsed document, checking each the way
/// swift-foundation's `JSONDecoder` checks it when it decodes it: a malformed string or number
/// is a ``WireJSONSyntaxError``; a well-formed number that does not fit the type reads as nil.
extension WireJSONDocument {
    // MARK: Strings

    /// The string that `node` (a string node) holds, escapes resolved.
    func string(_ node: WireJSONNode) throws(WireJSONSyntaxError) -> String {
        let text = UnsafeBufferPointer(start: bytes.baseAddress! + node.offset, count: node.length)
        guard node.flags.contains(.plain) else { return try Self.unescaped(text, at: node.offset) }
        if node.flags.contains(.ascii) { return String(decoding: text, as: UTF8.self) }
        guard let string = String(validating: text, as: UTF8.self) else {
            throw WireJSONSyntaxError("invalid UTF-8 in the string at offset \(node.offset)")
        }
        return string
    }

    private static func unescaped(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) throws(WireJSONSyntaxError) -> String {
        var string = ""
        var chunkStart = 0
        var index = 0
        func appendChunk(upTo end: Int) throws(WireJSONSyntaxError) {
            guard end > chunkStart else { return }
            guard let chunk = String(validating: UnsafeBufferPointer(rebasing: text[chunkStart..<end]), as: UTF8.self) else {
                throw WireJSONSyntaxError("invalid UTF-8 in the string at offset \(offset + chunkStart)")
            }
            string += chunk
        }
        while index < text.count {
            let byte = text[index]
            if byte < 0x20 {
                throw .unexpected(byte, at: offset + index, "(a control character) in a string")
            }
            guard byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            try appendChunk(upTo: index)
            // The parser saw a byte after every backslash, and four after every `\u`.
            let escaped = text[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "\""): string.append("\"")
            case UInt8(ascii: "\\"): string.append("\\")
            case UInt8(ascii: "/"): string.append("/")
            case UInt8(ascii: "b"): string.append("\u{08}")
            case UInt8(ascii: "f"): string.append("\u{0C}")
            case UInt8(ascii: "n"): string.append("\n")
            case UInt8(ascii: "r"): string.append("\r")
            case UInt8(ascii: "t"): string.append("\t")
            case UInt8(ascii: "u"):
                let scalar: Unicode.Scalar
                (scalar, index) = try unicodeEscape(text, index, at: offset)
                string.unicodeScalars.append(scalar)
            default:
                throw .unexpected(escaped, at: offset + index - 1, "after a backslash")
            }
            chunkStart = index
        }
        try appendChunk(upTo: text.count)
        return string
    }

    /// The scalar of the `\u` escape whose hex digits start at `index`, a surrogate pair taking
    /// two escapes; and the index after it.
    private static func unicodeEscape(_ text: UnsafeBufferPointer<UInt8>, _ index: Int, at offset: Int)
        throws(WireJSONSyntaxError) -> (Unicode.Scalar, Int) {
        guard let unit = hex(text, index) else {
            throw WireJSONSyntaxError("invalid \\u escape at offset \(offset + index - 2)")
        }
        if UTF16.isLeadSurrogate(unit) {
            guard text.count - (index + 4) >= 6, text[index + 4] == UInt8(ascii: "\\"), text[index + 5] == UInt8(ascii: "u"),
                  let trail = hex(text, index + 6), UTF16.isTrailSurrogate(trail) else {
                throw WireJSONSyntaxError("a high surrogate without a low one at offset \(offset + index - 2)")
            }
            let value = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(trail - 0xDC00)
            return (Unicode.Scalar(value)!, index + 10)
        }
        guard let scalar = Unicode.Scalar(unit) else {
            throw WireJSONSyntaxError("a low surrogate alone at offset \(offset + index - 2)")
        }
        return (scalar, index + 4)
    }

    private static func hex(_ text: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt16? {
        guard text.count - index >= 4 else { return nil }
        var value: UInt16 = 0
        for byte in text[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    // MARK: Member names

    /// Reads every member name of `object` that is not plain ASCII, as `JSONDecoder` reads all
    /// names when it opens an object.
    func checkNames(of object: Int) throws(WireJSONSyntaxError) {
        guard nodes[object].flags.contains(.irregularKeys) else { return }
        var index = object + 1
        while index < nodes[object].end {
            if !nodes[index].flags.isSuperset(of: [.plain, .ascii]) { _ = try string(nodes[index]) }
            index = nodes[index + 1].end
        }
    }

    /// The value node of the first member of `object` whose name is `name` (UTF-8) as Swift
    /// compares strings; nil if there is none. Names must have been checked.
    func member(of object: Int, named name: UnsafeBufferPointer<UInt8>) -> Int? {
        let end = nodes[object].end
        var index = object + 1
        var nameIsASCII = true
        for byte in name where byte >= 0x80 { nameIsASCII = false }
        // ASCII text equals another string exactly when the bytes are equal.
        let byBytes = nameIsASCII && !nodes[object].flags.contains(.irregularKeys)
        let base = bytes.baseAddress!
        while index < end {
            let key = nodes[index]
            if byBytes || (nameIsASCII && key.flags.isSuperset(of: [.plain, .ascii])) {
                if key.length == name.count {
                    var offset = 0
                    while offset < name.count && base[key.offset + offset] == name[offset] { offset += 1 }
                    if offset == name.count { return index + 1 }
                }
            } else if (try? string(key)) == String(decoding: name, as: UTF8.self) {
                return index + 1
            }
            index = nodes[index + 1].end
        }
        return nil
    }

    /// The distinct member names of `object` in order of first appearance. Names must have been checked.
    func names(of object: Int) -> [String] {
        var seen = Set<String>()
        var names: [String] = []
        var index = object + 1
        while index < nodes[object].end {
            if let name = try? string(nodes[index]), seen.insert(name).inserted { names.append(name) }
            index = nodes[index + 1].end
        }
        return names
    }

    // MARK: Numbers

    /// The text of `node` (a number node).
    func text(_ node: WireJSONNode) -> String {
        String(decoding: UnsafeBufferPointer(start: bytes.baseAddress! + node.offset, count: node.length), as: UTF8.self)
    }

    /// `node` (a number node) as `T`; nil when it does not fit. Like `JSONDecoder`, an integer
    /// written with a fraction or exponent is accepted when its value is a whole number in range.
    func integer<T: FixedWidthInteger & Decodable>(_ node: WireJSONNode, as type: T.Type) throws(WireJSONSyntaxError) -> T? {
        let digits = bytes.baseAddress! + node.offset
        guard try Self.isInteger(digits, node.length, at: node.offset) else { return Self.integer(fromDecimal: text(node)) }
        let negative = digits[0] == UInt8(ascii: "-")
        var value: T = 0
        for index in (negative ? 1 : 0)..<node.length {
            let digit = T(truncatingIfNeeded: digits[index] &- UInt8(ascii: "0"))
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, carry) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            if overflow || carry { return nil }
            value = next
        }
        return value
    }

    /// The integer a number with a fraction or exponent stands for: through `Double`, as
    /// `JSONDecoder` reads it. Beyond 2^53, where a `Double` is not exact, `JSONDecoder` reads
    /// the text again as a `Decimal` and truncates; that rare case is left to it.
    private static func integer<T: FixedWidthInteger & Decodable>(fromDecimal text: String) -> T? {
        guard let double = Double(text), let value = T(exactly: double) else { return nil }
        if double.magnitude < 0x1p53 { return value }
        return try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    /// `node` (a number node) as `T`, parsed as `T(String)` parses it; nil when it is infinite,
    /// or rounds to zero without being zero.
    func floatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(_ node: WireJSONNode, as type: T.Type)
        throws(WireJSONSyntaxError) -> T? {
        let digits = bytes.baseAddress! + node.offset
        _ = try Self.isInteger(digits, node.length, at: node.offset)
        guard let value = T(text(node)), value.isFinite else { return nil }
        if value == 0 && !Self.isZero(digits, node.length) { return nil }
        return value
    }

    /// Whether a number that parsed as zero is written as zero, decided as `JSONDecoder` decides
    /// it: a digit 1 to 9 says no and an exponent mark says yes, whichever it meets first, reading
    /// four bytes at a time and the bytes left over from the last one back. So `0e5` is not zero
    /// (its `5` is met before its `e`) while `0e12` is.
    private static func isZero(_ text: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        func verdict(_ index: Int) -> Bool? {
            switch text[index] {
            case UInt8(ascii: "1")...UInt8(ascii: "9"): false
            case UInt8(ascii: "e"), UInt8(ascii: "E"): true
            default: nil
            }
        }
        var start = 0
        while count - start >= 4 {
            for index in start..<start + 4 {
                if let verdict = verdict(index) { return verdict }
            }
            start += 4
        }
        for index in (start..<count).reversed() {
            if let verdict = verdict(index) { return verdict }
        }
        return true
    }

    /// `node` (a number node) as a `Decimal`; nil when it is beyond a `Decimal`'s range.
    func decimal(_ node: WireJSONNode) throws(WireJSONSyntaxError) -> Decimal? {
        _ = try Self.isInteger(bytes.baseAddress! + node.offset, node.length, at: node.offset)
        return Decimal(string: text(node))
    }

    /// Checks the number grammar of RFC 8259 (`-`? int frac? exp?), and answers whether the
    /// number is an integer: no fraction and no exponent.
    private static func isInteger(_ text: UnsafePointer<UInt8>, _ count: Int, at offset: Int) throws(WireJSONSyntaxError) -> Bool {
        var index = text[0] == UInt8(ascii: "-") ? 1 : 0
        func isDigit(_ index: Int) -> Bool { index < count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[index]) }
        func malformed() -> WireJSONSyntaxError {
            WireJSONSyntaxError("malformed number '\(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))' at offset \(offset)")
        }
        guard isDigit(index) else { throw malformed() }
        if text[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while isDigit(index) { index += 1 }
        }
        var integer = true
        if index < count && text[index] == UInt8(ascii: ".") {
            integer = false
            index += 1
            guard isDigit(index) else { throw malformed() }
            while isDigit(index) { index += 1 }
        }
        if index < count && (text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E")) {
            integer = false
            index += 1
            if index < count && (text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-")) { index += 1 }
            guard isDigit(index) else { throw malformed() }
            while isDigit(index) { index += 1 }
        }
        guard index == count else { throw malformed() }
        return integer
    }
}
