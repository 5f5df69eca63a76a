import Foundation
import GridWire
import ZeroMQ

/// A ROUTER bound where a service's would be, answering with canned bodies: it shows the exact
/// request gridctl sends and what gridctl prints of a reply, for commands whose service side is
/// not in this build yet.
final class StandInService {
    private let context: ZMQContext
    private let socket: ZMQSocket

    init(_ endpoint: String) throws {
        context = try ZMQContext()
        socket = try ZMQSocket(context, .router)
        try socket.bind(endpoint)
    }

    /// Runs gridctl (`cluster`'s configuration, `arguments`) to its end, answering each request it
    /// sends with `status: ok` and the body `answer` gives for it (JSON text). Returns gridctl's
    /// result and the requests it sent, in order.
    func run(_ cluster: Cluster, _ arguments: [String], timeout: TimeInterval = 20,
             answer: (JSONValue) -> String = { _ in "{}" }) throws -> (CommandResult, [JSONValue]) {
        let process = Process()
        process.executableURL = Cluster.binDirectory.appendingPathComponent("gridctl")
        process.arguments = ["--config", cluster.configPath, "--timeout", "10"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        var requests: [JSONValue] = []
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            guard try ZMQPoller.poll([.socket(socket)], timeoutMilliseconds: 50)[0],
                  let frames = try socket.receive(dontWait: true), frames.count == 3 else { continue }
            let request = try JSONCoding.decode(JSONValue.self, from: frames[2])
            requests.append(request)
            let key = request["key"].flatMap { try? JSONCoding.encodeString($0) } ?? "null"
            let reply = #"{"body":\#(answer(request)),"key":\#(key),"status":"ok","v":1}"#
            _ = try socket.send([frames[0], Data(), Data(reply.utf8)])
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        // gridctl writes a few lines at most: well within a pipe's buffer, so reading after the
        // exit cannot block it.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        return (CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                              stderr: String(decoding: stderr, as: UTF8.self)), requests)
    }
}
