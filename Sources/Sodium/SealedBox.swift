internal import CSodium
import Foundation

/// libsodium itself: initialised once per process before any other call.
public enum Sodium {
    private static let initialised: Bool = sodium_init() >= 0

    static func initialize() throws(SodiumError) {
        guard initialised else { throw SodiumError(.unavailable, operation: "sodium_init") }
    }

    /// Overwrites `data` with zeros (libsodium's wipe, which the compiler may not drop).
    public static func wipe(_ data: inout Data) {
        data.withUnsafeMutableBytes { bytes in
            if let base = bytes.baseAddress { sodium_memzero(base, bytes.count) }
        }
    }
}

/// A key pair for sealed boxes (libsodium's `crypto_box`, X25519): anyone may seal to the public
/// key; only the secret key opens.
public struct SealedBoxKeyPair: Sendable {
    public let publicKey: Data
    public let secretKey: SecretBytes

    public static var publicKeyBytes: Int { Int(crypto_box_publickeybytes()) }
    public static var secretKeyBytes: Int { Int(crypto_box_secretkeybytes()) }

    /// A new random pair (`crypto_box_keypair`).
    public static func generate() throws(SodiumError) -> SealedBoxKeyPair {
        try Sodium.initialize()
        var publicKey = Data(count: publicKeyBytes)
        let secretKey = try SecretBytes(count: secretKeyBytes)
        let result = publicKey.withUnsafeMutableBytes { pk in
            secretKey.withMutableBytes { sk in
                crypto_box_keypair(pk.baseAddress!.assumingMemoryBound(to: UInt8.self), sk)
            }
        }
        guard result == 0 else { throw SodiumError(.unavailable, operation: "crypto_box_keypair") }
        return try SealedBoxKeyPair(publicKey: publicKey, secretKey: secretKey)
    }

    /// A pair read back from its bytes; the lengths are checked, not the match (``SealedBox/open``
    /// fails on a mismatched pair).
    public init(publicKey: Data, secretKey: SecretBytes) throws(SodiumError) {
        guard publicKey.count == Self.publicKeyBytes else {
            throw SodiumError(.badLength(expected: Self.publicKeyBytes, got: publicKey.count), operation: "public key")
        }
        guard secretKey.count == Self.secretKeyBytes else {
            throw SodiumError(.badLength(expected: Self.secretKeyBytes, got: secretKey.count), operation: "secret key")
        }
        self.publicKey = publicKey
        self.secretKey = secretKey
    }
}

/// Sealed boxes (`crypto_box_seal`): a message sealed to a public key by an anonymous sender,
/// with a fresh ephemeral key each time, so two seals of the same message differ. Only the
/// holder of the secret key opens it; an altered box does not open.
public enum SealedBox {
    /// What a seal adds to the message: the ephemeral public key and the authentication tag.
    public static var overhead: Int { Int(crypto_box_sealbytes()) }

    public static func seal(_ message: Data, to publicKey: Data) throws(SodiumError) -> Data {
        try Sodium.initialize()
        guard publicKey.count == SealedBoxKeyPair.publicKeyBytes else {
            throw SodiumError(.badLength(expected: SealedBoxKeyPair.publicKeyBytes, got: publicKey.count),
                              operation: "crypto_box_seal")
        }
        var sealed = Data(count: message.count + overhead)
        let result = sealed.withUnsafeMutableBytes { out in
            message.withUnsafeBytes { input in
                publicKey.withUnsafeBytes { pk in
                    crypto_box_seal(out.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                    input.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(Self.empty),
                                    UInt64(message.count), pk.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
        guard result == 0 else { throw SodiumError(.unavailable, operation: "crypto_box_seal") }
        return sealed
    }

    /// The message, or ``SodiumError/Reason/forged`` when the box was sealed to another key or altered.
    public static func open(_ sealed: Data, with keyPair: SealedBoxKeyPair) throws(SodiumError) -> Data {
        try Sodium.initialize()
        guard sealed.count >= overhead else {
            throw SodiumError(.badLength(expected: overhead, got: sealed.count), operation: "crypto_box_seal_open")
        }
        var message = Data(count: sealed.count - overhead)
        let result = message.withUnsafeMutableBytes { out in
            sealed.withUnsafeBytes { input in
                keyPair.publicKey.withUnsafeBytes { pk in
                    keyPair.secretKey.withBytes { sk in
                        crypto_box_seal_open(out.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? Self.scratch,
                                             input.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(sealed.count),
                                             pk.baseAddress!.assumingMemoryBound(to: UInt8.self), sk)
                    }
                }
            }
        }
        guard result == 0 else { throw SodiumError(.forged, operation: "crypto_box_seal_open") }
        return message
    }

    /// Where an empty message points (libsodium reads no byte of it).
    nonisolated(unsafe) private static let empty = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    nonisolated(unsafe) private static let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
}
