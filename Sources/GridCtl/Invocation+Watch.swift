import Foundation
import GridCommandLine
import GridDomain
import GridSockets
import GridWire
import ZeroMQ

extension Invocation {
    /// Prints what a service publishes under a topic prefix, one line per message, as it comes.
    /// With `--count N`, stops after N messages (heartbeats are skipped unless the prefix asks for them).
    func watch() throws {
        let stream = try arguments.value("--service").map { name throws(UsageError) -> StreamName in
            guard let stream = StreamName(rawValue: name) else { throw UsageError("--service is whistle, response or evaluation") }
            return stream
        } ?? .response
        let prefix = arguments.value("--topic") ?? ""
        let count = try arguments.value("--count").map { text throws(UsageError) -> Int in
            guard let n = Int(text), n > 0 else { throw UsageError("--count takes a positive number") }
            return n
        }
        let seconds = try arguments.value("--for").map { text throws(UsageError) -> Double in
            guard let s = Double(text), s > 0 else { throw UsageError("--for takes seconds") }
            return s
        }
        let socket = try watcher(of: stream)
        defer { socket.close() }
        // Under keys a subscription is granted only under a prefix the key's principal may read:
        // without --topic, all of those (docs/protocol.md, "Read rights").
        let mine = sockets.keys.flatMap { config.keys?.principals[$0.publicKey] }
        for subscription in arguments.value("--topic").map({ [$0] }) ?? mine.map(ReadRights.prefixes) ?? [""] {
            try socket.subscribe(subscription)
        }
        let deadline = seconds.map { Date().addingTimeInterval($0) }
        var seen = 0
        while count.map({ seen < $0 }) ?? true {
            if let deadline, Date() >= deadline { exit(count == nil ? 0 : 3) }
            guard try ZMQPoller.poll([.socket(socket)], timeoutMilliseconds: 200)[0],
                  let frames = try socket.receive(dontWait: true), frames.count == 2 else { continue }
            let topic = String(decoding: frames[0], as: UTF8.self)
            if topic.hasPrefix("status.") && !prefix.hasPrefix("status.") { continue }
            seen += 1
            let body = String(decoding: frames[1], as: UTF8.self)
            let line = if json {
                body
            } else if let event = try? ReceivedEvent(decoding: frames[1]) {
                "\(local(event.head.time))  \(topic)  seq \(event.head.seq)  \(body)"
            } else {
                "\(topic)  \(body)"
            }
            // Unbuffered, so a script reading the pipe sees each message as it comes.
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }
}
