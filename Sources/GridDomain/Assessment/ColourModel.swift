import Foundation

/// 三色管理 — a micro-grid's colour by risk.
public enum RiskColour: String, Sendable, Codable, CaseIterable, Comparable {
    case green, yellow, red

    private var severity: Int {
        switch self {
        case .green: 0
        case .yellow: 1
        case .red: 2
        }
    }

    /// Ordered by risk: green < yellow < red.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.severity < rhs.severity }
}

/// The settings of the colour model, district-wide with per-town overrides (`towns`).
public struct ColourModel: Sendable, Codable, Equatable {
    public var settings: ColourSettings
    /// A town's own settings: each field it gives replaces the district's.
    public var towns: [String: ColourOverride]

    public static let standard = ColourModel(settings: .standard, towns: [:])

    public init(settings: ColourSettings, towns: [String: ColourOverride]) {
        self.settings = settings
        self.towns = towns
    }

    /// The settings that apply in `town`.
    public func settings(for town: String) -> ColourSettings {
        guard let override = towns[town] else { return settings }
        return override.applied(to: settings)
    }

    private enum CodingKeys: String, CodingKey { case towns }

    public init(from decoder: any Decoder) throws {
        settings = try ColourOverride(from: decoder).applied(to: .standard)
        towns = try decoder.container(keyedBy: CodingKeys.self)
            .decodeIfPresent([String: ColourOverride].self, forKey: .towns) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        try settings.encode(to: encoder)
        if !towns.isEmpty {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(towns, forKey: .towns)
        }
    }
}

/// The starting model of `../domain`: over a rolling 30 days, 3 × overdue open whistles + 1 × open
/// whistles + 2 × recurrences (the same matter again in the same micro-grid within 14 days) + 2 ×
/// external alarms + 3 × "not solved" verdicts; green below 5, yellow 5–11, red from 12; a colour
/// gets better only once the better score has held for 7 days.
public struct ColourSettings: Sendable, Codable, Equatable {
    public var windowDays: Int
    public var recurrenceDays: Int
    public var weights: ColourWeights
    public var yellowFrom: Int
    public var redFrom: Int
    public var holdDays: Int

    public static let standard = ColourSettings(windowDays: 30, recurrenceDays: 14, weights: .standard, yellowFrom: 5,
                                                redFrom: 12, holdDays: 7)

    public init(windowDays: Int, recurrenceDays: Int, weights: ColourWeights, yellowFrom: Int, redFrom: Int, holdDays: Int) {
        self.windowDays = windowDays
        self.recurrenceDays = recurrenceDays
        self.weights = weights
        self.yellowFrom = yellowFrom
        self.redFrom = redFrom
        self.holdDays = holdDays
    }

    /// The colour a score maps to.
    public func colour(of score: Int) -> RiskColour {
        score >= redFrom ? .red : score >= yellowFrom ? .yellow : .green
    }
}

/// The weight of each thing counted in a micro-grid's score.
public struct ColourWeights: Sendable, Codable, Equatable {
    public var overdueOpen: Int
    public var open: Int
    public var recurrence: Int
    public var externalAlarm: Int
    public var notSolved: Int

    public static let standard = ColourWeights(overdueOpen: 3, open: 1, recurrence: 2, externalAlarm: 2, notSolved: 3)

    public init(overdueOpen: Int, open: Int, recurrence: Int, externalAlarm: Int, notSolved: Int) {
        self.overdueOpen = overdueOpen
        self.open = open
        self.recurrence = recurrence
        self.externalAlarm = externalAlarm
        self.notSolved = notSolved
    }
}

/// Settings given in part: a town's override, or the district's own fields over the standard ones.
public struct ColourOverride: Sendable, Codable, Equatable {
    public var windowDays: Int?
    public var recurrenceDays: Int?
    public var weights: ColourWeights?
    public var yellowFrom: Int?
    public var redFrom: Int?
    public var holdDays: Int?

    public init(windowDays: Int? = nil, recurrenceDays: Int? = nil, weights: ColourWeights? = nil, yellowFrom: Int? = nil,
                redFrom: Int? = nil, holdDays: Int? = nil) {
        self.windowDays = windowDays
        self.recurrenceDays = recurrenceDays
        self.weights = weights
        self.yellowFrom = yellowFrom
        self.redFrom = redFrom
        self.holdDays = holdDays
    }

    public func applied(to base: ColourSettings) -> ColourSettings {
        ColourSettings(windowDays: windowDays ?? base.windowDays, recurrenceDays: recurrenceDays ?? base.recurrenceDays,
                       weights: weights ?? base.weights, yellowFrom: yellowFrom ?? base.yellowFrom,
                       redFrom: redFrom ?? base.redFrom, holdDays: holdDays ?? base.holdDays)
    }
}

/// What a micro-grid's score is made of, each counted once.
public struct ColourReasons: Sendable, Codable, Equatable {
    /// Open whistles with a task past its sign-for or disposal deadline.
    public var overdueOpen = 0
    /// Whistles not closed.
    public var open = 0
    /// Whistles raised in the window about a matter raised in the same grid within `recurrenceDays` before.
    public var recurrences = 0
    /// Whistles raised in the window by an integrator (an external system's alarm).
    public var externalAlarms = 0
    /// Evaluations in the window that found the matter not solved.
    public var notSolved = 0

    public init(overdueOpen: Int = 0, open: Int = 0, recurrences: Int = 0, externalAlarms: Int = 0, notSolved: Int = 0) {
        self.overdueOpen = overdueOpen
        self.open = open
        self.recurrences = recurrences
        self.externalAlarms = externalAlarms
        self.notSolved = notSolved
    }

    /// Counts the whistles of one micro-grid at `now`: those still open whatever their age, and
    /// what happened in the rolling window. Voided whistles count nowhere.
    public init(whistles: [WhistleFacts], at now: Date, settings: ColourSettings) {
        let windowStart = now.addingTimeInterval(-Double(settings.windowDays) * 86_400)
        let kept = whistles.filter { !$0.voided }
        for whistle in kept {
            if !whistle.isClosed {
                open += 1
                if whistle.isOverdue(at: now) { overdueOpen += 1 }
            }
            guard whistle.raisedAt > windowStart, whistle.raisedAt <= now else { continue }
            if whistle.external { externalAlarms += 1 }
            let recurrenceStart = whistle.raisedAt.addingTimeInterval(-Double(settings.recurrenceDays) * 86_400)
            if kept.contains(where: { $0.id != whistle.id && $0.matter == whistle.matter
                && $0.raisedAt >= recurrenceStart && ($0.raisedAt, $0.id) < (whistle.raisedAt, whistle.id) }) {
                recurrences += 1
            }
        }
        for whistle in kept {
            let rounds = Set(whistle.verdicts.filter { !$0.solved && $0.at > windowStart && $0.at <= now }.map(\.round))
            notSolved += rounds.count
        }
    }

    public func score(_ weights: ColourWeights) -> Int {
        weights.overdueOpen * overdueOpen + weights.open * open + weights.recurrence * recurrences
            + weights.externalAlarm * externalAlarms + weights.notSolved * notSolved
    }
}

extension WhistleFacts {
    /// Whether a task still at work is past its sign-for or current disposal deadline at `now`.
    public func isOverdue(at now: Date) -> Bool {
        guard !isClosed else { return false }
        return tasks.contains { task in
            guard !task.returned, let round = task.rounds.last, round.reportedAt == nil else { return false }
            return (task.signedAt == nil && task.signDueAt < now) || round.dueAt < now
        }
    }
}

/// A micro-grid's colour and the better colour it is holding for, if any.
public struct ColourState: Sendable, Codable, Equatable {
    public var colour: RiskColour
    public var score: Int
    /// Since when the colour holds.
    public var since: Date
    /// A better colour the score has supported since `holdSince`: the least good seen in that time.
    public var holding: RiskColour?
    public var holdSince: Date?

    public init(colour: RiskColour, score: Int, since: Date, holding: RiskColour? = nil, holdSince: Date? = nil) {
        self.colour = colour
        self.score = score
        self.since = since
        self.holding = holding
        self.holdSince = holdSince
    }
}

/// The colour rules: worse at once, better only after the better score has held for `holdDays`.
public enum ColourRules {
    /// Reviews a micro-grid whose state is `state` (nil: never reviewed, green) with `score` at
    /// `now`; returns the new state and, when the colour changed, the colour it left.
    public static func review(_ state: ColourState?, score: Int, at now: Date, settings: ColourSettings)
        -> (state: ColourState, left: RiskColour?) {
        let current = state ?? ColourState(colour: .green, score: 0, since: now)
        let target = settings.colour(of: score)
        if target > current.colour {
            return (ColourState(colour: target, score: score, since: now), current.colour)
        }
        if target == current.colour {
            return (ColourState(colour: current.colour, score: score, since: current.since), nil)
        }
        let holding = max(current.holding ?? target, target)
        let holdSince = current.holdSince ?? now
        guard now.timeIntervalSince(holdSince) >= Double(settings.holdDays) * 86_400 else {
            return (ColourState(colour: current.colour, score: score, since: current.since, holding: holding,
                                holdSince: holdSince), nil)
        }
        let better = target < holding
        return (ColourState(colour: holding, score: score, since: now, holding: better ? target : nil,
                            holdSince: better ? now : nil), current.colour)
    }
}
