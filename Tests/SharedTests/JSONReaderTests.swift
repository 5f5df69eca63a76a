import Foundation
import GridDomain
@testable import GridWire
import Testing

/// The hand-written readers are a fast path beside the decoder: on what the services write they
/// must be taken and read what the decoder reads; on anything else they may decline, but must
/// never accept what the decoder refuses or read it differently.
@Suite struct JSONReaderTests {
    func same<T: Encodable>(_ a: T, _ b: T) throws -> Bool {
        try JSONCoding.encode(a) == JSONCoding.encode(b)
    }

    /// Checks one text: if the fast path reads it, the decoder must read the same value.
    func check<T: Decodable & Encodable>(_ type: T.Type, _ bytes: Data, mustRead: Bool,
                                          reading: (WireJSONMessage) -> T? = { $0.read(T.self, at: 0) },
                                          sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let message = try? WireJSONMessage(bytes) else { return }
        let fast = reading(message)
        if mustRead { #expect(fast != nil, "declined: \(String(decoding: bytes, as: UTF8.self))", sourceLocation: sourceLocation) }
        guard let fast else { return }
        let decoded = try? JSONDecoder().decode(T.self, from: bytes)
        #expect(try decoded.map { try same(fast, $0) } == true,
                "fast path read what the decoder reads otherwise: \(String(decoding: bytes, as: UTF8.self))",
                sourceLocation: sourceLocation)
    }

    func samples(_ random: inout SplitMix) -> [(String, Data, (Data, Bool) throws -> Void)] {
        let time = Instant(Date(timeIntervalSince1970: Double(random.below(2_000_000_000))))
        let urgency = Urgency.allCases[random.below(Urgency.allCases.count)]
        let full = random.below(2) == 0
        let limits = [Limit(amount: 30, unit: .minutes), Limit(amount: 1, unit: .workingDays), Limit(amount: 4, unit: .workingHours)]
        let policy = Policy(matter: random.text(), referenceVersion: random.below(100), urgency: urgency,
                            signFor: limits[random.below(3)], arrive: full ? limits[random.below(3)] : nil,
                            dispose: limits[random.below(3)], storm: full)
        let co = (0..<random.below(3)).map { _ in random.text() }
        let raise = RaiseWhistle(matter: random.text(), urgency: full ? urgency : nil, description: random.text(),
                                 location: random.text(), evidence: full ? co : nil, grid: full ? random.text() : nil)
        let raised = WhistleRaised(whistle: random.text(), grid: random.text(), town: random.text(), matter: random.text(),
                                   urgency: urgency, description: random.text(), location: random.text(), evidence: co,
                                   raisedBy: Principal(.grid, "G1"))
        let routed = WhistleRouted(whistle: random.text(), grid: random.text(), town: random.text(), matter: random.text(),
                                   lead: random.text(), co: co, policy: policy)
        let task = TaskDispatched(whistle: random.text(), department: random.text(), role: full ? .lead : .co,
                                  grid: random.text(), town: random.text(), matter: random.text(), signDueAt: time,
                                  disposeDueAt: time)
        let head = OutgoingRequest(cmd: random.text(), key: full ? random.text() : nil, as: full ? "grid:G1" : nil, body: raise)
        func entry<T: Codable>(_ name: String, _ value: T) -> (String, Data, (Data, Bool) throws -> Void) {
            (name, (try? JSONCoding.encode(value)) ?? Data(), { bytes, mustRead in try self.check(T.self, bytes, mustRead: mustRead) })
        }
        return [
            entry("raise", raise), entry("policy", policy), entry("raised", raised), entry("routed", routed),
            entry("task", task),
            ("routed, its parties", (try? JSONCoding.encode(routed)) ?? Data(), { bytes, mustRead in
                try self.check(WhistleRouted.Parties.self, bytes, mustRead: mustRead) }),
            ("request head", (try? JSONCoding.encode(head)) ?? Data(), { bytes, mustRead in
                try self.check(Request.Head.self, bytes, mustRead: mustRead, reading: { message in
                    guard var reader = message.reader() else { return nil }
                    return Request.Head.read(&reader)?.head
                }) }),
        ]
    }

    @Test func whatTheServicesWriteIsReadByTheFastPathAsTheDecoderReadsIt() throws {
        var random = SplitMix(seed: 11)
        for _ in 0..<500 {
            for (_, bytes, check) in samples(&random) { try check(bytes, true) }
        }
    }

    /// Seeded mutations: a byte changed, dropped or doubled, a member repeated or added.
    @Test func aMutatedMessageIsNeverReadDifferentlyFromTheDecoder() throws {
        var random = SplitMix(seed: 12)
        let replacements = Array(#"{}[]":,\ 0123456789.-eEnulltruefalse"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xFF]
        for _ in 0..<400 {
            for (_, original, check) in samples(&random) {
                for _ in 0..<8 {
                    var bytes = [UInt8](original)
                    let at = random.below(bytes.count)
                    switch random.below(6) {
                    case 0: bytes[at] = replacements[random.below(replacements.count)]
                    case 1: bytes.remove(at: at)
                    case 2: bytes.insert(bytes[at], at: at)
                    case 3: bytes.insert(contentsOf: Array(#""x":1,"#.utf8), at: 1)
                    case 4:
                        // The last member's name early, with another value: the decoder takes the first.
                        let lastKey = bytes.lastIndex(of: UInt8(ascii: ",")).map { $0 + 1 } ?? 1
                        let quote = bytes[(lastKey + 1)...].firstIndex(of: UInt8(ascii: "\"")) ?? lastKey
                        let firstComma = bytes.firstIndex(of: UInt8(ascii: ",")) ?? 0
                        bytes.insert(contentsOf: Array(bytes[lastKey...quote]) + Array(#":"zz","#.utf8), at: firstComma + 1)
                    default:
                        // The first member's name again, first, with another value: the decoder takes the first.
                        let quote = bytes[2...].firstIndex(of: UInt8(ascii: "\"")) ?? 1
                        bytes.insert(contentsOf: Array(bytes[1...quote]) + Array(#":"zz","#.utf8), at: 1)
                    }
                    try check(Data(bytes), false)
                }
            }
        }
    }

    @Test func anEnvelopeInThePlainFormIsReadWithoutTheDecoder() throws {
        let routed = WhistleRouted(whistle: "W1", grid: "G", town: "T", matter: "m", lead: "L", co: ["C"],
                                   policy: Policy(matter: "m", referenceVersion: 1, urgency: .urgent,
                                                  signFor: Limit(amount: 30, unit: .minutes), arrive: nil,
                                                  dispose: Limit(amount: 1, unit: .workingDays), storm: false))
        let envelope = Envelope(stream: .whistle, epoch: "e", seq: 7, time: Instant(Date(timeIntervalSince1970: 1_800_000_000)),
                                type: "routed", data: routed)
        let bytes = try JSONCoding.encode(envelope)
        var reader = try #require(try WireJSONMessage(bytes).reader())
        let (head, _) = try #require(EnvelopeHead.read(&reader))
        #expect(head.seq == 7)
        #expect(head.type == "routed")
        #expect(try ReceivedEvent(decoding: bytes).payload(WhistleRouted.self) == routed)
    }
}
