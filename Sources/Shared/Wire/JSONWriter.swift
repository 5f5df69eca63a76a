import Foundation

/// Appends compact JSON to a byte buffer, in exactly the form ``WireJSONEncoder`` (and so
/// Foundation's `JSONEncoder` with sorted keys) writes it.
///
/// The messages on the hot path write themselves through it (``JSONWritable``): a whistle passes
/// through half a dozen encodings, and the `Codable` route, even with our own encoder, cost
/// microseconds each through its containers and boxes. The buffer is memory of its own, not an
/// array: each key, string and digit run is one capacity check and one copy.
public struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    private init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Runs `write` on a new writer and hands what it wrote to `result`, while the writer lives.
    static func writing<R>(_ write: (inout JSONWriter) throws -> Void,
                           _ result: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        var writer = JSONWriter(capacity: 1_024)
        try write(&writer)
        return try writer.withBytes(result)
    }

    /// The bytes written so far, valid only inside `body`: the writer is borrowed for as long as it runs.
    private borrowing func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// `{`, the members `body` writes, `}`. Members must come in byte order of their keys, as
    /// sorted keys require; the tests compare every writable type with its `Codable` form.
    public mutating func object(_ body: (inout JSONWriter) throws -> Void) rethrows {
        append(UInt8(ascii: "{"))
        try body(&self)
        append(UInt8(ascii: "}"))
    }

    /// A member's key (an ASCII name that needs no escaping), after a comma unless it is the first.
    public mutating func key(_ name: StaticString) {
        let length = name.utf8CodeUnitCount
        reserve(length + 4)
        if count > 0, base[count - 1] != UInt8(ascii: "{") {
            base[count] = UInt8(ascii: ",")
            count += 1
        }
        base[count] = UInt8(ascii: "\"")
        (base + count + 1).update(from: name.utf8Start, count: length)
        base[count + 1 + length] = UInt8(ascii: "\"")
        base[count + 2 + length] = UInt8(ascii: ":")
        count += length + 3
    }

    public mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { writeString($0) }
    }

    /// An instant in its canonical form (``Timestamp/format(_:)``), written in place.
    public mutating func instant(_ instant: Instant) {
        reserve(26)
        guard Timestamp.writeCanonical(instant.date, to: base + count + 1) else {
            string(instant.description)
            return
        }
        base[count] = UInt8(ascii: "\"")
        base[count + 25] = UInt8(ascii: "\"")
        count += 26
    }

    public mutating func integer<I: BinaryInteger>(_ value: I) {
        if value < 0 { append(UInt8(ascii: "-")) }
        writeDigits(UInt64(value.magnitude))
    }

    public mutating func bool(_ value: Bool) {
        if value {
            append("true")
        } else {
            append("false")
        }
    }

    public mutating func strings(_ values: [String]) {
        append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { append(UInt8(ascii: ",")) }
            string(value)
        }
        append(UInt8(ascii: "]"))
    }

    /// Finite numbers as the encoder writes them (`0.5`, `1`); a value that is not finite, which no
    /// validated setting holds, is written as 0 so that the output stays JSON.
    public mutating func numbers(_ values: [Double]) {
        append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { append(UInt8(ascii: ",")) }
            number(value)
        }
        append(UInt8(ascii: "]"))
    }

    /// A finite number as the encoder writes it (`0.5`, `1`); one that is not finite as 0.
    public mutating func number(_ value: Double) {
        // A whole number below 2^53 is written as its digits, which is its description less ".0"
        // (but for -0, whose description is "-0.0").
        if value.rounded(.towardZero) == value, value.magnitude < 9_007_199_254_740_992, value != 0 || value.sign == .plus {
            return integer(Int64(value))
        }
        var text = value.isFinite ? value.description : "0"
        if text.hasSuffix(".0") { text.removeLast(2) }
        text.withUTF8 { append($0) }
    }

    /// An array whose elements `body` writes, one at a time.
    public mutating func array<Element>(_ values: [Element], _ body: (inout JSONWriter, Element) throws -> Void) rethrows {
        append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { append(UInt8(ascii: ",")) }
            try body(&self, value)
        }
        append(UInt8(ascii: "]"))
    }

    /// Any encodable value: by its own ``JSONWritable`` form if it has one, a list of strings
    /// directly, anything else through the tree.
    public mutating func value<T: Encodable>(_ value: T) throws {
        if let writable = value as? any JSONWritable {
            try writable.write(to: &self)
        } else if let list = value as? [String] {
            strings(list)
        } else {
            try JSONTreeEncoder.tree(of: value, parent: nil, key: nil).write(into: &self)
        }
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: start, count: bytes.count)
        count += bytes.count
    }

    mutating func writeDigits(_ value: UInt64) {
        var digits = 1
        var rest = value
        while rest >= 10 {
            digits += 1
            rest /= 10
        }
        reserve(digits)
        rest = value
        for position in (count..<count + digits).reversed() {
            base[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        count += digits
    }

    /// A string with `"`, `\` and control characters escaped (`\b \t \n \f \r`, else `\u00xx`);
    /// `/` and everything else as it is. The bytes are checked eight at a time, and a run without
    /// anything to escape is copied whole.
    mutating func writeString(_ utf8: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
        var start = 0
        var index = 0
        while index < utf8.count {
            if utf8.count - index >= 8 {
                let special = JSONStringScan.specialBytes(in: JSONStringScan.word(at: utf8.baseAddress! + index))
                if special == 0 {
                    index += 8
                    continue
                }
                index += special.trailingZeroBitCount / 8
            }
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            append(UnsafeBufferPointer(rebasing: utf8[start..<index]))
            append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): append(byte)
            case 0x08: append(UInt8(ascii: "b"))
            case 0x09: append(UInt8(ascii: "t"))
            case 0x0A: append(UInt8(ascii: "n"))
            case 0x0C: append(UInt8(ascii: "f"))
            case 0x0D: append(UInt8(ascii: "r"))
            default:
                append("u00")
                append(Self.hexDigit(byte >> 4))
                append(Self.hexDigit(byte & 0xF))
            }
            index += 1
            start = index
        }
        append(UnsafeBufferPointer(rebasing: utf8[start...]))
        append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.moveInitialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }
}

/// A message that writes its JSON by hand, byte for byte its `Codable` form: the types every
/// whistle passes through. ``WireJSONEncoder`` uses it when a value has it.
public protocol JSONWritable: Encodable {
    func write(to writer: inout JSONWriter) throws
}
