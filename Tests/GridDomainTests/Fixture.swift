import Foundation
import GridDomain

/// A small valid reference: two towns (南翔, 安亭) of 嘉定, a few areas and grids, district and
/// town departments, and three matters.
enum Fixture {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai") ?? .gmt

    static let calendarSpec = CalendarSpec(
        week: [
            "mon": ["08:30-11:30", "13:00-17:30"], "tue": ["08:30-11:30", "13:00-17:30"],
            "wed": ["08:30-11:30", "13:00-17:30"], "thu": ["08:30-11:30", "13:00-17:30"],
            "fri": ["08:30-11:30", "13:00-17:30"], "sat": [], "sun": [],
        ],
        holidays: ["2026-10-01", "2026-10-02"],
        makeUpWorkdays: ["2026-09-27"])

    static func calendar(_ spec: CalendarSpec = calendarSpec) throws -> WorkingCalendar {
        try WorkingCalendar(spec, timeZone: shanghai)
    }

    /// "2026-09-04 16:00" in Asia/Shanghai.
    static func at(_ text: String) -> Date {
        let numbers = text.split(whereSeparator: { "- :".contains($0) }).map { Int($0) ?? 0 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = shanghai
        let components = DateComponents(
            year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers[3], minute: numbers[4])
        return calendar.date(from: components) ?? .distantPast
    }

    static func limit(_ text: String) -> Limit {
        (try? Limit(parsing: text)) ?? Limit(amount: 0, unit: .minutes)
    }

    static let grids: [Grid] = [
        Grid(id: "JD", name: "嘉定区", level: .district),
        Grid(id: "JD-NX", name: "南翔镇", level: .town, parent: "JD",
            chief: Person(name: "王建国", contact: "nx-chief")),
        Grid(id: "JD-NX-A01", name: "南翔老街片区", level: .area, parent: "JD-NX",
            chief: Person(name: "李明", contact: "nx-a01-chief"), deputy: Person(name: "张华", contact: "nx-a01-deputy")),
        Grid(id: "JD-NX-A01-G01", name: "古猗园路段网格", level: .unit, parent: "JD-NX-A01", kind: .road,
            chief: Person(name: "陈静", contact: "nx-a01-g01"),
            workers: [Person(name: "周强", contact: "w1", role: .fullTime), Person(name: "吴磊", contact: "w2", role: .operations)]),
        Grid(id: "JD-NX-A01-G01-M01", name: "古猗园路小微网格", level: .micro, parent: "JD-NX-A01-G01",
            chief: Person(name: "郑芳", contact: "m01")),
        Grid(id: "JD-NX-A02", name: "南翔东片区", level: .area, parent: "JD-NX"),
        Grid(id: "JD-NX-A02-G01", name: "东社区网格", level: .unit, parent: "JD-NX-A02", kind: .block),
        Grid(id: "JD-AT", name: "安亭镇", level: .town, parent: "JD"),
        Grid(id: "JD-AT-A01", name: "安亭汽车城片区", level: .area, parent: "JD-AT"),
        Grid(id: "JD-AT-A01-G01", name: "汽车城园区网格", level: .unit, parent: "JD-AT-A01", kind: .park),
    ]

    static let roles: [Role] = [
        Role(id: "cgzf", name: "城管执法"), Role(id: "lhsr", name: "绿化市容"), Role(id: "jj", name: "交警"),
        Role(id: "xf", name: "消防"), Role(id: "sw", name: "水务"), Role(id: "fxb", name: "防汛办"),
    ]

    static let departments: [Department] = [
        Department(id: "JD-NX-CGZF", name: "南翔城管执法中队", role: "cgzf", serves: "JD-NX"),
        Department(id: "JD-AT-CGZF", name: "安亭城管执法中队", role: "cgzf", serves: "JD-AT"),
        Department(id: "JD-LHSR", name: "区绿化市容局", role: "lhsr", serves: "JD"),
        Department(id: "JD-JJ", name: "区交警支队", role: "jj", serves: "JD"),
        Department(id: "JD-XF", name: "区消防救援支队", role: "xf", serves: "JD"),
        Department(id: "JD-NX-A01-XF", name: "南翔老街消防站", role: "xf", serves: "JD-NX-A01"),
        Department(id: "JD-SW", name: "区水务局", role: "sw", serves: "JD"),
        Department(id: "JD-FXB", name: "区防汛办", role: "fxb", serves: "JD"),
    ]

    static let matters: [Matter] = [
        Matter(
            id: "muck-truck", name: "渣土车违规（撒漏/违规路线/无证）", scenario: "渣土管理", lead: "cgzf", co: ["lhsr", "jj"],
            defaultUrgency: .urgent,
            urgencies: [
                .urgent: StepLimits(signFor: limit("30 minutes"), arrive: limit("2 hours"), dispose: limit("1 working day")),
                .normal: StepLimits(signFor: limit("1 hour"), dispose: limit("3 working days")),
            ]),
        Matter(
            id: "hydrant-alarm", name: "智能消火栓告警", scenario: "智能消火栓", lead: "xf", co: ["sw"], defaultUrgency: .urgent,
            urgencies: [.urgent: StepLimits(signFor: limit("10 minutes"), arrive: limit("30 minutes"), dispose: limit("4 working hours"))]),
        Matter(
            id: "waterlogging", name: "道路积水", scenario: "防汛防台", lead: "sw", co: ["fxb", "cgzf"], defaultUrgency: .urgent,
            storm: true,
            urgencies: [.urgent: StepLimits(signFor: limit("30 minutes"), arrive: limit("1 hour"), dispose: limit("4 hours"))]),
    ]

    static let reference = ReferenceData(
        timeZone: "Asia/Shanghai", calendar: calendarSpec, roles: roles, grids: grids, departments: departments,
        matters: matters,
        evaluation: EvaluationPolicy(disclosureMinimum: 5, windowDays: 7, basicallySatisfiedWeight: 1.0))
}
