/// A Bloom filter of (principal, key) pairs: "certainly never seen" or "perhaps seen". A command
/// whose key was certainly never seen needs no look-up in the command log, which is nearly every
/// command. A pair added by a transaction that then rolled back stays in, which only costs a
/// look-up later. It holds about 16 bits per pair, for under 0.1% false "perhaps".
struct KeyFilter {
    private var bits: [UInt64]
    /// Pairs added so far; past ``capacity`` the filter answers worse and should be rebuilt larger.
    private(set) var count = 0
    var capacity: Int { bits.count * 64 / 16 }
    private static let probes = 8
    private static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// A filter with room for `capacity` pairs (at least 65,536).
    init(capacity: Int) {
        var words = 1 << 14
        while words * 64 / 16 < capacity { words <<= 1 }
        bits = Array(repeating: 0, count: words)
    }

    mutating func insert(principal: String, key: String) {
        let mask = UInt64(bits.count * 64 - 1)
        var (position, step) = Self.hashes(principal, key)
        for _ in 0..<Self.probes {
            let bit = position & mask
            bits[Int(bit >> 6)] |= 1 << (bit & 63)
            position &+= step
        }
        count += 1
    }

    func mightContain(principal: String, key: String) -> Bool {
        let mask = UInt64(bits.count * 64 - 1)
        var (position, step) = Self.hashes(principal, key)
        for _ in 0..<Self.probes {
            let bit = position & mask
            if bits[Int(bit >> 6)] & (1 << (bit & 63)) == 0 { return false }
            position &+= step
        }
        return true
    }

    /// Two independent 64-bit hashes of the pair (FNV-1a, then mixed); the probes are
    /// `first + i × second`, with `second` odd so they cover the table.
    private static func hashes(_ principal: String, _ key: String) -> (UInt64, UInt64) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in principal.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3 }
        hash = (hash ^ 0xFF) &* 0x0100_0000_01B3
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3 }
        let first = mix(hash)
        return (first, mix(hash ^ seed) | 1)
    }

    /// splitmix64's finalizer: spreads every input bit over the output.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ seed
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
