import Foundation
import GridDomain
@testable import GridWire
import Testing

/// What a client written from the docs alone tripped on: encodings other than UTF-8, refusals
/// that could not be matched to their request, enum refusals in Swift's words, and `v` as a number.
@Suite struct WireEncodingAndKeyTests {
    static let status = #"{"v":1,"cmd":"status","key":"k1","body":{}}"#

    func refusal(_ bytes: Data, limit: Int = 65_536) -> ProtocolError? {
        do {
            _ = try Request(decoding: bytes, limit: limit)
            return nil
        } catch {
            return error
        }
    }

    // MARK: UTF-8 only

    static let otherEncodings: [(String, Data)] = {
        let text = status
        return [
            ("UTF-16LE", text.data(using: .utf16LittleEndian)!),
            ("UTF-16BE", text.data(using: .utf16BigEndian)!),
            ("UTF-16LE with BOM", Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!),
            ("UTF-16BE with BOM", Data([0xFE, 0xFF]) + text.data(using: .utf16BigEndian)!),
            ("UTF-32LE", text.data(using: .utf32LittleEndian)!),
            ("UTF-32BE", text.data(using: .utf32BigEndian)!),
            ("UTF-32LE with BOM", Data([0xFF, 0xFE, 0x00, 0x00]) + text.data(using: .utf32LittleEndian)!),
            ("UTF-32BE with BOM", Data([0x00, 0x00, 0xFE, 0xFF]) + text.data(using: .utf32BigEndian)!),
        ]
    }()

    @Test(arguments: otherEncodings)
    func aRequestInAnotherEncodingIsMalformed(name: String, bytes: Data) {
        #expect(refusal(bytes)?.code == "malformed_json", "\(name)")
    }

    @Test(arguments: otherEncodings)
    func anEventInAnotherEncodingIsMalformed(name: String, bytes: Data) {
        #expect(throws: (any Error).self, "\(name)") { try WireJSONDecoder().decode(JSONValue.self, from: bytes) }
    }

    @Test func aUTF8ByteOrderMarkIsTolerated() throws {
        let request = try Request(decoding: Data([0xEF, 0xBB, 0xBF]) + Data(Self.status.utf8), limit: 65_536)
        #expect(request.head.key == "k1")
    }

    // MARK: The key of a refused request

    @Test(arguments: [
        (#"{"key":"k1","v":1,"cmd":"status","body":{}"#, "k1"),
        (#"{"v":1,"cmd":"status","body":{"a":[1,{"b":"}"}]},"x":tru,"key":"end"}"#, "end"),
        (#" {"v":1, "key" : "sp\u00e9\ud83d\ude00\n" ,"cmd":"x","body":{}"#, "sp\u{e9}\u{1F600}\n"),
        (#"{"v":1,"cmd":"status","body":{"key":"nested"}}"#, nil),
        (#"{"v":1,"cmd":"status","body":{"key":"nested"},"x":1}}}"#, nil),
        (#"{"v":1,"cmd":"status","body":{}}"#, nil),
        (#"{"v":1,"key":5,"cmd":"status","body":{}}"#, nil),
        (#"{"v":1 "key":"after-a-missing-comma"}"#, nil),
        (#"[{"key":"in-an-array"}]"#, nil),
        (#"{"key":"\ud800"}"#, nil),
        (#"{"key":"first","key":"second"}"#, "first"),
    ] as [(String, String?)])
    func theTopLevelKeyIsFoundWhereverItCanBe(text: String, key: String?) {
        #expect(RequestKeyScan.key(in: Data(text.utf8)) == key)
    }

    @Test func aKeyInInvalidUTF8IsNotEchoed() {
        let bytes = Data(#"{"key":"a"#.utf8) + Data([0xFF]) + Data(#""}"#.utf8)
        #expect(RequestKeyScan.key(in: bytes) == nil)
    }

    @Test func anOverlongKeyIsCutAtACharacterBoundary() {
        // 127 ASCII bytes then 嘉 (3 bytes): cutting at 128 would split it, so it is left out.
        let key = String(repeating: "k", count: 127) + "嘉定"
        let echoed = RequestKeyScan.key(in: Data(#"{"v":1,"key":"\#(key)"}"#.utf8))
        #expect(echoed == String(repeating: "k", count: 127))
        #expect(RequestKeyScan.truncated("嘉定嘉定", maxBytes: 7) == "嘉定")
        #expect(RequestKeyScan.truncated("嘉定", maxBytes: 6) == "嘉定")
    }

    // MARK: Enums and numbers

    @Test func anUnknownEnumWordNamesTheFieldTheValueAndTheWordsAllowed() {
        let text = #"{"v":1,"cmd":"evaluate","key":"e","body":{"whistle":"W1","solved":true,"satisfaction":"meh"}}"#
        do {
            _ = try Request(decoding: Data(text.utf8), limit: 65_536).body(Evaluate.self)
            Issue.record("'meh' was accepted")
        } catch {
            #expect(error.code == "invalid_value")
            #expect(error.at == "/body/satisfaction")
            #expect(error.message == "field /body/satisfaction: \(Satisfaction.refusal(of: "meh"))")
            #expect(!error.message.contains("Cannot initialize"))
        }
        for word in Satisfaction.allCases.map(\.rawValue) {
            #expect(Satisfaction.refusal(of: "meh").contains("'\(word)'"))
        }
    }

    @Test(arguments: ["1", "1.0", "1e0", "10e-1"])
    func vIsTheNumberOneHoweverWritten(v: String) throws {
        let request = try Request(decoding: Data(#"{"v":\#(v),"cmd":"status","body":{}}"#.utf8), limit: 65_536)
        #expect(request.head.v == 1)
    }

    @Test(arguments: [("1.5", "invalid_value"), ("2", "unsupported_version"), ("0.0", "unsupported_version")])
    func vThatIsNotOneIsRefused(v: String, code: String) {
        let error = refusal(Data(#"{"v":\#(v),"cmd":"status","body":{}}"#.utf8))
        #expect(error?.code == code)
        #expect(error?.at == "/v")
    }
}
