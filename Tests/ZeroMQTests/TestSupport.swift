import Foundation
import ZeroMQ

/// Waits up to `milliseconds` for a message, so a missing message fails the test instead of hanging it.
func receive(_ socket: ZMQSocket, within milliseconds: Int = 5_000) throws -> [Data]? {
    let ready = try ZMQPoller.poll([.socket(socket)], timeoutMilliseconds: milliseconds)
    return ready == [true] ? try socket.receive(dontWait: true) : nil
}

func frames(_ strings: String...) -> [Data] {
    strings.map { Data($0.utf8) }
}

/// An abstract-namespace IPC endpoint no other test or process can be holding.
func uniqueIPCEndpoint() -> String {
    "ipc://@gridplus-zmq-tests-\(UUID().uuidString)"
}
