import Foundation

/// One result row, its values in column order.
///
/// The typed accessors return `nil` for NULL and for a value they cannot represent exactly; an
/// index out of range is a programmer error and traps.
public struct Row: Sendable, Hashable {
    public let values: [SQLiteValue]

    public init(values: [SQLiteValue]) {
        self.values = values
    }

    /// The number of columns.
    public var count: Int { values.count }

    public subscript(_ index: Int) -> SQLiteValue { values[index] }

    /// An integer, or a real with no fractional part (as `avg` or a REAL column may return).
    public func int64(_ index: Int) -> Int64? {
        switch values[index] {
        case .integer(let value): value
        case .real(let value): Int64(exactly: value)
        default: nil
        }
    }

    public func int(_ index: Int) -> Int? {
        int64(index).flatMap { Int(exactly: $0) }
    }

    /// A real, or an integer converted to `Double`.
    public func double(_ index: Int) -> Double? {
        switch values[index] {
        case .real(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    public func string(_ index: Int) -> String? {
        if case .text(let value) = values[index] { value } else { nil }
    }

    public func data(_ index: Int) -> Data? {
        if case .blob(let value) = values[index] { value } else { nil }
    }

    /// An integer read as a flag: 0 is `false`, anything else `true`.
    public func bool(_ index: Int) -> Bool? {
        int64(index).map { $0 != 0 }
    }
}
