import Foundation
import GridWire
import ZeroMQ

/// Raises `count` whistles at a steady pace down one DEALER, many at once, and notes when each
/// acknowledgement came: what a busy district's grids look like to WhistleService over minutes,
/// squeezed into seconds. A refusal that means "try again" is sent again with the same key.
final class PacedStorm: @unchecked Sendable {
    // @unchecked: the counters are behind `lock`; `run` is called on one thread.
    let count: Int
    let perSecond: Int
    let keyPrefix: String
    private let lock = NSLock()
    private var acknowledgedAt: [Date] = []
    private var acceptedWhistles: [WhistleAccepted] = []
    private var failures: [String] = []
    private var ended = false

    init(count: Int, perSecond: Int, keyPrefix: String) {
        self.count = count
        self.perSecond = perSecond
        self.keyPrefix = keyPrefix
    }

    var acknowledged: Int { lock.withLock { acknowledgedAt.count } }
    var accepted: [WhistleAccepted] { lock.withLock { acceptedWhistles } }
    var refusals: [String] { lock.withLock { failures } }
    var finished: Bool { lock.withLock { ended } }

    /// How many acknowledgements came in `start ..< end`.
    func acknowledged(from start: Date, to end: Date) -> Int {
        lock.withLock { acknowledgedAt.filter { $0 >= start && $0 < end }.count }
    }

    /// Raises every whistle, as whoever `curve`'s keys are, and returns once each is acknowledged
    /// or refused for good, or after `timeout`.
    func run(to endpoint: String, curve: (serverKey: String, keys: CurveKeyPair), timeout: TimeInterval = 180) {
        defer { lock.withLock { ended = true } }
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
            while settled < count && Date() < deadline {
                // As many as the pace allows by now, never more than 512 unanswered.
                let allowed = min(count, Int(Date().timeIntervalSince(started) * Double(perSecond)) + 1)
                while !again.isEmpty, try socket.send([Data(), request(again[0])], dontWait: true) { again.removeFirst() }
                while sent < allowed, sent - settled < 512, try socket.send([Data(), request(sent)], dontWait: true) { sent += 1 }
                guard try ZMQPoller.poll([.socket(socket)], timeoutMilliseconds: 5)[0] else { continue }
                while let frames = try socket.receive(dontWait: true) {
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
