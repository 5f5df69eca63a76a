import Foundation
import GridConfig
import GridDomain
import GridWire
import Testing

/// Due work on the machine's own clock, not the test clock: a test configuration gives a matter
/// limits in seconds, and the overdue check fires when the real time passes the deadline.
@Suite struct RealClockTests {
    static let grid = "grid:JD-NX-A01-G01-M01"
    static let squad = "JD-NX-CGZF"

    /// The embedded sample, marked a test configuration, with street vending (占道经营, lead the
    /// town's squad, no co-departments) to be signed for within 2 seconds and disposed of within 4.
    static func secondsLimits(_ config: inout DeploymentConfig) throws {
        config.testing = true
        let index = try #require(config.reference.matters.firstIndex { $0.id == "street-vending" })
        config.reference.matters[index].urgencies[.normal]?.signFor = try Limit(parsing: "2 seconds")
        config.reference.matters[index].urgencies[.normal]?.dispose = try Limit(parsing: "4 seconds")
    }

    @Test func aDeadlineInSecondsGoesOverdueOnTheRealClock() throws {
        let cluster = try Cluster(adjust: Self.secondsLimits)
        try cluster.start()
        let watcher = try Subscriber(cluster.config.endpoints.response.pub, topics: ["dept.\(Self.squad).", "status.response."])
        #expect(try watcher.next("status.response.") != nil, "subscribed: a heartbeat came through")
        let raised = try #require(try firstValue {
            try cluster.gridctlJSON(WhistleAccepted.self, ["--as", Self.grid, "raise", "--matter", "street-vending",
                                                           "--description", "占道经营", "--location", "real clock"]).1
        })
        let dispatched = try #require(try watcher.next("dept.\(Self.squad).dispatched."), "dispatched")
        let dueAt = try dispatched.event.payload(TaskDispatched.self).signDueAt
        #expect(dueAt.date.timeIntervalSince(dispatched.event.head.time.date) == 2)

        let fired = try #require(try watcher.next("dept.\(Self.squad).overdue.", timeout: 20), "overdue on the real clock")
        #expect(Date() >= dueAt.date, "it came when real time had passed the deadline, not before")
        let overdue = try fired.event.payload(TaskOverdue.self)
        #expect(overdue.whistle == raised.whistle)
        #expect(overdue.clock == .signFor)
        #expect(overdue.dueAt == dueAt)
        #expect(fired.event.head.time.date > dueAt.date)
        // And the disposal clock two seconds later, the task still unsigned.
        let disposal = try #require(try watcher.next("dept.\(Self.squad).overdue.", timeout: 20), "disposal overdue")
        #expect(try disposal.event.payload(TaskOverdue.self).clock == .dispose)
        for (service, status) in cluster.stopAll() { #expect(status == 0, "\(service.rawValue)") }
    }

    @Test func theProductionCheckRefusesLimitsInSeconds() throws {
        let cluster = try Cluster { config in
            try Self.secondsLimits(&config)
            config.testing = false
        }
        let result = try cluster.gridctl(["--json", "check"])
        #expect(result.status == 78)
        let mistakes = try JSONCoding.decode([ValidationIssue].self, from: Data(result.stdout.utf8))
        let index = try #require(cluster.config.reference.matters.firstIndex { $0.id == "street-vending" })
        #expect(mistakes.map(\.path) == ["/reference/matters/\(index)/urgencies/normal/signFor",
                                         "/reference/matters/\(index)/urgencies/normal/dispose"])
    }
}
