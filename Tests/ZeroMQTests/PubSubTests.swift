import Foundation
import Testing
import ZeroMQ

@Suite struct PubSubTests {
    @Test func subscriberGetsOnlyTopicsMatchingItsPrefix() throws {
        let context = try ZMQContext()
        let publisher = try ZMQSocket(context, .pub)
        try publisher.bind("inproc://events")
        let separated = try ZMQSocket(context, .sub)
        try separated.connect("inproc://events")
        try separated.subscribe("dept.12.")
        let unseparated = try ZMQSocket(context, .sub)
        try unseparated.connect("inproc://events")
        try unseparated.subscribe("dept.12")
        try waitUntilSubscribed(publisher, [separated, unseparated])

        try publisher.send(frames("dept.123.status", "other department"))
        try publisher.send(frames("dept.12.status", "ours"))

        // Delivery is in order, so getting the second message first proves the first was filtered.
        #expect(try nextNonSync(separated) == frames("dept.12.status", "ours"))
        // Without the trailing separator the prefix also matches department 123.
        #expect(try nextNonSync(unseparated) == frames("dept.123.status", "other department"))
        #expect(try nextNonSync(unseparated) == frames("dept.12.status", "ours"))
    }

    @Test func unsubscribedTopicIsNoLongerDelivered() throws {
        let context = try ZMQContext()
        let publisher = try ZMQSocket(context, .pub)
        try publisher.bind("inproc://events")
        let subscriber = try ZMQSocket(context, .sub)
        try subscriber.connect("inproc://events")
        try subscriber.subscribe("a.")
        try subscriber.subscribe("b.")
        try waitUntilSubscribed(publisher, [subscriber])

        try subscriber.unsubscribe("a.")
        // A subscriber applies unsubscriptions locally too, so no wait is needed before publishing.
        try publisher.send(frames("a.1"))
        try publisher.send(frames("b.1"))
        #expect(try nextNonSync(subscriber) == frames("b.1"))
    }

    /// Publishes `sync.` until every subscriber has one, so later messages are not lost to the
    /// subscription still travelling to the publisher.
    private func waitUntilSubscribed(_ publisher: ZMQSocket, _ subscribers: [ZMQSocket]) throws {
        for subscriber in subscribers { try subscriber.subscribe("sync.") }
        var waiting = subscribers
        for _ in 0..<100 where !waiting.isEmpty {
            try publisher.send(frames("sync."))
            let ready = try ZMQPoller.poll(waiting.map { .socket($0) }, timeoutMilliseconds: 50)
            waiting = zip(waiting, ready).filter { !$0.1 }.map(\.0)
        }
        try #require(waiting.isEmpty, "subscriptions did not reach the publisher within 5 s")
    }

    private func nextNonSync(_ subscriber: ZMQSocket) throws -> [Data]? {
        while let message = try receive(subscriber) {
            if message != frames("sync.") { return message }
        }
        return nil
    }
}
