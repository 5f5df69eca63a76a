import Foundation
import SQLite
import Testing

struct OpeningTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test func writingToADatabaseOpenedReadOnlyThrowsReadOnly() throws {
        let path = directory.path("ro.sqlite")
        let writer = try Database(path: path)
        try writer.execute("CREATE TABLE t(x)")
        writer.close()

        let reader = try Database(path: path, readOnly: true)
        #expect(try reader.query("SELECT x FROM t").isEmpty)
        let error = try #require(throws: SQLiteError.self) { try reader.execute("INSERT INTO t VALUES (?)", [1]) }
        #expect(error.isReadOnly)
    }

    @Test func openingAMissingFileReadOnlyThrowsCantOpen() throws {
        let path = directory.path("absent.sqlite")
        let error = try #require(throws: SQLiteError.self) { try Database(path: path, readOnly: true) }
        #expect(error.primaryCode == SQLiteError.cantOpen)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aFileFullOfGarbageThrowsNotADatabaseOnFirstUse() throws {
        let path = directory.path("garbage.sqlite")
        try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: path))
        let db = try Database(path: path)
        let error = try #require(throws: SQLiteError.self) { try db.query("SELECT name FROM sqlite_master") }
        #expect(error.isCorrupt)
        #expect(error.code == SQLiteError.notADatabase)
    }

    @Test func openingAPathInAMissingDirectoryThrowsCantOpen() throws {
        let path = directory.path("missing/db.sqlite")
        let error = try #require(throws: SQLiteError.self) { try Database(path: path) }
        #expect(error.primaryCode == SQLiteError.cantOpen)
    }

    @Test func closeIsIdempotentAndLaterUseThrowsMisuse() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(x)")
        try db.execute("INSERT INTO t VALUES (?)", [1])
        let statement = try db.prepare("SELECT x FROM t")
        db.close()
        db.close()

        let error = try #require(throws: SQLiteError.self) { try db.query("SELECT x FROM t") }
        #expect(error.code == SQLiteError.misuse)
        let statementError = try #require(throws: SQLiteError.self) { try statement.rows() }
        #expect(statementError.code == SQLiteError.misuse)
        #expect(!db.isInTransaction)
        #expect(db.changes == 0)
    }

    @Test func aDatabaseOnlyReferencedByItsCachedStatementsIsReleased() throws {
        weak var released: Database?
        func useAndDrop() throws {
            let db = try Database(path: ":memory:")
            try db.execute("CREATE TABLE t(x)")
            try db.execute("INSERT INTO t VALUES (?)", [1])
            _ = try db.query("SELECT x FROM t")
            released = db
        }
        try useAndDrop()
        #expect(released == nil)
    }
}
