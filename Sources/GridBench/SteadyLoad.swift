import Foundation
import GridSockets
import GridWire
import ZeroMQ

/// Raises at a steady rate on an absolute schedule from one DEALER, while one SUB on
/// ResponseService's PUB notes when each whistle's lead department gets its `dispatched` event.
/// One thread; it sleeps in `zmq_poll` until the next send is due.
final class SteadyLoad {
    let rate: Int
    /// How long to wait for stragglers after the last send.
    var graceSeconds = 15.0
    private let sub: ZMQSocket
    private let dealer: ZMQSocket

    /// Monotonic times per request, and what the replies said.
    struct Log {
        var sentAt: [UInt64]
        var ackedAt: [UInt64]
        var acked = 0
        var refused = 0
        /// Sum over the accepted whistles of 1 + co-departments.
        var tasks = 0
        var indexOfWhistle: [String: Int] = [:]
        var dispatchedAt: [String: UInt64] = [:]

        init(count: Int) {
            sentAt = Array(repeating: 0, count: count)
            ackedAt = Array(repeating: 0, count: count)
        }
    }

    /// What the phase reads from a `raise` reply.
    private struct AcceptedReply: Decodable {
        struct Body: Decodable {
            var whistle: String
            var co: [String]
        }

        var key: String?
        var status: ReplyStatus
        var body: Body?
    }

    /// The one field of a lead's `dispatched` envelope the phase needs.
    private struct LeadTask: Decodable {
        struct Data: Decodable { var whistle: String }
        var data: Data
    }

    /// How a lead's task event reads in the compact, sorted JSON the services write.
    private static let leadMarker = Data(#""role":"lead""#.utf8)

    /// Connects, and returns once a heartbeat proves the subscription is in place. Under keys the
    /// SUB needs a principal that may read `dept.` (`watcherSockets`), the DEALER one that may raise
    /// (`sockets`), and both the services' public keys.
    init(whistleRouter: String, responsePub: String, rate: Int, sockets: SocketFactory, watcherSockets: SocketFactory? = nil,
         serverKeys: (whistle: String, response: String)? = nil) throws {
        self.rate = rate
        sub = try (watcherSockets ?? sockets).socket(.watcher, serverKey: serverKeys?.response)
        try sub.setReceiveHighWaterMark(0)
        try sub.subscribe("dept.")
        try sub.subscribe(Topic.status(.response))
        try sub.connect(responsePub)
        dealer = try sockets.socket(.requestClient, serverKey: serverKeys?.whistle)
        try dealer.connect(whistleRouter)
        try awaitHeartbeat(timeout: 10)
    }

    /// Sends `requests` (whose keys are `keys`) and returns when every whistle's lead event has
    /// been seen, or `graceSeconds` after the last send.
    func run(_ requests: [Data], keys: [String]) throws -> Log {
        let count = requests.count
        let indexOfKey = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        var log = Log(count: count)
        let start = Monotonic.now()
        let interval = UInt64(1e9) / UInt64(rate)
        func due(_ index: Int) -> UInt64 { start + UInt64(index) * interval }
        var next = 0
        while next < count || log.acked < count || log.dispatchedAt.count < log.indexOfWhistle.count {
            var now = Monotonic.now()
            if next == count, Double(now - log.sentAt[count - 1]) / 1e9 > graceSeconds { break }
            while next < count, due(next) <= now {
                try dealer.send([Data(), requests[next]])
                log.sentAt[next] = now
                next += 1
                now = Monotonic.now()
            }
            // Sleep until the next send is due, rounded up to poll's milliseconds.
            let wait = next < count ? Int((due(next) - now + 999_999) / 1_000_000) : 100
            let ready = try ZMQPoller.poll([.socket(dealer), .socket(sub)], timeoutMilliseconds: wait)
            while ready[0], let frames = try dealer.receive(dontWait: true) {
                let reply = try JSONCoding.decode(AcceptedReply.self, from: frames.last ?? Data())
                guard let index = reply.key.flatMap({ indexOfKey[$0] }) else { continue }
                log.ackedAt[index] = Monotonic.now()
                log.acked += 1
                if reply.status == .ok, let body = reply.body {
                    log.indexOfWhistle[body.whistle] = index
                    log.tasks += 1 + body.co.count
                } else {
                    log.refused += 1
                }
            }
            while ready[1], let frames = try sub.receive(dontWait: true) {
                let now = Monotonic.now()
                // Only the lead's event is timed; the co-departments' are skipped unread, which
                // keeps the bench's share of the two cores small.
                guard frames.count == 2, String(decoding: frames[0], as: UTF8.self).hasSuffix(".dispatched."),
                      frames[1].range(of: Self.leadMarker) != nil else { continue }
                log.dispatchedAt[try JSONCoding.decode(LeadTask.self, from: frames[1]).data.whistle] = now
            }
        }
        return log
    }

    /// Waits for ResponseService's status heartbeat.
    private func awaitHeartbeat(timeout: TimeInterval) throws {
        let start = Monotonic.now()
        while Monotonic.seconds(since: start) < timeout {
            guard try ZMQPoller.poll([.socket(sub)], timeoutMilliseconds: 100)[0] else { continue }
            while let frames = try sub.receive(dontWait: true) {
                if String(decoding: frames[0], as: UTF8.self).hasPrefix("status.") { return }
            }
        }
        throw BenchError("no heartbeat from ResponseService within \(Int(timeout)) s")
    }
}
