import GridDomain
import Testing

/// One kind of mistake, applied to the valid fixture, and the JSON Pointers it must be reported at.
struct Mistake: Sendable, CustomTestStringConvertible {
    var name: String
    var paths: [String]
    var apply: @Sendable (inout ReferenceData) -> Void

    init(_ name: String, _ paths: [String], _ apply: @escaping @Sendable (inout ReferenceData) -> Void) {
        self.name = name
        self.paths = paths
        self.apply = apply
    }

    var testDescription: String { name }
}

@Suite struct ValidationTests {
    @Test func theSmallFixtureIsValid() {
        #expect(Fixture.reference.validate(pathPrefix: "/reference") == [])
    }

    @Test(arguments: [
        Mistake("unknown time zone", ["/timeZone"]) { $0.timeZone = "Asia/Shangai" },
        Mistake("unknown weekday key", ["/calendar/week/monday"]) { $0.calendar.week["monday"] = [] },
        Mistake("weekday key escaped as a pointer token", ["/calendar/week/a~1b~0c"]) { $0.calendar.week["a/b~c"] = [] },
        Mistake("missing weekday", ["/calendar/week"]) { $0.calendar.week["sun"] = nil },
        Mistake("period syntax", ["/calendar/week/tue/0"]) { $0.calendar.week["tue"] = ["8:30-11:30", "13:00-17:30"] },
        Mistake("period ends before it starts", ["/calendar/week/tue/1"]) { $0.calendar.week["tue"] = ["08:30-11:30", "17:30-13:00"] },
        Mistake("periods out of order", ["/calendar/week/wed/1"]) { $0.calendar.week["wed"] = ["13:00-17:30", "08:30-11:30"] },
        Mistake("overlapping periods", ["/calendar/week/thu/1"]) { $0.calendar.week["thu"] = ["08:30-12:00", "11:30-17:30"] },
        Mistake("holiday date syntax", ["/calendar/holidays/1"]) { $0.calendar.holidays[1] = "2026/10/02" },
        Mistake("date that does not exist", ["/calendar/makeUpWorkdays/0"]) { $0.calendar.makeUpWorkdays = ["2026-02-29"] },
        Mistake("date both holiday and make-up day", ["/calendar/makeUpWorkdays/1"]) { $0.calendar.makeUpWorkdays.append("2026-10-01") },
        Mistake("duplicate role id", ["/roles/6/id"]) { $0.roles.append(Role(id: "cgzf", name: "城管")) },
        Mistake("duplicate grid id", ["/grids/10/id"]) {
            $0.grids.append(Grid(id: "JD-NX-A02-G01", name: "重复", level: .unit, parent: "JD-NX-A02"))
        },
        Mistake("second district", ["/grids/10/level"]) { $0.grids.append(Grid(id: "SH", name: "上海", level: .district)) },
        Mistake("no district", ["/grids", "/grids/0/parent", "/grids/1/parent", "/grids/7/parent"]) { $0.grids[0].level = .town },
        Mistake("district with a parent", ["/grids/0/parent"]) { $0.grids[0].parent = "JD-NX" },
        Mistake("missing parent", ["/grids/6/parent"]) { $0.grids[6].parent = nil },
        Mistake("unknown parent", ["/grids/6/parent"]) { $0.grids[6].parent = "JD-NX-A09" },
        Mistake("parent at the wrong level", ["/grids/6/parent"]) { $0.grids[6].parent = "JD-NX" },
        Mistake("kind on an area grid", ["/grids/2/kind"]) { $0.grids[2].kind = .block },
        Mistake("duplicate department id", ["/departments/8/id"]) {
            $0.departments.append(Department(id: "JD-SW", name: "区水务", role: "gs", serves: "JD"))
            $0.roles.append(Role(id: "gs", name: "供水"))
        },
        Mistake("department with an unknown role", ["/departments/8/role"]) {
            $0.departments.append(Department(id: "JD-GS", name: "区供水", role: "gs", serves: "JD"))
        },
        Mistake("department serving an unknown grid", ["/departments/8/serves"]) {
            $0.departments.append(Department(id: "JD-MD-CGZF", name: "马陆城管", role: "cgzf", serves: "JD-MD"))
        },
        Mistake("two departments for one role and grid", ["/departments/8/serves"]) {
            $0.departments.append(Department(id: "JD-NX-CGZF-2", name: "南翔城管二中队", role: "cgzf", serves: "JD-NX"))
        },
        Mistake("duplicate matter id", ["/matters/3/id"]) { $0.matters.append($0.matters[0]) },
        Mistake("unknown lead role", ["/matters/0/lead"]) { $0.matters[0].lead = "cgzff" },
        Mistake("unknown co role", ["/matters/0/co/1"]) { $0.matters[0].co = ["lhsr", "jjj"] },
        Mistake("co role that is the lead", ["/matters/0/co/0"]) { $0.matters[0].co = ["cgzf", "jj"] },
        Mistake("co role listed twice", ["/matters/2/co/2"]) { $0.matters[2].co = ["fxb", "cgzf", "fxb"] },
        Mistake("no urgencies", ["/matters/1/urgencies"]) { $0.matters[1].urgencies = [:] },
        Mistake("default urgency not offered", ["/matters/1/defaultUrgency"]) { $0.matters[1].defaultUrgency = .normal },
        Mistake("non-positive limit", ["/matters/0/urgencies/normal/dispose"]) {
            $0.matters[0].urgencies[.normal]?.dispose = Limit(amount: 0, unit: .workingDays)
        },
        Mistake("lead role unresolvable for a town", ["/matters/0/lead", "/matters/2/co/1"]) {
            $0.departments.removeAll { $0.id == "JD-AT-CGZF" }
        },
        Mistake("disclosure minimum below 1", ["/evaluation/disclosureMinimum"]) { $0.evaluation.disclosureMinimum = 0 },
        Mistake("window of no days", ["/evaluation/windowDays"]) { $0.evaluation.windowDays = 0 },
        Mistake("weight above 1", ["/evaluation/basicallySatisfiedWeight"]) { $0.evaluation.basicallySatisfiedWeight = 1.5 },
        Mistake("weight not a number", ["/evaluation/basicallySatisfiedWeight"]) { $0.evaluation.basicallySatisfiedWeight = .nan },
    ])
    func reportsEachMistakeAtItsPointer(mistake: Mistake) {
        var reference = Fixture.reference
        mistake.apply(&reference)
        let issues = reference.validate(pathPrefix: "/reference")
        #expect(issues.map(\.path) == mistake.paths.map { "/reference" + $0 }, "\(issues)")
    }

    @Test func limitsInSecondsAreForTestConfigurationsOnly() throws {
        var reference = Fixture.reference
        reference.matters[0].urgencies[.normal]?.dispose = try Limit(parsing: "90 seconds")
        #expect(reference.validate().map(\.path) == ["/matters/0/urgencies/normal/dispose"])
        #expect(reference.validate(allowingSeconds: true) == [])
    }

    @Test func namesTheFirstGridThatCannotBeServed() throws {
        var reference = Fixture.reference
        reference.departments.removeAll { $0.id == "JD-AT-CGZF" }
        let issue = try #require(reference.validate().first)
        #expect(issue.path == "/matters/0/lead")
        #expect(issue.message.contains("\"JD-AT-A01\""))
        #expect(issue.description.hasPrefix("/matters/0/lead: "))
    }

    @Test func listsEveryMistakeAtOnce() {
        var reference = Fixture.reference
        reference.timeZone = "Mars/Olympus"
        reference.matters[0].lead = "nobody"
        reference.evaluation.windowDays = -1
        #expect(reference.validate().map(\.path) == ["/timeZone", "/matters/0/lead", "/evaluation/windowDays"])
    }

    @Test func messagesNameOtherPlacesUnderThePrefix() {
        var reference = Fixture.reference
        reference.roles.append(Role(id: "xf", name: "消防"))
        #expect(reference.validate(pathPrefix: "/reference").map(\.message) == ["duplicate id \"xf\" (also at /reference/roles/3)"])
    }
}
