import Foundation

/// Reads a few top-level members of a JSON object without decoding the rest, for the fields every
/// message has (an envelope's head, a request's head). It accepts only the plain forms the services
/// write — strings without escapes, integers without sign, fraction or exponent — and answers nil
/// for anything else, so the caller falls back to the full decoder, which stays the judge of what
/// is valid and of every refusal.
struct JSONObjectScanner {
    private let bytes: [UInt8]
    private var members: [String: Range<Int>] = [:]

    /// Nil unless `data` is one object whose top-level members can be delimited.
    init?(_ data: Data) {
        bytes = [UInt8](data)
        var index = Self.skipSpace(bytes, 0)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index = Self.skipSpace(bytes, index + 1)
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { return }
        while true {
            guard let (keyRange, afterKey) = Self.string(bytes, index) else { return nil }
            index = Self.skipSpace(bytes, afterKey)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            let valueStart = Self.skipSpace(bytes, index + 1)
            guard let valueEnd = Self.skipValue(bytes, valueStart) else { return nil }
            let key = String(decoding: bytes[keyRange], as: UTF8.self)
            if members[key] == nil { members[key] = valueStart..<valueEnd }
            index = Self.skipSpace(bytes, valueEnd)
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "}") { break }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index = Self.skipSpace(bytes, index + 1)
        }
        // Only whitespace may follow the object.
        guard Self.skipSpace(bytes, index + 1) == bytes.count else { return nil }
    }

    func has(_ key: String) -> Bool { members[key] != nil }

    /// The member as a plain string (no escapes); nil if absent or not plain.
    func string(_ key: String) -> String? {
        guard let range = members[key], let (content, end) = Self.string(bytes, range.lowerBound), end == range.upperBound
        else { return nil }
        return String(decoding: bytes[content], as: UTF8.self)
    }

    /// The member as a plain non-negative integer; nil if absent or not plain.
    func integer(_ key: String) -> Int64? {
        guard let range = members[key], !range.isEmpty, range.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in bytes[range] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - 48)
        }
        return value
    }

    /// True when the member is JSON `null`.
    func isNull(_ key: String) -> Bool {
        guard let range = members[key] else { return false }
        return bytes[range].elementsEqual("null".utf8)
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
