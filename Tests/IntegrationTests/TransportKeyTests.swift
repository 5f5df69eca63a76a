import Foundation
import GridConfig
import GridSockets
import GridWire
import Testing

/// Keys are principals: with a key list, every endpoint speaks CURVE, a connection is admitted
/// only with a listed key, and what it asks is asked as that key's principal.
@Suite struct TransportKeyTests {
    static let grid = "grid:JD-NX-A01-G01-M01"
    static let squad = "dept:JD-NX-CGZF"

    @Test func aListedKeyActsAsItsPrincipalAndTheServicesFollowEachOtherUnderCurve() throws {
        let keyed = try KeyedCluster(principals: [Self.grid, Self.squad])
        try keyed.start()
        let raised = try keyed.gridctl(["--json", "raise", "--matter", "street-vending", "--description", "占道经营"], as: Self.grid)
        #expect(raised.status == 0, "\(raised)")
        let accepted = try JSONCoding.decode(WhistleAccepted.self, from: Data(raised.stdout.utf8))
        #expect(accepted.grid == "JD-NX-A01-G01-M01", "the grid is the key's")
        // ResponseService followed the whistle stream, with its own key, and dispatched the task.
        let dispatched = eventually {
            let inbox = try? keyed.gridctl(["--json", "inbox"], as: Self.squad)
            return inbox.flatMap { try? JSONCoding.decode(Inbox.self, from: Data($0.stdout.utf8)) }?.tasks
                .contains { $0.whistle == accepted.whistle } == true
        }
        #expect(dispatched)
        // A principal is the key's: stating one is refused.
        let stated = try keyed.gridctl(["--json", "--as", Self.squad, "inbox"], as: Self.grid)
        #expect(stated.status == 1)
        #expect(stated.stdout.contains(#""code" : "principal_not_allowed""#), "\(stated)")
        // A department's key asks what only a centre or the district may: refused, and a security line.
        let voided = try keyed.gridctl(["--json", "void", accepted.whistle, "--reason", "误报"], as: Self.squad)
        #expect(voided.status == 1 && voided.stdout.contains(#""code" : "not_permitted""#), "\(voided)")
        #expect(eventually {
            keyed.cluster.log(.whistle).contains("security: refused cmd=void code=not_permitted why=\"dept:JD-NX-CGZF may not void a whistle\"")
        }, "\(keyed.cluster.log(.whistle))")
        for (service, status) in keyed.cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    @Test func aKeyTakenOffTheListOnSIGHUPLosesItsSubscriptionsAndItsNextCommand() throws {
        let keyed = try KeyedCluster(principals: [Self.grid, Self.squad])
        try keyed.start()
        let log = { keyed.cluster.log(.response) }
        let subscriber = try Subscriber(keyed.cluster.config.endpoints.response.pub, topics: ["dept.JD-NX-CGZF."],
                                        curve: keyed.curve(Self.squad, to: .response))
        #expect(eventually { log().contains("subscription granted principal=dept:JD-NX-CGZF topic=dept.JD-NX-CGZF.") })
        #expect(eventually { (try? keyed.gridctl(["inbox"], as: Self.squad).status) == 0 }, "ResponseService has the reference data")

        var config = keyed.cluster.config
        let squadKey = try #require(config.keys?.admitted.first { $0.principal.description == Self.squad }?.key)
        config.keys?.admitted.removeAll { $0.key == squadKey }
        try JSONCoding.encode(config).write(to: URL(fileURLWithPath: keyed.cluster.configPath))
        keyed.cluster.signal(.response, SIGHUP)
        #expect(eventually { log().contains("keys reloaded admitted=4 endpoints=2") }, "\(log())")
        // Its subscriber, cut off, reconnects and is refused; so is its next command.
        #expect(eventually {
            log().split(separator: "\n").contains { $0.contains("security: connection refused") && $0.contains(squadKey) }
        })
        withExtendedLifetime(subscriber) {}
        let next = try keyed.gridctl(["inbox"], as: Self.squad)
        #expect(next.status == 5, "\(next)")
        // Everyone else goes on: the grid raises, and the service answers it.
        #expect(try keyed.gridctl(["raise", "--matter", "street-vending", "--description", "占道经营"], as: Self.grid).status == 0)
        #expect(try keyed.gridctl(["status", "response"], as: Self.grid).status == 0)
        for (service, status) in keyed.cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    @Test func aReloadWithMistakesOrOtherServiceKeysKeepsTheKeysInForce() throws {
        let keyed = try KeyedCluster(principals: [Self.grid])
        try keyed.start([.whistle])
        #expect(eventually { (try? keyed.gridctl(["status", "whistle"], as: Self.grid).status) == 0 }, "started on the first list")
        var config = keyed.cluster.config
        let secondKey = try #require(config.keys?.admitted[1].key)
        config.keys?.admitted[0].key = secondKey
        try JSONCoding.encode(config).write(to: URL(fileURLWithPath: keyed.cluster.configPath))
        keyed.cluster.signal(.whistle, SIGHUP)
        #expect(eventually { keyed.cluster.log(.whistle).contains("keys not reloaded: the configuration has mistakes") })
        config = keyed.cluster.config
        config.keys?.admitted[1].key = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
        try JSONCoding.encode(config).write(to: URL(fileURLWithPath: keyed.cluster.configPath))
        keyed.cluster.signal(.whistle, SIGHUP)
        #expect(eventually { keyed.cluster.log(.whistle).contains("keys not reloaded: a service's key changed, which takes a restart") })
        #expect(try keyed.gridctl(["status", "whistle"], as: Self.grid).status == 0, "the keys in force still admit the grid")
        #expect(keyed.cluster.stop(.whistle) == 0)
    }

    @Test func anIntegratorRaisesOnlyTheMattersItsEntryNames() throws {
        let keyed = try KeyedCluster(principals: ["integrator:hydrant-iot"]) { entry in
            entry.principal.kind == .integrator ? ["street-vending"] : nil
        }
        try keyed.start([.whistle])
        let raise = { (matter: String) in
            try keyed.gridctl(["--json", "raise", "--grid", "JD-NX-A01-G01-M01", "--matter", matter, "--description", "告警"],
                              as: "integrator:hydrant-iot")
        }
        #expect(try raise("street-vending").status == 0)
        let refused = try raise("muck-truck")
        #expect(refused.status == 1 && refused.stdout.contains(#""code" : "not_permitted""#), "\(refused)")
        #expect(keyed.cluster.stop(.whistle) == 0)
    }

    /// Under keys the `whistle` query has the timeline's rights: the integrator that raised it and
    /// the departments with a part read it; another integrator or department does not.
    @Test func aWhistleIsReadOnlyByThoseWithAPartInIt() throws {
        let raiser = "integrator:hydrant-iot"
        let keyed = try KeyedCluster(principals: [raiser, "integrator:other", Self.squad, "dept:JD-AT-CGZF"])
        try keyed.start()
        let raised = try keyed.gridctl(["--json", "raise", "--grid", "JD-NX-A01-G01-M01", "--matter", "street-vending",
                                        "--description", "告警"], as: raiser)
        #expect(raised.status == 0, "\(raised)")
        let whistle = try JSONCoding.decode(WhistleAccepted.self, from: Data(raised.stdout.utf8)).whistle
        for (principal, allowed) in [(raiser, true), (Self.squad, true), ("integrator:other", false), ("dept:JD-AT-CGZF", false)] {
            let read = try keyed.gridctl(["--json", "whistle", whistle], as: principal)
            #expect(allowed ? read.status == 0 : read.stdout.contains(#""code" : "not_permitted""#), "\(principal): \(read)")
        }
        // The integrator reads the timeline of what it raised, once EvaluationService has it.
        #expect(eventually { (try? keyed.gridctl(["timeline", whistle], as: raiser).status) == 0 })
        let other = try keyed.gridctl(["--json", "timeline", whistle], as: "integrator:other")
        #expect(other.stdout.contains(#""code" : "not_permitted""#), "\(other)")
        for (service, status) in keyed.cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// Under keys `gridctl watch` without `--topic` subscribes to what its key may read.
    @Test func watchWithoutATopicFollowsWhatTheKeyMayRead() throws {
        let keyed = try KeyedCluster(principals: [Self.grid, Self.squad])
        try keyed.start()
        let watch = try ChildLines("gridctl", ["--config", keyed.cluster.configPath, "--key-file", keyed.keyFiles[Self.squad]!,
                                               "watch", "--service", "response", "--count", "1"])
        #expect(eventually { keyed.cluster.log(.response).contains("subscription granted principal=dept:JD-NX-CGZF topic=dept.JD-NX-CGZF.") })
        #expect(try keyed.gridctl(["raise", "--matter", "street-vending", "--description", "占道经营"], as: Self.grid).status == 0)
        #expect(watch.exitStatus(within: 20) == 0)
        #expect(watch.all.first?.contains("dept.JD-NX-CGZF.dispatched.") == true, "\(watch.all)")
        for (service, status) in keyed.cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    /// The service never answers it; gridctl says its key was refused, not that nobody answered.
    @Test func anUnknownKeyGetsNoAnswerAndIsLogged() throws {
        let keyed = try KeyedCluster(principals: [Self.grid])
        try keyed.start([.whistle])
        let refused = try keyed.gridctl(["status", "whistle"], keyFile: keyed.strangerKeyFile)
        #expect(refused.status == 5, "\(refused)")
        #expect(refused.stderr.contains("refused gridctl's key"), "\(refused)")
        #expect(eventually { keyed.cluster.log(.whistle).contains("security: connection refused") })
        #expect(keyed.cluster.stop(.whistle) == 0)
    }

    /// The units run each service as a user of its own, in a folder of its own: the key a service
    /// makes there is its user's alone, and another service's user (in the same group) cannot
    /// read it. Two unused uids stand for gridplus-whistle and gridplus-response.
    @Test(.enabled(if: getuid() == 0, "needs root, to run as two users"))
    func oneServicesUserCannotReadAnothersKey() throws {
        let keyed = try KeyedCluster(principals: [])
        let (whistleUser, responseUser, group) = (61_001, 61_002, 61_000)
        let folder = keyed.cluster.directory.appendingPathComponent("whistle-own")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o700, .ownerAccountID: whistleUser, .groupOwnerAccountID: group],
                                              ofItemAtPath: folder.path)
        func run(as user: Int, _ arguments: [String]) throws -> CommandResult {
            try CommandResult.run(executable: URL(fileURLWithPath: "/usr/bin/setpriv"),
                                  ["--reuid=\(user)", "--regid=\(group)", "--clear-groups"] + arguments)
        }
        // The whistle service's first start makes its key pair, then stops: the list does not name it.
        let started = try run(as: whistleUser, [Cluster.binDirectory.appendingPathComponent("WhistleService").path,
                                                "--config", keyed.cluster.configPath, "--data", folder.path])
        #expect(started.status == 78, "\(started)")
        let key = folder.appendingPathComponent("whistle-transport.key").path
        let attributes = try FileManager.default.attributesOfItem(atPath: key)
        #expect(attributes[.ownerAccountID] as? Int == whistleUser && attributes[.posixPermissions] as? Int == 0o600)
        let own = try run(as: whistleUser, ["/bin/cat", key])
        #expect(own.status == 0 && own.stdout.count == 41, "\(own)")
        let other = try run(as: responseUser, ["/bin/cat", key])
        #expect(other.status != 0 && other.stderr.contains("Permission denied"), "\(other)")
    }

    @Test func keysNewWritesAPrivateFileOnceAndPrintsItsPublicKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridplus-keys-new-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("dept.key").path
        let made = try CommandResult.run("gridctl", ["--json", "keys", "new", "--out", file])
        #expect(made.status == 0, "\(made)")
        let printed = try JSONCoding.decode([String: String].self, from: Data(made.stdout.utf8))
        #expect(printed["publicKey"] == (try CurveKeyFile.read(file)).publicKey)
        let again = try CommandResult.run("gridctl", ["keys", "new", "--out", file])
        #expect(again.status == 1 && again.stderr.contains("File exists"), "never over an existing key: \(again)")
        #expect(try CommandResult.run("gridctl", ["keys", "old", "--out", file]).status == 2)
    }

    /// The ZAP handler is bound before any endpoint, so a key that connects before the service is
    /// up is refused at its first handshake, like any other.
    @Test func anUnknownKeyConnectingWhileTheServiceStartsGetsNoAnswer() throws {
        let keyed = try KeyedCluster(principals: [])
        let config = keyed.cluster.config
        let stranger = try CurveKeyFile.read(keyed.strangerKeyFile)
        let early = try RawClient(config.endpoints.whistle.router, curve: (config.keys!.key(of: .whistle)!, stranger))
        // Queued now, before the service is up (the connection's pipe exists from `connect`).
        #expect(try early.post([Data(), Data(#"{"v":1,"cmd":"status","key":"early","body":{}}"#.utf8)]))
        try keyed.start([.whistle])
        #expect(eventually {
            keyed.cluster.log(.whistle).split(separator: "\n").contains {
                $0.contains("security: connection refused") && $0.contains(stranger.publicKey)
            }
        })
        #expect(try early.reply(within: 1) == nil, "its handshake failed: what it queued never arrives")
        #expect(keyed.cluster.stop(.whistle) == 0)
    }

    @Test func aServiceWhoseKeyIsNotListedMakesOneAndSaysWhatToList() throws {
        let keyed = try KeyedCluster(principals: [])
        let data = keyed.cluster.directory.appendingPathComponent("data")
        let file = data.appendingPathComponent("whistle-transport.key").path
        try FileManager.default.removeItem(atPath: file)
        let started = try CommandResult.run("WhistleService", ["--config", keyed.cluster.configPath, "--data", data.path])
        #expect(started.status == 78)
        #expect(started.stderr.contains(#"{"principal": "service:whistle", "key": ""#), "\(started)")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
        #expect(mode == 0o600, "made readable by its owner only")
    }

    @Test func aKeyFileOthersMayReadIsRefused() throws {
        let keyed = try KeyedCluster(principals: [])
        let data = keyed.cluster.directory.appendingPathComponent("data")
        let file = data.appendingPathComponent("whistle-transport.key").path
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let started = try CommandResult.run("WhistleService", ["--config", keyed.cluster.configPath, "--data", data.path])
        #expect(started.status == 78)
        #expect(started.stderr.contains("chmod 600"), "\(started)")
    }
}

/// Read rights under keys: each PUB grants a subscription only when the subscriber's principal may
/// read a prefix of it, and `replay` hands out whole streams to services and the district only.
@Suite struct ReadRightsEnforcedTests {
    static let grid = "grid:JD-NX-A01-G01-M01"
    static let squad = "dept:JD-NX-CGZF"
    static let district = "district:JD"

    @Test func aDepartmentReadsItsOwnTopicsAndEvaluationsStayWithTheDistrict() throws {
        let keyed = try KeyedCluster(principals: [Self.grid, Self.squad, Self.district])
        try keyed.start()
        let endpoints = keyed.cluster.config.endpoints
        let own = try Subscriber(endpoints.response.pub, topics: ["dept.JD-NX-CGZF."], curve: keyed.curve(Self.squad, to: .response))
        let all = try Subscriber(endpoints.response.pub, topics: ["dept."], curve: keyed.curve(Self.squad, to: .response))
        let gridReading = try Subscriber(endpoints.evaluation.pub, topics: ["evaluation."], curve: keyed.curve(Self.grid, to: .evaluation))
        let districtReading = try Subscriber(endpoints.evaluation.pub, topics: ["evaluation."],
                                             curve: keyed.curve(Self.district, to: .evaluation))
        // Each service says what it granted and refused.
        #expect(eventually {
            let log = keyed.cluster.log(.response)
            return log.contains("subscription granted principal=dept:JD-NX-CGZF topic=dept.JD-NX-CGZF.")
                && log.contains("security: subscription refused principal=dept:JD-NX-CGZF topic=dept.")
        }, "\(keyed.cluster.log(.response))")
        #expect(eventually {
            let log = keyed.cluster.log(.evaluation)
            return log.contains("subscription granted principal=district:JD topic=evaluation.")
                && log.contains("security: subscription refused principal=\(Self.grid) topic=evaluation.")
        })
        // A task for the squad reaches its own topic; the refused `dept.` never gets it.
        let raised = try keyed.gridctl(["raise", "--matter", "street-vending", "--description", "占道经营"], as: Self.grid)
        #expect(raised.status == 0, "\(raised)")
        #expect(try own.next("dept.JD-NX-CGZF.dispatched.") != nil)
        #expect(!all.hasMessage)
        #expect(!gridReading.hasMessage)
        _ = districtReading
        for (service, status) in keyed.cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    @Test func replayIsForServicesAndTheDistrict() throws {
        let keyed = try KeyedCluster(principals: [Self.squad, Self.district])
        try keyed.start([.whistle])
        let request = #"{"v":1,"cmd":"replay","body":{"stream":"whistle","after":0}}"#
        let router = keyed.cluster.config.endpoints.whistle.router
        let refused = try RawClient(router, curve: keyed.curve(Self.squad, to: .whistle)).request(request)
        #expect(refused?.head.error?.code == "not_permitted", "\(String(describing: refused))")
        let answered = try RawClient(router, curve: keyed.curve(Self.district, to: .whistle)).request(request)
        #expect(answered?.head.status == .ok, "\(String(describing: answered))")
        #expect(keyed.cluster.stop(.whistle) == 0)
    }
}
