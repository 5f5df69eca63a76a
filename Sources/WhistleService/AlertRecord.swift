import Foundation
import GridWire
import SQLite

/// One row of `alerts` read back as the view the wire shows (防汛防台).
extension AlertView {
    static let columns = "id, town, reason, declared_by, declared_at, lifted_by, lifted_at"

    /// Reads a row selected with ``columns``; a value that cannot be read is a `corrupt_alert`
    /// naming its column.
    init(row: Row) throws(ProtocolError) {
        func text(_ column: String) throws(ProtocolError) -> String {
            guard let value = row.string(column) else { throw Self.corrupt(column) }
            return value
        }
        func principal(_ column: String) throws(ProtocolError) -> Principal {
            guard let value = Principal(parsing: try text(column)) else { throw Self.corrupt(column) }
            return value
        }
        func time(_ column: String) throws(ProtocolError) -> Instant {
            guard let value = Timestamp.parse(try text(column)) else { throw Self.corrupt(column) }
            return Instant(value)
        }
        let lifted = row["lifted_at"] != .null
        self.init(alert: try text("id"), town: row.string("town"), reason: try text("reason"),
                  declaredBy: try principal("declared_by"), declaredAt: try time("declared_at"),
                  liftedBy: lifted ? try principal("lifted_by") : nil, liftedAt: lifted ? try time("lifted_at") : nil)
    }

    private static func corrupt(_ column: String) -> ProtocolError {
        ProtocolError(.internal, "corrupt_alert", "a stored weather alert cannot be read: its \(column) is not valid")
    }
}
