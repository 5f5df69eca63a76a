import Foundation

/// Delimits the members of a JSON object without decoding them: a replay answer's events are
/// handed on as the bytes the producer stored. It answers nil for anything it cannot delimit; the
/// decoder stays the judge of what is valid and of every refusal.
struct JSONObjectScanner {
    private let bytes: [UInt8]
    private var members: [String: Range<Int>] = [:]

    /// Nil unless `data` is one object whose top-level members can be delimited.
    init?(_ data: Data) {
        let bytes = [UInt8](data)
        self.init(bytes: bytes, in: 0..<bytes.count)
    }

    /// The object that fills `range` of `bytes` (surrounding whitespace allowed).
    private init?(bytes: [UInt8], in range: Range<Int>) {
        self.bytes = bytes
        var index = Self.skipSpace(bytes, range.lowerBound)
        guard index < range.upperBound, bytes[index] == UInt8(ascii: "{") else { return nil }
        index = Self.skipSpace(bytes, index + 1)
        if index < range.upperBound, bytes[index] == UInt8(ascii: "}") {
            guard Self.skipSpace(bytes, index + 1) >= range.upperBound else { return nil }
            return
        }
        while true {
            guard let (keyRange, afterKey) = Self.string(bytes, index) else { return nil }
            index = Self.skipSpace(bytes, afterKey)
            guard index < range.upperBound, bytes[index] == UInt8(ascii: ":") else { return nil }
            let valueStart = Self.skipSpace(bytes, index + 1)
            guard let valueEnd = Self.skipValue(bytes, valueStart), valueEnd <= range.upperBound else { return nil }
            let key = String(decoding: bytes[keyRange], as: UTF8.self)
            if members[key] == nil { members[key] = valueStart..<valueEnd }
            index = Self.skipSpace(bytes, valueEnd)
            guard index < range.upperBound else { return nil }
            if bytes[index] == UInt8(ascii: "}") { break }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index = Self.skipSpace(bytes, index + 1)
        }
        // Only whitespace may follow the object.
        guard Self.skipSpace(bytes, index + 1) >= range.upperBound else { return nil }
    }

    /// The member as an object to scan in turn; nil if absent or not an object.
    func object(_ key: String) -> JSONObjectScanner? {
        guard let range = members[key] else { return nil }
        return JSONObjectScanner(bytes: bytes, in: range)
    }

    /// The byte ranges (from the start of the scanned data) of the member's array elements, each
    /// exactly as written; nil if absent or not an array. Elements are delimited, not decoded.
    func elements(_ key: String) -> [Range<Int>]? {
        guard let range = members[key], bytes[range.lowerBound] == UInt8(ascii: "[") else { return nil }
        var index = Self.skipSpace(bytes, range.lowerBound + 1)
        var elements: [Range<Int>] = []
        if bytes[index] == UInt8(ascii: "]") { return index + 1 == range.upperBound ? elements : nil }
        while true {
            guard let end = Self.skipValue(bytes, index), end < range.upperBound else { return nil }
            elements.append(index..<end)
            index = Self.skipSpace(bytes, end)
            if bytes[index] == UInt8(ascii: "]") { return index + 1 == range.upperBound ? elements : nil }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index = Self.skipSpace(bytes, index + 1)
        }
    }

    private static func skipSpace(_ bytes: [UInt8], _ start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
        return index
    }

    /// A string without escapes at `start`: its content range and the index after its closing quote.
    private static func string(_ bytes: [UInt8], _ start: Int) -> (Range<Int>, Int)? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") else { return nil }
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): return (start + 1..<index, index + 1)
            case UInt8(ascii: "\\"), 0..<0x20: return nil
            default: index += 1
            }
        }
        return nil
    }

    /// The index after the value at `start` (any JSON value; strings may hold escapes here).
    /// Literals and numbers are delimited, not validated: the full decoder judges them.
    private static func skipValue(_ bytes: [UInt8], _ start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            var index = start + 1
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\\") { index += 2; continue }
                if bytes[index] == UInt8(ascii: "\"") { return index + 1 }
                index += 1
            }
            return nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var index = start
            var depth = 0
            var inString = false
            while index < bytes.count {
                let byte = bytes[index]
                if inString {
                    if byte == UInt8(ascii: "\\") { index += 2; continue }
                    if byte == UInt8(ascii: "\"") { inString = false }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return index + 1 }
                }
                index += 1
            }
            return nil
        default:
            var index = start
            while index < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09]
                .contains(bytes[index]) {
                index += 1
            }
            return index > start ? index : nil
        }
    }
}
