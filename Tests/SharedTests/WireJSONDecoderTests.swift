import Foundation
import GridDomain
import GridRuntime
import GridWire
import Testing

/// ``WireJSONDecoder`` held to Foundation's `JSONDecoder`: every input is decoded by both as the
/// same type, and both must give the same value (compared as written back) or the same refusal
/// (status, code and pointer of `ProtocolError(decoding:)`). The one intended difference, a
/// well-formed number that does not fit its field (a refusal of the whole message from
/// `JSONDecoder`, `invalid_value` at the field from ``WireJSONDecoder``), is allowed only where
/// ``Differential/compare(_:_:)`` confirms it: the refused field holds a number, and with `0` in
/// its place both decoders agree again. The other: `JSONDecoder` reads UTF-16 and UTF-32, which
/// the wire refuses as `malformed_json`.
@Suite struct WireJSONDecoderTests {
    // MARK: Real messages and their refusals

    @Test func requestsAndTheirBodiesDecodeAlike() {
        let mismatches = Differential.run(Samples.requestTargets, on: Samples.requests + Samples.malformed(Samples.raiseRequest))
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(8))")
    }

    @Test func everyTruncationOfARequestIsRefusedAlike() {
        let bytes = Array(Samples.raiseRequest.utf8)
        let inputs = (0..<bytes.count).map { Data(bytes[..<$0]) }
        let mismatches = Differential.run(Samples.requestTargets, on: inputs)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(8))")
    }

    @Test func eventsAndTheirPayloadsDecodeAlike() {
        let mismatches = Differential.run(Samples.eventTargets, on: Samples.events + Samples.malformed(Samples.routedEvent))
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(8))")
    }

    @Test func repliesAndTheirBodiesDecodeAlike() {
        let mismatches = Differential.run(Samples.replyTargets, on: Samples.replies + Samples.malformed(Samples.refusedReply))
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(8))")
    }

    @Test func theFuzzSeedFilesDecodeAlikeAsEveryMessageType() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count >= 19)
        let inputs = try names.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
        let targets = Samples.requestTargets + Samples.eventTargets + Samples.replyTargets
        let mismatches = Differential.run(targets, on: inputs)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(8))")
        // The seeds are real messages: each decodes as its own kind.
        let decoded = Differential.run(targets, on: inputs, keepAgreements: true).filter(\.bothDecoded)
        #expect(decoded.count >= 40)
    }

    // MARK: The JSON text

    @Test(arguments: Samples.numbers)
    func numbersDecodeAlikeInEveryNumericField(number: String) {
        let inputs = Samples.numberFields.map { Data($0.replacingOccurrences(of: "NUMBER", with: number).utf8) }
        let mismatches = Differential.run(Samples.numberTargets, on: inputs)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(8))")
    }

    @Test(arguments: Samples.strings)
    func stringsDecodeAlikeReadOrUnread(string: Samples.Bytes) {
        let inputs = Samples.stringFields.map { template in
            let parts = template.components(separatedBy: "STRING")
            return Data(parts[0].utf8) + string.data + Data(parts[1].utf8)
        }
        let mismatches = Differential.run(Samples.stringTargets, on: inputs)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(8))")
    }

    @Test func structureAndEncodingEdgesAreJudgedAlike() {
        let mismatches = Differential.run(Samples.requestTargets + [Target(Probe.self, unordered: true), Target([[Int]].self), Target(JSONValue.self, unordered: true)],
                                          on: Samples.structural)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(8))")
    }

    @Test func deepNestingIsRefusedWithoutExhaustingTheStack() {
        let inputs = [
            String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
            String(repeating: "[", count: 10_000),
            String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000),
            #"{"v":1,"cmd":"x","deep":"# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}",
            // 512 arrays and objects are allowed, 513 are not.
            #"{"v":1,"cmd":"x","deep":"# + String(repeating: "[", count: 511) + String(repeating: "]", count: 511) + "}",
            #"{"v":1,"cmd":"x","deep":"# + String(repeating: "[", count: 512) + String(repeating: "]", count: 512) + "}",
            String(repeating: "[", count: 512) + String(repeating: "]", count: 512),
            String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
        ].map { Data($0.utf8) }
        let results = Differential.run([Target(Request.Head.self), Target([[[Int]]].self), Target(JSONValue.self, unordered: true)], on: inputs,
                                       keepAgreements: true)
        let disagreements = results.filter { !$0.agree }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(4))")
        let decoded = results.filter(\.bothDecoded).map(\.target)
        #expect(decoded == ["Head", "JSONValue", "JSONValue"], "the head and its value beside 511 arrays, 512 arrays as a value")
    }

    // MARK: The container API

    @Test func everyContainerOperationBehavesAlike() {
        let inputs = Samples.probes.map { Data($0.utf8) }
        let results = Differential.run([Target(Probe.self, unordered: true), Target(ListProbe.self), Target(SpecialTypes.self)], on: inputs,
                                       keepAgreements: true)
        let disagreements = results.filter { !$0.agree }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(8))")
        #expect(results.filter(\.bothDecoded).count >= 6)
    }

    @Test func aDecoderKeptByAValueStillReadsItsText() throws {
        func decode(_ text: String) throws -> (wire: String, foundation: String) {
            let wire = try WireJSONDecoder().decode(Keeper.self, from: Data(text.utf8))
            let foundation = try JSONDecoder().decode(Keeper.self, from: Data(text.utf8))
            return (try wire.decoder.singleValueContainer().decode(String.self),
                    try foundation.decoder.singleValueContainer().decode(String.self))
        }
        let short = try decode(#""short""#)
        #expect(short.wire == short.foundation)
        let long = try decode(#""a text longer than any inline storage of Data, to live on the heap""#)
        #expect(long.wire == long.foundation)
    }

    // MARK: The intended difference

    @Test func aNumberThatDoesNotFitItsFieldIsRefusedAtTheField() throws {
        let event = Samples.envelope(type: "evaluated", data: #"{"round":1.5,"solved":true,"whistle":"W1"}"#)
        let wire = Differential.outcome(Target(DataBox<WhistleEvaluated>.self), Data(event.utf8), wire: true)
        let foundation = Differential.outcome(Target(DataBox<WhistleEvaluated>.self), Data(event.utf8), wire: false)
        #expect(wire == .refusal(.badRequest, code: "invalid_value", at: "/data/round"))
        #expect(foundation == .refusal(.badRequest, code: "malformed_json", at: ""))
        // Through `decodeNumber`, as request fields are read, the two agree.
        let request = Data(#"{"v":1,"cmd":"replay","body":{"stream":"whistle","after":1.5}}"#.utf8)
        let target = Target(Body<ReplayQuery>.self)
        #expect(Differential.outcome(target, request, wire: true) == Differential.outcome(target, request, wire: false))
        #expect(Differential.outcome(target, request, wire: true) == .refusal(.badRequest, code: "invalid_value", at: "/body/after"))
    }

    // MARK: Randomized

    @Test func mutatedMessagesAreJudgedAlike() throws {
        var random = Mutator(seed: 0x5EED_2026_1130)
        var mismatches: [Differential.Result] = []
        var cases = 0
        for (base, targets) in Samples.mutationBases {
            let bytes = Array(base.utf8)
            for _ in 0..<700 {
                let mutated = random.mutate(bytes)
                cases += 1
                mismatches += Differential.run(targets, on: [Data(mutated)])
            }
        }
        #expect(cases >= 4_000)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches in \(cases) cases, first: \(mismatches.prefix(6))")
    }
}

// MARK: - Comparing the decoders

/// One type to decode inputs as, with both decoders. A type with string-keyed dictionaries is
/// `unordered`: `JSONDecoder` reads a dictionary's members in hash order (a different one in each
/// process), so with two bad members it may report either, while ``WireJSONDecoder`` reports the
/// first; there both must refuse, each naming a value that is in the text.
struct Target: CustomStringConvertible {
    let description: String
    let unordered: Bool
    let decode: (Data, Bool) throws -> String

    init<T: Decodable & SendableMetatype>(_ type: T.Type, unordered: Bool = false, written: @escaping (T) throws -> String = Target.written) {
        description = "\(T.self)"
        self.unordered = unordered
        decode = { data, wire in
            try written(wire ? try WireJSONDecoder().decode(T.self, from: data) : try JSONDecoder().decode(T.self, from: data))
        }
    }

    /// The value as JSON with sorted keys when it is encodable (dictionaries compare whatever their order).
    static func written<T>(_ value: T) throws -> String {
        if let encodable = value as? any Encodable { return try JSONCoding.encodeString(encodable) }
        return String(reflecting: value)
    }
}

/// What decoding an input gave: the value written back, or the refusal it maps to.
enum Outcome: Equatable, CustomStringConvertible {
    case value(String)
    case refusal(ReplyStatus, code: String, at: String)

    var description: String {
        switch self {
        case .value(let text): "value \(text.prefix(120))"
        case .refusal(let status, let code, let at): "\(status.rawValue) \(code) at '\(at)'"
        }
    }
}

enum Differential {
    struct Result: CustomStringConvertible {
        let target: String
        let input: Data
        let foundation: Outcome
        let wire: Outcome
        let agree: Bool

        var bothDecoded: Bool {
            if case .value = foundation, case .value = wire { return true }
            return false
        }

        var description: String {
            let text = String(decoding: input.prefix(160), as: UTF8.self).debugDescription
            return "\(target) ← \(text) (\(input.count) bytes): JSONDecoder \(foundation), WireJSONDecoder \(wire)"
        }
    }

    static func outcome(_ target: Target, _ input: Data, wire: Bool) -> Outcome {
        do {
            return .value(try target.decode(input, wire))
        } catch {
            let refusal = ProtocolError(decoding: error)
            return .refusal(refusal.status, code: refusal.code, at: refusal.at)
        }
    }

    /// The results of every target on every input: the disagreements, or all of them.
    static func run(_ targets: [Target], on inputs: [Data], keepAgreements: Bool = false) -> [Result] {
        var results: [Result] = []
        for input in inputs {
            for target in targets {
                let result = compare(target, input)
                if keepAgreements || !result.agree { results.append(result) }
            }
        }
        return results
    }

    /// Both outcomes of `input`, and whether they agree: equal, or differing only by a number that
    /// does not fit its field (the text there is a number, and with `0` instead both agree).
    static func compare(_ target: Target, _ input: Data) -> Result {
        let foundation = outcome(target, input, wire: false)
        let wire = outcome(target, input, wire: true)
        var agree = foundation == wire
        if !agree, target.unordered, case .refusal(let status, _, let at) = foundation, case .refusal(status, _, let otherAt) = wire,
           JSONText.range(of: at, in: Array(input)) != nil, JSONText.range(of: otherAt, in: Array(input)) != nil {
            agree = true
        }
        // The other intended difference: JSONDecoder guesses UTF-16 and UTF-32 from their byte
        // order marks and zero bytes; the wire is UTF-8 only.
        if !agree, wire == .refusal(.badRequest, code: "malformed_json", at: ""),
           input.contains(0) || String(validating: input, as: UTF8.self) == nil {
            agree = true
        }
        if !agree, foundation == .refusal(.badRequest, code: "malformed_json", at: ""),
           case .refusal(.badRequest, "invalid_value", let at) = wire, !at.isEmpty,
           let range = JSONText.range(of: at, in: Array(input)), JSONText.isNumber(Array(input)[range]) {
            var patched = Array(input)
            patched.replaceSubrange(range, with: Array("0".utf8))
            agree = compare(target, Data(patched)).agree
        }
        return Result(target: target.description, input: input, foundation: foundation, wire: wire, agree: agree)
    }
}

/// A reader of its own, independent of both decoders, that finds the text of the value a JSON
/// Pointer names in a document whose structure both decoders accepted.
enum JSONText {
    static func range(of pointer: String, in bytes: [UInt8]) -> Range<Int>? {
        var start = skipSpace(bytes, 0)
        for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let name = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard start < bytes.count, let next = member(name, of: start, in: bytes) else { return nil }
            start = next
        }
        guard start < bytes.count, let end = end(of: start, in: bytes) else { return nil }
        return start..<end
    }

    static func isNumber(_ text: ArraySlice<UInt8>) -> Bool {
        String(decoding: text, as: UTF8.self).wholeMatch(of: /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/) != nil
    }

    /// The start of the member `name` (the first of that name) or element of the value at `start`.
    private static func member(_ name: String, of start: Int, in bytes: [UInt8]) -> Int? {
        let isObject = bytes[start] == UInt8(ascii: "{")
        guard isObject || bytes[start] == UInt8(ascii: "[") else { return nil }
        var index = skipSpace(bytes, start + 1)
        var position = 0
        while index < bytes.count, bytes[index] != UInt8(ascii: isObject ? "}" : "]") {
            var matches = String(position) == name
            if isObject {
                guard let keyEnd = end(of: index, in: bytes) else { return nil }
                matches = String(decoding: bytes[index + 1..<keyEnd - 1], as: UTF8.self) == name
                index = skipSpace(bytes, keyEnd)
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index = skipSpace(bytes, index + 1)
            }
            if matches { return index }
            guard let valueEnd = end(of: index, in: bytes) else { return nil }
            index = skipSpace(bytes, valueEnd)
            if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index = skipSpace(bytes, index + 1) }
            position += 1
        }
        return nil
    }

    private static func end(of start: Int, in bytes: [UInt8]) -> Int? {
        guard start < bytes.count else { return nil }
        var index = start
        switch bytes[start] {
        case UInt8(ascii: "\""):
            index += 1
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if bytes[index] == UInt8(ascii: "\"") { return index + 1 }
                index += 1
            }
            return nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var inString = false
            while index < bytes.count {
                let byte = bytes[index]
                if inString {
                    if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return index + 1 }
                }
                index += 1
            }
            return nil
        default:
            while index < bytes.count, !",}] \t\r\n".utf8.contains(bytes[index]) { index += 1 }
            return index
        }
    }

    private static func skipSpace(_ bytes: [UInt8], _ start: Int) -> Int {
        var index = start
        while index < bytes.count, " \t\r\n".utf8.contains(bytes[index]) { index += 1 }
        return index
    }
}

/// A seeded generator of byte-level damage: flips, insertions, deletions, truncations and
/// duplicated slices, from an alphabet that favours JSON's own characters.
struct Mutator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

    private mutating func byte() -> UInt8 {
        let alphabet = Array(#"{}[],:"\0123456789-+.eEtrufalsn u"#.utf8) + [0x00, 0x01, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xE6, 0xED, 0xFF]
        return below(4) == 0 ? UInt8(truncatingIfNeeded: next()) : alphabet[below(alphabet.count)]
    }

    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...below(3) where !bytes.isEmpty {
            let at = below(bytes.count)
            switch below(6) {
            case 0, 1: bytes[at] = byte()
            case 2: bytes.insert(byte(), at: at)
            case 3: bytes.remove(at: at)
            case 4: bytes.removeSubrange(at...)
            default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 1 + below(12))], at: below(bytes.count))
            }
        }
        return bytes
    }
}

// MARK: - Types

struct Body<T: Decodable>: Decodable { var body: T }
struct DataBox<T: Decodable>: Decodable { var data: T }
extension Body: Encodable where T: Encodable {}
extension DataBox: Encodable where T: Encodable {}

/// A decoder kept by the value decoded, to be read after `decode` returned.
struct Keeper: Decodable {
    let decoder: any Decoder
    init(from decoder: any Decoder) throws { self.decoder = decoder }
}

/// Walks the container API beyond what the message types use, and records what it saw.
struct Probe: Codable {
    var seen: [String] = []

    private enum Keys: String, CodingKey {
        case text, flag, small, unsigned, wide, float, list, nested, map, optional, K
        case superValue = "super"
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private mutating func record(_ label: String, _ value: Any?) {
        seen.append("\(label) \(value.map { String(describing: $0) } ?? "nil")")
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        record("keys", c.allKeys.map(\.stringValue).sorted())
        record("contains", [c.contains(.text), c.contains(.K), c.contains(.superValue)])
        record("text", try c.decodeIfPresent(String.self, forKey: .text))
        record("flag", try c.decodeIfPresent(Bool.self, forKey: .flag))
        record("small", try c.decodeIfPresent(Int8.self, forKey: .small))
        record("unsigned", try c.decodeIfPresent(UInt8.self, forKey: .unsigned))
        record("wide", try c.decodeIfPresent(UInt64.self, forKey: .wide))
        record("float", try c.decodeIfPresent(Float.self, forKey: .float))
        record("K", try c.decodeIfPresent(Int.self, forKey: .K))
        if c.contains(.optional) { record("optional is null", try c.decodeNil(forKey: .optional)) }
        if c.contains(.list) {
            var list = try c.nestedUnkeyedContainer(forKey: .list)
            record("list count", [list.count, list.isAtEnd ? 1 : 0])
            while !list.isAtEnd {
                let index = list.currentIndex
                if try list.decodeNil() {
                    record("element \(index)", "null")
                } else {
                    record("element \(index)", try list.decode(Int32.self))
                }
            }
            record("past the end", try list.decodeIfPresent(Int.self))
            record("index", list.currentIndex)
        }
        if c.contains(.nested) {
            let nested = try c.nestedContainer(keyedBy: AnyKey.self, forKey: .nested)
            for key in nested.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                var inner = try nested.nestedUnkeyedContainer(forKey: key)
                record("nested \(key.stringValue)", try inner.decode([Int].self))
                record("path", inner.codingPath.map(\.stringValue))
            }
        }
        if c.contains(.map) { record("map", try c.decode([String: [Double]].self, forKey: .map).sorted { $0.key < $1.key }) }
        if c.contains(.superValue) {
            let parent = try c.superDecoder()
            record("super", try parent.singleValueContainer().decode(String.self))
            record("path", parent.codingPath.map(\.stringValue))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(seen)
    }
}

/// An array read element by element with every kind of nested container.
struct ListProbe: Codable {
    var seen: [String] = []

    private enum Keys: CodingKey { case a }

    init(from decoder: any Decoder) throws {
        var list = try decoder.unkeyedContainer()
        seen.append("count \(String(describing: list.count))")
        let object = try list.nestedContainer(keyedBy: Keys.self)
        let a = try object.decode(String.self, forKey: .a)
        seen.append("object a \(a) path \(object.codingPath.map(\.stringValue))")
        var inner = try list.nestedUnkeyedContainer()
        let first = try inner.decode(Double.self)
        let second = try inner.decodeIfPresent(String.self)
        seen.append("inner \(first) \(second ?? "-") at end \(inner.isAtEnd)")
        let parent = try list.superDecoder()
        let value = try parent.singleValueContainer().decode(Int16.self)
        seen.append("super \(value) path \(parent.codingPath.map(\.stringValue))")
        let then = try list.decode(UInt32.self)
        seen.append("then \(then) index \(list.currentIndex)")
        let beyond = try list.decode(String.self)
        seen.append("beyond \(beyond)")
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(seen)
    }
}

/// The types `JSONDecoder` decodes in a way of its own.
struct SpecialTypes: Codable {
    var date: Date?
    var data: Data?
    var url: URL?
    var decimal: Decimal?
}

// MARK: - Inputs

enum Samples {
    /// Bytes that need not be UTF-8, to place in a template.
    struct Bytes: Sendable, CustomTestStringConvertible {
        let data: Data
        var testDescription: String { String(decoding: data, as: UTF8.self).debugDescription + " \(Array(data.prefix(12)))" }
        init(_ text: String) { data = Data(text.utf8) }
        init(_ bytes: [UInt8]) { data = Data(bytes) }
    }

    static let raiseRequest = #"{"v":1,"cmd":"raise","key":"raise-0001","as":"grid:JD-NX-A01-G01-M01","body":{"matter":"muck-truck","urgency":"urgent","description":"渣土车沿古猗园路撒漏，约30米","location":"古猗园路东段近沪宜公路","evidence":["photo:nx-a01-g01-m01/1558.jpg"],"grid":"JD-NX-A01-G01-M01"}}"#
    static let routedEvent = envelope(type: "routed", data: #"{"co":["JD-LHSR","JD-JJ"],"grid":"JD-NX-A01-G01-M01","lead":"JD-NX-CGZF","matter":"muck-truck","policy":{"arrive":"2 hours","dispose":"1 working day","matter":"muck-truck","referenceVersion":1,"signFor":"30 minutes","storm":false,"urgency":"urgent"},"town":"JD-NX","whistle":"W20261204-000001"}"#)
    static let refusedReply = #"{"error":{"at":"/key","code":"key_reused","message":"idempotency key was already used"},"key":"raise-20261204-01","status":"conflict","v":1}"#

    static func envelope(type: String, data: String, stream: String = "whistle") -> String {
        #"{"data":\#(data),"epoch":"d52b64831ff14070","id":"\#(stream)/d52b64831ff14070/3","seq":3,"stream":"\#(stream)","time":"2026-12-04T08:00:00.000Z","type":"\#(type)","v":1}"#
    }

    static func request(_ cmd: String, body: String, key: String = #""k-1""#, as principal: String = #""grid:JD-NX-A01""#) -> String {
        #"{"v":1,"cmd":"\#(cmd)","key":\#(key),"as":\#(principal),"body":\#(body)}"#
    }

    static func reply(body: String) -> String { #"{"body":\#(body),"key":"k-1","status":"ok","v":1}"# }

    static var requestTargets: [Target] {
        [
            Target(Request.Head.self), Target(Body<RaiseWhistle>.self), Target(Body<WhistleRef>.self), Target(Body<ReportDone>.self),
            Target(Body<InboxQuery>.self), Target(Body<Evaluate>.self), Target(Body<AssessmentQuery>.self), Target(Body<ReplayQuery>.self),
            Target(Body<EmptyBody>.self), Target(Body<ClockSet>.self), Target(Body<ClockAdvance>.self), Target(Body<DeadLetterQuery>.self),
            Target(Body<Redrive>.self), Target(JSONValue.self, unordered: true),
        ]
    }

    static var eventTargets: [Target] {
        [
            Target(EnvelopeHead.self), Target(Envelope<WhistleRouted>.self), Target(Envelope<ServiceStatus>.self, unordered: true),
            Target(DataBox<ReferencePublished>.self, unordered: true), Target(DataBox<WhistleRaised>.self), Target(DataBox<WhistleRouted>.self),
            Target(DataBox<TaskDispatched>.self), Target(DataBox<TaskSigned>.self), Target(DataBox<TaskReported>.self),
            Target(DataBox<TaskReopened>.self), Target(DataBox<TaskOverdue>.self), Target(DataBox<WhistleEvaluated>.self), Target(DataBox<WhistleClosed>.self),
            Target(DataBox<WhistleRework>.self), Target(DataBox<ServiceStatus>.self, unordered: true),
        ]
    }

    static var replyTargets: [Target] {
        [
            Target(ReceivedReply.Head.self), Target(ProtocolError.self), Target(Body<WhistleAccepted>.self), Target(Body<TaskView>.self),
            Target(Body<Inbox>.self), Target(Body<EvaluationAccepted>.self), Target(Body<Timeline>.self), Target(Body<Assessment>.self),
            Target(Body<ServiceStatus>.self, unordered: true), Target(Body<ClockReading>.self), Target(Body<DeadLetters>.self), Target(Body<Redriven>.self),
            Target(Body<ReplayAnswer>.self, unordered: true) { try JSONCoding.encodeString([$0.body.epoch: $0.body.events]) + "\($0.body.head)" },
        ]
    }

    static let requests: [Data] = [
        raiseRequest,
        request("raise", body: #"{"matter":"m","description":"d","location":"l"}"#),
        request("raise", body: #"{"matter":"m","urgency":null,"description":"d","location":"l","evidence":null,"grid":null}"#),
        request("raise", body: #"{"matter":"m","urgency":"sometime","description":"d","location":"l"}"#),
        request("raise", body: #"{"matter":"m","description":"d","location":"l","evidence":["a",null]}"#),
        request("raise", body: #"{"matter":"m","description":"d","location":"l","evidence":"a"}"#),
        request("raise", body: #"{"matter":"m","description":"d"}"#),
        request("raise", body: #"{"matter":5,"description":"d","location":"l"}"#),
        request("sign", body: #"{"whistle":"W20261204-000001"}"#),
        request("report", body: #"{"whistle":"W1","summary":"已清扫"}"#),
        request("inbox", body: #"{"department":"JD-NX-CGZF","scope":"all"}"#),
        request("inbox", body: #"{"scope":"some"}"#),
        request("inbox", body: "{}"),
        request("evaluate", body: #"{"whistle":"W1","solved":false,"satisfaction":"basically_satisfied","comment":"仍有残留","redo":["JD-NX-CGZF"]}"#),
        request("evaluate", body: #"{"whistle":"W1","solved":1,"satisfaction":"satisfied"}"#),
        request("evaluate", body: #"{"whistle":"W1","solved":null,"satisfaction":"satisfied"}"#),
        request("evaluate", body: #"{"whistle":"W1","solved":"true","satisfaction":"satisfied"}"#),
        request("evaluate", body: #"{"whistle":"W1","solved":true,"satisfaction":"happy"}"#),
        request("assessment", body: #"{"period":"2026-12","department":"JD-NX-CGZF"}"#),
        request("replay", body: #"{"stream":"response","after":6,"limit":2}"#),
        request("replay", body: #"{"stream":"response","after":"6"}"#),
        request("replay", body: #"{"stream":"response","after":null}"#),
        request("replay", body: #"{"stream":"sideways","after":0}"#),
        request("replay", body: #"{"stream":"response","after":0,"limit":null}"#),
        request("status", body: "{}"),
        request("status", body: "[]"),
        request("status", body: "null"),
        request("clock.set", body: #"{"time":"2026-12-04T16:00:00+08:00"}"#),
        request("clock.set", body: #"{"time":"yesterday"}"#),
        request("clock.advance", body: #"{"seconds":720.5}"#),
        request("clock.advance", body: #"{"seconds":-1e3}"#),
        request("deadletters", body: #"{"stream":"whistle","limit":10}"#),
        request("redrive", body: #"{"id":3}"#),
        request("redrive", body: #"{"id":-3,"extra":[1,{"a":null}]}"#),
        #"{"v":1,"cmd":"status"}"#,
        #"{"v":1,"cmd":"status","key":null,"as":null,"body":{}}"#,
        #"{"cmd":"status","body":{}}"#,
        #"{"v":1,"body":{}}"#,
        #"{"v":"1","cmd":"status"}"#,
        #"{"v":1,"cmd":["status"]}"#,
        #"{"v":1,"cmd":"status","key":7}"#,
        #"{"v":1,"cmd":"status","as":{"kind":"grid"}}"#,
        #"{"v":1,"cmd":"teleport","cmd":"status","body":{}}"#,
        #"{"v":2,"cmd":"status","v":1}"#,
        #"{"\u0076":1,"cmd":"status"}"#,
        #"{"v":1,"cmd":"status","body":{"matter":"m","matter":7,"description":"d","location":"l"}}"#,
        " \n\t" + #"{"v":1,"cmd":"status","body":{}}"# + " \r\n",
    ].map { Data($0.utf8) }

    static let events: [Data] = [
        routedEvent,
        envelope(type: "raised", data: #"{"description":"渣土车撒漏","evidence":["photo:1558.jpg"],"grid":"JD-NX-A01-G01-M01","location":"古猗园路","matter":"muck-truck","raisedBy":"integrator:hydrant-iot","town":"JD-NX","urgency":"urgent","whistle":"W20261204-000001"}"#),
        envelope(type: "raised", data: #"{"description":"d","evidence":[],"grid":"G","location":"l","matter":"m","raisedBy":"mayor:JD","town":"T","urgency":"urgent","whistle":"W1"}"#),
        envelope(type: "dispatched", data: #"{"whistle":"W1","department":"D","role":"lead","grid":"G","town":"T","matter":"m","signDueAt":"2026-12-04T08:30:00.000Z","disposeDueAt":"2026-12-07T08:00:00.000Z"}"#, stream: "response"),
        envelope(type: "dispatched", data: #"{"whistle":"W1","department":"D","role":"boss","grid":"G","town":"T","matter":"m","signDueAt":"2026-12-04T08:30:00.000Z","disposeDueAt":"soon"}"#, stream: "response"),
        envelope(type: "signed", data: #"{"whistle":"W1","department":"D","role":"co","dueAt":"2026-12-04T16:30:00+08:00","onTime":true}"#, stream: "response"),
        envelope(type: "reported", data: #"{"department":"JD-NX-CGZF","dueAt":"2026-12-07T08:00:00.000Z","onTime":true,"role":"lead","round":1,"summary":"已清扫","whistle":"W20261204-000001"}"#, stream: "response"),
        envelope(type: "reopened", data: #"{"whistle":"W1","department":"D","role":"lead","round":2,"disposeDueAt":"2026-12-07T08:00:00Z"}"#, stream: "response"),
        envelope(type: "overdue", data: #"{"clock":"signFor","department":"D","dueAt":"2026-12-04T08:30:00.000Z","role":"lead","round":1,"whistle":"W1"}"#, stream: "response"),
        envelope(type: "overdue", data: #"{"clock":"arrive","department":"D","dueAt":"2026-12-04T08:30:00.000Z","role":"co","round":2,"whistle":"W1"}"#, stream: "response"),
        envelope(type: "evaluated", data: #"{"whistle":"W1","round":1,"solved":false}"#, stream: "evaluation"),
        envelope(type: "closed", data: #"{"whistle":"W1","round":1}"#, stream: "evaluation"),
        envelope(type: "closed", data: #"{"whistle":"W1","round":1e3}"#, stream: "evaluation"),
        envelope(type: "closed", data: #"{"whistle":"W1","round":9223372036854775808}"#, stream: "evaluation"),
        envelope(type: "rework", data: #"{"departments":["JD-GS"],"round":2,"solved":false,"whistle":"W20261207-000002"}"#, stream: "evaluation"),
        envelope(type: "status", data: #"{"consumed":{"evaluation":{"behind":0,"last":0},"whistle":{"behind":0,"last":1}},"counters":{"requestsAnswered":1,"deadLetters":0},"epoch":"a7625040966248d6","head":0,"pid":29590,"problems":["stream whistle paused"],"service":"ResponseService","startedAt":"2026-11-30T14:00:35.022Z","state":"degraded","uptimeSeconds":2,"version":"0.1.0"}"#),
        envelope(type: "status", data: #"{"consumed":{},"counters":{"a":1,"a":"x"},"epoch":"e","head":0,"pid":2147483648,"problems":[],"service":"S","startedAt":"2026-11-30T14:00:35.022Z","state":"ok","uptimeSeconds":2,"version":"0.1.0"}"#),
        envelope(type: "status", data: #"{"consumed":{"x":{"behind":0}},"counters":{},"epoch":"e","head":0,"pid":1,"problems":[],"service":"S","startedAt":"2026-11-30T14:00:35.022Z","state":"ok","uptimeSeconds":2,"version":"0.1.0"}"#),
        envelope(type: "reference", data: #"{"version":1,"reference":{"timeZone":"Asia/Shanghai","calendar":{"week":{"mon":["08:30-11:30","13:00-17:30"],"tue":[],"wed":[],"thu":[],"fri":["08:30-17:30"],"sat":[],"sun":[]},"holidays":["2026-10-01"],"makeUpWorkdays":["2026-10-10"]},"roles":[{"id":"cgzf","name":"城管执法"}],"grids":[{"id":"JD","name":"嘉定区","level":"district"},{"id":"JD-NX","name":"南翔镇","level":"town","parent":"JD"}],"departments":[{"id":"JD-NX-CGZF","name":"南翔城管执法中队","role":"cgzf","serves":"JD-NX"}],"matters":[{"id":"muck-truck","name":"渣土车","scenario":"渣土管理","lead":"cgzf","co":[],"defaultUrgency":"urgent","storm":false,"urgencies":{"urgent":{"signFor":"30 minutes","arrive":"2 hours","dispose":"1 working day"}}}],"evaluation":{"disclosureMinimum":5,"windowDays":7,"basicallySatisfiedWeight":1.0}}}"#),
        envelope(type: "reference", data: #"{"version":1,"reference":{"timeZone":"Asia/Shanghai","calendar":{"week":{"mon":[]}},"roles":[],"grids":[],"departments":[],"matters":[{"id":"m","name":"m","lead":"x","defaultUrgency":"urgent","urgencies":{"soonish":{"signFor":"30 minutes","dispose":"1 working day"}}}],"evaluation":{"disclosureMinimum":5,"windowDays":7,"basicallySatisfiedWeight":0.5}}}"#),
        envelope(type: "reference", data: #"{"version":1,"reference":{"timeZone":"Asia/Shanghai","calendar":{"week":{"mon":[]}},"roles":[],"grids":[],"departments":[],"matters":[{"id":"m","name":"m","lead":"x","defaultUrgency":"urgent","urgencies":{"urgent":{"signFor":"thirty minutes","dispose":"1 working day"}}}],"evaluation":{"disclosureMinimum":5,"windowDays":7,"basicallySatisfiedWeight":0.5}}}"#),
        #"{"v":1,"id":"x","stream":"whistle","epoch":"e","seq":"1","time":"2026-12-04T08:00:00.000Z","type":"t","data":{}}"#,
        #"{"v":1,"id":"x","stream":"river","epoch":"e","seq":1,"time":"2026-12-04T08:00:00.000Z","type":"t","data":{}}"#,
        #"{"v":1,"id":"x","stream":"whistle","epoch":"e","seq":1,"time":"noon","type":"t","data":{}}"#,
        #"{"v":1,"stream":"whistle","epoch":"e","seq":1,"time":"2026-12-04T08:00:00.000Z","type":"t"}"#,
    ].map { Data($0.utf8) }

    static let replies: [Data] = [
        refusedReply,
        #"{"error":{"code":"x"},"status":"conflict","v":1}"#,
        #"{"error":{"at":"/key"},"status":"conflict","v":1}"#,
        #"{"status":"weird","v":1}"#,
        reply(body: #"{"co":["JD-LHSR","JD-JJ"],"grid":"G","lead":"L","matter":"m","raisedAt":"2026-12-04T08:00:00.000Z","town":"T","urgency":"urgent","whistle":"W1"}"#),
        reply(body: #"{"whistle":"W1","department":"D","role":"lead","state":"signed","round":1,"grid":"G","matter":"m","urgency":"urgent","signDueAt":"2026-12-04T08:30:00.000Z","disposeDueAt":"2026-12-07T08:00:00.000Z","signedAt":null}"#),
        reply(body: #"{"whistle":"W1","department":"D","role":"lead","state":"dispatched","round":1,"grid":"G","matter":"m","urgency":"urgent","signDueAt":"2026-12-04T08:30:00.000Z","disposeDueAt":"2026-12-07T08:00:00.000Z","overdue":["signFor","dispose"]}"#),
        reply(body: #"{"whistle":"W1","department":"D","role":"lead","state":"signed","round":1,"grid":"G","matter":"m","urgency":"urgent","signDueAt":"2026-12-04T08:30:00.000Z","disposeDueAt":"2026-12-07T08:00:00.000Z","overdue":["late"]}"#),
        reply(body: #"{"department":"D","tasks":[]}"#),
        reply(body: #"{"whistle":"W1","round":1,"outcome":"closed"}"#),
        reply(body: #"{"whistle":"W1","round":1,"outcome":"reopened"}"#),
        reply(body: #"{"whistle":"W1","grid":"G","matter":"m","urgency":"urgent","lead":"L","co":[],"phase":"closed","round":1,"entries":[{"time":"2026-12-04T08:00:00.000Z","stream":"whistle","seq":2,"type":"raised","text":"吹哨"}]}"#),
        reply(body: #"{"period":null,"disclosureMinimum":5,"departments":[{"department":"D","name":"n","dispatched":1,"signed":1,"signedOnTime":1,"reported":1,"reportedOnTime":0,"closed":1,"notEvaluated":0,"reworked":0,"evaluations":1,"responseRate":1.0,"onTimeDisposalRate":0,"solvedRate":null,"satisfactionHidden":true}]}"#),
        reply(body: #"{"now":"2026-12-04T08:00:00.000Z"}"#),
        reply(body: #"{"service":"S","deadLetters":[{"id":1,"stream":"whistle","seq":2,"type":"raised","reason":"r","at":"2026-12-04T08:00:00.000Z"}]}"#),
        reply(body: #"{"id":1,"stream":"whistle","seq":2}"#),
        reply(body: #"{"epoch":"a7625040966248d6","events":[{"data":{"round":1,"whistle":"W1"},"epoch":"a7625040966248d6","id":"evaluation/a7625040966248d6/2","seq":2,"stream":"evaluation","time":"2026-12-07T01:10:00.000Z","type":"closed","v":1}],"head":11}"#),
        reply(body: #"{"epoch":"e","events":[1,"two",null,true,[],{"a":[1.5,-0,1e-7]}],"head":-1}"#),
        reply(body: #"{"epoch":"e","events":[1e999],"head":1}"#),
        reply(body: #"{"epoch":"e","events":["\q"],"head":1}"#),
    ].map { Data($0.utf8) }

    /// Variants of a valid message: damaged syntax, text around it, other top-level values.
    static func malformed(_ message: String) -> [Data] {
        var texts = [
            message + "x", message + " ", message + "\u{0}", message + "}", message + message, message + ",",
            "x" + message, "\u{0C}" + message, "\u{A0}" + message, "[" + message + "]", "[" + message + ",]",
            String(message.dropLast()), String(message.dropFirst()),
            message.replacingOccurrences(of: ":", with: " : "), message.replacingOccurrences(of: ",", with: " ,\n"),
            message.replacingOccurrences(of: "}", with: ",}"), message.replacingOccurrences(of: "]", with: ",]"),
            message.replacingOccurrences(of: ",", with: ",,"), message.replacingOccurrences(of: "\"", with: "'"),
            message.replacingOccurrences(of: "1", with: "01"), message.replacingOccurrences(of: "true", with: "True"),
            message.replacingOccurrences(of: "false", with: "fals"), message.replacingOccurrences(of: ":", with: "::"),
            "null", "true", "1", "-1.5", #""text""#, "[]", "{}", "", " ", "[", "{", "]", "}", #"{"a"}"#, #"{"a":}"#, "[,]", "{,}",
        ]
        texts += ["status", "raise", "routed", "conflict", "key_reused"].map { message.replacingOccurrences(of: "\"\($0)\"", with: "\"\($0)\\q\"") }
        return texts.map { Data($0.utf8) } + [
            Data([0xEF, 0xBB, 0xBF]) + Data(message.utf8),
            Data([0xFF, 0xFE]) + message.data(using: .utf16LittleEndian)!,
            Data([0xFE, 0xFF]) + message.data(using: .utf16BigEndian)!,
            message.data(using: .utf16LittleEndian)!, message.data(using: .utf16BigEndian)!,
            message.data(using: .utf32LittleEndian)!, message.data(using: .utf32BigEndian)!,
            Data([0x00, 0x00, 0xFE, 0xFF]) + message.data(using: .utf32BigEndian)!,
            Data([0xFF, 0xFE]) + Data(message.utf8), Data([0x31, 0x00]), Data([0x00, 0x31]), Data([0x31, 0x32, 0x00]),
            Data([0xFF, 0xFE, 0x00, 0xD8]),
        ]
    }

    // Numbers: every form, in fields read as integers of several widths (through `decodeNumber`
    // and not), as doubles, and in fields nobody reads.
    static let numbers = [
        "0", "-0", "1", "-1", "7", "01", "-01", "00", "1.0", "1.5", "-1.5", "1e2", "1E2", "1e+2", "1e-2", "100e-2", "0.000", "-0.0e-0",
        "1e999", "-1e999", "1e-400", "-1e-400", "0e5", "127", "128", "-128", "-129", "255", "256", "2147483647", "2147483648",
        "-2147483648", "-2147483649", "9007199254740992", "9007199254740993", "9007199254740993.5", "9007199254740993.000000000000000000001",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "9223372036854775807e0",
        "-9223372036854775808.0", "18446744073709551615", "18446744073709551616", "99999999999999999999999", "1e19",
        "1.7976931348623157e308", "1.7976931348623159e308", "4.9e-324", "2.4e-324", "2.2250738585072011e-308", "0.1", "3.4028235e38",
        "3.5e38", "1e-50", "123456789012345678901234567890", "-", "1.", "1.e5", "-1.", "1e", "1e+", "1ee5", "--1", "1-2", "1+1", "1.2.3",
        "1e5.5", "0.-1", "0e", "-0-", "1..5", "0x10", "+1", ".5", "Infinity", "-Infinity", "NaN", "true", "null", #""1""#, "[1]", "{}",
    ]

    static let numberFields = [
        #"{"v":NUMBER,"cmd":"x","body":{"stream":"whistle","after":NUMBER,"limit":NUMBER,"id":NUMBER,"seconds":NUMBER}}"#,
        #"{"v":1,"cmd":"x","body":{"stream":"whistle","after":1,"limit":NUMBER,"id":1,"seconds":NUMBER,"unread":NUMBER}}"#,
        #"{"v":1,"cmd":"x","body":{"stream":"whistle","after":1,"unread":[NUMBER]}}"#,
        envelope(type: "closed", data: #"{"whistle":"W1","round":NUMBER}"#),
        envelope(type: "status", data: #"{"consumed":{"x":{"behind":NUMBER,"last":1}},"counters":{"c":NUMBER},"epoch":"e","head":NUMBER,"pid":NUMBER,"problems":[],"service":"S","startedAt":"2026-11-30T14:00:35.022Z","state":"ok","uptimeSeconds":NUMBER,"version":"0.1.0"}"#),
        reply(body: #"{"disclosureMinimum":1,"departments":[{"department":"D","name":"n","dispatched":1,"signed":1,"signedOnTime":1,"reported":1,"reportedOnTime":0,"closed":1,"notEvaluated":0,"reworked":0,"evaluations":1,"responseRate":NUMBER,"satisfactionHidden":true}]}"#),
        #"{"small":NUMBER,"unsigned":NUMBER,"wide":NUMBER,"float":NUMBER,"list":[NUMBER,1]}"#,
        #"{"date":NUMBER,"decimal":NUMBER}"#,
        "NUMBER", "[NUMBER]",
    ]

    static var numberTargets: [Target] {
        [
            Target(Request.Head.self), Target(Body<ReplayQuery>.self), Target(Body<DeadLetterQuery>.self), Target(Body<Redrive>.self),
            Target(Body<ClockAdvance>.self), Target(DataBox<WhistleClosed>.self), Target(DataBox<ServiceStatus>.self, unordered: true), Target(Body<Assessment>.self),
            Target(Probe.self, unordered: true), Target(SpecialTypes.self), Target(Int.self), Target(UInt8.self), Target(Int32.self), Target(Int64.self),
            Target(UInt64.self), Target(Double.self), Target(Float.self), Target([Int].self), Target(JSONValue.self, unordered: true),
        ]
    }

    // Strings: escapes, surrogates, control characters and broken UTF-8, in fields read as strings,
    // read as other things, and not read.
    static let strings: [Bytes] = [
        Bytes(#""status""#), Bytes(#""""#), Bytes(#""\u0073tatus""#), Bytes(#""st\/at\\us\"\b\f\n\r\t""#), Bytes(#""\u00e9\u00E9""#),
        Bytes(#""é""#), Bytes(#""\ud83d\ude00""#), Bytes(#""\uD83D\uDE00""#), Bytes(#""\udbff\udfff""#), Bytes(#""\ud800""#),
        Bytes(#""\udc00""#), Bytes(#""\ud83dx""#), Bytes(#""\ud83d\u0041""#), Bytes(#""\ud83d\n""#), Bytes(#""\ud83d\""#), Bytes(#""\u0000""#),
        Bytes(#""\uZZZZ""#), Bytes(#""\u+123""#), Bytes(#""\u-123""#), Bytes(#""\u 123""#), Bytes(#""\U0041""#), Bytes(#""\q""#),
        Bytes(#""\x41""#), Bytes(#""\'""#), Bytes(#""a\"#), Bytes(#""\u12""#), Bytes(#""\u12"#), Bytes("\"tab\there\""), Bytes("\"nul\u{0}\""),
        Bytes("\"del\u{7F}\""), Bytes("\"line\u{2028}sep\""), Bytes([0x22, 0xC3, 0x28, 0x22]), Bytes([0x22, 0x80, 0x22]),
        Bytes([0x22, 0xC0, 0xAF, 0x22]), Bytes([0x22, 0xED, 0xA0, 0x80, 0x22]), Bytes([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]),
        Bytes([0x22, 0xE6, 0xB8, 0x22]), Bytes([0x22, 0xFF, 0x22]), Bytes([0x22, 0xE6, 0xB8, 0x5C, 0x6E, 0xA3, 0x22]),
        Bytes([0x22, 0xC3, 0x5C, 0x22, 0xA9, 0x22]), Bytes("\"K\u{212A}\""), Bytes(#""e\u0301""#), Bytes("\"" + String(repeating: "长", count: 300) + "\""),
        Bytes("null"), Bytes("1"), Bytes("true"), Bytes("[]"), Bytes("{}"), Bytes(#"["status"]"#),
    ]

    static let stringFields = [
        #"{"v":1,"cmd":STRING,"key":"k","body":{"matter":"m","description":"d","location":"l"}}"#,
        #"{"v":1,"cmd":"x","key":"k","as":STRING,"body":{"matter":"m","description":"d","location":"l","evidence":[STRING]}}"#,
        #"{"v":1,"cmd":"x","key":"k","note":STRING,"body":{"matter":"m","description":"d","location":"l","other":[STRING]}}"#,
        #"{"v":1,"cmd":"x","body":{"whistle":"W1","solved":true,"satisfaction":STRING}}"#,
        #"{"v":STRING,"cmd":"x"}"#,
        envelope(type: "signed", data: #"{"whistle":"W1","department":"D","role":STRING,"dueAt":STRING,"onTime":true}"#),
        envelope(type: "raised", data: #"{"description":"d","evidence":[],"grid":"G","location":"l","matter":"m","raisedBy":STRING,"town":"T","urgency":"urgent","whistle":"W1"}"#),
        #"{"text":STRING,"K":1,"map":{"k":[]}}"#, #"{STRING:1,"text":"t"}"#, #"{"map":{STRING:[1.5]}}"#,
        #"{"data":STRING,"url":STRING,"date":STRING,"decimal":STRING}"#,
        "STRING", "[STRING]",
    ]

    static var stringTargets: [Target] {
        [
            Target(Request.Head.self), Target(Body<RaiseWhistle>.self), Target(Body<Evaluate>.self), Target(DataBox<TaskSigned>.self),
            Target(DataBox<WhistleRaised>.self), Target(Probe.self, unordered: true), Target(SpecialTypes.self), Target(String.self), Target([String].self),
            Target([String: Int].self, unordered: true), Target(JSONValue.self, unordered: true),
        ]
    }

    /// Whitespace, literals, member names and the text around the message.
    static let structural: [Data] = [
        #"{"v":1,"cmd":"x","body":{},}"#, #"{"v":1,"cmd":"x","body":{"evidence":["a",],},}"#, #"{"v":1,,"cmd":"x"}"#,
        #"{"v":1,"cmd":"x",}x"#, #"{,"v":1}"#, #"{"v":1 "cmd":"x"}"#, #"{"v" 1}"#, #"{"v":1,"cmd":"x"]"#, #"["v",1}"#,
        #"{"v":1,"cmd":"x","t":tru}"#, #"{"v":1,"cmd":"x","t":truex}"#, #"{"v":1,"cmd":"x","t":nul}"#, #"{"v":1,"cmd":"x","t":False}"#,
        #"{"v":1,"cmd":"x","t":NaN}"#, #"{"v":1,"cmd":"x","t":-Infinity}"#, #"{"v":1,"cmd":"x","t":'a'}"#, #"{v:1,cmd:"x"}"#,
        "// c\n" + #"{"v":1,"cmd":"x"}"#, #"{"v":1,"cmd":"x"}/* c */"#, "\t\n\r " + #"{"v":1,"cmd":"x"}"#,
        #"{"v":1,"cmd":"x","k\u0065y":"k"}"#, #"{"v":1,"cmd":"x","\ud800":1}"#, #"{"v":1,"cmd":"x","\q":1}"#, "{\"v\":1,\"cmd\":\"x\",\"a\u{1}\":1}",
        #"{"v":1,"cmd":"x","body":{"K":1,"\u212A":2,"K":3}}"#, #"{"K":1,"text":"t"}"#, "{\"\u{212A}\":1}", #"{"\u212A":1,"K":2}"#,
        #"{"text":"a","text":1}"#, #"{"text":1,"text":"a"}"#, #"{"map":{"a":[1],"a":[2],"b":[]}}"#,
        #"[[1,2],[],[3],]"#, #"[[1,2],null]"#, #"[[1,[2]]]"#, #"[[1],{}]"#, "[[1]] ", " [[1]]", "[[1]]\n\n",
    ].map { Data($0.utf8) } + [
        Data([0x7B, 0x22, 0x76, 0x22, 0x3A, 0x31, 0x2C, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]),
        Data([0x7B, 0x22, 0x76, 0x22, 0x3A, 0x31, 0x2C, 0x22, 0x63, 0x6D, 0x64, 0x22, 0x3A, 0x22, 0x78, 0x22, 0x2C, 0x22, 0x6E, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]),
    ]

    /// Inputs for the container probes.
    static let probes = [
        #"{"text":"t","flag":true,"small":-128,"unsigned":255,"wide":18446744073709551615,"float":0.1,"K":7,"optional":null,"list":[1,null,-3],"nested":{"b":[[1,2]],"a":[[]]},"map":{"x":[1.5,2],"y":[]},"super":"s"}"#,
        #"{"text":null,"flag":null,"list":[],"nested":{},"map":{},"optional":1}"#,
        #"{"list":[1,"two"]}"#, #"{"list":[2147483648]}"#, #"{"list":{}}"#, #"{"nested":{"a":[["x"]]}}"#, #"{"nested":{"a":[]}}"#,
        #"{"nested":[]}"#, #"{"nested":null}"#, #"{"map":{"x":[1,null]}}"#, #"{"map":[]}"#, #"{"super":1}"#, #"{"flag":1}"#,
        #"{"small":128}"#, #"{"float":1e39}"#, #"{"\u212A":1}"#, "{}", "[]", "null",
        #"[{"a":"x"},[1.5,"y"],-2,3,"end"]"#, #"[{"a":"x"},[1.5],-2,3,"end"]"#, #"[{"a":"x"},[1.5,null],-2,3]"#,
        #"[{"a":"x"},[1.5,null],-2]"#, #"[{"a":"x"},[1.5,null]]"#, #"[{"a":"x"}]"#, #"[{}]"#, #"[null]"#, "[[]]", "[]", "{}",
        #"[{"a":"x"},[1.5,null],40000,3,"end"]"#, #"[{"a":"x"},[1.5,null],null,3,"end"]"#, #"[{"a":"x"},[1.5,null],-2,-3,"end"]"#,
        #"{"date":1.5,"data":"aGk=","url":"https://example.com/a b","decimal":1.25}"#, #"{"date":null,"data":null,"url":null,"decimal":null}"#,
        #"{"date":"x"}"#, #"{"data":"aGk"}"#, #"{"data":1}"#, #"{"data":"a\u0047k="}"#, #"{"url":""}"#, #"{"url":1}"#, #"{"decimal":"1"}"#,
        #"{"decimal":1e300}"#, #"{"decimal":12345678901234567890.123456789}"#, #"{"date":1e400}"#,
    ]

    /// Valid messages to damage at random, and what to decode each as.
    static var mutationBases: [(String, [Target])] {
        [
            (raiseRequest, [Target(Request.Head.self), Target(Body<RaiseWhistle>.self), Target(Body<EmptyBody>.self), Target(JSONValue.self, unordered: true)]),
            (request("evaluate", body: #"{"whistle":"W1","solved":false,"satisfaction":"basically_satisfied","comment":"仍有\n残留","redo":["JD-NX-CGZF"]}"#),
             [Target(Request.Head.self), Target(Body<Evaluate>.self)]),
            (request("replay", body: #"{"stream":"response","after":6,"limit":2}"#), [Target(Request.Head.self), Target(Body<ReplayQuery>.self)]),
            (routedEvent, [Target(EnvelopeHead.self), Target(DataBox<WhistleRouted>.self), Target(Envelope<WhistleRouted>.self)]),
            (envelope(type: "status", data: #"{"consumed":{"whistle":{"behind":0,"last":1}},"counters":{"requestsAnswered":1},"epoch":"a7625040966248d6","head":0,"pid":29590,"problems":["stream whistle paused"],"service":"ResponseService","startedAt":"2026-11-30T14:00:35.022Z","state":"degraded","uptimeSeconds":2,"version":"0.1.0"}"#),
             [Target(EnvelopeHead.self), Target(DataBox<ServiceStatus>.self, unordered: true)]),
            (reply(body: #"{"epoch":"a7625040966248d6","events":[{"data":{"round":1,"whistle":"W1"},"seq":2,"v":1}],"head":11}"#),
             [Target(ReceivedReply.Head.self), Target(Body<ReplayAnswer>.self, unordered: true) { try JSONCoding.encodeString([$0.body.epoch: $0.body.events]) + "\($0.body.head)" }]),
            (refusedReply, [Target(ReceivedReply.Head.self), Target(Body<WhistleAccepted>.self)]),
        ]
    }
}
