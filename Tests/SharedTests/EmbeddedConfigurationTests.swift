import Foundation
import GridConfig
import GridDomain
import GridWire
import Testing

@Suite struct EmbeddedConfigurationTests {
    @Test func theEmbeddedJiadingSampleIsValid() throws {
        let config = try DeploymentConfig.load(path: nil)
        #expect(config.validate().isEmpty)
    }

    @Test func theSampleHasAllTwelveTownsAndThreeInDetail() throws {
        let reference = try DeploymentConfig.load(path: nil).reference
        let towns = reference.grids.filter { $0.level == .town }
        #expect(towns.count == 12)
        let detailed = Set(reference.grids.filter { $0.level == .micro }.compactMap { GridTree(reference.grids).town(of: $0.id)?.id })
        #expect(detailed == ["JD-NX", "JD-AT", "JD-JDZ"])
        #expect(towns.allSatisfy { $0.chief != nil })
    }

    @Test(arguments: ["muck-truck", "waste-dumping", "street-vending", "loose-billboard", "illegal-construction"])
    func eachTownsOwnSquadLeadsItsCityManagementMatters(matter: String) throws {
        let reference = try DeploymentConfig.load(path: nil).reference
        let router = Router(reference, version: 1)
        #expect(try router.route(matter: matter, urgency: nil, grid: "JD-NX-A01-G01-M01").lead == "JD-NX-CGZF")
        #expect(try router.route(matter: matter, urgency: nil, grid: "JD-AT-A01-G01-M01").lead == "JD-AT-CGZF")
        #expect(try router.route(matter: matter, urgency: nil, grid: "JD-JDZ-A01-G01-M01").lead == "JD-JDZ-CGZF")
    }

    @Test func theSampleWritesOutTheStandardResponseAndAntingShortensItsLevels() throws {
        let reference = try DeploymentConfig.load(path: nil).reference
        #expect(reference.response.district == .standard)
        #expect(Array(reference.response.towns.keys) == ["JD-AT"])
        let router = Router(reference, version: 1)
        let market = try router.route(matter: "food-safety", urgency: nil, grid: "JD-AT-A02-G04-M01").policy.response
        #expect(market.levelDeadlines.map(\.description) == ["4 working hours", "1 working day", "2 working days", "5 working days"])
        #expect(market.stallAfter.description == "4 working hours")
        #expect(market.remindAt == [0.5] && market.escalateOn == ResponsePolicy.standard.escalateOn)
        #expect(try router.route(matter: "muck-truck", urgency: nil, grid: "JD-NX-A01-G01-M01").policy.response == .standard)
    }

    @Test func aConfigurationFileWithMistakesListsEachWithItsPointer() throws {
        var config = try DeploymentConfig.load(path: nil)
        config.endpoints.whistle.pub = config.endpoints.whistle.router
        config.limits.maxMessageBytes = 10
        config.reference.matters[0].lead = "nobody"
        config.reference.departments[1].id = "JD.NX.SCJG"
        config.reference.response.towns["JD-AT"]?.escalateOn = [.coordinator]
        let issues = config.validate().map(\.path)
        #expect(issues.contains("/reference/departments/1/id"), "an id with a dot would break topic prefixes")
        #expect(issues.contains("/endpoints/whistle/router"))
        #expect(issues.contains("/limits/maxMessageBytes"))
        #expect(issues.contains("/reference/matters/0/lead"))
        #expect(issues.contains("/reference/response/towns/JD-AT/escalateOn/0"))
    }

    @Test func aDecodingMistakeNamesItsPointer() throws {
        let text = DeploymentConfig.embeddedJSON.replacingOccurrences(of: #""replayBatch": 500"#, with: #""replayBatch": "many""#)
        let error = try #require(throws: ConfigurationError.self) {
            try DeploymentConfig.parse(Data(text.utf8), source: "test")
        }
        #expect(error.issues.map(\.path) == ["/limits/replayBatch"])
    }

    /// Three service keys, valid and distinct (Z85 of 32 bytes, as `gridctl keys new` prints them).
    static let serviceKeys: [KeyList.Entry] = [
        .init(principal: Principal(.service, "whistle"), key: "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"),
        .init(principal: Principal(.service, "response"), key: "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID"),
        .init(principal: Principal(.service, "evaluation"), key: "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs"),
    ]

    @Test func aKeyListWithEachServiceOnceIsValid() throws {
        var config = try DeploymentConfig.load(path: nil)
        config.keys = KeyList(admitted: Self.serviceKeys + [.init(principal: Principal(.dept, "JD-NX-CGZF"),
                                                                   key: "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6")])
        #expect(config.validate().isEmpty)
        let decoded = try DeploymentConfig.parse(try JSONCoding.encode(config), source: "test")
        #expect(decoded.keys == config.keys)
        #expect(decoded.keys?.key(of: .response) == Self.serviceKeys[1].key)
        #expect(decoded.keys?.principals[Self.serviceKeys[2].key] == Principal(.service, "evaluation"))
    }

    @Test func everyMistakeInTheKeyListIsReportedWithItsPointer() throws {
        var config = try DeploymentConfig.load(path: nil)
        config.keys = KeyList(admitted: [
            Self.serviceKeys[0],
            .init(principal: Principal(.service, "whistle"), key: Self.serviceKeys[1].key),
            .init(principal: Principal(.grid, "JD-NX-A01-G01-M01"), key: Self.serviceKeys[0].key),
            .init(principal: Principal(.observer, "office"), key: "too short"),
        ])
        let issues: [String] = config.validate().map(\.description)
        #expect(issues == [
            "/keys/admitted/2/key: the key is also listed at /keys/admitted/0",
            "/keys/admitted/3/key: 'too short' is not a CURVE public key: 40 characters of Z85",
            "/keys/admitted: service:whistle has more than one key",
            "/keys/admitted: no key for service:response: the services that consume its stream need it",
            "/keys/admitted: no key for service:evaluation: the services that consume its stream need it",
        ])
    }

    @Test func anIntegratorsEntryMayNameTheMattersItRaisesAndNoOtherEntryMay() throws {
        var config = try DeploymentConfig.load(path: nil)
        let matter = try #require(config.reference.matters.first?.id)
        config.keys = KeyList(admitted: Self.serviceKeys + [
            .init(principal: Principal(.integrator, "hydrant-iot"), key: "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6", matters: [matter, "no-such"]),
            .init(principal: Principal(.dept, "JD-NX-CGZF"), key: "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hIE", matters: [matter]),
        ])
        let issues: [String] = config.validate().map(\.description)
        #expect(issues == ["/keys/admitted/3/matters/1: no matter 'no-such'", "/keys/admitted/4/matters: only an integrator's entry names matters"])
        let list = try #require(config.keys)
        #expect(list.matters(of: Principal(.integrator, "hydrant-iot")) == [matter, "no-such"])
        #expect(list.matters(of: Principal(.integrator, "other")) == nil, "no entry: any (development mode's rule)")
        #expect(list.matters(of: Principal(.service, "whistle")) == nil)
    }

    @Test func aKeyListedForAPrincipalThatIsNotOneIsADecodingMistake() throws {
        let json = DeploymentConfig.embeddedJSON
        let text = json[..<json.lastIndex(of: "}")!] + #", "keys": {"admitted": [{"principal": "root", "key": "x"}]}}"#
        let error = try #require(throws: ConfigurationError.self) { try DeploymentConfig.parse(Data(text.utf8), source: "test") }
        #expect(error.issues.map(\.path) == ["/keys/admitted/0/principal"])
    }

    /// (endpoint, valid, local: development principals may be trusted on it, stays: plaintext
    /// ZeroMQ may run on it).
    @Test(arguments: [
        ("tcp://127.0.0.1:7301", true, true, true), ("tcp://127.9.8.7:1", true, true, true), ("tcp://localhost:1", true, true, true),
        ("tcp://[::1]:9", true, true, true), ("ipc://@gridplus", true, true, true), ("inproc://x", true, true, true),
        ("ipc:///run/gridplus.sock", true, false, true),
        ("tcp://0.0.0.0:7301", true, false, false), ("tcp://*:7301", true, false, false), ("tcp://[::]:7301", true, false, false),
        ("tcp://eth0:7301", true, false, false), ("tcp://10.1.2.3:7301", true, false, false),
        ("tcp://127.evil.example:7301", true, false, false), ("tcp://127.0.0.1.example:7301", true, false, false),
        ("tcp://127.0.0.256:7301", true, false, false), ("tcp://127.0.0.1;10.0.0.1:7301", true, false, false),
        ("tcp://10.0.0.1;127.0.0.1:7301", true, false, false),
        ("tcp://127.0.0.1", false, false, false), ("tcp://127.0.0.1:0", false, false, false), ("http://x:1", false, false, false),
    ])
    func endpointsAreCheckedAndOnlyLoopbackOnesAreLocal(endpoint: String, valid: Bool, local: Bool, stays: Bool) {
        #expect(EndpointAddress.isValid(endpoint) == valid)
        #expect(EndpointAddress.isLocalOnly(endpoint) == local)
        #expect(EndpointAddress.staysOnThisHost(endpoint) == stays)
    }

    @Test func aServiceUsesTheEndpointsItBindsAndTheOtherProducers() throws {
        let endpoints = try DeploymentConfig.load(path: nil).endpoints
        let used: [String] = endpoints.used(by: .response)
        #expect(used == [endpoints.response.pub, endpoints.response.router, endpoints.whistle.pub, endpoints.whistle.router,
                         endpoints.evaluation.pub, endpoints.evaluation.router])
    }
}
