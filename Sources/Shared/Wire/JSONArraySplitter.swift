import Foundation

/// Finds the elements of one JSON array inside a message without decoding them, so a replay
/// answer's events reach the consumer as the very bytes the producer stored — no decode into a
/// generic value and re-encode per event.
enum JSONArraySplitter {
    /// The byte ranges of the elements of the array that is the value of the first member named
    /// `member` at any depth (`"events"` in a replay answer); nil if there is none or it is not
    /// well formed. Strings and escapes are respected, so brackets inside text do not count.
    static func elements(ofMember member: String, in data: Data) -> [Range<Int>]? {
        let bytes = [UInt8](data)
        let needle = Array("\"\(member)\"".utf8)
        var index = 0
        var inString = false
        // Find the member name outside of any string value.
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\""), bytes[index...].starts(with: needle) {
                index += needle.count
                break
            }
            if byte == UInt8(ascii: "\"") { inString = true }
            index += 1
        }
        while index < bytes.count, [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
                                     UInt8(ascii: "\t")].contains(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
        index += 1
        var ranges: [Range<Int>] = []
        var depth = 0
        var start: Int?
        inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                if start == nil { start = index }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if start == nil { start = index }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 {
                    // The array's own closing bracket.
                    if let begin = start { ranges.append(begin..<trimmedEnd(bytes, index)) }
                    return byte == UInt8(ascii: "]") ? ranges : nil
                }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 {
                    guard let begin = start else { return nil }
                    ranges.append(begin..<trimmedEnd(bytes, index))
                    start = nil
                }
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                break
            default:
                if start == nil { start = index }
            }
            index += 1
        }
        return nil
    }

    private static func trimmedEnd(_ bytes: [UInt8], _ end: Int) -> Int {
        var end = end
        while end > 0, [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains(bytes[end - 1]) {
            end -= 1
        }
        return end
    }
}
