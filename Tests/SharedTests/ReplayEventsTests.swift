import Foundation
@testable import GridWire
import Testing

/// A replay answer's events, found in place by the object scanner.
@Suite struct ReplayEventsTests {
    /// The `events` array of `text`, or of its `body` when it has one (a whole reply).
    func split(_ text: String) -> [String]? {
        let data = Data(text.utf8)
        guard let scanner = JSONObjectScanner(data) else { return nil }
        let holder = scanner.object("body") ?? scanner
        return holder.elements("events")?.map { String(decoding: data[$0], as: UTF8.self) }
    }

    @Test func elementsComeBackAsTheyWereWritten() {
        #expect(split(#"{"body":{"epoch":"e","events":[{"a":1},{"b":[1,2,{"c":"]}"}]}],"head":2}}"#)
            == [#"{"a":1}"#, #"{"b":[1,2,{"c":"]}"}]}"#])
    }

    @Test func stringsWithBracketsQuotesAndTheMemberNameDoNotConfuseIt() {
        #expect(split(#"{"x":"\"events\":[9]","events":[ {"t":"a\"],{"} , {"u":"\\"} ]}"#)
            == [#"{"t":"a\"],{"}"#, #"{"u":"\\"}"#])
    }

    @Test func anEmptyArrayHasNoElements() {
        #expect(split(#"{"events":[]}"#) == [])
    }

    @Test func aMissingOrBrokenArrayIsNil() {
        #expect(split(#"{"evts":[]}"#) == nil)
        #expect(split(#"{"events":5}"#) == nil)
        #expect(split(#"{"events":[{"a":1}"#) == nil)
        #expect(split(#"{"events":[,]}"#) == nil)
    }

    @Test func theBytesMatchWhatAGenericDecoderSees() throws {
        let envelopes = (1...3).map { #"{"data":{"whistle":"W\#($0)","text":"渣土 , ] }"},"seq":\#($0),"v":1}"# }
        let reply = #"{"body":{"epoch":"ab","events":[\#(envelopes.joined(separator: ","))],"head":3},"key":"k","status":"ok","v":1}"#
        #expect(split(reply) == envelopes)
    }
}
