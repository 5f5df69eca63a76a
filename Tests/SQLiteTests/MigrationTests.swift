import Foundation
import SQLite
import Testing

struct MigrationTests {
    /// Fails if run twice, so a re-run cannot go unnoticed.
    let createA = "CREATE TABLE a(x)"
    let createB = "CREATE TABLE b(y); INSERT INTO b VALUES (1)"
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test func migrateAppliesOnlyPendingStepsAndIsIdempotent() throws {
        let path = directory.path("migrate.sqlite")
        let first = try Database(path: path)
        try first.migrate([createA])
        #expect(try first.userVersion() == 1)
        first.close()

        let db = try Database(path: path)
        try db.migrate([createA, createB])
        #expect(try db.userVersion() == 2)
        try db.migrate([createA, createB])
        #expect(try db.userVersion() == 2)
        #expect(try db.query("SELECT y FROM b").count == 1)
    }

    @Test func aFailingStepRollsBackAndLeavesTheVersionAtTheLastGoodStep() throws {
        let db = try Database(path: ":memory:")
        let broken = "CREATE TABLE c(z); INSERT INTO nowhere VALUES (1)"
        let error = try #require(throws: SQLiteError.self) { try db.migrate([createA, broken]) }
        #expect(error.sql == broken)
        #expect(try db.userVersion() == 1)
        #expect(try db.query("SELECT name FROM sqlite_master WHERE name = 'c'").isEmpty)
        #expect(!db.isInTransaction)
    }

    @Test func aDatabaseAtALaterVersionIsLeftUnchanged() throws {
        let db = try Database(path: ":memory:")
        try db.execute("PRAGMA user_version = 5")
        try db.migrate([createA])
        #expect(try db.userVersion() == 5)
        #expect(try db.query("SELECT name FROM sqlite_master").isEmpty)
    }
}
