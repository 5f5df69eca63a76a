import Foundation

// Facts are stored as JSON with every instant as milliseconds since 1970 (a number), whatever the
// coder's date strategy, so that the service's own fast coders read and write them. Absent
// optionals, `false` and empty lists are left out, and read back as such: a whistle's facts are
// stored at each of its changes, and half of what they would say is that nothing happened yet.

extension WhistleFacts {
    private enum Key: String, CodingKey {
        case id, grid, town, area, matter, raisedAt, external, lead, windowDays, tasks, climbs, reportedBackAt,
             verdicts, closedAt, closedAs, closeMinutes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(id: try c.decode(String.self, forKey: .id), grid: try c.decode(String.self, forKey: .grid),
                  town: try c.decode(String.self, forKey: .town), area: try c.decodeIfPresent(String.self, forKey: .area),
                  matter: try c.decode(String.self, forKey: .matter), raisedAt: try c.instant(.raisedAt),
                  external: try c.flag(.external))
        lead = try c.decode(String.self, forKey: .lead)
        windowDays = try c.decode(Int.self, forKey: .windowDays)
        tasks = try c.list(.tasks)
        climbs = try c.list(.climbs)
        reportedBackAt = try c.instantIfPresent(.reportedBackAt)
        verdicts = try c.list(.verdicts)
        closedAt = try c.instantIfPresent(.closedAt)
        closedAs = try c.decodeIfPresent(ClosureOutcome.self, forKey: .closedAs)
        closeMinutes = try c.decodeIfPresent(Int.self, forKey: .closeMinutes)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(id, forKey: .id)
        try c.encode(grid, forKey: .grid)
        try c.encode(town, forKey: .town)
        try c.encodeIfPresent(area, forKey: .area)
        try c.encode(matter, forKey: .matter)
        try c.encodeInstant(raisedAt, forKey: .raisedAt)
        try c.encodeFlag(external, forKey: .external)
        try c.encode(lead, forKey: .lead)
        try c.encode(windowDays, forKey: .windowDays)
        try c.encodeList(tasks, forKey: .tasks)
        try c.encodeList(climbs, forKey: .climbs)
        try c.encodeInstantIfPresent(reportedBackAt, forKey: .reportedBackAt)
        try c.encodeList(verdicts, forKey: .verdicts)
        try c.encodeInstantIfPresent(closedAt, forKey: .closedAt)
        try c.encodeIfPresent(closedAs, forKey: .closedAs)
        try c.encodeIfPresent(closeMinutes, forKey: .closeMinutes)
    }
}

extension WhistleFacts.Climb {
    private enum Key: String, CodingKey { case level, coordinator, at, dueAt }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(level: try c.decode(Int.self, forKey: .level), coordinator: try c.decode(String.self, forKey: .coordinator),
                  at: try c.instant(.at), dueAt: try c.instant(.dueAt))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(level, forKey: .level)
        try c.encode(coordinator, forKey: .coordinator)
        try c.encodeInstant(at, forKey: .at)
        try c.encodeInstant(dueAt, forKey: .dueAt)
    }
}

extension WhistleFacts.Verdict {
    private enum Key: String, CodingKey { case department, round, at, solved }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(department: try c.decode(String.self, forKey: .department), round: try c.decode(Int.self, forKey: .round),
                  at: try c.instant(.at), solved: try c.decode(Bool.self, forKey: .solved))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(department, forKey: .department)
        try c.encode(round, forKey: .round)
        try c.encodeInstant(at, forKey: .at)
        try c.encode(solved, forKey: .solved)
    }
}

extension TaskFacts {
    private enum Key: String, CodingKey {
        case department, lead, dispatchedAt, signDueAt, signedAt, signedOnTime, signMinutes, rounds, requests, returned,
             extended
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let rounds = try c.decode([Round].self, forKey: .rounds)
        guard let first = rounds.first else {
            throw DecodingError.dataCorruptedError(forKey: .rounds, in: c, debugDescription: "a task has at least one round")
        }
        self.init(department: try c.decode(String.self, forKey: .department), lead: try c.flag(.lead),
                  dispatchedAt: try c.instant(.dispatchedAt), signDueAt: try c.instant(.signDueAt), disposeDueAt: first.dueAt)
        self.rounds = rounds
        signedAt = try c.instantIfPresent(.signedAt)
        signedOnTime = try c.flag(.signedOnTime)
        signMinutes = try c.decodeIfPresent(Int.self, forKey: .signMinutes)
        requests = try c.list(.requests)
        returned = try c.flag(.returned)
        extended = try c.flag(.extended)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(department, forKey: .department)
        try c.encodeFlag(lead, forKey: .lead)
        try c.encodeInstant(dispatchedAt, forKey: .dispatchedAt)
        try c.encodeInstant(signDueAt, forKey: .signDueAt)
        try c.encodeInstantIfPresent(signedAt, forKey: .signedAt)
        try c.encodeFlag(signedOnTime, forKey: .signedOnTime)
        try c.encodeIfPresent(signMinutes, forKey: .signMinutes)
        try c.encode(rounds, forKey: .rounds)
        try c.encodeList(requests, forKey: .requests)
        try c.encodeFlag(returned, forKey: .returned)
        try c.encodeFlag(extended, forKey: .extended)
    }
}

extension TaskFacts.Round {
    private enum Key: String, CodingKey { case dueAt, reportedAt, onTime }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(dueAt: try c.instant(.dueAt), reportedAt: try c.instantIfPresent(.reportedAt),
                  onTime: try c.flag(.onTime))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encodeInstant(dueAt, forKey: .dueAt)
        try c.encodeInstantIfPresent(reportedAt, forKey: .reportedAt)
        try c.encodeFlag(onTime, forKey: .onTime)
    }
}

extension TaskFacts.Request {
    private enum Key: String, CodingKey { case kind, at, decideBy, decidedAt, granted }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(kind: try c.decode(TaskRequest.Kind.self, forKey: .kind), at: try c.instant(.at),
                  decideBy: try c.instantIfPresent(.decideBy))
        decidedAt = try c.instantIfPresent(.decidedAt)
        granted = try c.decodeIfPresent(Bool.self, forKey: .granted)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(kind, forKey: .kind)
        try c.encodeInstant(at, forKey: .at)
        try c.encodeInstantIfPresent(decideBy, forKey: .decideBy)
        try c.encodeInstantIfPresent(decidedAt, forKey: .decidedAt)
        try c.encodeIfPresent(granted, forKey: .granted)
    }
}

extension KeyedDecodingContainer {
    fileprivate func instant(_ key: Key) throws -> Date {
        Date(timeIntervalSince1970: try decode(Double.self, forKey: key) / 1000)
    }

    fileprivate func instantIfPresent(_ key: Key) throws -> Date? {
        try decodeIfPresent(Double.self, forKey: key).map { Date(timeIntervalSince1970: $0 / 1000) }
    }

    fileprivate func flag(_ key: Key) throws -> Bool {
        try decodeIfPresent(Bool.self, forKey: key) ?? false
    }

    fileprivate func list<T: Decodable>(_ key: Key) throws -> [T] {
        try decodeIfPresent([T].self, forKey: key) ?? []
    }
}

extension KeyedEncodingContainer {
    fileprivate mutating func encodeInstant(_ date: Date, forKey key: Key) throws {
        try encode(date.timeIntervalSince1970 * 1000, forKey: key)
    }

    fileprivate mutating func encodeInstantIfPresent(_ date: Date?, forKey key: Key) throws {
        if let date { try encodeInstant(date, forKey: key) }
    }

    fileprivate mutating func encodeFlag(_ flag: Bool, forKey key: Key) throws {
        if flag { try encode(true, forKey: key) }
    }

    fileprivate mutating func encodeList<T: Encodable>(_ list: [T], forKey key: Key) throws {
        if !list.isEmpty { try encode(list, forKey: key) }
    }
}
