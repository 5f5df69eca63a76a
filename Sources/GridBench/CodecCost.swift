import Foundation
import GridDomain
import GridWire

/// Not a limit but a reading aid: the JSON work one whistle costs, timed in-process on one thread
/// with the project's own types and coders, the way the services do it. Compared with the CPU the
/// services spend per whistle, it shows how much of that is encoding and decoding.
enum CodecCost {
    struct Result {
        /// WhistleService, per raise: decode the request (head, then body), the idempotency
        /// fingerprint, the routing's `co` and policy columns, two envelopes, the reply.
        var whistleSide: Double
        /// ResponseService, per whistle: decode both envelopes' heads and the routed payload, then
        /// per task the policy column and the `dispatched` envelope.
        var responseSide: Double
        /// One `dispatched` envelope encoded by the project's encoder, and by Foundation's `JSONEncoder`
        /// with the same output options: the same bytes, so the ratio is the encoder's alone.
        var envelopeEncode: Double
        var envelopeEncodeFoundation: Double
    }

    static func measure(_ workload: Workload, count: Int) throws -> Result {
        let raises = (0..<count).map { workload.raise($0) }
        let requests = try (0..<count).map { try workload.request("codec", $0) }
        var envelopes: [(raised: Data, routed: Data)] = []
        let now = Date()

        let whistleStart = Monotonic.now()
        for (index, raise) in raises.enumerated() {
            let request = try Request(decoding: requests[index], limit: 65_536)
            let body = try request.body(RaiseWhistle.self)
            _ = "raise \(try JSONCoding.encodeString(body))"
            let route = raise.route
            _ = try JSONCoding.encodeString(route.co)
            _ = try JSONCoding.encodeString(route.policy)
            let id = "W20261204-\(index)"
            let raised = WhistleRaised(whistle: id, grid: raise.grid.id, town: raise.town, matter: body.matter,
                                       urgency: route.policy.urgency, description: body.description,
                                       location: body.location, evidence: [], raisedBy: Principal(.grid, raise.grid.id))
            let routed = WhistleRouted(whistle: id, grid: raise.grid.id, town: raise.town, matter: body.matter,
                                       lead: route.lead, co: route.co, policy: route.policy)
            let raisedBytes = try JSONCoding.encode(Envelope(stream: .whistle, epoch: "0123456789abcdef", seq: Int64(2 * index),
                                                             time: Instant(now), type: "raised", data: raised))
            let routedBytes = try JSONCoding.encode(Envelope(stream: .whistle, epoch: "0123456789abcdef", seq: Int64(2 * index + 1),
                                                             time: Instant(now), type: "routed", data: routed))
            envelopes.append((raisedBytes, routedBytes))
            let accepted = WhistleAccepted(whistle: id, grid: raise.grid.id, town: raise.town, matter: body.matter,
                                           urgency: route.policy.urgency, lead: route.lead, co: route.co, raisedAt: Instant(now))
            _ = try JSONCoding.encodeString(Reply.ok(key: request.head.key, accepted))
        }
        let whistleSide = Double(Monotonic.now() - whistleStart) / 1e3 / Double(count)

        let responseStart = Monotonic.now()
        for (raisedBytes, routedBytes) in envelopes {
            _ = try ReceivedEvent(decoding: raisedBytes)
            let routed = try ReceivedEvent(decoding: routedBytes).payload(WhistleRouted.self)
            for (department, role) in [(routed.lead, TaskRole.lead)] + routed.co.map({ ($0, TaskRole.co) }) {
                _ = try JSONCoding.encodeString(routed.policy)
                let task = TaskDispatched(whistle: routed.whistle, department: department, role: role, grid: routed.grid,
                                          town: routed.town, matter: routed.matter, signDueAt: Instant(now),
                                          disposeDueAt: Instant(now))
                _ = try JSONCoding.encode(Envelope(stream: .response, epoch: "0123456789abcdef", seq: 1, time: Instant(now),
                                                   type: "dispatched", data: task))
            }
        }
        let responseSide = Double(Monotonic.now() - responseStart) / 1e3 / Double(count)

        let raise = raises[0]
        let task = TaskDispatched(whistle: "W20261204-000001", department: raise.route.lead, role: .lead, grid: raise.grid.id,
                                  town: raise.town, matter: raise.matter.id, signDueAt: Instant(now), disposeDueAt: Instant(now))
        let envelope = Envelope(stream: .response, epoch: "0123456789abcdef", seq: 1, time: Instant(now), type: "dispatched", data: task)
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let envelopeEncodeFoundation = try timePerCall(count) { _ = try foundation.encode(envelope) }
        let envelopeEncode = try timePerCall(count) { _ = try JSONCoding.encode(envelope) }
        return Result(whistleSide: whistleSide, responseSide: responseSide, envelopeEncode: envelopeEncode,
                      envelopeEncodeFoundation: envelopeEncodeFoundation)
    }

    /// Microseconds per call of `body`, over `count` calls.
    private static func timePerCall(_ count: Int, _ body: () throws -> Void) rethrows -> Double {
        let start = Monotonic.now()
        for _ in 0..<count { try body() }
        return Double(Monotonic.now() - start) / 1e3 / Double(count)
    }
}
