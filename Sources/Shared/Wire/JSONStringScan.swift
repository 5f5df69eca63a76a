/// What a JSON string's bytes are scanned for, eight at a time: a quote, a backslash or a control
/// character ends a plain run, for the parser and the writer alike.
enum JSONStringScan {
    /// The eight bytes at `address`, the first in the lowest byte.
    @inline(__always)
    static func word(at address: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(address).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of each byte of `word` that is `"`, `\` or below 0x20, with at most false marks
    /// above a true one: the lowest mark, if any, is always a true match. Bytes of 0x80 and above
    /// (UTF-8 beyond ASCII) are never marked.
    @inline(__always)
    static func specialBytes(in word: UInt64) -> UInt64 {
        let quote = word ^ 0x2222_2222_2222_2222
        let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
        return ((quote &- 0x0101_0101_0101_0101) & ~quote | (backslash &- 0x0101_0101_0101_0101) & ~backslash
            | (word &- 0x2020_2020_2020_2020) & ~word) & 0x8080_8080_8080_8080
    }
}
