import Foundation
import GridDomain
import Testing

@Suite struct RoutingTests {
    let router = Router(Fixture.reference, version: 3)

    @Test func cityManagementGoesToTheWhistlingGridsOwnTown() throws {
        let nanxiang = try router.route(matter: "muck-truck", urgency: nil, grid: "JD-NX-A01-G01-M01")
        #expect(nanxiang.lead == "JD-NX-CGZF")
        let anting = try router.route(matter: "muck-truck", urgency: nil, grid: "JD-AT-A01-G01")
        #expect(anting.lead == "JD-AT-CGZF")
    }

    @Test func coDepartmentsFollowTheMattersOrder() throws {
        let route = try router.route(matter: "muck-truck", urgency: nil, grid: "JD-NX-A01-G01")
        #expect(route.co == ["JD-LHSR", "JD-JJ"])
    }

    @Test func anAreaDepartmentBeatsTheDistrict() throws {
        let route = try router.route(matter: "hydrant-alarm", urgency: nil, grid: "JD-NX-A01-G01-M01")
        #expect(route.lead == "JD-NX-A01-XF")
    }

    @Test func fallsBackToTheDistrict() throws {
        #expect(try router.route(matter: "hydrant-alarm", urgency: nil, grid: "JD-NX-A02-G01").lead == "JD-XF")
        #expect(try router.route(matter: "hydrant-alarm", urgency: nil, grid: "JD-AT-A01-G01").lead == "JD-XF")
    }

    @Test func areaGridsMayBlowWhistles() throws {
        #expect(try router.route(matter: "muck-truck", urgency: nil, grid: "JD-AT-A01").lead == "JD-AT-CGZF")
    }

    @Test func freezesTheDefaultUrgencysPolicy() throws {
        let route = try router.route(matter: "muck-truck", urgency: nil, grid: "JD-NX-A01-G01")
        #expect(
            route.policy
                == Policy(
                    matter: "muck-truck", referenceVersion: 3, urgency: .urgent, signFor: Fixture.limit("30 minutes"),
                    arrive: Fixture.limit("2 hours"), dispose: Fixture.limit("1 working day"), storm: false))
    }

    @Test func usesTheRequestedUrgency() throws {
        let policy = try router.route(matter: "muck-truck", urgency: .normal, grid: "JD-NX-A01-G01").policy
        #expect(policy.urgency == .normal)
        #expect(policy.arrive == nil)
        #expect(policy.dispose == Fixture.limit("3 working days"))
    }

    @Test func keepsTheStormFlag() throws {
        #expect(try router.route(matter: "waterlogging", urgency: nil, grid: "JD-AT-A01-G01").policy.storm)
    }

    @Test func refusesAnUrgencyTheMatterDoesNotHave() {
        #expect(throws: RoutingError.urgencyNotAllowed(matter: "hydrant-alarm", urgency: .complex, allowed: [.urgent])) {
            try router.route(matter: "hydrant-alarm", urgency: .complex, grid: "JD-NX-A01-G01")
        }
    }

    @Test func refusesUnknownGridsAndMatters() {
        #expect(throws: RoutingError.unknownGrid("JD-XX")) {
            try router.route(matter: "muck-truck", urgency: nil, grid: "JD-XX")
        }
        #expect(throws: RoutingError.unknownMatter("alien-landing")) {
            try router.route(matter: "alien-landing", urgency: nil, grid: "JD-NX-A01-G01")
        }
    }

    @Test func townsAndTheDistrictCannotBlowWhistles() {
        #expect(throws: RoutingError.gridCannotRaise(grid: "JD-NX", level: .town)) {
            try router.route(matter: "muck-truck", urgency: nil, grid: "JD-NX")
        }
        #expect(throws: RoutingError.gridCannotRaise(grid: "JD", level: .district)) {
            try router.route(matter: "muck-truck", urgency: nil, grid: "JD")
        }
    }

    @Test func reportsARoleWithoutADepartment() throws {
        var reference = Fixture.reference
        reference.roles.append(Role(id: "gs", name: "供水"))
        reference.departments.append(Department(id: "JD-NX-GS", name: "南翔自来水", role: "gs", serves: "JD-NX"))
        reference.matters.append(
            Matter(
                id: "water-main", name: "供水管爆裂", lead: "gs", defaultUrgency: .urgent,
                urgencies: [.urgent: StepLimits(signFor: Fixture.limit("10 minutes"), dispose: Fixture.limit("4 hours"))]))
        reference.matters[1].co = ["sw", "gs"]
        let router = Router(reference, version: 2)
        #expect(try router.route(matter: "water-main", urgency: nil, grid: "JD-NX-A02-G01").lead == "JD-NX-GS")
        #expect(throws: RoutingError.noDepartment(role: "gs", grid: "JD-AT-A01-G01")) {
            try router.route(matter: "water-main", urgency: nil, grid: "JD-AT-A01-G01")
        }
        #expect(throws: RoutingError.noDepartment(role: "gs", grid: "JD-AT-A01")) {
            try router.route(matter: "hydrant-alarm", urgency: nil, grid: "JD-AT-A01")
        }
    }

    @Test func routeEncodesLimitsAsStrings() throws {
        let route = try router.route(matter: "hydrant-alarm", urgency: nil, grid: "JD-NX-A01-G01")
        let data = try JSONEncoder().encode(route)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let policy = try #require(object["policy"] as? [String: Any])
        #expect(policy["dispose"] as? String == "4 working hours")
        #expect(policy["urgency"] as? String == "urgent")
        #expect(try JSONDecoder().decode(Route.self, from: data) == route)
    }
}
