import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The file that holds a sealed-box key pair: the public key then the secret key, raw, readable
/// and writable by its owner only (0600). It is made once, atomically (written beside, synced,
/// renamed), and never rewritten; a file that others may read is refused, not repaired.
public enum SealedBoxKeyFile {
    /// Why the key file cannot be used.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Group or others may read or write it: the secret may have leaked; an operator decides.
        case tooOpen(path: String, mode: UInt32)
        /// Not the size of a key pair: truncated, or not a key file at all.
        case wrongSize(path: String, bytes: Int)
        /// A system call failed, with its errno.
        case system(path: String, operation: String, errno: Int32)
        case sodium(SodiumError)

        public var description: String {
            switch self {
            case .tooOpen(let path, let mode):
                "the key file \(path) has mode \(String(mode & 0o777, radix: 8)): only its owner may read it (0600)"
            case .wrongSize(let path, let bytes):
                "the key file \(path) holds \(bytes) bytes, not a key pair (\(SealedBoxKeyFile.size))"
            case .system(let path, let operation, let code):
                "\(operation) \(path) failed: \(String(cString: strerror(code))) (errno \(code))"
            case .sodium(let error): error.description
            }
        }
    }

    /// The size of a key file.
    public static var size: Int { SealedBoxKeyPair.publicKeyBytes + SealedBoxKeyPair.secretKeyBytes }

    /// The pair in the file at `path`; made there first if there is no file yet (`created` says so).
    public static func loadOrCreate(at path: String) throws(Failure) -> (keyPair: SealedBoxKeyPair, created: Bool) {
        if access(path, F_OK) != 0 {
            guard errno == ENOENT else { throw .system(path: path, operation: "access", errno: errno) }
            return (try create(at: path), true)
        }
        return (try load(from: path), false)
    }

    /// Reads the pair at `path`, refusing a file others may read.
    public static func load(from path: String) throws(Failure) -> SealedBoxKeyPair {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .system(path: path, operation: "stat", errno: errno) }
        let mode = UInt32(status.st_mode)
        guard mode & 0o077 == 0 else { throw .tooOpen(path: path, mode: mode) }
        guard var bytes = FileManager.default.contents(atPath: path) else {
            throw .system(path: path, operation: "read", errno: errno)
        }
        defer { Sodium.wipe(&bytes) }
        guard bytes.count == size else { throw .wrongSize(path: path, bytes: bytes.count) }
        do {
            let secret = try SecretBytes(copying: bytes.subdata(in: SealedBoxKeyPair.publicKeyBytes..<size))
            return try SealedBoxKeyPair(publicKey: bytes.prefix(SealedBoxKeyPair.publicKeyBytes), secretKey: secret)
        } catch {
            throw .sodium(error)
        }
    }

    /// Makes a new pair and writes it to `path`, which must not exist yet.
    public static func create(at path: String) throws(Failure) -> SealedBoxKeyPair {
        let keyPair: SealedBoxKeyPair
        do {
            keyPair = try SealedBoxKeyPair.generate()
        } catch {
            throw .sodium(error)
        }
        var bytes = keyPair.publicKey + keyPair.secretKey.exposed()
        defer { Sodium.wipe(&bytes) }
        let temporary = path + ".new"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .system(path: temporary, operation: "open", errno: errno) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let writeError = errno
        let synced = fsync(descriptor)
        let syncError = errno
        close(descriptor)
        guard written == bytes.count else {
            unlink(temporary)
            throw .system(path: temporary, operation: "write", errno: writeError)
        }
        guard synced == 0 else {
            unlink(temporary)
            throw .system(path: temporary, operation: "fsync", errno: syncError)
        }
        // A file made meanwhile at `path` wins: link fails rather than replace it.
        guard link(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .system(path: path, operation: "link", errno: code)
        }
        unlink(temporary)
        let directory = (path as NSString).deletingLastPathComponent
        let folder = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
        return keyPair
    }
}
