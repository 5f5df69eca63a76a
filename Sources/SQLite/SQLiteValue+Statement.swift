internal import CSQLite
import Foundation

/// Moving values in and out of prepared statements.
extension SQLiteValue {
    /// Binds the value to parameter `index` (1-based); returns SQLite's result code.
    /// Text and blobs are copied by SQLite before the call returns.
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        switch self {
        case .null:
            return sqlite3_bind_null(statement, index)
        case .integer(let value):
            return sqlite3_bind_int64(statement, index, value)
        case .real(let value):
            return sqlite3_bind_double(statement, index, value)
        case .text(let value) where value.isEmpty:
            // A nil pointer would bind NULL, and an empty string's UTF-8 may have no address.
            return sqlite3_bind_text64(statement, index, "", 0, csqlite_transient(), UInt8(SQLITE_UTF8))
        case .text(var value):
            // The string's own UTF-8, without a NUL-terminated copy: SQLite takes the length.
            return value.withUTF8 { buffer in
                sqlite3_bind_text64(statement, index, UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self),
                                    UInt64(buffer.count), csqlite_transient(), UInt8(SQLITE_UTF8))
            }
        case .blob(let value) where value.isEmpty:
            // A nil pointer would bind NULL, and an empty Data may have no address.
            return sqlite3_bind_zeroblob(statement, index, 0)
        case .blob(let value):
            return value.withUnsafeBytes { bytes in
                sqlite3_bind_blob64(statement, index, bytes.baseAddress, UInt64(bytes.count), csqlite_transient())
            }
        }
    }

    /// The value in column `index` (0-based) of the current row.
    init(column index: Int32, of statement: OpaquePointer) {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER:
            self = .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT:
            self = .real(sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            // Pointer first, then length, as SQLite documents.
            let start = sqlite3_column_text(statement, index)
            let count = Int(sqlite3_column_bytes(statement, index))
            self = .text(String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let start = sqlite3_column_blob(statement, index)
            let count = Int(sqlite3_column_bytes(statement, index))
            self = .blob(start.map { Data(bytes: $0, count: count) } ?? Data())
        default:
            self = .null
        }
    }
}
