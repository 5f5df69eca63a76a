import Foundation
import GridWire
import Testing
import ZeroMQ

/// Pipelined commands are committed together, each answered as if alone.
@Suite(.serialized) struct GroupCommitTests {
    @Test func pipelinedRaisesCommitTogetherAndARefusedOneUndoesOnlyItself() throws {
        let cluster = try Cluster()
        try cluster.start([.whistle])
        let context = try ZMQContext()
        let client = try ZMQSocket(context, .dealer)
        try client.connect(cluster.config.endpoints.whistle.router)
        // Make sure the connection is up before the burst, so it arrives as one queue.
        let warm = try RawClient(cluster.config.endpoints.whistle.router)
        #expect(try warm.request(#"{"v":1,"cmd":"status","body":{}}"#)?.head.status == .ok)

        let count = 300
        func raise(_ n: Int) -> String {
            let matter = n == 150 ? "no-such-matter" : "exposed-garbage"
            let key = n == 151 ? "k-150" : "k-\(n)"   // 151 reuses 150's key with another request
            return #"{"v":1,"cmd":"raise","key":"\#(key)","as":"grid:JD-NX-A01-G01-M0\#(1 + n % 2)","body":{"matter":"\#(matter)","description":"垃圾 \#(n)","location":""}}"#
        }
        for n in 0..<count {
            try client.send([Data(), Data(raise(n).utf8)])
        }
        var replies: [String: ReceivedReply] = [:]
        let deadline = Date().addingTimeInterval(30)
        while replies.count < count && Date() < deadline {
            guard try ZMQPoller.poll([.socket(client)], timeoutMilliseconds: 100)[0] else { continue }
            while let frames = try client.receive(dontWait: true) {
                let reply = try ReceivedReply(decoding: frames[1])
                replies[(reply.head.key ?? "") + "#\(replies.count)"] = reply
            }
        }
        let all = Array(replies.values)
        #expect(all.count == count)
        let accepted = all.filter { $0.head.status == .ok }
        let refusedCodes = all.compactMap { $0.head.error?.code }.sorted()
        #expect(refusedCodes == ["unknown_matter"], "151 reuses a key that was refused, so it is a fresh command")
        #expect(accepted.count == count - 1)
        let ids = Set(try accepted.map { try $0.body(WhistleAccepted.self).whistle })
        #expect(ids.count == count - 1, "every accepted raise got its own whistle")
        let numbers = Set(ids.compactMap { $0.split(separator: "-").last.flatMap { Int($0) } })
        #expect(numbers == Set(1..<count), "numbered without a gap, the refused raise included")

        let (_, status) = try cluster.gridctlJSON(ServiceStatus.self, ["status", "whistle"])
        let commits = try #require(status?.counters["groupCommits"])
        #expect(status?.counters["committedCommands"] == Int64(count))
        #expect(commits < Int64(count), "the burst was committed in fewer transactions than commands")
        #expect(status?.head == Int64(1 + 2 * (count - 1)), "reference + raised and routed per accepted whistle")
        #expect(cluster.stop(.whistle) == 0)
    }
}
