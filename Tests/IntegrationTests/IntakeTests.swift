import Foundation
import GridWire
import Testing
import ZeroMQ

/// A publish-only integrator (a smart-hydrant feed) raises whistles by publishing to the intake.
@Suite(.serialized) struct IntakeTests {
    @Test func aPublishOnlyIntegratorRaisesOnceAndGetsAConfirmationCarryingItsKey() throws {
        let cluster = try Cluster()
        try cluster.start([.whistle])
        let confirmations = try Subscriber(cluster.config.endpoints.whistle.pub, topics: ["intake.integrator:hydrant-iot."])
        let context = try ZMQContext()
        let feed = try ZMQSocket(context, .pub)
        try feed.connect(cluster.config.endpoints.whistle.intake)
        let alarm = #"{"v":1,"cmd":"raise","key":"alarm-7731","as":"integrator:hydrant-iot","body":{"grid":"JD-AT-A02-G01-M01","matter":"hydrant-pressure","description":"消火栓压力低于0.1MPa","location":"墨玉路 12号","evidence":["sensor:HY-0417"]}}"#

        // PUB may drop before the connection is up, so the feed publishes again with the same key
        // until it sees its confirmation, as docs/protocol.md tells integrators to do.
        var confirmation: ReceivedReply?
        for _ in 0..<100 where confirmation == nil {
            try feed.send([Data("intake.raise.".utf8), Data(alarm.utf8)])
            if let message = try confirmations.nextRaw("intake.", timeout: 0.2) {
                confirmation = try ReceivedReply(decoding: message)
            }
        }
        let reply = try #require(confirmation)
        #expect(reply.head.key == "alarm-7731")
        let accepted = try reply.body(WhistleAccepted.self)
        #expect(accepted.lead == "JD-GS")
        #expect(accepted.grid == "JD-AT-A02-G01-M01")

        // Publishing again with the same key raises nothing new.
        try feed.send([Data("intake.raise.".utf8), Data(alarm.utf8)])
        let again = try #require(try confirmationCarrying( "alarm-7731", from: confirmations))
        #expect(try again.body(WhistleAccepted.self).whistle == accepted.whistle)
        let (_, next) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", "grid:JD-AT-A02-G01-M01", "raise", "--matter", "hydrant-damage", "--description", "x"])
        #expect(next?.whistle.hasSuffix("-000002") == true)

        // A refusal is confirmed too, naming the field.
        try feed.send([Data("intake.raise.".utf8), Data(#"{"v":1,"cmd":"raise","key":"alarm-7732","as":"integrator:hydrant-iot","body":{"matter":"hydrant-pressure","description":"x","location":""}}"#.utf8)])
        let refused = try #require(try confirmationCarrying( "alarm-7732", from: confirmations))
        #expect(refused.head.error?.code == "missing_field")
        #expect(refused.head.error?.at == "/body/grid")
        #expect(cluster.stop(.whistle) == 0)
    }

    /// The next confirmation carrying `key` (earlier publishes of another key may still be queued).
    private func confirmationCarrying(_ key: String, from subscriber: Subscriber) throws -> ReceivedReply? {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            guard let message = try subscriber.nextRaw("intake.", timeout: 1) else { continue }
            let reply = try ReceivedReply(decoding: message)
            if reply.head.key == key { return reply }
        }
        return nil
    }
}
