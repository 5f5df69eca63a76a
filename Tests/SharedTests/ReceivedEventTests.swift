import Foundation
import GridWire
import Testing

/// An event is parsed once, for its head and then its payload; both must be what `JSONDecoder`
/// reads from the same bytes, and a refusal the one it would cause.
@Suite struct ReceivedEventTests {
    struct Payload: Codable, Sendable, Equatable { var text: String; var list: [Int] }

    func decodedByFoundation(_ bytes: Data) -> Result<EnvelopeHead, ProtocolError> {
        do {
            return .success(try JSONDecoder().decode(EnvelopeHead.self, from: bytes))
        } catch {
            return .failure(ProtocolError(decoding: error))
        }
    }

    @Test func theHeadAndPayloadOfAnEnvelopeWeWriteEqualTheDecodedOnes() throws {
        let time = try #require(Timestamp.parse("2026-12-04T08:00:00.123Z"))
        for (seq, text) in [(1, "plain"), (42, #"with "quotes", {braces} and [brackets]"#), (9_007_199_254_740_991, "渣土 \n 换行")] {
            let payload = Payload(text: text, list: [1, 2, 3])
            let envelope = Envelope(stream: .response, epoch: "a7625040966248d6", seq: Int64(seq), time: Instant(time),
                                    type: "dispatched", data: payload)
            let bytes = try JSONCoding.encode(envelope)
            let event = try ReceivedEvent(decoding: bytes)
            let decoded = try JSONDecoder().decode(Envelope<Payload>.self, from: bytes)
            #expect(event.head.seq == decoded.seq)
            #expect(event.head.epoch == decoded.epoch)
            #expect(event.head.type == decoded.type)
            #expect(event.head.stream == decoded.stream)
            #expect(event.head.time == decoded.time)
            #expect(event.head.v == decoded.v)
            #expect(try event.payload(Payload.self) == decoded.data)
            #expect(event.bytes == bytes)
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
        #"{"v":1,"stream":"nowhere","epoch":"e","seq":1,"time":"2026-12-04T08:00:00.000Z","type":"raised"}"#,
        #"{"type":"first","v":1,"stream":"whistle","epoch":"e","seq":1,"time":"2026-12-04T08:00:00.000Z","type":"second"}"#,
        #"{"data":{"a":"}\"]","b":[[{"c":"\\"}]]},"v":1,"stream":"evaluation","epoch":"e","seq":7,"time":"2026-12-04T08:00:00.000Z","type":"closed"}"#,
        #"[{"v":1}]"#, "", "{", #"{"v" 1}"#, "null",
    ])
    func anyHeadIsReadOrRefusedAsTheFoundationDecoderWould(text: String) {
        let bytes = Data(text.utf8)
        let ours: Result<EnvelopeHead, ProtocolError>
        do {
            ours = .success(try ReceivedEvent(decoding: bytes).head)
        } catch {
            ours = .failure(error)
        }
        switch (ours, decodedByFoundation(bytes)) {
        case (.success(let head), .success(let expected)):
            #expect(head.type == expected.type)
            #expect(head.seq == expected.seq)
            #expect(head.time == expected.time)
            #expect(head.epoch == expected.epoch)
        case (.failure(let error), .failure(let expected)):
            #expect(error.code == expected.code)
            #expect(error.at == expected.at)
        case (let ours, let expected):
            Issue.record("ours \(ours), Foundation's \(expected)")
        }
    }

    @Test func aPayloadOfTheWrongShapeIsRefusedAtItsField() throws {
        let text = #"{"data":{"text":"t","list":[1,"x"]},"v":1,"stream":"whistle","epoch":"e","seq":1,"time":"2026-12-04T08:00:00.000Z","type":"raised"}"#
        let event = try ReceivedEvent(decoding: Data(text.utf8))
        #expect(throws: ProtocolError.wrongType("/data/list/1", "expected a number")) { try event.payload(Payload.self) }
    }
}
