import Foundation
import ZeroMQ

/// A CURVE secret key in a file of its own: its Z85 text and a newline, readable and writable by
/// its owner only (mode 0600). The public key is derived from it.
public enum CurveKeyFile {
    /// Why a key file could not be used.
    public struct Problem: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "key file \(path): \(reason)" }
    }

    /// Reads the key pair at `path`. Refuses a file that its group or others may read or write,
    /// as ssh does: the key is then no longer only its owner's.
    public static func read(_ path: String) throws(Problem) -> CurveKeyPair {
        var info = stat()
        guard stat(path, &info) == 0 else { throw Problem(path: path, reason: String(cString: strerror(errno))) }
        guard info.st_mode & 0o077 == 0 else {
            throw Problem(path: path, reason: "its mode is \(String(info.st_mode & 0o777, radix: 8)): group and others must have no access (chmod 600)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(path: path, reason: "cannot be read") }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            return try CurveKeyPair(secretKey: text)
        } catch {
            throw Problem(path: path, reason: "does not hold a CURVE secret key (40 characters of Z85)")
        }
    }

    /// Writes a new key pair to `path`, which must not exist yet, with mode 0600 from the start.
    public static func create(_ path: String) throws -> CurveKeyPair {
        let pair = try CurveKeyPair.generate()
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Problem(path: path, reason: String(cString: strerror(errno))) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data("\(pair.secretKey)\n".utf8))
        try handle.synchronize()
        return pair
    }

    /// The key pair at `path`, made first if there is no file there; `created` says which.
    public static func readOrCreate(_ path: String) throws -> (pair: CurveKeyPair, created: Bool) {
        if FileManager.default.fileExists(atPath: path) { return (try read(path), false) }
        return (try create(path), true)
    }
}
