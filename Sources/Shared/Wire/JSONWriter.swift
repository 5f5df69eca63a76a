/// Appends compact JSON to a byte buffer, in exactly the form ``WireJSONEncoder`` (and so
/// Foundation's `JSONEncoder` with sorted keys) writes it.
///
/// The messages on the hot path write themselves through it (``JSONWritable``): a whistle passes
/// through half a dozen encodings, and the `Codable` route, even with our own encoder, cost
/// microseconds each through its containers and boxes.
public struct JSONWriter {
    public private(set) var bytes: [UInt8]

    init() {
        bytes = []
        bytes.reserveCapacity(1_024)
    }

    /// `{`, the members `body` writes, `}`. Members must come in byte order of their keys, as
    /// sorted keys require; the tests compare every writable type with its `Codable` form.
    public mutating func object(_ body: (inout JSONWriter) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "{"))
        try body(&self)
        bytes.append(UInt8(ascii: "}"))
    }

    /// A member's key (an ASCII name that needs no escaping), after a comma unless it is the first.
    public mutating func key(_ name: StaticString) {
        if bytes.last != UInt8(ascii: "{") { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func string(_ text: String) {
        Self.writeString(text, into: &bytes)
    }

    public mutating func integer<I: BinaryInteger>(_ value: I) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        Self.writeDigits(UInt64(value.magnitude), into: &bytes)
    }

    public mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Any encodable value: by its own ``JSONWritable`` form if it has one, a list of strings
    /// directly, anything else through the tree.
    public mutating func value<T: Encodable>(_ value: T) throws {
        if let writable = value as? any JSONWritable {
            try writable.write(to: &self)
        } else if let list = value as? [String] {
            strings(list)
        } else {
            try JSONTreeEncoder.tree(of: value, parent: nil, key: nil).write(into: &bytes)
        }
    }

    static func writeDigits(_ value: UInt64, into bytes: inout [UInt8]) {
        let start = bytes.count
        var rest = value
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    /// A string with `"`, `\` and control characters escaped (`\b \t \n \f \r`, else `\u00xx`);
    /// `/` and everything else as it is.
    static func writeString(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                default:
                    bytes.append(contentsOf: "u00".utf8)
                    bytes.append(hexDigit(byte >> 4))
                    bytes.append(hexDigit(byte & 0xF))
                }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

/// A message that writes its JSON by hand, byte for byte its `Codable` form: the types every
/// whistle passes through. ``WireJSONEncoder`` uses it when a value has it.
public protocol JSONWritable: Encodable {
    func write(to writer: inout JSONWriter) throws
}
