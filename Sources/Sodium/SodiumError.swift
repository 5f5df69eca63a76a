/// A failed libsodium call: the name of the call and, where libsodium says so, why.
public struct SodiumError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// `sodium_init` returned -1: the library cannot be used in this process.
        case unavailable
        /// A sealed box that does not open with this key pair: sealed to another key, or altered.
        case forged
        /// Bytes of the wrong length for what they claim to be (a key, a sealed box).
        case badLength(expected: Int, got: Int)
        /// libsodium could not allocate guarded memory.
        case outOfMemory
        /// Bytes that do not end in the padding `sodium_pad` writes.
        case badPadding
    }

    public let reason: Reason
    /// The failing call, e.g. `crypto_box_seal_open`.
    public let operation: String

    public init(_ reason: Reason, operation: String) {
        self.reason = reason
        self.operation = operation
    }

    public var description: String {
        switch reason {
        case .unavailable: "\(operation) failed: libsodium cannot be initialised"
        case .forged: "\(operation) failed: the sealed box does not open with this key pair (another key, or altered)"
        case .badLength(let expected, let got): "\(operation) failed: \(got) bytes where \(expected) are needed"
        case .outOfMemory: "\(operation) failed: no guarded memory"
        case .badPadding: "\(operation) failed: the bytes are not padded as sodium_pad pads"
        }
    }
}
