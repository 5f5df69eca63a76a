import Foundation
import GridDomain
import Testing

/// `reference.response` (三级网格响应): each rule reported at its JSON Pointer, a town's override
/// merged over the district's settings, and the settings read, written and frozen into a route.
@Suite struct ResponseValidationTests {
    static func limit(_ text: String) -> Limit { Fixture.limit(text) }

    static let seconds = Limit(amount: 90, unit: .seconds)
    static let zero = Limit(amount: 0, unit: .workingDays)

    /// 安亭's own flow: shorter deadlines for its first three levels, a quicker anti-stall reminder,
    /// and no climbing on a red clock alone.
    static let anting = TownResponse(
        levelDeadlines: [limit("4 working hours"), limit("1 working day"), limit("2 working days"), limit("5 working days")],
        escalateOn: [.stall, .levelDeadline], stallAfter: limit("4 working hours"))

    @Test func standardSettingsAndAFullTownOverrideAreValid() {
        var reference = Fixture.reference
        reference.response.district.remindAt = [0.25, 0.5, 0.9]
        reference.response.district.escalateOn = []
        reference.response.towns = ["JD-AT": Self.anting, "JD-NX": TownResponse()]
        #expect(reference.validate(pathPrefix: "/reference") == [])
    }

    @Test(arguments: [
        Mistake("three level deadlines", ["/response/levelDeadlines"]) { $0.response.district.levelDeadlines.removeLast() },
        Mistake("five level deadlines", ["/response/levelDeadlines"]) {
            $0.response.district.levelDeadlines.append(Fixture.limit("10 working days"))
        },
        Mistake("no level deadlines", ["/response/levelDeadlines"]) { $0.response.district.levelDeadlines = [] },
        Mistake("a level deadline of no time", ["/response/levelDeadlines/2"]) { $0.response.district.levelDeadlines[2] = Self.zero },
        Mistake("a level deadline in seconds", ["/response/levelDeadlines/0"]) { $0.response.district.levelDeadlines[0] = Self.seconds },
        Mistake("a reminder at 0", ["/response/remindAt/0"]) { $0.response.district.remindAt = [0, 0.5] },
        Mistake("a reminder at the deadline", ["/response/remindAt/1"]) { $0.response.district.remindAt = [0.5, 1] },
        Mistake("a negative reminder", ["/response/remindAt/0"]) { $0.response.district.remindAt = [-0.5] },
        Mistake("a reminder past the deadline", ["/response/remindAt/0"]) { $0.response.district.remindAt = [1.5] },
        Mistake("a reminder that is not a number", ["/response/remindAt/1"]) { $0.response.district.remindAt = [0.5, .nan] },
        Mistake("an infinite reminder", ["/response/remindAt/0"]) { $0.response.district.remindAt = [.infinity] },
        Mistake("a reminder listed twice", ["/response/remindAt/2"]) { $0.response.district.remindAt = [0.5, 0.7, 0.5] },
        Mistake("eleven reminders", ["/response/remindAt"]) {
            $0.response.district.remindAt = (1...11).map { Double($0) / 12 }
        },
        Mistake("stallAfter of no time", ["/response/stallAfter"]) { $0.response.district.stallAfter = Self.zero },
        Mistake("stallAfter in seconds", ["/response/stallAfter"]) { $0.response.district.stallAfter = Self.seconds },
        Mistake("coordinator listed", ["/response/escalateOn/1"]) { $0.response.district.escalateOn = [.stall, .coordinator] },
        Mistake("reworkCap listed", ["/response/escalateOn/0"]) { $0.response.district.escalateOn = [.reworkCap] },
        Mistake("arbitration listed", ["/response/escalateOn/1"]) { $0.response.district.escalateOn = [.stall, .arbitration] },
        Mistake("arbitrateWithin of no time", ["/response/arbitrateWithin"]) { $0.response.district.arbitrateWithin = Self.zero },
        Mistake("arbitrateWithin in seconds", ["/response/arbitrateWithin"]) { $0.response.district.arbitrateWithin = Self.seconds },
        Mistake("a negative rework cap", ["/response/reworkCap"]) { $0.response.district.reworkCap = -1 },
        Mistake("a rework cap of 21", ["/response/reworkCap"]) { $0.response.district.reworkCap = 21 },
        Mistake("a trigger listed twice", ["/response/escalateOn/2"]) {
            $0.response.district.escalateOn = [.redClock, .stall, .redClock]
        },
        Mistake("an override for an unknown grid", ["/response/towns/JD-XX"]) { $0.response.towns["JD-XX"] = TownResponse() },
        Mistake("an override for an area", ["/response/towns/JD-NX-A01"]) { $0.response.towns["JD-NX-A01"] = TownResponse() },
        Mistake("an override for the district", ["/response/towns/JD"]) { $0.response.towns["JD"] = TownResponse() },
        Mistake("an override key escaped as a pointer token", ["/response/towns/JD~1NX~0"]) {
            $0.response.towns["JD/NX~"] = TownResponse()
        },
        Mistake("a town with two level deadlines", ["/response/towns/JD-AT/levelDeadlines"]) {
            $0.response.towns["JD-AT"] = TownResponse(levelDeadlines: [Fixture.limit("4 working hours"), Fixture.limit("1 working day")])
        },
        Mistake("a town's level deadline in seconds", ["/response/towns/JD-AT/levelDeadlines/2"]) {
            var town = Self.anting
            town.levelDeadlines?[2] = Self.seconds
            $0.response.towns["JD-AT"] = town
        },
        Mistake("a town's stallAfter of no time", ["/response/towns/JD-NX/stallAfter"]) {
            $0.response.towns["JD-NX"] = TownResponse(stallAfter: Self.zero)
        },
        Mistake("a town listing coordinator", ["/response/towns/JD-AT/escalateOn/0"]) {
            $0.response.towns["JD-AT"] = TownResponse(escalateOn: [.coordinator, .stall])
        },
        Mistake("a town listing a trigger twice", ["/response/towns/JD-AT/escalateOn/1"]) {
            $0.response.towns["JD-AT"] = TownResponse(escalateOn: [.levelDeadline, .levelDeadline])
        },
        Mistake("an unknown town and its bad override, towns in key order",
                ["/response/towns/JD-AA", "/response/towns/JD-ZZ", "/response/towns/JD-ZZ/stallAfter"]) {
            $0.response.towns["JD-ZZ"] = TownResponse(stallAfter: Self.seconds)
            $0.response.towns["JD-AA"] = TownResponse()
        },
    ])
    func reportsEachMistakeAtItsPointer(mistake: Mistake) {
        var reference = Fixture.reference
        mistake.apply(&reference)
        let issues = reference.validate(pathPrefix: "/reference")
        #expect(issues.map(\.path) == mistake.paths.map { "/reference" + $0 }, "\(issues)")
    }

    @Test func limitsInSecondsAreForTestConfigurationsOnly() {
        var reference = Fixture.reference
        reference.response.district.levelDeadlines = Array(repeating: Self.seconds, count: 4)
        reference.response.district.stallAfter = Self.seconds
        reference.response.towns["JD-NX"] = TownResponse(levelDeadlines: Array(repeating: Self.seconds, count: 4), stallAfter: Self.seconds)
        #expect(reference.validate().map(\.path) == [
            "/response/levelDeadlines/0", "/response/levelDeadlines/1", "/response/levelDeadlines/2", "/response/levelDeadlines/3",
            "/response/stallAfter",
            "/response/towns/JD-NX/levelDeadlines/0", "/response/towns/JD-NX/levelDeadlines/1",
            "/response/towns/JD-NX/levelDeadlines/2", "/response/towns/JD-NX/levelDeadlines/3",
            "/response/towns/JD-NX/stallAfter",
        ])
        #expect(reference.validate(allowingSeconds: true) == [])
    }

    @Test func tenRemindersAreAllowed() {
        var reference = Fixture.reference
        reference.response.district.remindAt = (1...ResponsePolicy.maximumReminders).map { Double($0) / 11 }
        #expect(reference.validate() == [])
    }

    @Test func aRepeatedReminderNamesTheFirstUnderThePrefix() throws {
        var reference = Fixture.reference
        reference.response.district.remindAt = [0.5, 0.5]
        let issue = try #require(reference.validate(pathPrefix: "/reference").first)
        #expect(issue.description == "/reference/response/remindAt/1: 0.5 is listed twice (also at /reference/response/remindAt/0)")
    }

    // MARK: - A town's override over the district's settings

    @Test func aTownOverrideReplacesOnlyWhatItNames() {
        var settings = ResponseSettings.standard
        settings.district.remindAt = [0.3, 0.6]
        settings.towns = ["JD-AT": Self.anting, "JD-NX": TownResponse(stallAfter: Self.limit("2 working days"))]

        let anting = settings.policy(forTown: "JD-AT")
        #expect(anting.levelDeadlines == Self.anting.levelDeadlines)
        #expect(anting.escalateOn == [.stall, .levelDeadline])
        #expect(anting.stallAfter == Self.limit("4 working hours"))
        #expect(anting.remindAt == [0.3, 0.6], "reminders are the district's: a town does not override them")
        #expect(!anting.climbs(on: .redClock))
        #expect(anting.climbs(on: .coordinator), "a coordinator may always escalate")
        #expect(anting.deadline(of: .autonomy) == Self.limit("4 working hours"))

        let nanxiang = settings.policy(forTown: "JD-NX")
        #expect(nanxiang.stallAfter == Self.limit("2 working days"))
        #expect(nanxiang.levelDeadlines == ResponsePolicy.standard.levelDeadlines)
        #expect(nanxiang.escalateOn == ResponsePolicy.standard.escalateOn)
        #expect(nanxiang.remindAt == [0.3, 0.6])
    }

    @Test func aTownWithoutAnOverrideKeepsTheDistrictsSettings() {
        var settings = ResponseSettings.standard
        settings.district.stallAfter = Self.limit("3 working hours")
        settings.towns = ["JD-AT": Self.anting]
        #expect(settings.policy(forTown: "JD-NX") == settings.district)
        #expect(settings.policy(forTown: "") == settings.district)
        settings.towns["JD-NX"] = TownResponse()
        #expect(settings.policy(forTown: "JD-NX") == settings.district, "an empty override changes nothing")
    }

    @Test func aRouteFreezesTheSettingsOfTheRaisingGridsTown() throws {
        var reference = Fixture.reference
        reference.response.towns = ["JD-AT": Self.anting]
        let router = Router(reference, version: 1)
        let anting = try router.route(matter: "muck-truck", urgency: nil, grid: "JD-AT-A01-G01")
        #expect(anting.policy.response == reference.response.policy(forTown: "JD-AT"))
        #expect(anting.policy.response.levelDeadlines[0] == Self.limit("4 working hours"))
        let nanxiang = try router.route(matter: "muck-truck", urgency: nil, grid: "JD-NX-A01-G01-M01")
        #expect(nanxiang.policy.response == .standard)
    }

    // MARK: - Reading and writing

    private func decode(_ json: String) throws -> ReferenceData {
        try JSONDecoder().decode(ReferenceData.self, from: Data(json.utf8))
    }

    /// The schema example of ReferenceCodingTests with `"response": <json>` added.
    private func withResponse(_ json: String) -> String {
        ReferenceCodingTests.schemaExample.replacingOccurrences(
            of: #""evaluation": {"#, with: #""response": \#(json), "evaluation": {"#)
    }

    @Test func aReferenceWithoutResponseReadsAsTheStandardSettings() throws {
        let reference = try decode(ReferenceCodingTests.schemaExample)
        #expect(reference.response == .standard)
        #expect(reference.response.district.levelDeadlines.map(\.description)
            == ["1 working day", "2 working days", "3 working days", "5 working days"])
        #expect(reference.response.district.remindAt == [0.5])
        #expect(reference.response.district.stallAfter == Self.limit("1 working day"))
        #expect(reference.response.district.escalateOn == [.redClock, .stall, .levelDeadline])
    }

    @Test func eachMissingMemberReadsAsTheStandardOne() throws {
        let json = withResponse(#"{"remindAt": [0.3, 0.6], "towns": {"JD-NX": {"stallAfter": "4 working hours"}}}"#)
        let response = try decode(json).response
        #expect(response.district.remindAt == [0.3, 0.6])
        #expect(response.district.levelDeadlines == ResponsePolicy.standard.levelDeadlines)
        #expect(response.district.stallAfter == ResponsePolicy.standard.stallAfter)
        #expect(response.district.escalateOn == ResponsePolicy.standard.escalateOn)
        #expect(response.district.arbitrateWithin == Self.limit("1 working day"))
        #expect(response.district.reworkCap == 2)
        #expect(response.towns == ["JD-NX": TownResponse(stallAfter: Self.limit("4 working hours"))])
    }

    /// A whistle routed before `arbitrateWithin` and `reworkCap` existed kept a policy without
    /// them: it reads them as the standard's, and a later one keeps its own through JSON.
    @Test func aPolicyFrozenBeforeTheSideFlowsReadsTheStandardOnes() throws {
        let old = #"{"levelDeadlines":["1 working day","2 working days","3 working days","5 working days"],"remindAt":[0.5],"stallAfter":"1 working day","escalateOn":["stall"]}"#
        let policy = try JSONDecoder().decode(ResponsePolicy.self, from: Data(old.utf8))
        #expect(policy.escalateOn == [.stall])
        #expect(policy.arbitrateWithin == ResponsePolicy.standard.arbitrateWithin)
        #expect(policy.reworkCap == 2)
        var own = policy
        own.arbitrateWithin = Self.limit("4 working hours")
        own.reworkCap = 0
        #expect(try JSONDecoder().decode(ResponsePolicy.self, from: JSONEncoder().encode(own)) == own)
    }

    @Test func anUnknownTriggerIsDataCorruptedAtThatTrigger() throws {
        let json = withResponse(#"{"escalateOn": ["stall", "sometimes"]}"#)
        let error = try #require(throws: DecodingError.self) { try decode(json) }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(error)")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["response", "escalateOn", "Index 1"])
        #expect(context.debugDescription.contains("'sometimes'"))
    }

    @Test func settingsRoundTripThroughJSON() throws {
        var reference = Fixture.reference
        reference.response = ResponseSettings(
            district: ResponsePolicy(
                levelDeadlines: [Self.limit("2 working hours"), Self.limit("1 working day"), Self.limit("2 working days"),
                                 Self.limit("10 working days")],
                remindAt: [0.25, 0.75], stallAfter: Self.limit("3 working hours"), escalateOn: [.levelDeadline]),
            towns: ["JD-AT": Self.anting, "JD-NX": TownResponse(escalateOn: [])])
        let data = try JSONEncoder().encode(reference)
        #expect(try JSONDecoder().decode(ReferenceData.self, from: data) == reference)
        let standard = try JSONDecoder().decode(ReferenceData.self, from: try JSONEncoder().encode(Fixture.reference))
        #expect(standard.response == .standard)
    }

    @Test func aPolicyKeepsItsResponseSettingsThroughJSON() throws {
        var policy = try Router(Fixture.reference, version: 1).route(matter: "muck-truck", urgency: nil, grid: "JD-AT-A01-G01").policy
        policy.response = ResponseSettings(district: .standard, towns: ["JD-AT": Self.anting]).policy(forTown: "JD-AT")
        #expect(try JSONDecoder().decode(Policy.self, from: JSONEncoder().encode(policy)) == policy)
    }
}
