internal import CSodium
import Foundation

/// ISO/IEC 7816-4 padding (`sodium_pad`, `sodium_unpad`): a message padded to a whole number of
/// blocks, so that messages shorter than a block all seal to boxes of one length and a box's
/// length says nothing of what it holds.
public enum Padding {
    /// `message` padded to the next multiple of `blockSize` (always at least one byte added).
    public static func pad(_ message: Data, blockSize: Int) throws(SodiumError) -> Data {
        try Sodium.initialize()
        let capacity = (message.count / blockSize + 1) * blockSize
        var padded = Data(count: capacity)
        padded.replaceSubrange(0..<message.count, with: message)
        var length = 0
        let result = padded.withUnsafeMutableBytes { bytes in
            sodium_pad(&length, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), message.count, blockSize, capacity)
        }
        guard result == 0 else { throw SodiumError(.badLength(expected: capacity, got: message.count), operation: "sodium_pad") }
        return padded.prefix(length)
    }

    /// The message inside `padded`, or ``SodiumError/Reason/badPadding`` when it is not padded to `blockSize`.
    public static func unpad(_ padded: Data, blockSize: Int) throws(SodiumError) -> Data {
        try Sodium.initialize()
        guard !padded.isEmpty else { throw SodiumError(.badPadding, operation: "sodium_unpad") }
        var length = 0
        let result = padded.withUnsafeBytes { bytes in
            sodium_unpad(&length, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), padded.count, blockSize)
        }
        guard result == 0 else { throw SodiumError(.badPadding, operation: "sodium_unpad") }
        return padded.prefix(length)
    }
}
