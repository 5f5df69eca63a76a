import Foundation
@testable import Shared
import Testing

@Suite struct JSONObjectScannerTests {
    struct Payload: Codable, Sendable { var text: String; var list: [Int] }

    @Test func theScannedHeadOfAnEnvelopeWeWriteEqualsTheDecodedOne() throws {
        let time = try #require(Timestamp.parse("2026-12-04T08:00:00.123Z"))
        for (seq, text) in [(1, "plain"), (42, #"with "quotes", {braces} and [brackets]"#), (9_007_199_254_740_991, "渣土 \n 换行")] {
            let envelope = Envelope(stream: .response, epoch: "a7625040966248d6", seq: Int64(seq), time: Instant(time),
                                    type: "dispatched", data: Payload(text: text, list: [1, 2, 3]))
            let bytes = try JSONCoding.encode(envelope)
            let scanned = try #require(EnvelopeHead(scanning: bytes))
            let decoded = try JSONDecoder().decode(EnvelopeHead.self, from: bytes)
            #expect(scanned.seq == decoded.seq)
            #expect(scanned.epoch == decoded.epoch)
            #expect(scanned.type == decoded.type)
            #expect(scanned.stream == decoded.stream)
            #expect(scanned.time == decoded.time)
            #expect(scanned.v == decoded.v)
        }
    }

    @Test(arguments: [
        #"{"v":1,"stream":"whistle","epoch":"e\u0031","seq":1,"time":"2026-12-04T08:00:00.000Z","type":"raised"}"#,
        #"{"v":1.0,"stream":"whistle","epoch":"e","seq":1,"time":"2026-12-04T08:00:00.000Z","type":"raised"}"#,
        #"{"v":1,"stream":"whistle","epoch":"e","seq":-1,"time":"2026-12-04T08:00:00.000Z","type":"raised"}"#,
        #"{"v":1,"stream":"whistle","epoch":"e","seq":1,"time":"2026-12-04T16:00:00+08:00","type":"raised"}"#,
        #"{"v":1,"stream":"whistle","epoch":"e","seq":1,"time":"2026-12-04T08:00:00.000Z"}"#,
        #"{"v":1,"stream":"whistle","epoch":"e","seq":1,"time":"2026-12-04T08:00:00.000Z","type":"raised"} x"#,
        #"{"v":1,"stream":"whistle","epoch":"e","seq":1,"time":"2026-12-04T08:00:00.000Z","type":"raised""#,
        #"[{"v":1}]"#, "", "{", #"{"v" 1}"#,
    ])
    func anythingButThePlainFormIsLeftToTheDecoder(text: String) {
        #expect(EnvelopeHead(scanning: Data(text.utf8)) == nil)
    }

    @Test func theFirstOfDuplicateMembersWinsLikeTheDecoder() throws {
        let text = #"{"type":"first","v":1,"stream":"whistle","epoch":"e","seq":1,"time":"2026-12-04T08:00:00.000Z","type":"second"}"#
        let decoded = try JSONDecoder().decode(EnvelopeHead.self, from: Data(text.utf8))
        #expect(EnvelopeHead(scanning: Data(text.utf8))?.type == decoded.type)
    }

    @Test func nestedValuesWithEscapesAreSkippedWhole() throws {
        let text = #"{"data":{"a":"}\"]","b":[[{"c":"\\"}]]},"v":1,"stream":"evaluation","epoch":"e","seq":7,"time":"2026-12-04T08:00:00.000Z","type":"closed"}"#
        let head = try #require(EnvelopeHead(scanning: Data(text.utf8)))
        #expect(head.seq == 7)
        #expect(head.type == "closed")
    }
}
