import Foundation
import GridLogging
import GridWire
import Testing

@Suite struct WireTests {
    func refusal(_ json: String, limit: Int = 65_536) -> ProtocolError? {
        do {
            _ = try Request(decoding: Data(json.utf8), limit: limit)
            return nil
        } catch {
            return error
        }
    }

    struct Body: Codable { var matter: String; var evidence: [String]? }

    func bodyRefusal(_ json: String) -> ProtocolError? {
        do {
            _ = try Request(decoding: Data(json.utf8), limit: 65_536).body(Body.self)
            return nil
        } catch {
            return error
        }
    }

    @Test func aRequestHeadIsReadAndItsBodyDecodedOnDemand() throws {
        let request = try Request(decoding: Data(#"{"v":1,"cmd":"raise","key":"k1","as":"grid:G","body":{"matter":"m"},"extra":true}"#.utf8),
                                  limit: 1_000)
        #expect(request.head.cmd == "raise")
        #expect(request.head.key == "k1")
        #expect(try request.body(Body.self).matter == "m")
    }

    @Test(arguments: [
        (#"{"v":1,"#, "malformed_json", ""),
        (#"42"#, "not_an_object", ""),
        (#"{"v":3,"cmd":"x"}"#, "unsupported_version", "/v"),
        (#"{"cmd":"x"}"#, "missing_field", "/v"),
        (#"{"v":"1","cmd":"x"}"#, "wrong_type", "/v"),
        (#"{"v":1,"cmd":null}"#, "missing_field", "/cmd"),
        (#"{"v":1,"cmd":"x","key":""}"#, "invalid_value", "/key"),
        (#"{"v":1,"cmd":"x","key":"\#(String(repeating: "k", count: 129))"}"#, "invalid_value", "/key"),
    ])
    func aBadHeadIsRefusedNamingItsField(json: String, code: String, at: String) {
        let error = refusal(json)
        #expect(error?.code == code)
        #expect(error?.at == at)
        #expect(error?.status == .badRequest)
    }

    @Test(arguments: [
        (#"{"v":1,"cmd":"x"}"#, "missing_field", "/body"),
        (#"{"v":1,"cmd":"x","body":[]}"#, "wrong_type", "/body"),
        (#"{"v":1,"cmd":"x","body":{}}"#, "missing_field", "/body/matter"),
        (#"{"v":1,"cmd":"x","body":{"matter":1}}"#, "wrong_type", "/body/matter"),
        (#"{"v":1,"cmd":"x","body":{"matter":"m","evidence":["a",2]}}"#, "wrong_type", "/body/evidence/1"),
    ])
    func aBadBodyIsRefusedNamingItsField(json: String, code: String, at: String) {
        let error = bodyRefusal(json)
        #expect(error?.code == code)
        #expect(error?.at == at)
    }

    @Test func anOversizedMessageIsRefusedBeforeParsing() {
        let error = refusal(#"{"v":1,"cmd":"x","body":"\#(String(repeating: "a", count: 2_000))"}"#, limit: 1_024)
        #expect(error?.code == "too_large")
    }

    @Test func principalsAreKindColonId() {
        #expect(Principal(parsing: "grid:JD-NX-A01") == Principal(.grid, "JD-NX-A01"))
        #expect(Principal(parsing: "dept:JD:odd") == nil)
        #expect(Principal(parsing: "integrator:feed.x") == nil, "a dot would let intake.integrator:feed. match another's topic")
        #expect(Principal(parsing: "integrator:hydrant_iot-2")?.id == "hydrant_iot-2")
        #expect(Principal(parsing: "mayor:JD") == nil)
        #expect(Principal(parsing: "grid:") == nil)
        #expect(Principal(parsing: "grid") == nil)
    }

    @Test func pointersEscapeSlashAndTilde() throws {
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int?
            init(stringValue: String) { self.stringValue = stringValue }
            init(intValue: Int) { self.stringValue = "\(intValue)"; self.intValue = intValue }
        }
        #expect(JSONPointer.from([Key(stringValue: "a/b"), Key(stringValue: "c~d"), Key(intValue: 3)]) == "/a~1b/c~0d/3")
    }

    @Test func instantsRoundTripAtMillisecondsInUTC() throws {
        let instant = try #require(Timestamp.parse("2026-12-01T09:00:00.123+08:00"))
        #expect(Timestamp.format(instant) == "2026-12-01T01:00:00.123Z")
        let encoded = try JSONCoding.encodeString(["t": Instant(instant)])
        #expect(encoded == #"{"t":"2026-12-01T01:00:00.123Z"}"#)
        #expect(Timestamp.parse("yesterday") == nil)
    }

    @Test func topicsEndWithASeparator() {
        #expect(Topic.department("JD-NX-CGZF", "dispatched") == "dept.JD-NX-CGZF.dispatched.")
        #expect(Topic.event(.whistle, "raised") == "whistle.raised.")
        #expect(Topic.status(.response) == "status.response.")
        #expect(!Topic.department("JD-NX-CGZF-2", "x").hasPrefix(Topic.department("JD-NX-CGZF")))
    }

    @Test func logLinesCarryTheirPriorityAndQuoteValuesWithSpaces() {
        let sink = CapturingSink()
        let logger = Logger(label: "whistle", minimum: .info, sink: sink)
        logger.info("raised", ["whistle": "W1", "text": "two words"])
        logger.debug("hidden")
        #expect(sink.lines == [#"<6>whistle: raised whistle=W1 text="two words""#])
    }
}

@Suite struct TimestampTests {
    @Test(arguments: [0.0, 1_796_090_400.123, -86_400.5, 951_782_400, 4_102_444_799.999, 1_709_164_800])
    func formattingAgreesWithTheSystemCalendarAndRoundTrips(seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let text = Timestamp.format(date)
        let system = Date(timeIntervalSince1970: (seconds * 1000).rounded() / 1000)
            .formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        #expect(text.prefix(19) == system.prefix(19))
        let parsed = try #require(Timestamp.parse(text))
        #expect(abs(parsed.timeIntervalSince1970 - (seconds * 1000).rounded() / 1000) < 0.0005)
    }

    @Test func localTimeUsesTheZone() throws {
        let date = try #require(Timestamp.parse("2026-12-31T16:30:00Z"))
        #expect(Timestamp.local(date, in: TimeZone(identifier: "Asia/Shanghai")!) == "2027-01-01 00:30")
    }

    /// Offsets are remembered between transitions: dates asked in any order, across the summer-time
    /// changes of a zone that has them and between zones, must still get each zone's own offset.
    @Test func localTimeIsRightAcrossTransitionsInAnyOrder() throws {
        let zones = ["America/New_York", "Asia/Shanghai", "Europe/London"].compactMap(TimeZone.init(identifier:))
        #expect(zones.count == 3)
        var random = SplitMix(seed: 7)
        for _ in 0..<3_000 {
            let zone = zones[random.below(zones.count)]
            // Around 2026's changes in March, October and November, an hour at a time.
            let date = Date(timeIntervalSince1970: 1_772_323_200 + Double(random.below(24 * 280)) * 3_600 + 59)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let expected = String(format: "%04d-%02d-%02d %02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
            #expect(Timestamp.local(date, in: zone) == expected, "\(zone.identifier) \(date)")
        }
    }

    @Test func onlyTheCanonicalFormTakesTheFastPath() {
        #expect(Timestamp.parseCanonical("2026-02-29T00:00:00.000Z") == nil, "no 29 February in 2026")
        #expect(Timestamp.parseCanonical("2028-02-29T00:00:00.000Z") != nil)
        #expect(Timestamp.parseCanonical("2026-12-01T09:00:00+08:00") == nil)
        #expect(Timestamp.parse("2026-12-01T09:00:00+08:00") == Timestamp.parse("2026-12-01T01:00:00.000Z"))
        #expect(Timestamp.parseCanonical("2026-13-01T00:00:00.000Z") == nil)
    }
}
