import Foundation
import GridDomain
import GridWire
import Testing

/// Every kind of bad input gets a typed refusal naming the field or state, the services keep
/// serving, and nothing already accepted changes.
@Suite(.serialized) struct BadInputTests {
    struct Case: CustomStringConvertible {
        var name: String
        var frames: [Data]
        var status: ReplyStatus
        var code: String
        var at: String?
        var description: String { name }

        init(_ name: String, _ json: String, _ status: ReplyStatus, _ code: String, at: String? = nil) {
            self.init(name, frames: [Data(), Data(json.utf8)], status, code, at: at)
        }

        init(_ name: String, frames: [Data], _ status: ReplyStatus, _ code: String, at: String? = nil) {
            self.name = name
            self.frames = frames
            self.status = status
            self.code = code
            self.at = at
        }
    }

    static let grid = "grid:JD-NX-A01-G01-M01"

    static func raise(_ key: String, as principal: String? = grid, body: String) -> String {
        let stated = principal.map { #","as":"\#($0)""# } ?? ""
        return #"{"v":1,"cmd":"raise","key":"\#(key)"\#(stated),"body":\#(body)}"#
    }

    static let whistleCases: [Case] = [
        Case("one frame, no delimiter", frames: [Data("{}".utf8)], .badRequest, "bad_frames"),
        Case("extra frame", frames: [Data(), Data("{}".utf8), Data("{}".utf8)], .badRequest, "bad_frames"),
        Case("malformed JSON", "{\"v\":1,", .badRequest, "malformed_json", at: ""),
        Case("invalid UTF-8", frames: [Data(), Data([0x7b, 0xff, 0xfe, 0x7d])], .badRequest, "malformed_json"),
        Case("not an object", "[1,2,3]", .badRequest, "not_an_object"),
        Case("oversized", raise("big", body: #"{"matter":"muck-truck","description":"\#(String(repeating: "渣", count: 30_000))","location":""}"#),
             .badRequest, "too_large"),
        Case("unknown version", #"{"v":2,"cmd":"raise","key":"k","body":{}}"#, .badRequest, "unsupported_version", at: "/v"),
        Case("missing cmd", #"{"v":1,"key":"k","body":{}}"#, .badRequest, "missing_field", at: "/cmd"),
        Case("cmd of the wrong type", #"{"v":1,"cmd":5,"body":{}}"#, .badRequest, "wrong_type", at: "/cmd"),
        Case("unknown command", #"{"v":1,"cmd":"teleport","key":"k","body":{}}"#, .badRequest, "unknown_command", at: "/cmd"),
        Case("empty key", #"{"v":1,"cmd":"raise","key":"","body":{}}"#, .badRequest, "invalid_value", at: "/key"),
        Case("missing key", #"{"v":1,"cmd":"raise","as":"grid:JD-NX-A01-G01-M01","body":{"matter":"muck-truck","description":"x","location":""}}"#,
             .badRequest, "missing_field", at: "/key"),
        Case("body not an object", raise("b1", body: "5"), .badRequest, "wrong_type", at: "/body"),
        Case("missing matter", raise("m1", body: #"{"description":"x","location":""}"#), .badRequest, "missing_field", at: "/body/matter"),
        Case("description of the wrong type", raise("m2", body: #"{"matter":"muck-truck","description":7,"location":""}"#),
             .badRequest, "wrong_type", at: "/body/description"),
        Case("empty description", raise("m3", body: #"{"matter":"muck-truck","description":"  ","location":""}"#),
             .badRequest, "invalid_value", at: "/body/description"),
        Case("unknown matter", raise("m4", body: #"{"matter":"alien-landing","description":"x","location":""}"#),
             .badRequest, "unknown_matter", at: "/body/matter"),
        Case("urgency the matter does not allow", raise("m5", body: #"{"matter":"muck-truck","urgency":"complex","description":"x","location":""}"#),
             .badRequest, "urgency_not_allowed", at: "/body/urgency"),
        Case("urgency that does not exist", raise("m6", body: #"{"matter":"muck-truck","urgency":"extreme","description":"x","location":""}"#),
             .badRequest, "invalid_value", at: "/body/urgency"),
        Case("unknown grid", raise("m7", as: "grid:JD-NX-A99", body: #"{"matter":"muck-truck","description":"x","location":""}"#),
             .forbidden, "unknown_principal", at: "/as"),
        Case("a town cannot raise", raise("m8", as: "grid:JD-NX", body: #"{"matter":"muck-truck","description":"x","location":""}"#),
             .forbidden, "grid_cannot_raise", at: "/as"),
        Case("a department cannot raise", raise("m9", as: "dept:JD-NX-CGZF", body: #"{"matter":"muck-truck","description":"x","location":""}"#),
             .forbidden, "not_permitted", at: "/as"),
        Case("raising for another grid", raise("m10", body: #"{"matter":"muck-truck","description":"x","location":"","grid":"JD-AT-A01-G01-M01"}"#),
             .forbidden, "not_permitted", at: "/as"),
        Case("no principal", raise("m11", as: nil, body: #"{"matter":"muck-truck","description":"x","location":""}"#),
             .forbidden, "principal_required", at: "/as"),
        Case("a principal that is not kind:id", raise("m12", as: "nobody", body: #"{"matter":"muck-truck","description":"x","location":""}"#),
             .badRequest, "invalid_value", at: "/as"),
        Case("too much evidence", raise("m13", body: #"{"matter":"muck-truck","description":"x","location":"","evidence":[\#(Array(repeating: "\"p\"", count: 21).joined(separator: ","))]}"#),
             .badRequest, "invalid_value", at: "/body/evidence"),
        Case("unknown whistle", #"{"v":1,"cmd":"whistle","body":{"whistle":"W0-404"}}"#, .notFound, "unknown_whistle", at: "/body/whistle"),
        Case("replay of another stream", #"{"v":1,"cmd":"replay","body":{"stream":"response","after":0}}"#,
             .badRequest, "invalid_value", at: "/body/stream"),
        Case("replay from a negative sequence", #"{"v":1,"cmd":"replay","body":{"stream":"whistle","after":-1}}"#,
             .badRequest, "invalid_value", at: "/body/after"),
        Case("clock control without --test-clock", #"{"v":1,"cmd":"clock.set","body":{"time":"2026-12-01T09:00:00+08:00"}}"#,
             .badRequest, "unknown_command", at: "/cmd"),
    ]

    @Test func whistleServiceRefusesEachBadRequestWithItsTypedErrorAndKeepsServing() throws {
        let cluster = try Cluster()
        try cluster.start([.whistle])
        let client = try RawClient(cluster.config.endpoints.whistle.router)
        for bad in Self.whistleCases {
            let reply = try #require(try client.exchange(bad.frames), "\(bad.name): no reply")
            #expect(reply.head.status == bad.status, "\(bad.name)")
            #expect(reply.head.error?.code == bad.code, "\(bad.name): \(String(decoding: reply.bytes, as: UTF8.self))")
            if let at = bad.at { #expect(reply.head.error?.at == at, "\(bad.name)") }
        }
        // Nothing was accepted: the first whistle raised now is number 1.
        let (_, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", Self.grid, "raise", "--matter", "muck-truck", "--description", "x"])
        #expect(accepted?.whistle.hasSuffix("-000001") == true)
        #expect(cluster.stop(.whistle) == 0)
    }

    @Test func anIdempotencyKeyGivesTheSameAnswerOnRetryAndRefusesADifferentRequest() throws {
        let cluster = try Cluster()
        try cluster.start([.whistle])
        let client = try RawClient(cluster.config.endpoints.whistle.router)
        let body = #"{"matter":"exposed-garbage","description":"垃圾桶满溢","location":"人民街"}"#
        let first = try #require(try client.request(Self.raise("same-key", body: body)))
        let again = try #require(try client.request(Self.raise("same-key", body: body)))
        #expect(first.head.status == .ok)
        #expect(again.bytes == first.bytes, "a retry gets exactly the remembered reply")
        let other = try #require(try client.request(Self.raise("same-key", body: #"{"matter":"exposed-garbage","description":"另一处","location":""}"#)))
        #expect(other.head.error?.code == "key_reused")
        #expect(other.head.error?.at == "/key")
        // The same key from another principal is another command.
        let otherGrid = try #require(try client.request(Self.raise("same-key", as: "grid:JD-NX-A01-G02-M01", body: body)))
        #expect(otherGrid.head.status == .ok)
        #expect(try otherGrid.body(WhistleAccepted.self).whistle.hasSuffix("-000002"))
        #expect(cluster.stop(.whistle) == 0)
    }

    @Test func commandsInTheWrongStateOrFromTheWrongPartyAreRefused() throws {
        let cluster = try Cluster()
        try cluster.start()
        let (_, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", Self.grid, "raise", "--matter", "hydrant-damage", "--description", "消火栓被车辆遮挡"])
        let whistle = try #require(accepted).whistle
        let lead = try #require(accepted).lead
        let routedToLead = try eventually {
            try cluster.gridctlJSON(Inbox.self, ["--as", "dept:\(lead)", "inbox"]).1?.tasks.isEmpty == false
        }
        #expect(routedToLead)
        func refusal(_ arguments: [String]) throws -> Refusal? { try cluster.gridctlRefusal(arguments) }
        let wrongState = Refusal(.conflict, "wrong_state", at: "/body/whistle")
        #expect(try refusal(["--as", "dept:JD-AT-CGZF", "sign", whistle]) == Refusal(.forbidden, "not_routed_to_you", at: "/body/whistle"))
        #expect(try refusal(["--as", "dept:\(lead)", "sign", "W0-404"]) == Refusal(.notFound, "unknown_whistle", at: "/body/whistle"))
        #expect(try refusal(["--as", "dept:\(lead)", "report", whistle, "--summary", "done"]) == wrongState)
        #expect(try refusal(["--as", "dept:\(lead)", "report", whistle, "--summary", " "]) == Refusal(.badRequest, "invalid_value", at: "/body/summary"))
        #expect(try refusal(["--as", "centre:JD-NX", "inbox", "--department", "JD-NOPE"]) == Refusal(.notFound, "unknown_department", at: "/body/department"))
        #expect(try refusal(["--as", "dept:\(lead)", "inbox", "--department", "JD-AT-CGZF"]) == Refusal(.forbidden, "not_permitted", at: "/as"))
        #expect(try refusal(["--as", Self.grid, "evaluate", whistle, "--solved", "yes", "--satisfaction", "satisfied"]) == wrongState)
        #expect(try refusal(["--as", "grid:JD-AT-A01-G01-M01", "evaluate", whistle, "--solved", "yes", "--satisfaction", "satisfied"]) == Refusal(.forbidden, "not_raising_grid", at: "/as"))
        #expect(try refusal(["--as", "district:JD", "assessment", "--period", "2026-13"]) == Refusal(.badRequest, "invalid_value", at: "/body/period"))
        #expect(try refusal(["--as", "grid:JD-AT-A01-G01-M01", "timeline", whistle]) == Refusal(.forbidden, "not_permitted", at: "/as"))

        #expect(try cluster.gridctl(["--as", "dept:\(lead)", "sign", whistle]).status == 0)
        #expect(try refusal(["--as", "dept:\(lead)", "sign", whistle]) == wrongState, "already signed for")
        #expect(try refusal(["--as", "dept:\(lead)", "report", whistle, "--summary", "已挪车"]) == Refusal(.conflict, "co_pending", at: "/body/whistle"),
                "the lead reports after its co-departments")
        for co in try #require(accepted).co {
            #expect(try cluster.gridctl(["--as", "dept:\(co)", "sign", whistle]).status == 0)
            #expect(try cluster.gridctl(["--as", "dept:\(co)", "report", whistle, "--summary", "已检查"]).status == 0)
        }
        #expect(try cluster.gridctl(["--as", "dept:\(lead)", "report", whistle, "--summary", "已挪车"]).status == 0)
        let reported = try eventually {
            try cluster.gridctlJSON(Timeline.self, ["--as", Self.grid, "timeline", whistle]).1?.phase == .reported
        }
        #expect(reported)
        #expect(try refusal(["--as", Self.grid, "evaluate", whistle, "--solved", "no", "--satisfaction", "dissatisfied", "--redo", "JD-NOPE"]) == Refusal(.notFound, "unknown_department", at: "/body/redo/0"))
        #expect(try cluster.gridctl(["--as", Self.grid, "evaluate", whistle, "--solved", "yes", "--satisfaction", "satisfied"]).status == 0)
        #expect(try refusal(["--as", Self.grid, "evaluate", whistle, "--solved", "yes", "--satisfaction", "satisfied"]) == Refusal(.conflict, "already_evaluated", at: "/body/whistle"))
        let closedForResponse = try eventually {
            try cluster.gridctlJSON(Inbox.self, ["--as", "dept:\(lead)", "inbox", "--all"]).1?.tasks
                .first { $0.whistle == whistle }?.state == .closed
        }
        #expect(closedForResponse, "ResponseService applied the closure")
        #expect(try refusal(["--as", "dept:\(lead)", "sign", whistle]) == wrongState, "signing for a closed whistle is refused")

        let (_, status) = try cluster.gridctlJSON(ServiceStatus.self, ["status", "evaluation"])
        #expect(status?.state == .ok)
        for (service, code) in cluster.stopAll() { #expect(code == 0, "\(service.rawValue)") }
    }

    @Test func aStatedPrincipalIsRefusedWithoutTheDevelopmentFlag() throws {
        let cluster = try Cluster()
        try cluster.start([.whistle], extra: ["--no-dev"])
        let refusal = try cluster.gridctlRefusal(["--as", Self.grid, "raise", "--matter", "muck-truck", "--description", "x"])
        #expect(refusal == Refusal(.forbidden, "principal_not_allowed", at: "/as"))
        #expect(cluster.stop(.whistle) == 0)
    }

    @Test func theDevelopmentFlagIsRefusedOnANonLoopbackEndpoint() throws {
        let cluster = try Cluster()
        var config = cluster.config
        config.endpoints.whistle.router = "tcp://0.0.0.0:7399"
        let path = cluster.directory.appendingPathComponent("open.json").path
        try JSONCoding.encode(config).write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = Cluster.binDirectory.appendingPathComponent("WhistleService")
        process.arguments = ["--config", path, "--data", cluster.directory.path, "--dev-principals"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 78)
    }

    /// An endpoint that leaves the host, bound (WhistleService's PUB) or connected to (by
    /// ResponseService, which consumes the whistle stream): each refuses to start, naming it.
    @Test(arguments: ["tcp://0.0.0.0:7399", "tcp://*:7399", "tcp://[::]:7399", "tcp://eth0:7399", "tcp://192.0.2.7:7399",
                      "tcp://127.evil.example:7399"])
    func aPlaintextEndpointThatLeavesTheHostIsRefusedAtStart(endpoint: String) throws {
        let cluster = try Cluster()
        var config = cluster.config
        config.endpoints.whistle.pub = endpoint
        let path = cluster.directory.appendingPathComponent("open.json").path
        try JSONCoding.encode(config).write(to: URL(fileURLWithPath: path))
        for service in ["WhistleService", "ResponseService"] {
            let child = try ChildLines(service, ["--config", path, "--data", cluster.directory.path], standardError: true)
            #expect(child.exitStatus(within: 20) == 78, "\(service)")
            #expect(eventually { child.all.contains { $0.contains(endpoint) && $0.contains("plaintext ZeroMQ is refused") } },
                    "\(service): \(child.all)")
        }
    }

    @Test func aBrokenConfigurationListsEveryMistakeWithItsPointer() throws {
        let cluster = try Cluster()
        var config = cluster.config
        config.endpoints.response.pub = "carrier-pigeon://roof"
        config.limits.replayBatch = 0
        config.reference.departments[0].serves = "JD-NOWHERE"
        config.reference.response.towns["JD-AT"]?.levelDeadlines?[2] = Limit(amount: 90, unit: .seconds)
        let path = cluster.directory.appendingPathComponent("broken.json").path
        try JSONCoding.encode(config).write(to: URL(fileURLWithPath: path))
        let valid = try cluster.gridctl(["check", "--json"])
        #expect(valid.status == 0, "\(valid)")
        #expect(try JSONCoding.decode([ValidationIssue].self, from: Data(valid.stdout.utf8)).isEmpty)
        let result = try cluster.gridctl(["--config", path, "check", "--json"])
        #expect(result.status == 78)
        let issues = try JSONCoding.decode([ValidationIssue].self, from: Data(result.stdout.utf8))
        let paths = Set(issues.map(\.path))
        #expect(paths.isSuperset(of: ["/endpoints/response/pub", "/limits/replayBatch", "/reference/departments/0/serves",
                                      "/reference/response/towns/JD-AT/levelDeadlines/2"]), "\(result)")
    }
}
