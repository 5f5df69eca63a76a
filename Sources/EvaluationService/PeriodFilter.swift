/// The SQL condition on a `period` column (`YYYY-MM`) for the months of a whole period.
enum PeriodFilter {
    /// `<clause> period IN (?, …)`, one placeholder a month (the months are its arguments); empty
    /// for all time.
    static func sql(_ months: [String]?, after clause: String) -> String {
        guard let months else { return "" }
        return " \(clause) period IN (\(Array(repeating: "?", count: months.count).joined(separator: ", ")))"
    }
}
