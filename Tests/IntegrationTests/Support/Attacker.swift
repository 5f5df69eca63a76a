import Foundation
import SQLite

/// What the attacker test knows and the attackers do not: each evaluation, in the order given,
/// with a marker written only in its comment.
struct EvaluationTruth {
    /// 1-based, in the order the evaluations were given.
    var index: Int
    var whistle: String
    var grid: String
    var town: String
    var matter: String
    /// The lead first, then the co-departments.
    var departments: [String]
    var marker: String
    var satisfaction: String

    var lead: String { departments[0] }
}

/// The evaluations an opinion could have come from, as an attacker works them out: each marker
/// seen gets the set of evaluations its observations allow, and an evaluation gives at most one
/// comment, so the sets are narrowed together (a marker that must be one of two evaluations takes
/// one of them from every other marker).
struct CandidateSets {
    let evaluations: Int
    private(set) var allowed: [String: Set<Int>] = [:]

    init(evaluations: Int) {
        self.evaluations = evaluations
    }

    /// `marker` was seen, and can only be one of `candidates`.
    mutating func restrict(_ marker: String, to candidates: Set<Int>) {
        allowed[marker] = (allowed[marker] ?? Set(1...max(1, evaluations))).intersection(candidates)
    }

    var markers: [String] { allowed.keys.sorted() }

    /// What two attackers work out together: every restriction of both.
    func merged(with other: CandidateSets) -> CandidateSets {
        var both = self
        for (marker, candidates) in other.allowed { both.restrict(marker, to: candidates) }
        return both
    }

    /// For each marker seen, every evaluation it can be matched to in some assignment that gives
    /// every marker seen its own evaluation within its allowed set (Kuhn's augmenting paths). Empty
    /// for every marker when no assignment exists: the attacker's reasoning would then be unsound.
    func consistent() -> [String: Set<Int>] {
        let markers = self.markers
        var owner: [Int: String] = [:]
        func augment(_ marker: String, _ seen: inout Set<Int>, fixed: String?) -> Bool {
            for evaluation in allowed[marker] ?? [] where !seen.contains(evaluation) {
                seen.insert(evaluation)
                guard let holder = owner[evaluation] else {
                    owner[evaluation] = marker
                    return true
                }
                if holder != fixed, augment(holder, &seen, fixed: fixed) {
                    owner[evaluation] = marker
                    return true
                }
            }
            return false
        }
        for marker in markers {
            var seen: Set<Int> = []
            guard augment(marker, &seen, fixed: nil) else { return Dictionary(uniqueKeysWithValues: markers.map { ($0, []) }) }
        }
        let matching = owner
        var result: [String: Set<Int>] = [:]
        for marker in markers {
            var possible: Set<Int> = []
            for evaluation in allowed[marker] ?? [] {
                owner = matching
                let current = owner.first { $0.value == marker }?.key
                if current == evaluation {
                    possible.insert(evaluation)
                    continue
                }
                if let current { owner[current] = nil }
                let displaced = owner[evaluation]
                owner[evaluation] = marker
                var seen: Set<Int> = [evaluation]
                if displaced == nil || augment(displaced!, &seen, fixed: marker) { possible.insert(evaluation) }
            }
            result[marker] = possible
        }
        return result
    }
}

/// One copy of a SQLite database in WAL mode as an administrator would take it: the three files,
/// taken again if the index changed meanwhile (a commit or a checkpoint during the copy) or while
/// a checkpoint is still copying pages into the database file (its image would be half written).
struct DatabaseCopy {
    var main = Data()
    var wal = Data()
    var shm = Data()

    init(path: String) {
        let read = { (suffix: String) in FileManager.default.contents(atPath: path + suffix) ?? Data() }
        let deadline = Date().addingTimeInterval(5)
        repeat {
            shm = read("-shm")
            main = read("")
            wal = read("-wal")
            if read("-shm").prefix(136) == shm.prefix(136), !checkpointing { return }
        } while Date() < deadline
    }

    /// The index's `nBackfill` and `nBackfillAttempted` differ while a checkpoint copies.
    var checkpointing: Bool { field(96) != field(128) }

    private func field(_ offset: Int) -> Int {
        guard shm.count >= offset + 4 else { return 0 }
        return Int(shm[shm.startIndex + offset..<shm.startIndex + offset + 4].reversed().reduce(0) { $0 << 8 | UInt32($1) })
    }

    /// How many frames of the log the database file may already hold: the index's `nBackfill`, or
    /// `nBackfillAttempted` while a checkpoint copies (it is set before the copying starts).
    var backfilled: Int { max(field(96), field(128)) }

    /// The database as of each commit still in the log, oldest first, after the database file as
    /// it stands: the "consecutive commit images" an attacker diffs. Commits the file already
    /// holds (checkpointed) are left out: the file has their pages only as later commits left
    /// them. Frames of an earlier log (another salt) are not part of any image; ``staleBytes``
    /// has them.
    func commitImages() -> [Data] {
        guard main.count >= 100 else { return [] }
        var images = [main]
        guard wal.count >= 32 else { return images }
        let pageSize = Int(wal.bigEndian32(at: 8))
        guard pageSize >= 512 else { return images }
        let salt = wal.subdata(in: 16..<24)
        var pages: [Data] = stride(from: 0, to: main.count, by: pageSize).map {
            main.subdata(in: $0..<min($0 + pageSize, main.count))
        }
        var offset = 32
        var frame = 0
        while offset + 24 + pageSize <= wal.count, wal.subdata(in: offset + 8..<offset + 16) == salt {
            frame += 1
            let page = Int(wal.bigEndian32(at: offset))
            let committedSize = Int(wal.bigEndian32(at: offset + 4))
            while pages.count < page { pages.append(Data(count: pageSize)) }
            pages[page - 1] = wal.subdata(in: offset + 24..<offset + 24 + pageSize)
            if committedSize > 0, frame > backfilled {
                images.append(pages.prefix(committedSize).reduce(into: Data()) { $0 += $1 })
            }
            offset += 24 + pageSize
        }
        return images
    }

    /// The log past its valid frames (an earlier log's frames) and the index file.
    var staleBytes: Data { wal + shm }
}

/// Every row of every table of a database image, as the cells' text (blobs read as UTF-8).
struct TableDump {
    struct Row {
        var table: String
        var cells: [String]
        var text: String
        /// The row's own key, when its table has a primary key of one column (an id).
        var key: String?
    }

    var rows: [Row] = []

    init(image: Data, scratch: URL) throws {
        let file = scratch.appendingPathComponent("image.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file.path + suffix) }
        try image.write(to: file)
        let db = try Database(path: file.path)
        defer { db.close() }
        let tables = try db.query("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0.string(0) }
        for table in tables {
            let keyColumns = try db.query("PRAGMA table_info(\"\(table)\")").compactMap { column -> Int? in
                guard let position = column.int("pk"), position > 0 else { return nil }
                return column.int("cid")
            }
            // An image copied while a commit was half written can hold a table whose pages are
            // not all there yet: the attacker reads what it can and moves on.
            guard let tableRows = try? db.query("SELECT * FROM \"\(table)\"") else { continue }
            for row in tableRows {
                let cells = row.values.map { value -> String in
                    switch value {
                    case .null: ""
                    case .integer(let number): String(number)
                    case .real(let number): String(number)
                    case .text(let text): text
                    case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
                    }
                }
                rows.append(Row(table: table, cells: cells, text: cells.joined(separator: "\u{1F}"),
                                key: keyColumns.count == 1 ? cells[keyColumns[0]] : nil))
            }
        }
    }

    /// The `evaluated` records: which whistles the image says were evaluated.
    static func evaluatedWhistles(image: Data, scratch: URL) throws -> Set<String> {
        let file = scratch.appendingPathComponent("evaluated.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file.path + suffix) }
        try image.write(to: file)
        let db = try Database(path: file.path)
        defer { db.close() }
        return Set(try db.query("SELECT whistle FROM evaluated").compactMap { $0.string(0) })
    }
}

extension Data {
    func bigEndian32(at offset: Int) -> UInt32 {
        self[startIndex + offset..<startIndex + offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The markers (`prefix` then word characters) that occur anywhere in these bytes.
    func markers(prefix: String, among known: [String]) -> Set<String> {
        guard range(of: Data(prefix.utf8)) != nil else { return [] }
        return Set(known.filter { range(of: Data($0.utf8)) != nil })
    }
}
