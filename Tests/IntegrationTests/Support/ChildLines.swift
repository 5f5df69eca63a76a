import Foundation

/// A built program running as a child process whose standard output (or error) is read line by
/// line on a thread of its own, so a test can poll (bounded) for the line it waits for. ``terminate()``
/// ends the child; so does `deinit`, should a test return early.
final class ChildLines: @unchecked Sendable {
    // @unchecked: `lines` is guarded by `lock`; the process handle is used from the test only.
    private let process = Process()
    private let lock = NSLock()
    private var lines: [String] = []

    init(_ name: String, _ arguments: [String], standardError: Bool = false) throws {
        process.executableURL = Cluster.binDirectory.appendingPathComponent(name)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = standardError ? FileHandle.nullDevice : out
        process.standardError = standardError ? out : FileHandle.nullDevice
        try process.run()
        let handle = out.fileHandleForReading
        Thread.detachNewThread { [self] in
            var pending = Data()
            while case let chunk = handle.availableData, !chunk.isEmpty {
                pending.append(chunk)
                while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<end], as: UTF8.self)
                    pending = Data(pending[(end + 1)...])
                    lock.withLock { lines.append(line) }
                }
            }
        }
    }

    deinit { terminate() }

    /// Every line read so far.
    var all: [String] { lock.withLock { lines } }

    /// The lines read after the first `skip`.
    func lines(after skip: Int) -> ArraySlice<String> { all.dropFirst(skip) }

    var isRunning: Bool { process.isRunning }

    /// Sends SIGTERM and waits (bounded) for the exit, then SIGKILL; returns the exit status.
    @discardableResult
    func terminate(timeout: TimeInterval = 10) -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    /// Waits (bounded) for the child to end by itself; returns its exit status, nil if it did not.
    func exitStatus(within timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        return process.isRunning ? nil : process.terminationStatus
    }
}
