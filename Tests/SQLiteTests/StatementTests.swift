import Foundation
import SQLite
import Testing

struct StatementTests {
    @Test func statementCacheReturnsCorrectResultsForRepeatedExecutes() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT)")
        for k in 1...50 {
            try db.execute("INSERT INTO t(k, v) VALUES (?, ?)", [k, "v\(k)"])
            #expect(db.lastInsertRowID == Int64(k))
            #expect(db.changes == 1)
        }
        for k in [7, 1, 50, 7] {
            #expect(try db.queryFirst("SELECT v FROM t WHERE k = ?", [k])?.string(0) == "v\(k)")
        }
        #expect(try db.queryFirst("SELECT v FROM t WHERE k = ?", [99]) == nil)

        try db.execute("ALTER TABLE t ADD COLUMN w INTEGER NOT NULL DEFAULT 0")
        try db.execute("UPDATE t SET w = ? WHERE k > ?", [1, 48])
        #expect(db.changes == 2)
        #expect(try db.query("SELECT k FROM t WHERE w = ? ORDER BY k", [1]).map { $0.int(0) } == [49, 50])
    }

    @Test func rowsAreReadByColumnNameAsTheSQLNamesThem() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(whistle TEXT, round INTEGER, due REAL, done INTEGER)")
        try db.execute("INSERT INTO t VALUES (?, ?, ?, ?)", ["W1", 2, 1.5, 1])
        let row = try #require(try db.queryFirst("SELECT round, whistle, due AS dueAt, done, NULL AS missing FROM t"))
        #expect(row.string("whistle") == "W1")
        #expect(row.int("round") == 2)
        #expect(row.double("dueAt") == 1.5)
        #expect(row.bool("done") == true)
        #expect(row.string("missing") == nil)
        #expect(row.index(of: "whistle") == 1)
        // Rows of one statement share their names; another statement's rows have their own.
        let rows = try db.query("SELECT whistle AS round FROM t")
        #expect(rows.first?.string("round") == "W1")
    }

    @Test func queryFirstResetsSoTheTableCanBeDroppedAfterwards() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3)")
        #expect(try db.queryFirst("SELECT x FROM t ORDER BY x")?.int(0) == 1)
        try db.execute("DROP TABLE t")
    }

    @Test func aPreparedStatementKeepsItsDatabaseAlive() throws {
        func makeStatement() throws -> Statement {
            let db = try Database(path: ":memory:")
            try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2)")
            return try db.prepare("SELECT sum(x) FROM t")
        }
        let statement = try makeStatement()
        #expect(try statement.rows() == [Row(values: [3])])
        #expect(statement.sql == "SELECT sum(x) FROM t")
    }

    @Test func stepRowAndResetWalkTheResultAgain() throws {
        let db = try Database(path: ":memory:")
        let statement = try db.prepare("SELECT ?, ? || 'b'")
        try statement.bind([1, "a"])
        #expect(try statement.step())
        #expect(statement.row().values == [1, "ab"])
        #expect(try statement.step() == false)
        statement.reset()
        #expect(try statement.step())
        try statement.bind([2, "c"])
        #expect(try statement.rows([3, "d"]) == [Row(values: [3, "db"])])
    }

    @Test func valuesBoundForOneRunAreClearedAfterIt() throws {
        let db = try Database(path: ":memory:")
        let statement = try db.prepare("SELECT ?, ?, length(?)")
        let text = "一键吹哨 " + String(repeating: "网格", count: 200)
        let blob = Data(repeating: 7, count: 3_000)
        #expect(try statement.rows([text, blob, text]) == [Row(values: [.text(text), .blob(blob), .integer(5 + 400)])])
        // Bound in place, without a copy: once the run is over SQLite must not hold those bytes.
        #expect(try statement.step())
        #expect(statement.row().values == [.null, .null, .null])
    }

    @Test func sqlBuiltAtRunTimeGetsItsOwnStatementEvenWhereAnotherOneLived() throws {
        let db = try Database(path: ":memory:")
        // Each string is freed after its turn, so a later one may sit at the same address.
        for value in 0..<300 {
            let sql = "SELECT \(value), 'long enough not to be a small string'"
            #expect(try db.queryFirst(sql)?.int(0) == value)
        }
    }

    @Test func aWrongNumberOfArgumentsThrowsRange() throws {
        let db = try Database(path: ":memory:")
        let error = try #require(throws: SQLiteError.self) { try db.query("SELECT ?", []) }
        #expect(error.code == SQLiteError.range)
    }

    @Test func moreThanOneStatementWithArgumentsThrowsMisuse() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(x)")
        let sql = "INSERT INTO t VALUES (?); INSERT INTO t VALUES (2)"
        let error = try #require(throws: SQLiteError.self) { try db.execute(sql, [1]) }
        #expect(error.code == SQLiteError.misuse)
        #expect(error.sql == sql)
        #expect(try db.query("SELECT x FROM t").isEmpty)
    }

    @Test func trailingSemicolonsAndCommentsAreOneStatement() throws {
        let db = try Database(path: ":memory:")
        #expect(try db.query("SELECT 1;  -- done\n").count == 1)
        let error = try #require(throws: SQLiteError.self) { try db.query("  -- nothing") }
        #expect(error.code == SQLiteError.misuse)
    }
}
