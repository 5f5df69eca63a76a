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
