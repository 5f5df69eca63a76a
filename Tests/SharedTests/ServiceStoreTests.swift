import Foundation
import GridStore
import GridWire
import Testing

/// The outbox: a state change and its events commit together, or neither does.
@Suite struct ServiceStoreTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var path: String { directory.appendingPathComponent("whistle.sqlite").path }
    static let migrations = [("test-1", "CREATE TABLE things(id TEXT PRIMARY KEY)")]

    struct Payload: Codable, Sendable, Equatable { var thing: String }

    func open() throws -> ServiceStore {
        try ServiceStore(path: path, stream: .whistle, migrations: Self.migrations)
    }

    @Test func eventsGetConsecutiveSequencesAndAreReplayedInOrder() throws {
        let store = try open()
        let (_, first) = try store.write { transaction in
            try transaction.db.execute("INSERT INTO things(id) VALUES ('a')", [])
            try transaction.emit("raised", topic: "whistle.raised.", at: Date(), Payload(thing: "a"))
            try transaction.emit("routed", topic: "whistle.routed.", at: Date(), Payload(thing: "a"))
        }
        #expect(first.map(\.seq) == [1, 2])
        #expect(store.head == 2)
        let replayed = try store.events(after: 1, limit: 10)
        #expect(replayed.count == 1)
        let event = try ReceivedEvent(decoding: Data(replayed[0].utf8))
        #expect(event.head.seq == 2)
        #expect(event.head.type == "routed")
        #expect(event.head.epoch == store.epoch)
        #expect(try event.payload(Payload.self) == Payload(thing: "a"))
    }

    struct Boom: Error {}

    @Test func manyEventsOfOneAttemptAreStoredInOrder() throws {
        let store = try open()
        let (_, events) = try store.write { transaction in
            try transaction.attempt { transaction in
                for index in 0..<9 {
                    try transaction.emit("raised", topic: "whistle.raised.", at: Date(), Payload(thing: "t\(index)"))
                }
            }
        }
        #expect(events.map(\.seq) == Array(1...9))
        let stored = try store.events(after: 0, limit: 20).map { try ReceivedEvent(decoding: Data($0.utf8)) }
        #expect(stored.map(\.head.seq) == Array(1...9))
        #expect(try stored.map { try $0.payload(Payload.self).thing } == (0..<9).map { "t\($0)" })
    }

    @Test func aFailedWriteLeavesNeitherStateNorEvents() throws {
        let store = try open()
        var caught = false
        do {
            _ = try store.write { transaction in
                try transaction.db.execute("INSERT INTO things(id) VALUES ('a')", [])
                try transaction.emit("raised", topic: "whistle.raised.", at: Date(), Payload(thing: "a"))
                throw Boom()
            }
        } catch is Boom {
            caught = true
        }
        #expect(caught)
        #expect(store.head == 0)
        #expect(try store.events(after: 0, limit: 10).isEmpty)
        #expect(try store.db.query("SELECT * FROM things").isEmpty)
    }

    /// Three attempts in one write; the middle one throws, either before or after it changed a row.
    func writeThreeWithAFailure(afterChanging: Bool, runs: inout Int) throws -> [StoredEvent] {
        let (outcomes, events) = try open().write { transaction in
            runs += 1
            return ["a", "b", "c"].map { thing in
                do {
                    return try transaction.attempt { transaction -> Bool in
                        if thing == "b", !afterChanging { throw Boom() }
                        try transaction.db.execute("INSERT INTO things(id) VALUES (?)", [thing])
                        try transaction.emit("raised", topic: "whistle.raised.", at: Date(), Payload(thing: thing))
                        if thing == "b" { throw Boom() }
                        return true
                    }
                } catch {
                    return false
                }
            }
        }
        #expect(outcomes == [true, false, true])
        return events
    }

    @Test(arguments: [false, true])
    func aFailedAttemptUndoesOnlyItself(afterChanging: Bool) throws {
        var runs = 0
        let events = try writeThreeWithAFailure(afterChanging: afterChanging, runs: &runs)
        // Refused before writing: nothing to undo, one run. After writing: run again with savepoints.
        #expect(runs == (afterChanging ? 2 : 1))
        #expect(events.map(\.seq) == [1, 2])
        let store = try open()
        #expect(store.head == 2)
        #expect(try store.db.query("SELECT id FROM things ORDER BY id").map { $0.string(0) } == ["a", "c"])
        let stored = try store.events(after: 0, limit: 10).map { try ReceivedEvent(decoding: Data($0.utf8)) }
        #expect(try stored.map { try $0.payload(Payload.self).thing } == ["a", "c"])
    }

    /// Writes held in memory over a transaction (an indicator store's facts) and made once before
    /// the commit: an attempt that holds one and then fails makes the transaction run again with
    /// savepoints, where the caller writes at once and the failed attempt's write is undone.
    @Test func aHeldWriteIsMadeOnceBeforeTheCommitAndAFailedAttemptThatHeldOneRunsAgain() throws {
        let store = try open()
        var runs: [Bool] = []
        var held: [String] = []
        let (outcomes, _) = try store.write { transaction in
            runs.append(transaction.usesSavepoints)
            held = []
            if !transaction.usesSavepoints {
                transaction.beforeCommit { [store] in
                    for thing in held { try store.db.execute("INSERT INTO things(id) VALUES (?)", [thing]) }
                }
            }
            return ["a", "b", "c"].map { thing in
                (try? transaction.attempt { transaction -> Bool in
                    if transaction.usesSavepoints {
                        try transaction.db.execute("INSERT INTO things(id) VALUES (?)", [thing])
                    } else {
                        held.append(thing)
                        transaction.holdWrite()
                    }
                    if thing == "b" { throw Boom() }
                    return true
                }) ?? false
            }
        }
        #expect(outcomes == [true, false, true])
        #expect(runs == [false, true])
        #expect(try store.db.query("SELECT id FROM things ORDER BY id").map { $0.string(0) } == ["a", "c"])

        // Without a failure the held writes are made by the one run, before the commit.
        let (_, events) = try store.write { transaction in
            transaction.beforeCommit { [store] in try store.db.execute("INSERT INTO things(id) VALUES ('d')", []) }
            try transaction.attempt { transaction in
                transaction.holdWrite()
                try transaction.emit("raised", topic: "whistle.raised.", at: Date(), Payload(thing: "d"))
            }
        }
        #expect(events.count == 1)
        #expect(try store.db.query("SELECT id FROM things ORDER BY id").map { $0.string(0) } == ["a", "c", "d"])

        // A write that throws stores nothing, and its held write is never made.
        #expect(throws: Boom.self) {
            try store.write { transaction in
                transaction.beforeCommit { [store] in try store.db.execute("INSERT INTO things(id) VALUES ('e')", []) }
                throw Boom()
            }
        }
        #expect(try store.db.query("SELECT COUNT(*) FROM things").first?.int64(0) == 3)
    }

    @Test func aNestedAttemptThatFailsAfterWritingIsUndoneAlone() throws {
        let store = try open()
        var runs = 0
        let (inner, _) = try store.write { transaction in
            runs += 1
            return try transaction.attempt { outer -> Bool in
                try outer.db.execute("INSERT INTO things(id) VALUES ('outer')", [])
                do {
                    try outer.attempt { inner in
                        try inner.db.execute("INSERT INTO things(id) VALUES ('inner')", [])
                        throw Boom()
                    }
                    return true
                } catch is Boom {
                    return false
                }
            }
        }
        #expect(inner == false)
        #expect(runs == 2)
        #expect(try store.db.query("SELECT id FROM things").map { $0.string(0) } == ["outer"])
    }

    @Test func aLongLogIsCheckpointedSoTheNextCommitStartsItOver() throws {
        let store = try ServiceStore(path: path, stream: .whistle, migrations: Self.migrations, longLog: 50)
        var thing = 0
        func writeSome() throws {
            _ = try store.write { transaction in
                for _ in 0..<100 {
                    thing += 1
                    try transaction.db.execute("INSERT INTO things(id) VALUES (?)", ["\(thing) " + String(repeating: "哨", count: 300)])
                }
            }
        }
        try writeSome()
        let first = store.db.walFrames
        try writeSome()
        let long = store.db.walFrames
        // Without a checkpoint the log only grows.
        #expect(first >= 50 && long > first)
        store.keepLogShort()
        try writeSome()
        #expect(store.db.walFrames < first)
        #expect(try store.db.queryFirst("SELECT COUNT(*) FROM things")?.int(0) == 300)
    }

    @Test func epochHeadCursorsAndRepliesSurviveAReopen() throws {
        let epoch: String
        do {
            let store = try open()
            epoch = store.epoch
            _ = try store.write { transaction in
                try transaction.emit("raised", topic: "whistle.raised.", at: Date(), Payload(thing: "a"))
                try transaction.setCursor(.evaluation, epoch: "e1", last: 7)
                try transaction.rememberReply(principal: "grid:G", key: "k", request: "raise {}", reply: Data("{}".utf8))
            }
        }
        let reopened = try open()
        #expect(reopened.epoch == epoch)
        #expect(reopened.head == 1)
        #expect(try reopened.cursor(.evaluation)?.last == 7)
        #expect(try reopened.cursor(.evaluation)?.epoch == "e1")
        #expect(try reopened.rememberedReply(principal: "grid:G", key: "k")?.request == "raise {}")
        #expect(try reopened.rememberedReply(principal: "grid:H", key: "k") == nil)
    }

    @Test func aKeyIsFoundInTheTransactionThatRememberedItAndAfterTheFilterOutgrowsItself() throws {
        let store = try open()
        // More pairs than the smallest filter holds: past it the filter is rebuilt from the log.
        _ = try store.write { transaction in
            for index in 0..<70_000 {
                try transaction.rememberReply(principal: "grid:G", key: "k\(index)", request: "raise {}", reply: Data("\(index)".utf8))
            }
            #expect(try store.rememberedReply(principal: "grid:G", key: "k69999")?.reply == "69999")
        }
        for index in stride(from: 0, to: 70_000, by: 6_999) {
            #expect(try store.rememberedReply(principal: "grid:G", key: "k\(index)")?.reply == "\(index)")
        }
        #expect(try store.rememberedReply(principal: "grid:G", key: "k70000") == nil)
        #expect(try store.rememberedReply(principal: "grid:H", key: "k1") == nil)
    }

    @Test func aFreshDatabaseGetsAFreshEpoch() throws {
        let first = try open().epoch
        try FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        #expect(try open().epoch != first)
    }
}
