import Foundation

/// Finds the top-level `key` of a request that was refused before it could be decoded (too large,
/// malformed, not framed right), so that a client pipelining on a DEALER can still match the
/// refusal to its request. Only a member of the outermost object counts, never a `"key"` nested
/// in `body` or deeper; the scan stops at the first thing that is not JSON structure it can step
/// over, so a key written after that point is not found.
package enum RequestKeyScan {
    /// The string value of the first top-level member named `key`, cut to `maxBytes` at a
    /// character boundary; nil when there is none before the scan stops, it is not a string, or
    /// it is not valid UTF-8.
    package static func key(in data: Data, maxBytes: Int = Request.maxKeyBytes) -> String? {
        let found: String? = data.withUnsafeBytes { raw in
            var scanner = Scanner(bytes: raw.bindMemory(to: UInt8.self))
            return scanner.topLevelKey()
        }
        return found.map { truncated($0, maxBytes: maxBytes) }
    }

    /// `key` cut to at most `maxBytes` of UTF-8 without splitting a character's bytes.
    package static func truncated(_ key: String, maxBytes: Int) -> String {
        let utf8 = Array(key.utf8)
        guard utf8.count > maxBytes else { return key }
        var end = maxBytes
        // Step back over continuation bytes (10xxxxxx) to the start of the character cut in two.
        while end > 0, utf8[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: utf8[..<end], as: UTF8.self)
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        mutating func topLevelKey() -> String? {
            guard take(UInt8(ascii: "{")) else { return nil }
            if take(UInt8(ascii: "}")) { return nil }
            while true {
                guard let name = string() else { return nil }
                guard take(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                if name == Array("key".utf8) {
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
                    return string().flatMap { String(validating: $0, as: UTF8.self) }
                }
                guard skipValue(), !take(UInt8(ascii: "}")), take(UInt8(ascii: ",")) else { return nil }
            }
        }

        /// Skips whitespace, then consumes `byte` if it is next.
        private mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        private mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }

        /// The string at the cursor with its escapes resolved, as bytes; nil if it is not one.
        private mutating func string() -> [UInt8]? {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            var out: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""): return out
                case 0..<0x20: return nil
                case UInt8(ascii: "\\"): guard escape(into: &out) else { return nil }
                default: out.append(byte)
                }
            }
            return nil
        }

        private mutating func escape(into out: inout [UInt8]) -> Bool {
            guard index < bytes.count else { return false }
            let letter = bytes[index]
            index += 1
            let simple: [UInt8: UInt8] = [UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F,
                                          UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
                                          UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09]
            if let byte = simple[letter] {
                out.append(byte)
                return true
            }
            guard letter == UInt8(ascii: "u"), let unit = hex4() else { return false }
            var scalar: Unicode.Scalar?
            if (0xD800..<0xDC00).contains(unit) {
                guard take(UInt8(ascii: "\\")), index < bytes.count, bytes[index] == UInt8(ascii: "u") else { return false }
                index += 1
                guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return false }
                scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            } else {
                scalar = Unicode.Scalar(unit)
            }
            guard let scalar else { return false }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            return true
        }

        private mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count,
                  let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else { return nil }
            index += 4
            return value
        }

        /// Steps over one value of any kind without judging literals and numbers.
        private mutating func skipValue() -> Bool {
            skipSpace()
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                return string() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while index < bytes.count {
                    switch bytes[index] {
                    case UInt8(ascii: "\""):
                        guard string() != nil else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            return true
                        }
                    default:
                        break
                    }
                    index += 1
                }
                return false
            default:
                let start = index
                while index < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: "{"),
                                             UInt8(ascii: "["), UInt8(ascii: "\""), 0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) {
                    index += 1
                }
                return index > start
            }
        }
    }
}
