import Foundation

/// What one count is about: a department, a town or an area grid.
public enum IndicatorSubject: Sendable, Hashable, CustomStringConvertible {
    case department(String)
    /// 街镇 — figures of the whistles from a town, for its comprehensive evaluation (综合评价).
    case town(String)
    /// 片区 — figures of the whistles from an area grid (片区网格评价).
    case area(String)

    /// `dept:…`, `town:…`, `area:…`: the key the counters are stored under.
    public var description: String {
        switch self {
        case .department(let id): "dept:\(id)"
        case .town(let id): "town:\(id)"
        case .area(let id): "area:\(id)"
        }
    }

    public init?(_ text: Substring) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let id = String(text[text.index(after: colon)...])
        switch text[..<colon] {
        case "dept": self = .department(id)
        case "town": self = .town(id)
        case "area": self = .area(id)
        default: return nil
        }
    }
}

/// A count the indicators are made of. Each is dated: by when it **fell due** (a deadline) or by
/// when it happened, as its doc says; the period it counts in is the one that date falls in.
public enum IndicatorMetric: String, Sendable, CaseIterable, Codable {
    /// 派单 — a task dispatched (at dispatch).
    case dispatched
    /// A task's sign-for deadline (签收时限), and whether it was signed for on time (at that deadline).
    case signDue, signedOnTime
    /// A disposal round's final deadline, and whether it was reported on time (at that deadline).
    case disposalDue, disposedOnTime
    /// A task's final disposal deadline, and whether an extension was approved (at that deadline).
    case extensionDue, extended
    /// A whistle's closing deadline; whether it is closed, closed by then, closed not evaluated,
    /// reworked (all at the closing deadline).
    case closingDue, closed, closedOnTime, closedNotEvaluated, reworked
    /// 退单 — asked for (when asked); arbitrated and refused (when arbitrated).
    case returnRequested, returnArbitrated, returnRefused
    /// A verdict given, and a "solved" one (when evaluated).
    case verdict, solved
    /// A request the town centre must decide by a deadline, and decided by it (at that deadline).
    case decisionDue, decidedOnTime
    /// A whistle raised (when raised).
    case raised
    /// A whistle closed, and closed without reaching the town (levels 1–2) (when closed).
    case settled, settledLow
    /// A climb to an area grid, and settled there before its level deadline (when it climbed).
    case escalationReceived, escalationSettled
    /// Working minutes from dispatch to signing for (when signed), and from raising to closing
    /// (when closed): a time sample whose value is the minutes.
    case signMinutes, closeMinutes

    /// Hashed by its case, not its name: RawRepresentable's default would hash the text, at every
    /// counter a batch of facts moves.
    public func hash(into hasher: inout Hasher) {
        // A case without a payload is stored as its index, in one byte for fewer than 256 cases.
        hasher.combine(unsafeBitCast(self, to: UInt8.self))
    }

    /// Whether the value of a contribution is a measured time, kept as a distribution.
    public var isTime: Bool { self == .signMinutes || self == .closeMinutes }

    /// Whether it is dated by a deadline, which may be still to come, rather than by when something
    /// happened: in the current period only what fell due by now counts.
    public var isDatedByDeadline: Bool {
        switch self {
        case .signDue, .signedOnTime, .disposalDue, .disposedOnTime, .extensionDue, .extended, .closingDue, .closed,
             .closedOnTime, .closedNotEvaluated, .reworked, .decisionDue, .decidedOnTime:
            true
        case .dispatched, .returnRequested, .returnArbitrated, .returnRefused, .verdict, .solved, .raised, .settled,
             .settledLow, .escalationReceived, .escalationSettled, .signMinutes, .closeMinutes:
            false
        }
    }
}

/// One thing a whistle adds to the figures: `metric` of `subject`, dated `at`, with `value` the
/// minutes of a time sample (0 for a count).
public struct Contribution: Sendable, Hashable {
    public var subject: IndicatorSubject
    public var metric: IndicatorMetric
    public var at: Date
    public var value: Int

    public init(_ subject: IndicatorSubject, _ metric: IndicatorMetric, at: Date, value: Int = 0) {
        self.subject = subject
        self.metric = metric
        self.at = at
        self.value = value
    }
}

/// The contributions of a whistle's facts: what it adds to every department, town and area
/// figure. A voided whistle adds nothing; a returned task adds only its dispatch and its returns.
public enum IndicatorContributions {
    public static func of(_ facts: WhistleFacts) -> [Contribution] {
        guard !facts.voided else { return [] }
        var out: [Contribution] = []
        let town = IndicatorSubject.town(facts.town)
        let area = facts.area.map(IndicatorSubject.area)
        func add(_ subjects: [IndicatorSubject?], _ metric: IndicatorMetric, at: Date, value: Int = 0) {
            for case let subject? in subjects { out.append(Contribution(subject, metric, at: at, value: value)) }
        }
        add([area], .raised, at: facts.raisedAt)
        for task in facts.tasks {
            let department = IndicatorSubject.department(task.department)
            add([department], .dispatched, at: task.dispatchedAt)
            for request in task.requests {
                if request.kind == .return {
                    add([department], .returnRequested, at: request.at)
                    if let decided = request.decidedAt {
                        add([department], .returnArbitrated, at: decided)
                        if request.granted == false { add([department], .returnRefused, at: decided) }
                    }
                }
                if let decideBy = request.decideBy {
                    add([town], .decisionDue, at: decideBy)
                    if let decided = request.decidedAt, decided <= decideBy { add([town], .decidedOnTime, at: decideBy) }
                }
            }
            guard !task.returned else { continue }
            add([department, town], .signDue, at: task.signDueAt)
            if task.signedOnTime { add([department, town], .signedOnTime, at: task.signDueAt) }
            if let signed = task.signedAt, let minutes = task.signMinutes { add([department], .signMinutes, at: signed, value: minutes) }
            for round in task.rounds {
                add([department, town], .disposalDue, at: round.dueAt)
                if round.reportedAt != nil, round.onTime { add([department, town], .disposedOnTime, at: round.dueAt) }
            }
            if let final = task.rounds.last?.dueAt {
                add([department], .extensionDue, at: final)
                if task.extended { add([department], .extended, at: final) }
            }
        }
        if let due = facts.closingDueAt {
            let lead = IndicatorSubject.department(facts.lead)
            add([lead, town, area], .closingDue, at: due)
            if let closed = facts.closedAt {
                add([lead, town, area], .closed, at: due)
                if closed <= due { add([lead, town, area], .closedOnTime, at: due) }
                if facts.closedAs == .notEvaluated { add([lead], .closedNotEvaluated, at: due) }
            }
            if facts.reworked { add([lead], .reworked, at: due) }
        }
        if let closed = facts.closedAt {
            add([town, area], .settled, at: closed)
            if facts.highestLevel < ResponseLevel.townLead.rawValue { add([town, area], .settledLow, at: closed) }
            if let minutes = facts.closeMinutes, !facts.lead.isEmpty {
                add([.department(facts.lead)], .closeMinutes, at: closed, value: minutes)
            }
        }
        for (index, climb) in facts.climbs.enumerated() where climb.level == ResponseLevel.cogovernance.rawValue {
            guard let area, climb.coordinator == "grid:\(facts.area ?? "")" else { continue }
            add([area], .escalationReceived, at: climb.at)
            let climbedOn = facts.climbs[(index + 1)...].contains { $0.level > climb.level }
            if !climbedOn, let settled = facts.reportedBackAt, settled <= climb.dueAt {
                add([area], .escalationSettled, at: climb.at)
            }
        }
        for verdict in facts.verdicts {
            add([.department(verdict.department)], .verdict, at: verdict.at)
            if verdict.solved { add([.department(verdict.department)], .solved, at: verdict.at) }
        }
        return out
    }
}
