import Foundation
import GridDomain
import GridWire
import Sodium
import SQLite

/// 投票箱 — where what a grid said waits, sealed, and where it goes once released: the counters
/// per (department, period) and the comment box (意见箱). It knows SQLite and the ballot key, not
/// sockets or whistles.
///
/// A ballot is sealed to the ballot public key (`crypto_box_seal`) the moment it is stored, after
/// padding to one block, so every sealed ballot has the same length whatever it says. It is stored
/// under a random key (a version 4 UUID) in a table without row ids, beside its release group only
/// (the departments its evaluation judged, ``BallotRelease``): never beside a whistle, a grid or a
/// time.
struct BallotBox {
    let keyPair: SealedBoxKeyPair
    /// What every ballot is padded to before sealing: its JSON is always shorter.
    static let blockSize = 4_096
    /// A comment's limit in UTF-8 bytes (500 Chinese characters take 1,500), so that a ballot
    /// always fits in a block even when every byte of the comment is escaped.
    static let maxCommentBytes = 1_500

    /// The ballot key of the database at `db`, read from (or made in) the file at `path`. A key file
    /// that is missing or different while ballots sealed to the recorded key still wait is
    /// refused: a new key could never open them.
    init(keyFile path: String, db: Database) throws {
        let pending = try db.queryFirst("SELECT COUNT(*) FROM ballots")?.int(0) ?? 0
        let recorded = try db.queryFirst("SELECT public_key FROM ballot_key")?.data(0)
        let keyPair: SealedBoxKeyPair
        if access(path, F_OK) != 0, pending > 0 {
            throw BallotKeyProblem(path: path, "is missing, and \(pending) ballots are sealed to it: restore it from its backup (docs/operations.md, \"The ballot key\")")
        }
        do {
            keyPair = try SealedBoxKeyFile.loadOrCreate(at: path).keyPair
        } catch {
            throw BallotKeyProblem(path: path, "cannot be used: \(error)")
        }
        if let recorded, recorded != keyPair.publicKey, pending > 0 {
            throw BallotKeyProblem(path: path, "is not the key \(pending) ballots are sealed to: restore the right file from its backup (docs/operations.md, \"The ballot key\")")
        }
        if recorded != keyPair.publicKey {
            try db.execute("DELETE FROM ballot_key")
            try db.execute("INSERT INTO ballot_key(public_key) VALUES (?)", [keyPair.publicKey])
        }
        self.keyPair = keyPair
    }

    /// Seals and stores the ballots of one evaluation in their release group; returns how many
    /// evaluations of that group are now pending.
    func store(_ ballots: [Ballot], group: String, in db: Database) throws -> Int {
        for ballot in ballots {
            var plain = try JSONCoding.encode(ballot)
            defer { Sodium.wipe(&plain) }
            guard plain.count < Self.blockSize else {
                throw ProtocolError(.internal, "ballot_too_large", "a ballot of \(plain.count) bytes does not fit its \(Self.blockSize)-byte block")
            }
            var padded = try Padding.pad(plain, blockSize: Self.blockSize)
            defer { Sodium.wipe(&padded) }
            let sealed = try SealedBox.seal(padded, to: keyPair.publicKey)
            try db.execute("INSERT INTO ballots(id, release_group, sealed) VALUES (?, ?, ?)", [UUID().uuidString, group, sealed])
        }
        let stored = try db.queryFirst("SELECT COUNT(*) FROM ballots WHERE release_group = ?", [group])?.int(0) ?? 0
        return stored / BallotRelease.departments(of: group).count
    }

    /// 分批公开 — opens every pending ballot of `group`; once at least `disclosureMinimum`
    /// evaluations' ballots open, shuffles them, adds them to each department's counters of
    /// `period` and their comments to its comment box, and deletes them. Ballots that do not open
    /// (sealed to a lost key, altered, or not of this group) are deleted uncounted and do not count
    /// towards K. Returns how many ballots were released (0: not yet due) and how many did not open.
    func release(_ group: String, period: String, disclosureMinimum: Int,
                 in db: Database) throws -> (released: Int, unreadable: Int) {
        let departments = BallotRelease.departments(of: group)
        var opened: [Ballot] = []
        var unreadable: [String] = []
        for row in try db.query("SELECT id, sealed FROM ballots WHERE release_group = ?", [group]) {
            guard let id = row.string(0) else { continue }
            guard let sealed = row.data(1), let ballot = try? open(sealed), departments.contains(ballot.department) else {
                unreadable.append(id)
                continue
            }
            opened.append(ballot)
        }
        for id in unreadable { try db.execute("DELETE FROM ballots WHERE id = ?", [id]) }
        guard BallotRelease.isDue(pending: opened.count / departments.count, disclosureMinimum: disclosureMinimum) else {
            return (0, unreadable.count)
        }
        var generator = SystemRandomNumberGenerator()
        let shuffled = opened.shuffled(using: &generator)
        for (department, counters) in BallotRelease.counters(of: shuffled) {
            try add(counters, department: department, period: period, in: db)
        }
        for ballot in shuffled {
            guard let comment = ballot.comment else { continue }
            try db.execute("INSERT INTO comments(id, department, period, text) VALUES (?, ?, ?, ?)",
                           [UUID().uuidString, ballot.department, period, comment])
        }
        try db.execute("DELETE FROM ballots WHERE release_group = ?", [group])
        return (opened.count, unreadable.count)
    }

    private func open(_ sealed: Data) throws -> Ballot {
        var padded = try SealedBox.open(sealed, with: keyPair)
        defer { Sodium.wipe(&padded) }
        var plain = try Padding.unpad(padded, blockSize: Self.blockSize)
        defer { Sodium.wipe(&plain) }
        return try JSONCoding.decode(Ballot.self, from: plain)
    }

    private func add(_ counters: ReleasedOpinions, department: String, period: String, in db: Database) throws {
        let scored = Aspect.allCases.flatMap { [counters.scored[$0] ?? 0, counters.scoreSums[$0] ?? 0] }
        try db.execute("""
            INSERT INTO released(department, period, satisfied, basically_satisfied, dissatisfied,
                                 timeliness_n, timeliness_sum, quality_n, quality_sum, attitude_n, attitude_sum)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(department, period) DO UPDATE SET
                satisfied = satisfied + excluded.satisfied,
                basically_satisfied = basically_satisfied + excluded.basically_satisfied,
                dissatisfied = dissatisfied + excluded.dissatisfied,
                timeliness_n = timeliness_n + excluded.timeliness_n, timeliness_sum = timeliness_sum + excluded.timeliness_sum,
                quality_n = quality_n + excluded.quality_n, quality_sum = quality_sum + excluded.quality_sum,
                attitude_n = attitude_n + excluded.attitude_n, attitude_sum = attitude_sum + excluded.attitude_sum
            """, [department, period, counters.satisfied, counters.basicallySatisfied, counters.dissatisfied] + scored)
    }

    /// The released counters per department, summed over `months` (all time when nil).
    static func released(in months: [String]?, db: Database) throws -> [String: ReleasedOpinions] {
        let filter = PeriodFilter.sql(months, after: "WHERE")
        var result: [String: ReleasedOpinions] = [:]
        for row in try db.query("""
            SELECT department, SUM(satisfied) AS s, SUM(basically_satisfied) AS b, SUM(dissatisfied) AS d,
                   SUM(timeliness_n) AS tn, SUM(timeliness_sum) AS ts, SUM(quality_n) AS qn, SUM(quality_sum) AS qs,
                   SUM(attitude_n) AS an, SUM(attitude_sum) AS at
            FROM released\(filter) GROUP BY department
            """, months ?? []) {
            guard let department = row.string("department") else { continue }
            var counters = ReleasedOpinions()
            counters.satisfied = row.int("s") ?? 0
            counters.basicallySatisfied = row.int("b") ?? 0
            counters.dissatisfied = row.int("d") ?? 0
            for (aspect, n, sum) in [(Aspect.timeliness, "tn", "ts"), (.quality, "qn", "qs"), (.attitude, "an", "at")] {
                counters.scored[aspect] = row.int(n) ?? 0
                counters.scoreSums[aspect] = row.int(sum) ?? 0
            }
            result[department] = counters
        }
        return result
    }
}

/// The ballot key file cannot be used with this database: the service refuses to start (78).
struct BallotKeyProblem: Error, CustomStringConvertible {
    let path: String
    let problem: String

    init(path: String, _ problem: String) {
        self.path = path
        self.problem = problem
    }

    var description: String { "the ballot key \(path) \(problem)" }
}
