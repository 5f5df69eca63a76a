import Foundation
import GridStore
import GridWire
import SQLite

/// One row of `alerts` read back as the view the wire shows (防汛防台).
extension AlertView {
    static let columns = "id, town, reason, declared_by, declared_at, lifted_by, lifted_at"

    /// Reads a row selected with ``columns``; a value that cannot be read is a `corrupt_alert`
    /// naming its column.
    init(row: Row) throws(ProtocolError) {
        let stored = StoredRow(row, corrupt: Self.corrupt)
        let lifted = row["lifted_at"] != .null
        self.init(alert: try stored.text("id"), town: row.string("town"), reason: try stored.text("reason"),
                  declaredBy: try stored.value("declared_by", Principal.init(parsing:)),
                  declaredAt: Instant(try stored.time("declared_at")),
                  liftedBy: lifted ? try stored.value("lifted_by", Principal.init(parsing:)) : nil,
                  liftedAt: lifted ? Instant(try stored.time("lifted_at")) : nil)
    }

    private static func corrupt(_ column: String) -> ProtocolError {
        ProtocolError(.internal, "corrupt_alert", "a stored weather alert cannot be read: its \(column) is not valid")
    }
}
