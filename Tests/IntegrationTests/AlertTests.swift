import Foundation
import GridWire
import Testing

/// 防汛防台 — weather alerts on WhistleService: who declares and lifts them, what the whistle
/// stream announces, what `status` and the heartbeat show, and that they outlive a restart.
@Suite(.serialized) struct AlertTests {
    /// Friday 2026-12-04 16:00 in Shanghai: alert ids carry 20261204.
    static let start = "2026-12-04T16:00:00+08:00"
    static let declaredAt = Instant(Timestamp.parse(start)!)
    static let district = Principal(.district, "JD")
    static let nanxiang = Principal(.centre, "JD-NX")
    static let anting = Principal(.centre, "JD-AT")

    /// Sends one request to WhistleService's ROUTER and returns its reply.
    static func send(_ client: RawClient, _ cmd: String, key: String?, as principal: Principal?,
                     _ body: [String: Any]) throws -> ReceivedReply {
        var request: [String: Any] = ["v": 1, "cmd": cmd, "body": body]
        if let key { request["key"] = key }
        if let principal { request["as"] = principal.description }
        let bytes = try JSONSerialization.data(withJSONObject: request)
        return try #require(try client.request(String(decoding: bytes, as: UTF8.self)), "no reply to \(cmd)")
    }

    /// The member names of the reply's body or the event's data: what a client reads.
    static func members(_ bytes: Data, of part: String) throws -> Set<String> {
        let object = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
        return Set(try #require(object[part] as? [String: Any]).keys)
    }

    static func status(_ client: RawClient) throws -> ServiceStatus {
        try send(client, "status", key: nil, as: nil, [:]).body(ServiceStatus.self)
    }

    @Test func alertsAreDeclaredAnnouncedShownInStatusLiftedAndKeptOverARestart() throws {
        let cluster = try Cluster(testClock: Self.start)
        try cluster.start([.whistle])
        let events = try Subscriber(cluster.config.endpoints.whistle.pub, topics: ["whistle.alert.", "status.whistle."])
        #expect(try events.next("status.whistle.") != nil, "subscribed before anything is declared")
        let client = try RawClient(cluster.config.endpoints.whistle.router)
        #expect(try Self.status(client).alerts == [], "WhistleService shows its alerts, none yet")

        // The district, for the whole district: no town anywhere.
        let whole = try Self.send(client, "alert.declare", key: "typhoon", as: Self.district, ["reason": "台风“烟花”橙色预警"])
        let wholeView = AlertView(alert: "A20261204-000001", town: nil, reason: "台风“烟花”橙色预警",
                                  declaredBy: Self.district, declaredAt: Self.declaredAt)
        #expect(try whole.body(AlertView.self) == wholeView)
        #expect(try Self.members(whole.bytes, of: "body") == ["alert", "reason", "declaredBy", "declaredAt"])
        let declared = try #require(try events.next("whistle.alert."))
        #expect(declared.topic == "whistle.alert.declared.")
        #expect(declared.event.head.type == "alert.declared")
        #expect(declared.event.head.time == Self.declaredAt)
        #expect(try declared.event.payload(AlertDeclared.self)
            == AlertDeclared(alert: "A20261204-000001", town: nil, reason: "台风“烟花”橙色预警", declaredBy: Self.district))
        #expect(try Self.members(declared.event.bytes, of: "data") == ["alert", "reason", "declaredBy"])

        // A centre for its own town, naming none; the district for a town; and a second alert on
        // a town that already has one: each is its own alert.
        let own = try Self.send(client, "alert.declare", key: "rain", as: Self.nanxiang, ["reason": "暴雨蓝色预警"])
        #expect(try own.body(AlertView.self).town == "JD-NX")
        let ownEvent = try #require(try events.next("whistle.alert."))
        #expect(try ownEvent.event.payload(AlertDeclared.self)
            == AlertDeclared(alert: "A20261204-000002", town: "JD-NX", reason: "暴雨蓝色预警", declaredBy: Self.nanxiang))
        #expect(ownEvent.event.head.seq == declared.event.head.seq + 1)
        let forAnting = try Self.send(client, "alert.declare", key: "tide", as: Self.district, ["town": "JD-AT", "reason": "天文大潮"])
        #expect(try forAnting.body(AlertView.self).alert == "A20261204-000003")
        let again = try Self.send(client, "alert.declare", key: "rain-2", as: Self.nanxiang, ["town": "JD-NX", "reason": "暴雨黄色预警"])
        #expect(try again.body(AlertView.self).alert == "A20261204-000004")
        let declaredIds = try (0..<2).map { _ in try #require(try events.next("whistle.alert.")).event.payload(AlertDeclared.self).alert }
        #expect(declaredIds == ["A20261204-000003", "A20261204-000004"])
        #expect(try Self.status(client).alerts?.map(\.alert)
            == ["A20261204-000001", "A20261204-000002", "A20261204-000003", "A20261204-000004"])

        // The town's centre lifts its first alert; the district lifts 安亭's.
        let lifted = try Self.send(client, "alert.lift", key: "rain-over", as: Self.nanxiang, ["alert": "A20261204-000002"])
        #expect(try lifted.body(AlertView.self) == AlertView(
            alert: "A20261204-000002", town: "JD-NX", reason: "暴雨蓝色预警", declaredBy: Self.nanxiang,
            declaredAt: Self.declaredAt, liftedBy: Self.nanxiang, liftedAt: Self.declaredAt))
        let liftedEvent = try #require(try events.next("whistle.alert."))
        #expect(liftedEvent.topic == "whistle.alert.lifted.")
        #expect(liftedEvent.event.head.type == "alert.lifted")
        #expect(try liftedEvent.event.payload(AlertLifted.self)
            == AlertLifted(alert: "A20261204-000002", town: "JD-NX", liftedBy: Self.nanxiang))
        #expect(try Self.members(liftedEvent.event.bytes, of: "data") == ["alert", "town", "liftedBy"])
        let byDistrict = try Self.send(client, "alert.lift", key: "tide-over", as: Self.district, ["alert": "A20261204-000003"])
        #expect(try byDistrict.body(AlertView.self).liftedBy == Self.district)
        let districtLift = try #require(try events.next("whistle.alert."))
        #expect(try districtLift.event.payload(AlertLifted.self)
            == AlertLifted(alert: "A20261204-000003", town: "JD-AT", liftedBy: Self.district))

        // The query and the heartbeat both drop what was lifted.
        let inForce = ["A20261204-000001", "A20261204-000004"]
        let status = try Self.status(client)
        #expect(status.alerts?.map(\.alert) == inForce)
        #expect(status.alerts?.first == wholeView)
        let heartbeat = try firstValue { () -> ServiceStatus? in
            guard let (_, event) = try events.next("status.whistle."), event.head.seq >= districtLift.event.head.seq else { return nil }
            return try event.payload(ServiceStatus.self)
        }
        #expect(heartbeat?.alerts == status.alerts)

        // After a restart the alerts in force are read back, and numbering goes on.
        #expect(cluster.stop(.whistle) == 0)
        try cluster.start([.whistle])
        let restarted = try RawClient(cluster.config.endpoints.whistle.router)
        #expect(try Self.status(restarted).alerts == status.alerts)
        let next = try Self.send(restarted, "alert.declare", key: "after", as: Self.district, ["town": "JD-ML", "reason": "大风"])
        #expect(try next.body(AlertView.self).alert == "A20261204-000005")
        #expect(cluster.stop(.whistle) == 0)
    }

    @Test func onlyTheDistrictAndATownsCentreActAndEveryMistakeIsRefusedByItsCode() throws {
        let cluster = try Cluster(testClock: Self.start)
        try cluster.start([.whistle])
        let client = try RawClient(cluster.config.endpoints.whistle.router)
        let whole = try Self.send(client, "alert.declare", key: "whole", as: Self.district, ["reason": "寒潮"])
        let nanxiangAlert = try Self.send(client, "alert.declare", key: "nx", as: Self.nanxiang, ["reason": "内涝"])
        #expect(try whole.body(AlertView.self).alert == "A20261204-000001")
        #expect(try nanxiangAlert.body(AlertView.self).alert == "A20261204-000002")
        let head = try Self.status(client).head

        func refusal(_ cmd: String, as principal: Principal?, _ body: [String: Any]) throws -> Refusal? {
            let reply = try Self.send(client, cmd, key: "bad-\(UUID().uuidString)", as: principal, body)
            return reply.head.error.map { Refusal(reply.head.status, $0.code, at: $0.at) }
        }
        let notPermitted = Refusal(.forbidden, "not_permitted", at: "/as")
        let badReason = Refusal(.badRequest, "invalid_value", at: "/body/reason")
        #expect(try refusal("alert.declare", as: Self.nanxiang, ["town": "JD-AT", "reason": "x"]) == notPermitted)
        #expect(try refusal("alert.declare", as: Principal(.dept, "JD-NX-CGZF"), ["reason": "x"]) == notPermitted)
        #expect(try refusal("alert.declare", as: Principal(.grid, "JD-NX-A01-G01-M01"), ["reason": "x"]) == notPermitted)
        #expect(try refusal("alert.declare", as: Principal(.observer, "dashboard"), ["reason": "x"]) == notPermitted)
        #expect(try refusal("alert.declare", as: nil, ["reason": "x"]) == Refusal(.forbidden, "principal_required", at: "/as"))
        #expect(try refusal("alert.declare", as: Self.district, ["town": "JD-NOPE", "reason": "x"])
            == Refusal(.notFound, "unknown_town", at: "/body/town"))
        #expect(try refusal("alert.declare", as: Self.district, ["town": "JD-NX-A01", "reason": "x"])
            == Refusal(.notFound, "unknown_town", at: "/body/town"), "an area is not a town")
        #expect(try refusal("alert.declare", as: Self.district, ["town": "JD", "reason": "x"])
            == Refusal(.notFound, "unknown_town", at: "/body/town"), "the district is not a town: leave town out")
        #expect(try refusal("alert.declare", as: Self.nanxiang, ["town": "", "reason": "x"])
            == Refusal(.notFound, "unknown_town", at: "/body/town"), "an empty town is no town, not another one")
        #expect(try refusal("alert.declare", as: Self.district, ["reason": " \n\t"]) == badReason)
        #expect(try refusal("alert.declare", as: Self.district, ["reason": String(repeating: "雨", count: 501)]) == badReason)
        #expect(try refusal("alert.declare", as: Self.district, [:]) == Refusal(.badRequest, "missing_field", at: "/body/reason"))
        #expect(try refusal("alert.declare", as: Self.district, ["reason": 7]) == Refusal(.badRequest, "wrong_type", at: "/body/reason"))

        #expect(try refusal("alert.lift", as: Self.nanxiang, ["alert": "A20261204-000001"]) == notPermitted, "a district-wide alert")
        #expect(try refusal("alert.lift", as: Self.anting, ["alert": "A20261204-000002"]) == notPermitted, "another town's")
        #expect(try refusal("alert.lift", as: Principal(.dept, "JD-NX-CGZF"), ["alert": "A20261204-000002"]) == notPermitted)
        #expect(try refusal("alert.lift", as: nil, ["alert": "A20261204-000002"]) == Refusal(.forbidden, "principal_required", at: "/as"))
        #expect(try refusal("alert.lift", as: Self.district, ["alert": "A20261204-999999"])
            == Refusal(.notFound, "unknown_alert", at: "/body/alert"))
        #expect(try refusal("alert.lift", as: Self.district, [:]) == Refusal(.badRequest, "missing_field", at: "/body/alert"))
        let status = try Self.status(client)
        #expect(status.head == head, "no refusal left an event")
        #expect(status.alerts?.map(\.alert) == ["A20261204-000001", "A20261204-000002"])

        // 500 characters is the limit, whatever their bytes.
        let longest = try Self.send(client, "alert.declare", key: "long", as: Self.district,
                                    ["reason": String(repeating: "雨", count: 500)])
        #expect(longest.head.status == .ok)

        // Lifting twice: the second is told it is lifted already, by the same code for either party.
        #expect(try Self.send(client, "alert.lift", key: "lift-nx", as: Self.district, ["alert": "A20261204-000002"]).head.status == .ok)
        #expect(try refusal("alert.lift", as: Self.district, ["alert": "A20261204-000002"])
            == Refusal(.conflict, "alert_lifted", at: "/body/alert"))
        #expect(try refusal("alert.lift", as: Self.nanxiang, ["alert": "A20261204-000002"])
            == Refusal(.conflict, "alert_lifted", at: "/body/alert"))

        // The same key and request again: the remembered reply, byte for byte, and no new event.
        let headBefore = try Self.status(client).head
        let retried = try Self.send(client, "alert.declare", key: "whole", as: Self.district, ["reason": "寒潮"])
        #expect(retried.bytes == whole.bytes)
        let liftRetried = try Self.send(client, "alert.lift", key: "lift-nx", as: Self.district, ["alert": "A20261204-000002"])
        #expect(liftRetried.head.status == .ok, "a retried lift is not told the alert is lifted")
        #expect(try Self.status(client).head == headBefore)
        #expect(try refusal("alert.declare", as: Self.district, ["reason": "寒潮"]) == nil, "a fresh key declares again")
        let reused = try Self.send(client, "alert.declare", key: "whole", as: Self.district, ["reason": "另一次寒潮"])
        #expect(reused.head.error?.code == "key_reused")
        #expect(cluster.stop(.whistle) == 0)
    }

    @Test func gridctlDeclaresAnAlertThatStatusShowsAndLiftsIt() throws {
        let cluster = try Cluster(testClock: Self.start)
        try cluster.start([.whistle])
        let (declared, alert) = try cluster.gridctlJSON(AlertView.self, [
            "--as", "centre:JD-JDZ", "alert", "declare", "--reason", "暴雨红色预警"])
        #expect(alert?.alert == "A20261204-000001", "\(declared)")
        #expect(alert?.town == "JD-JDZ")

        let text = try cluster.gridctl(["status", "whistle"])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("weather alerts in force 防汛防台: 1"), "\(text)")
        #expect(text.stdout.contains("A20261204-000001  JD-JDZ"), "\(text)")
        #expect(text.stdout.contains("暴雨红色预警"), "\(text)")
        let (_, status) = try cluster.gridctlJSON(ServiceStatus.self, ["status", "whistle"])
        #expect(status?.alerts?.map(\.alert) == ["A20261204-000001"])

        let lifted = try cluster.gridctl(["--as", "district:JD", "alert", "lift", "A20261204-000001"])
        #expect(lifted.status == 0, "\(lifted)")
        #expect(lifted.stdout.contains("alert A20261204-000001 lifted for JD-JDZ"), "\(lifted)")
        #expect(try cluster.gridctl(["status", "whistle"]).stdout.contains("no weather alert in force"))
        #expect(try cluster.gridctlRefusal(["--as", "centre:JD-NX", "alert", "declare", "--town", "JD-AT", "--reason", "x"])
            == Refusal(.forbidden, "not_permitted", at: "/as"))

        // Mistakes on the command line never reach the service.
        for words in [["alert"], ["alert", "declare"], ["alert", "lift"], ["alert", "lift", "A1", "--reason", "x"],
                      ["alert", "declare", "--reason", "x", "extra"], ["alert", "sound", "--reason", "x"]] {
            let result = try cluster.gridctl(["--as", "district:JD"] + words)
            #expect(result.status == 2, "\(words): \(result)")
        }
        #expect(cluster.stop(.whistle) == 0)
    }
}
