import Foundation
import GridDomain
import GridRuntime
import GridStore
import GridWire

extension EvaluationDesk {
    /// 三色管理 — reviews every micro-grid's colour now, emits `colour` for each change, and arms
    /// the next review an hour later. A review that fires late (the service was down, the test
    /// clock jumped) reviews once, at the present, instead of once for each hour missed.
    func reviewColours(_ work: DueWork, _ transaction: inout Transaction) throws {
        let now = max(work.at, host.clock.now())
        let next = DueChange.arm(DueWork(kind: .colourReview, subject: Self.colourSubject, at: now.addingTimeInterval(Self.colourReviewSeconds)))
        guard let reference = book.current else {
            try transaction.apply([next])
            return
        }
        // Only today's counts per minute are read; yesterday's are kept for a clock just past midnight.
        try indicators.forgetMoments(before: reference.calendar.localDate(of: now).previous)
        let colours = reference.data.assessment.colours
        let micro = reference.data.grids.filter { $0.level == .micro }
        let longest = ([colours.settings] + colours.towns.keys.map { colours.settings(for: $0) })
            .map { $0.windowDays + $0.recurrenceDays }.max() ?? 0
        let since = now.addingTimeInterval(-Double(longest) * 86_400)
        let facts = try indicators.factsByGrid(since: since, in: transaction)
        var changed = 0
        for grid in micro {
            guard let town = reference.tree.town(of: grid.id)?.id else { continue }
            let settings = colours.settings(for: town)
            let reasons = ColourReasons(whistles: facts[grid.id] ?? [], at: now, settings: settings)
            let score = reasons.score(settings.weights)
            let stored = try storedColour(grid.id)
            let (state, left) = ColourRules.review(stored?.state, score: score, at: now, settings: settings)
            try transaction.db.execute("""
                INSERT INTO colours(grid, town, state) VALUES (?, ?, ?)
                ON CONFLICT(grid) DO UPDATE SET town = excluded.town, state = excluded.state
                """, [grid.id, town, try JSONCoding.encodeString(StoredColour(state: state, reasons: reasons, reviewedAt: Instant(now)))])
            if let left {
                changed += 1
                try transaction.emit(EvaluationEventType.colour.rawValue, topic: EvaluationEventType.colour.topic, at: now,
                                     ColourChanged(grid: grid.id, town: town, from: left, to: state.colour, score: score,
                                                   reasons: reasons))
            }
        }
        try transaction.apply([next])
        if changed > 0 { host.logger.info("colours reviewed", ["changed": "\(changed)"]) }
    }

    /// The map of one town's micro-grids as of the last review, reddest first.
    func colourMap(_ context: CommandContext, _ query: ColoursQuery) throws -> ColourMap {
        _ = try context.require(.grid, .centre, .district, .observer, .service, to: "read the colour map")
        let reference = try book.require()
        let town = try Self.towns(query.town, in: reference)[0]
        var reviewedAt: Instant?
        var grids: [GridColour] = []
        for grid in reference.data.grids where grid.level == .micro && reference.tree.town(of: grid.id)?.id == town.id {
            let stored = try storedColour(grid.id)
            reviewedAt = reviewedAt ?? stored?.reviewedAt
            let state = stored?.state
            grids.append(GridColour(grid: grid.id, name: grid.name, colour: state?.colour ?? .green, score: state?.score ?? 0,
                                    since: state.map { Instant($0.since) }, reasons: stored?.reasons ?? ColourReasons(),
                                    holding: state?.holding, holdSince: state?.holdSince.map(Instant.init)))
        }
        grids.sort { ($1.colour, $1.score, $0.grid) < ($0.colour, $0.score, $1.grid) }
        return ColourMap(town: town.id, reviewedAt: reviewedAt, grids: grids)
    }

    /// Arms the first review, at once, unless one is armed.
    func armColourReview() throws {
        guard try host.store.db.queryFirst("SELECT 1 AS yes FROM due_work WHERE kind = ?",
                                           [DueWork.Kind.colourReview.rawValue]) == nil else { return }
        _ = try host.store.write { transaction in
            try transaction.apply([.arm(DueWork(kind: .colourReview, subject: Self.colourSubject, at: host.clock.now()))])
        }
    }

    static let colourSubject = "colours"
    static let colourReviewSeconds: TimeInterval = 3_600

    private func storedColour(_ grid: String) throws -> StoredColour? {
        guard let json = try host.store.db.queryFirst("SELECT state FROM colours WHERE grid = ?", [grid])?.string("state")
        else { return nil }
        return try JSONCoding.decode(StoredColour.self, from: Data(json.utf8))
    }
}

/// A micro-grid's colour state with what its last score counted.
struct StoredColour: Codable {
    var state: ColourState
    var reasons: ColourReasons
    var reviewedAt: Instant
}
