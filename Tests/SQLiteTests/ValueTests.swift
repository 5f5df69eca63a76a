import Foundation
import SQLite
import Testing

struct ValueTests {
    @Test func everyStorageClassRoundTripsIncludingNullEmptyBlobAndChineseText() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(v)")
        let values: [SQLiteValue] = [
            nil, 0, -1, .integer(.max), .integer(.min), 3.25, -0.5, .real(.greatestFiniteMagnitude),
            "", "网格+ 吹哨报到", "nul\u{0}inside", .blob(Data()), .blob(Data([0, 1, 0, 255])),
        ]
        for value in values {
            try db.execute("INSERT INTO t(v) VALUES (?)", [value])
        }

        let rows = try db.query("SELECT v FROM t ORDER BY rowid")
        #expect(rows.map { $0[0] } == values)
        let emptyBlob = try #require(try db.queryFirst("SELECT typeof(v), length(v) FROM t WHERE rowid = 12"))
        #expect(emptyBlob.values == ["blob", 0])
    }

    /// Bytes bound as text, in place and through a statement's own binding, are stored as TEXT:
    /// the same as the string they spell, the empty one included (not NULL).
    @Test func utf8BytesBindAsTheTextTheySpell() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(v)")
        let texts = ["{\"whistle\":\"W20261201-000001\"}", "网格+ 吹哨报到", ""]
        for text in texts {
            try db.execute("INSERT INTO t(v) VALUES (?)", [UTF8Text(Data(text.utf8))])
            let statement = try db.prepare("INSERT INTO t(v) VALUES (?)")
            try statement.bind([UTF8Text(Data(text.utf8))])
            _ = try statement.step()
        }
        let rows = try db.query("SELECT typeof(v), v FROM t ORDER BY rowid")
        #expect(rows.map { $0.values } == texts.flatMap { [["text", .text($0)], ["text", .text($0)]] as [[SQLiteValue]] })
        #expect(try db.queryFirst("SELECT COUNT(*) FROM t WHERE v = ?", [UTF8Text(Data("网格+ 吹哨报到".utf8))])?.int(0) == 2)
    }

    @Test func swiftTypesBindAndReadBackThroughTypedAccessors() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(i, i64, i32, d, s, b, data, none, some)")
        let none: String? = nil
        let some: Int? = 7
        try db.execute(
            "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [42, Int64.max, Int32.min, 2.5, "中文", true, Data("字节".utf8), none, some])

        let row = try #require(try db.queryFirst("SELECT * FROM t"))
        #expect(row.count == 9)
        #expect(row.int(0) == 42)
        #expect(row.int64(1) == .max)
        #expect(row.int64(2) == Int64(Int32.min))
        #expect(row.double(3) == 2.5)
        #expect(row.string(4) == "中文")
        #expect(row.bool(5) == true)
        #expect(row.data(6) == Data("字节".utf8))
        #expect(row[7] == .null)
        #expect(row.string(7) == nil)
        #expect(row.int(8) == 7)
    }

    @Test func accessorsConvertOnlyWhenTheValueIsRepresentedExactly() {
        let row = Row(values: [2.0, 2.5, 3, "3", nil])
        #expect(row.int64(0) == 2)
        #expect(row.int64(1) == nil)
        #expect(row.double(2) == 3)
        #expect(row.int(3) == nil)
        #expect(row.string(2) == nil)
        #expect(row.bool(4) == nil)
        #expect(row.data(3) == nil)
    }
}
