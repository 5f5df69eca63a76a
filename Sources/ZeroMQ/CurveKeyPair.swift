internal import CZeroMQ
import Foundation

/// A CURVE key pair as libzmq makes and takes it: two keys of 32 bytes, each written in Z85 (40
/// printable characters). libzmq generates and checks the keys (with libsodium); nothing here
/// does cryptography.
public struct CurveKeyPair: Sendable, Equatable {
    public let publicKey: String
    public let secretKey: String

    /// A new key pair (`zmq_curve_keypair`).
    public static func generate() throws(ZMQError) -> CurveKeyPair {
        var publicKey = [CChar](repeating: 0, count: 41)
        var secretKey = [CChar](repeating: 0, count: 41)
        guard zmq_curve_keypair(&publicKey, &secretKey) == 0 else { throw .last("zmq_curve_keypair") }
        return CurveKeyPair(publicKey: Self.string(publicKey), secretKey: Self.string(secretKey))
    }

    /// The pair whose secret key is `secretKey` (Z85): its public key is derived
    /// (`zmq_curve_public`). Throws `EINVAL` for a string that is not a Z85 key.
    public init(secretKey: String) throws(ZMQError) {
        guard Z85.decode(secretKey)?.count == 32 else { throw ZMQError(code: EINVAL, operation: "zmq_curve_public") }
        var publicKey = [CChar](repeating: 0, count: 41)
        guard zmq_curve_public(&publicKey, secretKey) == 0 else { throw .last("zmq_curve_public") }
        self.init(publicKey: Self.string(publicKey), secretKey: secretKey)
    }

    private init(publicKey: String, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    private static func string(_ characters: [CChar]) -> String {
        String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// ZeroMQ's Z85 text form of binary keys (`zmq_z85_encode`, `zmq_z85_decode`): 5 characters for
/// every 4 bytes.
public enum Z85 {
    /// `data` as Z85; nil unless its length is a multiple of 4.
    public static func encode(_ data: Data) -> String? {
        guard data.count % 4 == 0 else { return nil }
        var text = [CChar](repeating: 0, count: data.count / 4 * 5 + 1)
        let done = data.withUnsafeBytes { raw in
            zmq_z85_encode(&text, raw.bindMemory(to: UInt8.self).baseAddress, data.count) != nil
        }
        guard done else { return nil }
        return String(decoding: text.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The bytes `text` stands for; nil unless it is Z85 whose length is a multiple of 5.
    public static func decode(_ text: String) -> Data? {
        guard !text.isEmpty, text.utf8.count % 5 == 0, text.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else { return nil }
        var bytes = [UInt8](repeating: 0, count: text.utf8.count / 5 * 4)
        guard zmq_z85_decode(&bytes, text) != nil else { return nil }
        return Data(bytes)
    }
}
