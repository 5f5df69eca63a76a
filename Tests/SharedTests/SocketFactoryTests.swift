import Foundation
import GridSockets
import Testing
import ZeroMQ

/// Every socket comes from the factory with `LINGER` 0 and the settings docs/protocol.md lists
/// under "Socket settings".
@Suite struct SocketFactoryTests {
    @Test func theRolesCarryTheDocumentedSettings() {
        let heartbeat = SocketSettings.Heartbeat(interval: 1_000, timeout: 3_000, ttl: 6_000)
        #expect(SocketRole.eventPublisher.settings == SocketSettings(sendHighWaterMark: 100_000))
        #expect(SocketRole.commandServer.settings == SocketSettings(
            sendHighWaterMark: 10_000, receiveHighWaterMark: 10_000, routerMandatory: true, heartbeat: heartbeat))
        #expect(SocketRole.streamSubscriber.settings == SocketSettings(receiveHighWaterMark: 100_000))
        #expect(SocketRole.intake.settings == SocketSettings(receiveHighWaterMark: 100_000))
        #expect(SocketRole.replayClient.settings == SocketSettings(immediate: true, heartbeat: heartbeat))
        #expect(SocketRole.requestClient.settings == SocketSettings())
        #expect(SocketRole.watcher.settings == SocketSettings())
    }

    @Test(arguments: SocketRole.allCases)
    func aSocketHasLingerZeroAndItsRolesSettings(role: SocketRole) throws {
        let socket = try SocketFactory().socket(role)
        defer { socket.close() }
        let settings = role.settings
        #expect(socket.kind == role.kind)
        #expect(try socket.lingerMilliseconds() == 0)
        #expect(try socket.sendHighWaterMark() == settings.sendHighWaterMark ?? 1_000, "libzmq's default is 1,000")
        #expect(try socket.receiveHighWaterMark() == settings.receiveHighWaterMark ?? 1_000)
        #expect(try socket.isImmediate() == settings.immediate)
        let heartbeat = try socket.heartbeat()
        let expected = settings.heartbeat ?? SocketSettings.Heartbeat(interval: 0, timeout: -1, ttl: 0)
        #expect(heartbeat.intervalMilliseconds == expected.interval)
        #expect(heartbeat.timeoutMilliseconds == expected.timeout)
        #expect(heartbeat.ttlMilliseconds == expected.ttl)
    }

    @Test func aCommandServerRefusesToReplyToAnUnknownPeer() throws {
        let socket = try SocketFactory().socket(.commandServer)
        defer { socket.close() }
        try socket.bind("inproc://socket-factory-mandatory")
        let error = #expect(throws: ZMQError.self) { try socket.send([Data("nobody".utf8), Data(), Data("{}".utf8)]) }
        #expect(error?.code == EHOSTUNREACH, "ROUTER_MANDATORY is on")
    }
}
