import Foundation
import Sodium
import Testing

/// libsodium's sealed boxes through the wrapper, and the key file that holds their pair.
@Suite struct SealedBoxTests {
    @Test func aSealedMessageOpensWithItsKeyPairOnly() throws {
        let pair = try SealedBoxKeyPair.generate()
        let message = Data("满意 ANONMARK-C1 处置及时".utf8)
        let sealed = try SealedBox.seal(message, to: pair.publicKey)
        #expect(sealed.count == message.count + SealedBox.overhead)
        #expect(try SealedBox.open(sealed, with: pair) == message)
        #expect(sealed.range(of: Data("ANONMARK".utf8)) == nil, "nothing of the message shows in the box")
        let other = try SealedBoxKeyPair.generate()
        #expect(throws: SodiumError(.forged, operation: "crypto_box_seal_open")) { try SealedBox.open(sealed, with: other) }
    }

    @Test func paddedMessagesOfAnyLengthBelowABlockSealToOneLength() throws {
        let pair = try SealedBoxKeyPair.generate()
        var lengths: Set<Int> = []
        for message in ["", "满意", String(repeating: "处置及时", count: 100), String(repeating: "x", count: 4_095)] {
            let padded = try Padding.pad(Data(message.utf8), blockSize: 4_096)
            #expect(padded.count == 4_096)
            let sealed = try SealedBox.seal(padded, to: pair.publicKey)
            lengths.insert(sealed.count)
            #expect(try Padding.unpad(SealedBox.open(sealed, with: pair), blockSize: 4_096) == Data(message.utf8))
        }
        #expect(lengths == [4_096 + SealedBox.overhead])
        #expect(try Padding.pad(Data(count: 4_096), blockSize: 4_096).count == 8_192, "a full block takes a second")
        #expect(throws: SodiumError(.badPadding, operation: "sodium_unpad")) { try Padding.unpad(Data(count: 16), blockSize: 16) }
        #expect(throws: SodiumError(.badPadding, operation: "sodium_unpad")) { try Padding.unpad(Data(), blockSize: 16) }
    }

    @Test func twoSealsOfOneMessageDiffer() throws {
        let pair = try SealedBoxKeyPair.generate()
        let message = Data("satisfied".utf8)
        #expect(try SealedBox.seal(message, to: pair.publicKey) != SealedBox.seal(message, to: pair.publicKey))
    }

    @Test func anAlteredOrShortBoxDoesNotOpen() throws {
        let pair = try SealedBoxKeyPair.generate()
        var sealed = try SealedBox.seal(Data("basic".utf8), to: pair.publicKey)
        sealed[sealed.count - 1] ^= 0x01
        #expect(throws: SodiumError(.forged, operation: "crypto_box_seal_open")) { try SealedBox.open(sealed, with: pair) }
        #expect(throws: SodiumError(.badLength(expected: SealedBox.overhead, got: 3), operation: "crypto_box_seal_open")) {
            try SealedBox.open(Data([1, 2, 3]), with: pair)
        }
        #expect(throws: SodiumError(.badLength(expected: 32, got: 5), operation: "crypto_box_seal")) {
            try SealedBox.seal(Data("x".utf8), to: Data(count: 5))
        }
    }

    @Test func anEmptyMessageSealsAndOpens() throws {
        let pair = try SealedBoxKeyPair.generate()
        #expect(try SealedBox.open(SealedBox.seal(Data(), to: pair.publicKey), with: pair) == Data())
    }

    // MARK: - The key file

    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sodium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func theKeyFileIsMadeOnceForItsOwnerAndReadBack() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ballot.key").path
        let (made, created) = try SealedBoxKeyFile.loadOrCreate(at: path)
        #expect(created)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode & 0o777 == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == SealedBoxKeyFile.size)
        let (again, createdAgain) = try SealedBoxKeyFile.loadOrCreate(at: path)
        #expect(!createdAgain)
        #expect(again.publicKey == made.publicKey)
        let sealed = try SealedBox.seal(Data("kept".utf8), to: made.publicKey)
        #expect(try SealedBox.open(sealed, with: again) == Data("kept".utf8), "the file holds the same secret")
        #expect(!FileManager.default.fileExists(atPath: path + ".new"))
        #expect(throws: SealedBoxKeyFile.Failure.self) { try SealedBoxKeyFile.create(at: path) }
    }

    @Test func aKeyFileOthersMayReadIsRefused() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ballot.key").path
        _ = try SealedBoxKeyFile.create(at: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: SealedBoxKeyFile.Failure.tooOpen(path: path, mode: 0o100644)) { try SealedBoxKeyFile.load(from: path) }
    }

    @Test func aTruncatedKeyFileIsRefused() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ballot.key").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(count: 40), attributes: [.posixPermissions: 0o600]))
        #expect(throws: SealedBoxKeyFile.Failure.wrongSize(path: path, bytes: 40)) { try SealedBoxKeyFile.load(from: path) }
    }
}
