import Foundation

/// A Swift value that can be bound as a statement argument.
public protocol SQLiteValueConvertible {
    var sqliteValue: SQLiteValue { get }
    /// UTF-8 bytes the value already has, bound as text where they lie; nil binds ``sqliteValue``.
    var utf8Text: Data? { get }
}

extension SQLiteValueConvertible {
    public var utf8Text: Data? { nil }
}

/// Text that is already UTF-8 bytes (a JSON document just encoded), bound as TEXT. Statements run
/// through ``Database/execute(_:_:)`` and the queries bind the bytes where they lie, without first
/// making a `String`; ``Statement/bind(_:)`` goes through ``sqliteValue`` and lets SQLite copy.
/// The bytes must be valid UTF-8, as SQLite does not check them.
public struct UTF8Text: SQLiteValueConvertible {
    public let bytes: Data

    public init(_ bytes: Data) {
        self.bytes = bytes
    }

    public var sqliteValue: SQLiteValue { .text(String(decoding: bytes, as: UTF8.self)) }
    public var utf8Text: Data? { bytes }
}

extension SQLiteValue: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { self }
}

extension Int: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .integer(Int64(self)) }
}

extension Int64: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .integer(self) }
}

extension Int32: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .integer(Int64(self)) }
}

extension Double: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .real(self) }
}

extension String: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .text(self) }
}

/// Stored as the integer 1 or 0, as SQLite has no boolean type.
extension Bool: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .integer(self ? 1 : 0) }
}

extension Data: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .blob(self) }
}

/// `nil` is bound as NULL.
extension Optional: SQLiteValueConvertible where Wrapped: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { self?.sqliteValue ?? .null }
    public var utf8Text: Data? { self?.utf8Text }
}
