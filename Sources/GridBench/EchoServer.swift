import Dispatch
import Foundation
import ZeroMQ

/// A ROUTER on its own thread and its own context (as another process would have) that sends every
/// `[identity][empty][payload]` straight back: the floor under any service round trip.
final class EchoServer {
    /// The bound endpoint, with a wildcard TCP port resolved.
    let endpoint: String
    private let stopped = DispatchSemaphore(value: 0)
    static let stopPayload = Data("stop".utf8)

    /// Hands the bind's outcome from the server thread to the caller. `@unchecked Sendable` is safe:
    /// `value` is written once before `ready.signal()` and read only after `ready.wait()`.
    private final class Outcome: @unchecked Sendable {
        var value: Result<String, any Error> = .failure(ZMQError(code: 0, operation: "not started"))
    }

    /// Binds `endpoint` on a new thread and returns once it is bound (or throws why not).
    init(binding endpoint: String) throws {
        let ready = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        let stopped = self.stopped
        let thread = Thread {
            defer { stopped.signal() }
            do {
                let context = try ZMQContext()
                let router = try ZMQSocket(context, .router)
                try router.setSendHighWaterMark(0)
                try router.setReceiveHighWaterMark(0)
                try router.bind(endpoint)
                outcome.value = .success(try router.lastEndpoint())
                ready.signal()
                try Self.echo(router)
            } catch {
                outcome.value = .failure(error)
                ready.signal()
            }
        }
        thread.start()
        ready.wait()
        self.endpoint = try outcome.value.get()
    }

    private static func echo(_ router: ZMQSocket) throws {
        while let frames = try router.receive() {
            if frames.last == stopPayload { return }
            try router.send(frames)
        }
    }

    /// Asks the server to stop (through `client`, a DEALER connected to it) and waits for its thread.
    func stop(through client: ZMQSocket) throws {
        try client.send([Data(), Self.stopPayload])
        stopped.wait()
    }
}
