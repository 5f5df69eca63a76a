import Foundation
@testable import GridWire
import Testing

struct UTF8CheckTests {
    /// Deterministic bytes for a repeatable run.
    struct Bytes: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    @Test func answersAsTheStandardLibraryDoesOnEveryKindOfSequence() {
        let samples: [[UInt8]] = [
            [], Array("一键吹哨 whistle 🌀".utf8), [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0xA0, 0x80],
            [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80],
            [0xE4, 0xB8], Array("abcdefgh".utf8) + [0xE4, 0xB8], [0x61, 0xE4, 0xB8, 0x80, 0x62],
        ]
        for sample in samples {
            #expect(UTF8Check.isValid(Data(sample)) == (String(validating: sample, as: UTF8.self) != nil), "\(sample)")
        }
        var random = Bytes(state: 2026)
        let pieces: [[UInt8]] = [Array("grid ".utf8), Array("网格".utf8), Array("🌀".utf8), [0x80], [0xC3], [0xE2, 0x82],
                                 [0xED, 0xB0, 0x80], [0xF4, 0x90], Array("0123456789abcdef".utf8)]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                if Int.random(in: 0..<4, using: &random) == 0 {
                    bytes.append(UInt8.random(in: 0...255, using: &random))
                } else {
                    bytes += pieces[Int.random(in: 0..<pieces.count, using: &random)]
                }
            }
            #expect(UTF8Check.isValid(Data(bytes)) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}
