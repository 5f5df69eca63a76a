import SQLite
import Testing

struct ErrorTests {
    @Test func uniqueViolationThrowsConstraintUniqueNamingTheColumnAndKeepingTheSQL() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(x TEXT UNIQUE)")
        let insert = "INSERT INTO t(x) VALUES (?)"
        try db.execute(insert, ["secret-value"])

        let error = try #require(throws: SQLiteError.self) { try db.execute(insert, ["secret-value"]) }
        #expect(error.code == SQLiteError.constraintUnique)
        #expect(error.primaryCode == SQLiteError.constraint)
        #expect(error.isConstraint)
        #expect(error.message.contains("t.x"))
        #expect(error.sql == insert)
        #expect(!error.description.contains("secret-value"))

        try db.execute(insert, ["another"])
        #expect(try db.query("SELECT x FROM t").count == 2)
    }

    @Test func primaryKeyViolationThrowsConstraintPrimaryKey() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY)")
        try db.execute("INSERT INTO t VALUES (?)", [1])
        let error = try #require(throws: SQLiteError.self) { try db.execute("INSERT INTO t VALUES (?)", [1]) }
        #expect(error.code == SQLiteError.constraintPrimaryKey)
    }

    @Test func syntaxErrorsKeepTheSQLInPrepareAndInScripts() throws {
        let db = try Database(path: ":memory:")
        let prepareError = try #require(throws: SQLiteError.self) { try db.query("SELEC 1") }
        #expect(prepareError.code == SQLiteError.generic)
        #expect(prepareError.sql == "SELEC 1")

        let script = "CREATE TABLE t(x); INSERT INTO missing VALUES (1)"
        let scriptError = try #require(throws: SQLiteError.self) { try db.execute(script) }
        #expect(scriptError.code == SQLiteError.generic)
        #expect(scriptError.sql == script)
    }

    @Test func descriptionNamesTheCodeAndFallsBackToThePrimaryName() {
        let unique = SQLiteError(code: 2067, message: "UNIQUE constraint failed: t.x", sql: "INSERT INTO t VALUES (1)")
        #expect(
            unique.description
                == "SQLite error 2067 (SQLITE_CONSTRAINT_UNIQUE): UNIQUE constraint failed: t.x; sql: INSERT INTO t VALUES (1)")
        let unknownExtended = SQLiteError(code: 19 | 99 << 8, message: "m", sql: nil)
        #expect(unknownExtended.description == "SQLite error 25363 (SQLITE_CONSTRAINT): m")
    }

    @Test func predicatesFollowThePrimaryCode() {
        func error(_ code: Int32) -> SQLiteError { SQLiteError(code: code, message: "", sql: nil) }
        #expect(error(SQLiteError.busy).isBusy)
        #expect(error(SQLiteError.busyTimeout).isBusy)
        #expect(error(SQLiteError.readOnlyDatabaseMoved).isReadOnly)
        #expect(error(SQLiteError.corrupt).isCorrupt)
        #expect(error(SQLiteError.notADatabase).isCorrupt)
        #expect(error(SQLiteError.full).isFull)
        #expect(error(SQLiteError.constraintNotNull).isConstraint)
        #expect(error(SQLiteError.ioError | 4 << 8).isIOError)
        #expect(!error(SQLiteError.locked).isBusy)
    }
}
