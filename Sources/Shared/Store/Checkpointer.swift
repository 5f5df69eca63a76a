import Foundation
import GridLogging
import SQLite

/// Copies the write-ahead log back into the database file from a thread of its own, with its own
/// connection, so the service's loop never waits for that fsync. (SQLite's automatic checkpoint
/// runs inside whichever commit crosses the threshold: a 3–20 ms stall in the middle of serving.)
/// PASSIVE checkpoints never block the writer; the service's connection has auto-checkpointing off.
final class Checkpointer: @unchecked Sendable {
    // @unchecked: `stopping`, `finished`, `poked` and `succeededAt` are guarded by `lock`; the
    // connection lives and dies on the thread.
    private let lock = NSCondition()
    private var stopping = false
    private var succeededAt: Date?
    private var finished = false
    private var poked = false

    init(path: String, intervalMilliseconds: Int = 500, logger: Logger) {
        let thread = Thread { [self] in
            run(path: path, interval: TimeInterval(intervalMilliseconds) / 1000, logger: logger)
        }
        thread.name = "checkpoint"
        thread.start()
    }

    private func run(path: String, interval: TimeInterval, logger: Logger) {
        defer {
            lock.lock()
            finished = true
            lock.broadcast()
            lock.unlock()
        }
        let db: Database
        do {
            db = try Database(path: path)
        } catch {
            logger.error("checkpointer cannot open the database", ["error": error])
            return
        }
        var failing = false
        while true {
            lock.lock()
            if !stopping, !poked { _ = lock.wait(until: Date().addingTimeInterval(interval)) }
            let stop = stopping
            poked = false
            lock.unlock()
            do {
                try db.execute("PRAGMA wal_checkpoint(PASSIVE)")
                failing = false
                lock.lock()
                succeededAt = Date()
                lock.unlock()
            } catch {
                // Busy or a storage fault: the log just grows a little longer; the writer reports faults.
                if !failing { logger.warning("checkpoint failed", ["error": error]) }
                failing = true
            }
            if stop { return }
        }
    }

    /// When a checkpoint last succeeded on this thread; nil until one has. Safe from any thread.
    var lastSuccess: Date? {
        lock.lock()
        defer { lock.unlock() }
        return succeededAt
    }

    /// Checkpoints now rather than at the end of the interval.
    func poke() {
        lock.lock()
        poked = true
        lock.broadcast()
        lock.unlock()
    }

    /// Makes a last checkpoint and waits for the thread to end.
    func stop() {
        lock.lock()
        stopping = true
        lock.broadcast()
        while !finished { lock.wait() }
        lock.unlock()
    }
}
