import Foundation
import GridWire
import ZeroMQ

/// Raises whistles at a steady pace down one DEALER, many at once, until told to stop, and notes
/// when each acknowledgement came: what a busy district's grids look like to WhistleService over
/// minutes, squeezed into seconds. A refusal that means "try again" is sent again with the same key.
final class PacedStorm: @unchecked Sendable {
    // @unchecked: the counters are behind `lock`; `run` is called on one thread.
    let perSecond: Int
    let keyPrefix: String
    /// At most this many are raised, stopped or not.
    let limit: Int
    private let lock = NSLock()
    private var acknowledgedAt: [Date] = []
    private var acceptedWhistles: [WhistleAccepted] = []
    private var failures: [String] = []
    private var stopping = false
    private var raisedCount = 0

    init(perSecond: Int, keyPrefix: String, limit: Int = 50_000) {
        self.perSecond = perSecond
        self.keyPrefix = keyPrefix
        self.limit = limit
    }

    /// Sends no more; `run` returns once what was sent is answered.
    func stop() { lock.withLock { stopping = true } }
    /// How many raises were sent (each once, whatever its retries).
    var raised: Int { lock.withLock { raisedCount } }

    var acknowledged: Int { lock.withLock { acknowledgedAt.count } }
    var accepted: [WhistleAccepted] { lock.withLock { acceptedWhistles } }
    var refusals: [String] { lock.withLock { failures } }

    /// How many acknowledgements came in `start ..< end`.
    func acknowledged(from start: Date, to end: Date) -> Int {
        lock.withLock { acknowledgedAt.filter { $0 >= start && $0 < end }.count }
    }

    /// Raises whistles, as whoever `curve`'s keys are, until stopped, and returns once each sent is
    /// acknowledged or refused for good, or after `timeout` (or 30 s of silence once stopped).
    func run(to endpoint: String, curve: (serverKey: String, keys: CurveKeyPair), timeout: TimeInterval = 300) {
        do {
            let context = try ZMQContext()
            let socket = try ZMQSocket(context, .dealer)
            defer { socket.close() }
            try socket.setCurveClient(serverKey: curve.serverKey, keys: curve.keys)
            try socket.connect(endpoint)
            func request(_ n: Int) -> Data {
                Data(#"{"v":1,"cmd":"raise","key":"\#(keyPrefix)-\#(n)","body":{"matter":"street-vending","description":"storm \#(n)","location":"网格 \#(n)"}}"#.utf8)
            }
            let started = Date()
            let deadline = started.addingTimeInterval(timeout)
            var sent = 0
            var again: [Int] = []
            var settled = 0
            var lastAnswer = Date()
            while Date() < deadline {
                let stopped = lock.withLock { stopping }
                // Stopped: done once every raise is answered, or once the service has said nothing
                // for 30 s (it was stopped too: a test that failed midway).
                if stopped && (settled == sent || Date().timeIntervalSince(lastAnswer) > 30) { break }
                // As many as the pace allows by now, never more than 512 unanswered.
                let allowed = stopped ? sent : min(limit, Int(Date().timeIntervalSince(started) * Double(perSecond)) + 1)
                while !again.isEmpty, try socket.send([Data(), request(again[0])], dontWait: true) { again.removeFirst() }
                while sent < allowed, sent - settled < 512, try socket.send([Data(), request(sent)], dontWait: true) {
                    sent += 1
                    lock.withLock { raisedCount = sent }
                }
                guard try ZMQPoller.poll([.socket(socket)], timeoutMilliseconds: 5)[0] else { continue }
                while let frames = try socket.receive(dontWait: true) {
                    lastAnswer = Date()
                    guard let last = frames.last, let reply = try? ReceivedReply(decoding: last),
                          let key = reply.head.key, let n = Int(key.dropFirst(keyPrefix.count + 1)) else { continue }
                    if reply.head.status == .ok, let whistle = try? reply.body(WhistleAccepted.self) {
                        settled += 1
                        lock.withLock {
                            acknowledgedAt.append(Date())
                            acceptedWhistles.append(whistle)
                        }
                    } else if let code = reply.head.error?.code, ["busy", "storage", "not_ready"].contains(code) {
                        again.append(n)
                    } else {
                        settled += 1
                        lock.withLock { failures.append("\(key): \(String(decoding: last, as: UTF8.self))") }
                    }
                }
            }
        } catch {
            lock.withLock { failures.append("the storm stopped: \(error)") }
        }
    }
}
