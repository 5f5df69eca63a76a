import Foundation
import GridDomain
import Testing

@Suite struct ReferenceCodingTests {
    /// The example of the schema document.
    static let schemaExample = #"""
        {
          "timeZone": "Asia/Shanghai",
          "calendar": {
            "week": {
              "mon": ["08:30-11:30", "13:00-17:30"], "tue": ["08:30-11:30", "13:00-17:30"],
              "wed": ["08:30-11:30", "13:00-17:30"], "thu": ["08:30-11:30", "13:00-17:30"],
              "fri": ["08:30-11:30", "13:00-17:30"], "sat": [], "sun": []
            },
            "holidays": ["2026-10-01", "2026-10-02"],
            "makeUpWorkdays": ["2026-09-27"]
          },
          "roles": [ {"id": "cgzf", "name": "城管执法"} ],
          "grids": [
            {"id": "JD", "name": "嘉定区", "level": "district"},
            {"id": "JD-NX", "name": "南翔镇", "level": "town", "parent": "JD",
             "chief": {"name": "王建国", "contact": "nx-chief"}},
            {"id": "JD-NX-A01", "name": "南翔老街片区", "level": "area", "parent": "JD-NX",
             "chief": {"name": "…", "contact": "…"}, "deputy": {"name": "…", "contact": "…"}},
            {"id": "JD-NX-A01-G01", "name": "古猗园路段网格", "level": "unit", "kind": "road", "parent": "JD-NX-A01",
             "chief": {"name": "…", "contact": "…"},
             "workers": [{"name": "…", "contact": "…", "role": "full-time"}, {"name": "…", "contact": "…", "role": "operations"}]},
            {"id": "JD-NX-A01-G01-M01", "name": "…小微网格", "level": "micro", "parent": "JD-NX-A01-G01",
             "chief": {"name": "…", "contact": "…"}}
          ],
          "departments": [
            {"id": "JD-NX-CGZF", "name": "南翔城管执法中队", "role": "cgzf", "serves": "JD-NX"},
            {"id": "JD-LHSR", "name": "区绿化市容局", "role": "lhsr", "serves": "JD"},
            {"id": "JD-NX-A01-XF", "name": "南翔老街消防站", "role": "xf", "serves": "JD-NX-A01"}
          ],
          "matters": [
            {"id": "muck-truck", "name": "渣土车违规（撒漏/违规路线/无证）", "scenario": "渣土管理",
             "lead": "cgzf", "co": ["lhsr", "jj"], "defaultUrgency": "urgent", "storm": false,
             "urgencies": {
                "urgent": {"signFor": "30 minutes", "arrive": "2 hours", "dispose": "1 working day"}
             }}
          ],
          "evaluation": {"disclosureMinimum": 5, "windowDays": 7, "basicallySatisfiedWeight": 1.0}
        }
        """#

    private func decode(_ json: String) throws -> ReferenceData {
        try JSONDecoder().decode(ReferenceData.self, from: Data(json.utf8))
    }

    @Test func decodesTheSchemaExample() throws {
        let reference = try decode(Self.schemaExample)
        #expect(reference.grids.count == 5)
        #expect(reference.grids[3].kind == .road)
        #expect(reference.grids[3].workers.map(\.role) == [.fullTime, .operations])
        #expect(reference.grids[4].workers.isEmpty)
        #expect(reference.grids[0].parent == nil)
        let matter = try #require(reference.matters.first)
        #expect(matter.co == ["lhsr", "jj"])
        #expect(matter.urgencies[.urgent]?.dispose == Limit(amount: 1, unit: .workingDays))
        #expect(matter.allowedUrgencies == [.urgent])
    }

    @Test func theSchemaExampleNamesRolesItDoesNotDefine() throws {
        let paths = try decode(Self.schemaExample).validate(pathPrefix: "/reference").map(\.path)
        #expect(paths.contains("/reference/departments/1/role"))
        #expect(paths.contains("/reference/matters/0/co/0"))
    }

    @Test func missingOptionalListsReadAsEmpty() throws {
        let json = #"{"id": "m", "name": "n", "lead": "cgzf", "defaultUrgency": "normal", "urgencies": {"normal": {"signFor": "1 hour", "dispose": "5 working days"}}}"#
        let matter = try JSONDecoder().decode(Matter.self, from: Data(json.utf8))
        #expect(matter.co.isEmpty)
        #expect(!matter.storm)
        #expect(matter.scenario == nil)
        let calendar = try JSONDecoder().decode(CalendarSpec.self, from: Data(#"{"week": {"mon": []}}"#.utf8))
        #expect(calendar.holidays.isEmpty && calendar.makeUpWorkdays.isEmpty)
    }

    @Test func roundTripsThroughJSON() throws {
        let data = try JSONEncoder().encode(Fixture.reference)
        #expect(try JSONDecoder().decode(ReferenceData.self, from: data) == Fixture.reference)
    }

    @Test func anUnknownUrgencyKeyIsDataCorruptedAtThatKey() throws {
        let json = Self.schemaExample.replacingOccurrences(of: #""urgent": {"signFor""#, with: #""asap": {"signFor""#)
        let context = try corruption(json)
        #expect(context.codingPath.map(\.stringValue).suffix(2) == ["urgencies", "asap"])
    }

    @Test func aBadLimitIsDataCorruptedAtThatLimit() throws {
        let json = Self.schemaExample.replacingOccurrences(of: "\"2 hours\"", with: "\"2 hrs\"")
        let context = try corruption(json)
        #expect(context.codingPath.map(\.stringValue).suffix(3) == ["urgencies", "urgent", "arrive"])
        #expect(context.codingPath.first?.stringValue == "matters")
        #expect(context.debugDescription.contains("2 hrs"))
    }

    private func corruption(_ json: String) throws -> DecodingError.Context {
        let error = try #require(throws: DecodingError.self) { try decode(json) }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(error)")
            return DecodingError.Context(codingPath: [], debugDescription: "")
        }
        return context
    }
}
