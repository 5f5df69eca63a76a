extension JSONTree {
    /// Appends the compact form: members in byte order of their keys, `/` unescaped, control
    /// characters as `\b \t \n \f \r` or `\u00xx`, as `JSONEncoder` writes them.
    func write(into writer: inout JSONWriter) {
        switch self {
        case .null: writer.append("null")
        case .bool(let value): writer.bool(value)
        case .integer(let value): writer.integer(value)
        case .unsigned(let value): writer.writeDigits(value)
        case .number(var text): text.withUTF8 { writer.append($0) }
        case .string(let text): writer.string(text)
        case .object(let object): object.write(into: &writer)
        case .array(let array):
            writer.append(UInt8(ascii: "["))
            for (index, value) in array.values.enumerated() {
                if index > 0 { writer.append(UInt8(ascii: ",")) }
                value.write(into: &writer)
            }
            writer.append(UInt8(ascii: "]"))
        case .pending(let encoder): (encoder.value ?? .object(Object())).write(into: &writer)
        }
    }
}

extension JSONTree.Object {
    /// Writes the members in byte order of their keys; a key written twice keeps its last value,
    /// as it does in `JSONEncoder`'s dictionary.
    ///
    /// The order is found on the stack, by each key's first eight bytes and its position, so the
    /// members themselves are never moved and most comparisons are one integer comparison.
    func write(into writer: inout JSONWriter) {
        writer.append(UInt8(ascii: "{"))
        withUnsafeTemporaryAllocation(of: (prefix: UInt64, index: Int).self, capacity: members.count) { order in
            for index in members.indices {
                order[index] = (Self.prefix(members[index].key), index)
            }
            for sorted in order.indices.dropFirst() {
                let item = order[sorted]
                var slot = sorted
                while slot > 0, precedes(item, order[slot - 1]) {
                    order[slot] = order[slot - 1]
                    slot -= 1
                }
                order[slot] = item
            }
            var first = true
            for position in order.indices {
                let index = order[position].index
                if position + 1 < order.count, order[position + 1].prefix == order[position].prefix,
                   members[order[position + 1].index].key == members[index].key { continue }
                if !first { writer.append(UInt8(ascii: ",")) }
                first = false
                writer.string(members[index].key)
                writer.append(UInt8(ascii: ":"))
                members[index].value.write(into: &writer)
            }
        }
        writer.append(UInt8(ascii: "}"))
    }

    /// Key order, then the order written (so of two equal keys the later comes last).
    private func precedes(_ a: (prefix: UInt64, index: Int), _ b: (prefix: UInt64, index: Int)) -> Bool {
        if a.prefix != b.prefix { return a.prefix < b.prefix }
        let (keyA, keyB) = (members[a.index].key, members[b.index].key)
        if keyA == keyB { return a.index < b.index }
        return keyA.utf8.lexicographicallyPrecedes(keyB.utf8)
    }

    /// The first eight bytes of the key, big-endian and zero-padded: comparing two prefixes orders
    /// the keys unless the prefixes are equal.
    private static func prefix(_ key: String) -> UInt64 {
        var prefix: UInt64 = 0
        var shift: UInt64 = 56
        for byte in key.utf8.prefix(8) {
            prefix |= UInt64(byte) << shift
            shift &-= 8
        }
        return prefix
    }
}
