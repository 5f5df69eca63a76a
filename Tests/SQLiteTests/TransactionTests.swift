import Foundation
import SQLite
import Testing

struct TransactionTests {
    struct Abandon: Error, Equatable {}

    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test func anErrorInTheBodyRollsBackAndRethrowsTheOriginalError() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(x)")
        #expect(throws: Abandon()) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (?)", [1])
                throw Abandon()
            }
        }
        #expect(!db.isInTransaction)
        #expect(try db.query("SELECT x FROM t").isEmpty)
    }

    @Test func anSQLiteErrorInTheBodyRollsBackEarlierWrites() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(x UNIQUE)")
        let error = try #require(throws: SQLiteError.self) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (?)", [1])
                try db.execute("INSERT INTO t VALUES (?)", [1])
            }
        }
        #expect(error.code == SQLiteError.constraintUnique)
        #expect(try db.query("SELECT x FROM t").isEmpty)
    }

    @Test func walFramesCountsTheLogAndSeesItStartOverAfterACheckpoint() throws {
        let db = try Database(path: directory.path("wal.sqlite"))
        try db.execute("PRAGMA journal_mode=WAL")
        try db.execute("PRAGMA wal_autocheckpoint=0")
        #expect(db.walFrames == 0)
        try db.countWALFrames()
        try db.execute("CREATE TABLE t(x)")
        var grown: [Int] = []
        for round in 0..<3 {
            try db.transaction {
                for x in 0..<200 { try db.execute("INSERT INTO t VALUES (?)", [String(repeating: "网", count: 100 + round + x)]) }
            }
            grown.append(db.walFrames)
        }
        #expect(grown[0] > 1 && grown[0] < grown[1] && grown[1] < grown[2])
        // Everything copied into the database file: the next commit writes from the log's start.
        try db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        try db.execute("INSERT INTO t VALUES (?)", [1])
        #expect(db.walFrames > 0 && db.walFrames < grown[0])
    }

    @Test func aCommittedTransactionPersistsAcrossReopening() throws {
        let path = directory.path("commit.sqlite")
        let db = try Database(path: path)
        try db.execute("CREATE TABLE t(x)")
        let (inserted, wasInTransaction) = try db.transaction {
            try db.execute("INSERT INTO t VALUES (?)", [1])
            try db.execute("INSERT INTO t VALUES (?)", [2])
            return (db.lastInsertRowID, db.isInTransaction)
        }
        #expect(inserted == 2)
        #expect(wasInTransaction)
        #expect(!db.isInTransaction)
        db.close()

        let reopened = try Database(path: path)
        #expect(try reopened.query("SELECT x FROM t ORDER BY x").map { $0.int(0) } == [1, 2])
    }

    @Test(arguments: [Database.TransactionKind.deferred, .immediate, .exclusive])
    func everyKindCommits(kind: Database.TransactionKind) throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(x)")
        try db.transaction(kind) { try db.execute("INSERT INTO t VALUES (?)", [1]) }
        #expect(try db.query("SELECT x FROM t").count == 1)
    }

    @Test func beginImmediateOnASecondConnectionWithZeroTimeoutThrowsBusy() throws {
        let path = directory.path("busy.sqlite")
        let writer = try Database(path: path)
        try writer.execute("CREATE TABLE t(x)")
        try writer.execute("BEGIN IMMEDIATE")
        let other = try Database(path: path, busyTimeoutMilliseconds: 0)

        let error = try #require(throws: SQLiteError.self) { try other.transaction(.immediate) {} }
        #expect(error.isBusy)
        #expect(!other.isInTransaction)

        try writer.execute("COMMIT")
        try other.transaction(.immediate) { try other.execute("INSERT INTO t VALUES (?)", [1]) }
        #expect(try other.query("SELECT x FROM t").count == 1)
    }

    @Test func aWriteStepOnABusyDatabaseThrowsBusyWithTheStatementSQL() throws {
        let path = directory.path("busy.sqlite")
        let writer = try Database(path: path)
        try writer.execute("CREATE TABLE t(x)")
        try writer.execute("BEGIN IMMEDIATE")
        let other = try Database(path: path, busyTimeoutMilliseconds: 0)

        let insert = "INSERT INTO t VALUES (?)"
        let error = try #require(throws: SQLiteError.self) { try other.execute(insert, [1]) }
        #expect(error.isBusy)
        #expect(error.sql == insert)
    }

    @Test func nestingTransactionsIsAProgrammerError() async {
        await #expect(processExitsWith: .failure) {
            let db = try! Database(path: ":memory:")
            try! db.transaction { try! db.transaction {} }
        }
    }
}
