import Foundation
import GridConfig
import GridDomain
import GridWire
import Testing

/// The wire encoder must write exactly what `JSONEncoder` (sorted keys, slashes unescaped) writes:
/// stored idempotency fingerprints and every consumer were made with those bytes.
@Suite struct WireJSONEncoderTests {
    func foundation<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func wire<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try WireJSONEncoder().encode(value), as: UTF8.self)
    }

    func expectSame<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try wire(value) == foundation(value), sourceLocation: sourceLocation)
    }

    @Test func keysAreSortedByTheirBytes() throws {
        let keys = ["signBy", "signature", "a10", "a9", "A", "a", "B", "_x", "Z", "é", "e", "", "a-1", "a_1", "aB", "ab", "中"]
        let value = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        try expectSame(value)
        #expect(try wire(["b": 1, "a": 2]) == #"{"a":2,"b":1}"#)
    }

    @Test func everyCharacterIsEscapedAsFoundationDoes() throws {
        let ascii = String(String.UnicodeScalarView((0..<0x80).compactMap(Unicode.Scalar.init)))
        try expectSame([ascii, "\u{2028}\u{2029}é中😀/\\\"", ""])
        #expect(try wire(["a/b\n\u{1}"]) == #"["a/b\n\u0001"]"#)
    }

    /// The writer checks eight bytes at a time: a character to escape is found wherever it falls
    /// in a word, after multi-byte characters (whose bytes all have the high bit set) too.
    @Test func aCharacterToEscapeIsFoundAtEveryOffsetOfALongString() throws {
        for special in ["\"", "\\", "\n", "\u{0}", "\u{1f}"] {
            for offset in 0..<20 {
                let lead = String(repeating: "a", count: offset)
                try expectSame([lead + special, lead + special + "中文网格" + String(repeating: "b", count: offset) + special,
                                "é" + lead + special + "😀"])
            }
        }
    }

    @Test func numbersAreWrittenAsFoundationDoes() throws {
        try expectSame([1.0, 0.5, -0.0, 1e20, 1e21, 1e-7, 123_456_789.123, 0.1, 3e300, 100, Double(Int64.max), -2.5e-300])
        try expectSame([Float(1.5), Float(0.1), Float(-3)])
        try expectSame([Int64.min, Int64.max, 0, -1, 9, 10])
        try expectSame([UInt64.max, 0])
        try expectSame([Int8.min, Int8.max])
        try expectSame([UInt8.max])
        try expectSame(Decimal(string: "12.50"))
    }

    /// A number a message writes by hand (``JSONWriter/number(_:)``) is what the encoder writes.
    @Test func aHandWrittenNumberIsWrittenAsFoundationDoes() throws {
        struct Number: JSONWritable {
            var a: Double
            func write(to writer: inout JSONWriter) {
                writer.object { writer in
                    writer.key("a")
                    writer.number(a)
                }
            }
        }
        var random = SplitMix(seed: 3)
        let chosen: [Double] = [0, -0.0, 1, -7, 0.5, 1e15, 1e16, 1e21, 9_007_199_254_740_991, 9_007_199_254_740_992,
                                -9_007_199_254_740_993, 1_793_462_400_123.4, 1_793_462_400_123, 1e-7, 3e300]
        for value in chosen + (0..<1_000).map({ _ in Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF) })
            + (0..<1_000).map({ _ in Double(random.next() % 4_000_000_000_000) / Double(1 + random.below(1_000)) }) {
            #expect(try wire(Number(a: value)) == foundation(["a": value]), "\(value)")
        }
    }

    @Test func aNumberJSONCannotHoldIsAnError() {
        #expect(throws: EncodingError.self) { try WireJSONEncoder().encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try WireJSONEncoder().encode(["x": Double.infinity]) }
    }

    struct Optionals: Encodable {
        var a: Int?
        var b: String?
        var c: [Int?]
        var d: [String: [Int]]
        var e: [[String]]
    }

    @Test func absentOptionalsAreLeftOutAndNullsKept() throws {
        try expectSame(Optionals(a: nil, b: "x", c: [nil, 1], d: ["k": [], "j": [1, 2]], e: [[], ["a"]]))
        try expectSame(Optionals(a: 3, b: nil, c: [], d: [:], e: []))
    }

    @Test func foundationsSpecialTypesKeepTheirForms() throws {
        try expectSame(Date(timeIntervalSinceReferenceDate: 1.5))
        try expectSame(["data": Data([1, 2, 3, 250])])
        try expectSame([URL(string: "https://example.org/a/b?c=d")!])
    }

    /// A hand-written `encode(to:)` that uses every kind of container.
    struct Custom: Encodable {
        enum Keys: String, CodingKey { case z, a, nested, list, parent }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("last", forKey: .z)
            var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .nested)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try container.encode(1, forKey: .a)
            try nested.encode(true, forKey: .z)
            try list.encode("x")
            var inner = list.nestedContainer(keyedBy: Keys.self)
            try inner.encodeNil(forKey: .a)
            var deeper = list.nestedUnkeyedContainer()
            try deeper.encode(2.5)
            let parent = container.superEncoder(forKey: .parent)
            var single = parent.singleValueContainer()
            try single.encode("from the parent")
            var again = encoder.container(keyedBy: Keys.self)
            try again.encode(2, forKey: .a)
        }
    }

    @Test func everyContainerKindIsWrittenInPlace() throws {
        try expectSame(Custom())
        #expect(try wire(Custom()).contains(#""a":2"#))
    }

    @Test func theEmbeddedReferenceDataIsWrittenAlike() throws {
        let config = try DeploymentConfig.load(path: nil)
        try expectSame(config.reference)
        try expectSame(ReferencePublished(version: 1, reference: config.reference))
    }

    @Test func realMessagesAreWrittenAlike() throws {
        let raised = WhistleRaised(whistle: "W-20261201-00001", grid: "JD-NX-A1-U1-M1", town: "JD-NX", matter: "flood-control",
                                   urgency: .urgent, description: "积水\n\"漫过\" 路面 / 30cm", location: "南翔 1号楼",
                                   evidence: ["photo://1", "photo://2"], raisedBy: Principal(.grid, "JD-NX-A1-U1-M1"))
        let envelope = Envelope(stream: .whistle, epoch: "e1", seq: 42, time: Instant(Date(timeIntervalSince1970: 1_795_000_000.123)),
                                type: "raised", data: raised)
        try expectSame(envelope)
        try expectSame(Reply.ok(key: "k-1", raised))
        try expectSame(Reply.failure(key: nil, .missingField("/body/matter")))
        try expectSame(ProtocolError.missingField("/body/matter"))
        try expectSame(OutgoingRequest(cmd: "raise", key: "k-1", as: nil, body: ["matter": "m"]))
    }

    /// Every type that writes itself by hand, with random contents and each optional both absent
    /// and present: a field added to the type and not to its writer shows up here.
    @Test func handWrittenMessagesMatchTheirCodableForm() throws {
        var random = SplitMix(seed: 42)
        let limits = [Limit(amount: 30, unit: .minutes), Limit(amount: 1, unit: .workingDays), Limit(amount: 4, unit: .workingHours)]
        for round in 0..<300 {
            let full = round % 2 == 0
            func text() -> String { random.text() }
            let time = Instant(Date(timeIntervalSince1970: Double(random.below(2_000_000_000))))
            let urgency = Urgency.allCases[random.below(Urgency.allCases.count)]
            let policy = Policy(matter: text(), referenceVersion: random.below(100), urgency: urgency, signFor: limits[random.below(3)],
                                arrive: full ? limits[random.below(3)] : nil, dispose: limits[random.below(3)], storm: full)
            let co = (0..<random.below(3)).map { _ in text() }
            let raise = RaiseWhistle(matter: text(), urgency: full ? urgency : nil, description: text(), location: text(),
                                     evidence: full ? co : nil, grid: full ? text() : nil)
            let raised = WhistleRaised(whistle: text(), grid: text(), town: text(), matter: text(), urgency: urgency,
                                       description: text(), location: text(), evidence: co, raisedBy: Principal(.grid, "G-\(round)"))
            let routed = WhistleRouted(whistle: text(), grid: text(), town: text(), matter: text(), lead: text(), co: co, policy: policy)
            let accepted = WhistleAccepted(whistle: text(), grid: text(), town: text(), matter: text(), urgency: urgency,
                                           lead: text(), co: co, raisedAt: time)
            let task = TaskDispatched(whistle: text(), department: text(), role: full ? .lead : .co, grid: text(), town: text(),
                                      matter: text(), signDueAt: time, disposeDueAt: time)
            let stream = StreamName.allCases[random.below(StreamName.allCases.count)]
            func envelope<P: Codable & Sendable>(_ data: P) -> Envelope<P> {
                Envelope(stream: stream, epoch: text(), seq: Int64(random.below(1_000_000)), time: time, type: text(), data: data)
            }
            try expectSame(raise)
            try expectSame(policy)
            try expectSame(envelope(raised))
            try expectSame(envelope(routed))
            try expectSame(envelope(task))
            try expectSame(envelope(co))
            try expectSame(Reply.ok(key: full ? text() : nil, accepted))
            try expectSame(Reply.failure(key: full ? text() : nil, ProtocolError(.conflict, text(), at: text(), text())))
            try expectSame(co)
        }
    }

    @Test func theFuzzSeedMessagesAreWrittenAlike() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")
        let samples = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(samples.count >= 5)
        for name in samples {
            let value = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
            #expect(try wire(value) == foundation(value), "\(name)")
        }
    }

    @Test func randomDocumentsAreWrittenAlike() throws {
        var random = SplitMix(seed: 20_261_130)
        for _ in 0..<2_000 {
            let value = random.document(depth: 3)
            #expect(try wire(value) == foundation(value))
        }
    }
}

/// A small seeded generator, so a failing document can be found again.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func text() -> String {
        let alphabet: [Unicode.Scalar] = ["a", "B", "z", "0", "9", "_", "-", "/", "\\", "\"", "\n", "\t", "\u{0}", "\u{1f}",
                                          "\u{7f}", "é", "中", "😀", "\u{2028}", " "]
        return String(String.UnicodeScalarView((0..<below(8)).map { _ in alphabet[below(alphabet.count)] }))
    }

    mutating func document(depth: Int) -> JSONValue {
        switch below(depth > 0 ? 7 : 4) {
        case 0: return .null
        case 1: return .bool(below(2) == 0)
        case 2:
            let numbers: [Double] = [0, -0.0, 1, -7, 0.1, 1e-7, 1e21, 123.456, Double(next() % 1_000_000) / 8,
                                     Double(bitPattern: next() & 0x7FEF_FFFF_FFFF_FFFF)]
            return .number(numbers[below(numbers.count)])
        case 3: return .string(text())
        case 4: return .array((0..<below(4)).map { _ in document(depth: depth - 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<below(6) { members[text()] = document(depth: depth - 1) }
            return .object(members)
        }
    }
}
