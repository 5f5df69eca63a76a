import Foundation
import ZeroMQ

/// Baseline B: raw libzmq, DEALER → ROUTER echo between two threads with their own contexts, for a
/// payload the size of a raise request. Round trips one at a time, then pipelined throughput with
/// the same window the service clients use.
enum ZeroMQBaseline {
    struct Result {
        var transport: String
        var endpoint: String
        var roundTrip: Samples
        var messagesPerSecond: Double
    }

    static func measure(transport: String, endpoint: String, payloadBytes: Int, roundTrips: Int,
                        messages: Int, window: Int) throws -> Result {
        let server = try EchoServer(binding: endpoint)
        let context = try ZMQContext()
        let client = try ZMQSocket(context, .dealer)
        try client.connect(server.endpoint)
        let payload = Data(repeating: UInt8(ascii: "x"), count: payloadBytes)
        for _ in 0..<200 { try exchange(client, payload) }  // warm-up: connection up, buffers allocated

        var samples = Samples()
        for _ in 0..<roundTrips {
            let start = Monotonic.now()
            try exchange(client, payload)
            samples.append(Monotonic.now() - start)
        }

        let start = Monotonic.now()
        var sent = 0
        var received = 0
        while received < messages {
            while sent < messages, sent - received < window {
                try client.send([Data(), payload])
                sent += 1
            }
            guard try client.receive() != nil else { continue }
            received += 1
            while received < sent, try client.receive(dontWait: true) != nil { received += 1 }
        }
        let rate = Double(messages) / Monotonic.seconds(since: start)
        try server.stop(through: client)
        return Result(transport: transport, endpoint: server.endpoint, roundTrip: samples, messagesPerSecond: rate)
    }

    private static func exchange(_ client: ZMQSocket, _ payload: Data) throws {
        try client.send([Data(), payload])
        _ = try client.receive()
    }
}
