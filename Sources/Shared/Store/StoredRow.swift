import Foundation
import GridWire
import SQLite

/// A stored row read by column name for a record type: a value that is missing or cannot be read
/// is that record's own corruption error naming the column (`corrupt_task`, …), never a default.
public struct StoredRow {
    public let row: Row
    private let corrupt: (String) -> ProtocolError

    public init(_ row: Row, corrupt: @escaping (_ column: String) -> ProtocolError) {
        self.row = row
        self.corrupt = corrupt
    }

    public func text(_ column: String) throws(ProtocolError) -> String {
        guard let value = row.string(column) else { throw corrupt(column) }
        return value
    }

    public func int(_ column: String) throws(ProtocolError) -> Int {
        guard let value = row.int(column) else { throw corrupt(column) }
        return value
    }

    public func flag(_ column: String) throws(ProtocolError) -> Bool { try int(column) != 0 }

    public func time(_ column: String) throws(ProtocolError) -> Date {
        guard let value = Timestamp.parse(try text(column)) else { throw corrupt(column) }
        return value
    }

    /// A time that may be NULL.
    public func timeIfSet(_ column: String) throws(ProtocolError) -> Date? {
        guard case .null = row[column] else { return try time(column) }
        return nil
    }

    /// A value read from the column's text by `read`, such as an enum by its raw value.
    public func value<T>(_ column: String, _ read: (String) -> T?) throws(ProtocolError) -> T {
        guard let value = read(try text(column)) else { throw corrupt(column) }
        return value
    }

    /// A value that may be NULL, read from its text by `read`.
    public func valueIfSet<T>(_ column: String, _ read: (String) -> T?) throws(ProtocolError) -> T? {
        guard let text = row.string(column) else { return nil }
        guard let value = read(text) else { throw corrupt(column) }
        return value
    }

    /// A JSON column decoded as `T`.
    public func json<T: Decodable>(_ column: String, as type: T.Type) throws(ProtocolError) -> T {
        do {
            return try JSONCoding.decode(T.self, from: Data(try text(column).utf8))
        } catch {
            throw corrupt(column)
        }
    }
}
