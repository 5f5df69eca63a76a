import Foundation

/// One result row, its values in column order, readable by position or by column name.
///
/// The typed accessors return `nil` for NULL and for a value they cannot represent exactly; an
/// index out of range, or a name that is not a column of the result, is a programmer error and traps.
public struct Row: Sendable, Hashable {
    public let values: [SQLiteValue]
    /// The names of the columns, shared by every row of a statement.
    let columns: ColumnNames?

    public init(values: [SQLiteValue]) {
        self.values = values
        columns = nil
    }

    init(values: [SQLiteValue], columns: ColumnNames) {
        self.values = values
        self.columns = columns
    }

    public static func == (lhs: Row, rhs: Row) -> Bool { lhs.values == rhs.values }

    public func hash(into hasher: inout Hasher) { hasher.combine(values) }

    /// The position of column `name` (as the SQL names it: `AS` alias or column name).
    public func index(of name: String) -> Int {
        guard let index = columns?.positions[name] else {
            preconditionFailure("no column '\(name)' in this result: \(columns?.names ?? [])")
        }
        return index
    }

    public subscript(_ name: String) -> SQLiteValue { values[index(of: name)] }
    public func int64(_ name: String) -> Int64? { int64(index(of: name)) }
    public func int(_ name: String) -> Int? { int(index(of: name)) }
    public func double(_ name: String) -> Double? { double(index(of: name)) }
    public func string(_ name: String) -> String? { string(index(of: name)) }
    public func data(_ name: String) -> Data? { data(index(of: name)) }
    public func bool(_ name: String) -> Bool? { bool(index(of: name)) }

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

/// A statement's result column names and where each is; the first of two equal names wins.
final class ColumnNames: Sendable {
    let names: [String]
    let positions: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
        self.positions = positions
    }
}
