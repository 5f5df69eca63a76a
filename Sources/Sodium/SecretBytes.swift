internal import CSodium
import Foundation

/// Secret bytes in libsodium's guarded memory: kept out of swap where the system allows, fenced by
/// guard pages, and wiped when freed. One instance owns one allocation and frees it in `deinit`.
public final class SecretBytes: @unchecked Sendable {
    private let pointer: UnsafeMutableRawPointer
    public let count: Int

    /// `count` zero bytes.
    init(count: Int) throws(SodiumError) {
        try Sodium.initialize()
        guard let pointer = sodium_malloc(count) else { throw SodiumError(.outOfMemory, operation: "sodium_malloc") }
        sodium_memzero(pointer, count)
        self.pointer = pointer
        self.count = count
    }

    /// A copy of `bytes`; the caller should wipe its own copy if it can.
    public convenience init(copying bytes: Data) throws(SodiumError) {
        try self.init(count: bytes.count)
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { pointer.copyMemory(from: base, byteCount: bytes.count) }
        }
    }

    deinit { sodium_free(pointer) }

    /// Runs `body` over the bytes; they must not escape it.
    func withBytes<T>(_ body: (UnsafePointer<UInt8>) throws -> T) rethrows -> T {
        try body(pointer.assumingMemoryBound(to: UInt8.self))
    }

    func withMutableBytes<T>(_ body: (UnsafeMutablePointer<UInt8>) throws -> T) rethrows -> T {
        try body(pointer.assumingMemoryBound(to: UInt8.self))
    }

    /// A plain copy, for writing the key to its file; wipe it after use (``Sodium/wipe(_:)``).
    public func exposed() -> Data { Data(bytes: pointer, count: count) }
}
