/// Collects validation issues; paths are given relative to the reference root and stored under `prefix`.
struct IssueList {
    let prefix: String
    private(set) var issues: [ValidationIssue] = []

    init(prefix: String) {
        self.prefix = prefix
    }

    mutating func add(_ path: String, _ message: String) {
        issues.append(ValidationIssue(path: pointer(path), message: message))
    }

    /// A path relative to the reference root as reported, for messages that name another place.
    func pointer(_ path: String) -> String {
        prefix + path
    }

    /// Reports empty ids and every repeat of an id, at "<list>/<index>/id".
    mutating func requireUniqueIDs(_ ids: [String], in list: String) {
        var first: [String: Int] = [:]
        for (index, id) in ids.enumerated() {
            if id.isEmpty {
                add("\(list)/\(index)/id", "empty id")
            } else if let earlier = first[id] {
                add("\(list)/\(index)/id", "duplicate id \"\(id)\" (also at \(pointer("\(list)/\(earlier)")))")
            } else {
                first[id] = index
            }
        }
    }

    /// Reports a limit whose amount is outside 1…``Limit/maximumAmount`` (possible only for a
    /// limit built in code; decoding refuses it) or that is in seconds outside a test configuration.
    mutating func requireUsableLimit(_ limit: Limit, at path: String, allowingSeconds: Bool) {
        if !(1...Limit.maximumAmount).contains(limit.amount) {
            add(path, "the amount must be from 1 to \(Limit.maximumAmount), is \(limit.amount)")
        } else if limit.unit == .seconds && !allowingSeconds {
            add(path, "\"\(limit)\": limits in seconds are for test configurations only (\"testing\": true)")
        }
    }
}
