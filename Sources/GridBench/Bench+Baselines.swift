import Foundation

extension Bench {
    /// Baseline A: raw durable SQLite inserts of a raise's rows, one whistle per transaction and
    /// `batchSize` per transaction.
    func baselineSQLite() throws {
        let baseline = SQLiteBaseline(directory: scratch, workload: workload)
        sqliteSingle = try baseline.run(whistles: options.baselineSingle, perTransaction: 1)
        sqliteBatched = try baseline.run(whistles: options.batchSize * options.baselineBatches,
                                         perTransaction: options.batchSize)
        report.section("Baseline A: raw SQLite, the rows of one raise (1 whistles + 2 events + 1 commands row, "
            + "\(sqliteBatched.bytesPerWhistle) bytes of values), \(sqliteBatched.pragmas)")
        for (perTransaction, result) in [(1, sqliteSingle!), (options.batchSize, sqliteBatched!)] {
            report.line("  \(perTransaction) per transaction: \(Format.grouped(result.whistles)) whistles in "
                + "\(Format.seconds(result.seconds)) → \(Format.rate(result.rate, "whistles")) "
                + "(\(Format.rate(result.rate * 4, "rows")), \(Format.rate(result.rate / Double(perTransaction), "commits")))")
        }
        report.add("A: SQLite, 1 whistle per commit", Format.rate(sqliteSingle.rate, "whistles"), baseline: "(baseline)")
        report.add("A: SQLite, \(options.batchSize) whistles per commit", Format.rate(sqliteBatched.rate, "whistles"),
                   baseline: "(baseline)")
    }

    /// Baseline B: raw libzmq round trip and pipelined throughput, abstract ipc and loopback TCP,
    /// for a payload the size of a raise request.
    func baselineZeroMQ() throws {
        let sample = try workload.requests("size", count: 1_000)
        requestBytes = sample.reduce(0) { $0 + $1.count } / sample.count
        report.section("Baseline B: raw libzmq DEALER → ROUTER echo, two threads with their own contexts, "
            + "\(requestBytes)-byte payload (the mean raise request)")
        zmqIPC = try zmq("ipc", "ipc://@\(scratch.lastPathComponent)-echo")
        zmqTCP = try zmq("tcp", "tcp://127.0.0.1:*")
    }

    /// A reading aid, not a limit: the JSON work of one whistle on each side, in-process.
    func codecCost() throws {
        codec = try CodecCost.measure(workload, count: options.quick ? 2_000 : 5_000)
        report.section("For reading the figures: JSON work per whistle, one thread, the project's coders, in-process")
        report.line("  WhistleService side (decode request, fingerprint, co and policy columns, 2 envelopes, reply): "
            + String(format: "%.1f µs per raise → at most %@ on one core", codec.whistleSide,
                     Format.rate(1e6 / codec.whistleSide, "raises")))
        report.line("  ResponseService side (2 envelope heads, the routed payload, per task policy + dispatched envelope): "
            + String(format: "%.1f µs per whistle", codec.responseSide))
        report.line("  one `dispatched` envelope encoded: "
            + String(format: "%.2f µs; Foundation's JSONEncoder, same bytes: %.2f µs (%.1f × faster)", codec.envelopeEncode,
                     codec.envelopeEncodeFoundation, codec.envelopeEncodeFoundation / codec.envelopeEncode))
        report.add("C: encode one envelope vs Foundation", String(format: "%.2f µs vs %.2f µs", codec.envelopeEncode,
                                                                  codec.envelopeEncodeFoundation),
                   baseline: String(format: "%.1f × faster", codec.envelopeEncodeFoundation / codec.envelopeEncode))
        report.add("C: JSON per raise / per whistle applied", String(format: "%.0f µs / %.0f µs", codec.whistleSide, codec.responseSide),
                   baseline: "(reading aid)")
    }

    private func zmq(_ transport: String, _ endpoint: String) throws -> ZeroMQBaseline.Result {
        var result = try ZeroMQBaseline.measure(
            transport: transport, endpoint: endpoint, payloadBytes: requestBytes, roundTrips: options.zmqRoundTrips,
            messages: options.zmqMessages, window: options.window)
        let p50 = result.roundTrip.p50()
        let p99 = result.roundTrip.p99()
        report.line("  \(result.endpoint): round trip p50 \(Format.us(p50)), p99 \(Format.us(p99)) "
            + "(\(Format.grouped(options.zmqRoundTrips)) one at a time); pipelined, window \(options.window): "
            + "\(Format.rate(result.messagesPerSecond, "messages")) (\(Format.grouped(options.zmqMessages)) round trips)")
        report.add("B: libzmq \(transport) round trip p50 / p99", "\(Format.us(p50)) / \(Format.us(p99))",
                   baseline: "(baseline)")
        report.add("B: libzmq \(transport) pipelined", Format.rate(result.messagesPerSecond, "messages"), baseline: "(baseline)")
        return result
    }
}
