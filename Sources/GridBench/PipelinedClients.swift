import Foundation
import GridSockets
import GridWire
import ZeroMQ

/// Several DEALER connections driven from one thread, each keeping up to `window` raises
/// outstanding: the load of many grid apps and integrators at once. One thread, so the bench takes
/// as little as possible of the two cores the services need.
struct PipelinedClients {
    let endpoint: String
    let connections: Int
    let window: Int
    /// Longest wait for any reply before the run is declared stalled.
    var stallSeconds: Double = 60
    /// Under keys, WhistleService's public key.
    var serverKey: String?

    struct Outcome {
        var seconds = 0.0
        var ok = 0
        /// Refusal code → count; empty when every reply was `ok`.
        var refusals: [String: Int] = [:]
        var firstRefusal: String?
        /// Tasks the accepted whistles will dispatch: the lead and each co-department, from the replies.
        var tasks = 0
        var perSecond: Double { Double(ok) / seconds }
    }

    /// What the bench reads from a `raise` reply.
    private struct RaiseReply: Decodable {
        struct Body: Decodable {
            var lead: String
            var co: [String]
        }

        var status: ReplyStatus
        var error: ProtocolError?
        var body: Body?
    }

    /// Sends every request, spread over the connections, and reads every reply.
    func run(_ requests: [Data], sockets: SocketFactory) throws -> Outcome {
        let sockets = try (0..<connections).map { _ in
            let socket = try sockets.socket(.requestClient, serverKey: serverKey)
            try socket.connect(endpoint)
            return socket
        }
        let items = sockets.map { ZMQPollItem.socket($0) }
        var outstanding = Array(repeating: 0, count: connections)
        var outcome = Outcome()
        var next = 0
        var answered = 0
        let start = Monotonic.now()
        var lastReply = start
        while answered < requests.count {
            for index in sockets.indices {
                while outstanding[index] < window, next < requests.count {
                    try sockets[index].send([Data(), requests[next]])
                    outstanding[index] += 1
                    next += 1
                }
            }
            let ready = try ZMQPoller.poll(items, timeoutMilliseconds: 1_000)
            for (index, socket) in sockets.enumerated() where ready[index] {
                while let frames = try socket.receive(dontWait: true) {
                    outstanding[index] -= 1
                    answered += 1
                    // The project's decoder: Foundation's would take more of the cores the services share.
                    let reply = try JSONCoding.decode(RaiseReply.self, from: frames.last ?? Data())
                    if reply.status == .ok, let body = reply.body {
                        outcome.ok += 1
                        outcome.tasks += 1 + body.co.count
                    } else {
                        let code = reply.error?.code ?? reply.status.rawValue
                        outcome.refusals[code, default: 0] += 1
                        if outcome.firstRefusal == nil { outcome.firstRefusal = String(decoding: frames.last ?? Data(), as: UTF8.self) }
                    }
                }
                lastReply = Monotonic.now()
            }
            if Monotonic.seconds(since: lastReply) > stallSeconds {
                throw BenchError("no reply for \(Int(stallSeconds)) s with \(next - answered) outstanding (\(answered) of \(requests.count) answered)")
            }
        }
        outcome.seconds = Monotonic.seconds(since: start)
        return outcome
    }
}
