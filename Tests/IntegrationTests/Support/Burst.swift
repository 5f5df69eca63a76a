import Foundation
import GridWire
import ZeroMQ

/// Sends many requests down one DEALER without waiting, then collects every reply.
enum Burst {
    /// Raises `count` whistles from a few micro-grids; returns the accepted ones.
    static func raise(_ count: Int, keyPrefix: String, to endpoint: String, window: Int = 256) throws -> [WhistleAccepted] {
        let grids = ["JD-NX-A01-G01-M01", "JD-AT-A01-G01-M01", "JD-JDZ-A01-G01-M01"]
        let context = try ZMQContext()
        let socket = try ZMQSocket(context, .dealer)
        defer { socket.close() }
        try socket.connect(endpoint)
        var sent = 0
        var accepted: [WhistleAccepted] = []
        var replies = 0
        let deadline = Date().addingTimeInterval(120)
        while replies < count && Date() < deadline {
            while sent < count && sent - replies < window {
                let request = #"{"v":1,"cmd":"raise","key":"\#(keyPrefix)-\#(sent)","as":"grid:\#(grids[sent % grids.count])","body":{"matter":"street-vending","description":"burst \#(sent)","location":""}}"#
                try socket.send([Data(), Data(request.utf8)])
                sent += 1
            }
            guard try ZMQPoller.poll([.socket(socket)], timeoutMilliseconds: 100)[0] else { continue }
            while let frames = try socket.receive(dontWait: true) {
                replies += 1
                if let reply = try? ReceivedReply(decoding: frames[1]), let whistle = try? reply.body(WhistleAccepted.self) {
                    accepted.append(whistle)
                }
            }
        }
        return accepted
    }
}
