import Foundation
import GridDomain

/// A month of whistles as EvaluationService would have gathered their facts (考核事实), made up
/// for phase (i): every micro-grid of every town with every matter that routes from it, raised
/// evenly over the month, their tasks signed for, returned, extended, reported, reworked, climbed,
/// evaluated, closed unevaluated or voided in fixed proportions, with clocks from the matter's
/// policy and the working calendar. The same index always gives the same whistle.
struct AssessmentMonth {
    let workload: Workload
    let tree: GridTree
    let calendar: WorkingCalendar
    let windowDays: Int
    /// The month's first day, and the instants it starts and ends at.
    let month: LocalDate
    let start: Date
    let end: Date

    init(reference: ReferenceData, month: LocalDate) throws {
        let towns = reference.grids.filter { $0.level == .town }.map(\.id)
        workload = Workload(reference: reference, towns: towns)
        tree = Router(reference, version: 1).tree
        calendar = try reference.workingCalendar()
        windowDays = reference.evaluation.windowDays
        self.month = month
        start = calendar.start(of: month)
        var next = month
        while next.month == month.month { next = next.next }
        end = calendar.start(of: next)
    }

    /// "2026-11"
    var period: String { month.monthText }

    /// Whistle `index` of `count`, raised at its share of the month.
    func facts(_ index: Int, of count: Int) -> WhistleFacts {
        let raise = workload.raise(index)
        var draw = Draw(index)
        let raisedAt = start.addingTimeInterval(end.timeIntervalSince(start) * (Double(index) + 0.5) / Double(count))
        var facts = WhistleFacts(id: String(format: "B%@-%07d", period, index), grid: raise.grid.id, town: raise.town,
                                 area: tree.area(of: raise.grid.id)?.id, matter: raise.matter.id, raisedAt: raisedAt,
                                 external: draw.percent < 2)
        facts.lead = raise.route.lead
        facts.windowDays = windowDays
        if draw.percent < 1 {
            facts.closedAt = raisedAt.addingTimeInterval(3_600)
            facts.closedAs = .voided
        }
        let dispatchedAt = raisedAt.addingTimeInterval(2)
        var reportedBack: Date? = raisedAt
        for department in [raise.route.lead] + raise.route.co {
            let policy = raise.route.policy
            var task = TaskFacts(department: department, lead: department == raise.route.lead, dispatchedAt: dispatchedAt,
                                 signDueAt: calendar.deadline(from: dispatchedAt, adding: policy.signFor),
                                 disposeDueAt: calendar.deadline(from: dispatchedAt, adding: policy.dispose))
            if !facts.voided { settle(&task, &draw) }
            let reported = task.returned ? dispatchedAt : task.rounds[0].reportedAt
            reportedBack = reported.flatMap { reported in reportedBack.map { max($0, reported) } }
            facts.tasks.append(task)
        }
        guard !facts.voided else { return facts }
        if draw.percent < 3 {
            let at = raisedAt.addingTimeInterval(3_600)
            facts.climbs.append(.init(level: 1, coordinator: "grid:\(facts.area ?? facts.town)", at: at,
                                      dueAt: calendar.deadline(from: at, adding: Limit(amount: 1, unit: .workingDays))))
        }
        guard let reportedBack else { return facts }
        facts.reportedBackAt = reportedBack
        if draw.percent < 90 {
            let at = reportedBack.addingTimeInterval(7_200)
            let solved = draw.percent < 92
            facts.verdicts = facts.tasks.filter { !$0.returned }.map { .init(department: $0.department, round: 1, at: at, solved: solved) }
            facts.closedAt = at
            facts.closedAs = .evaluated
        } else {
            facts.closedAt = reportedBack.addingTimeInterval(TimeInterval(windowDays) * 86_400)
            facts.closedAs = .notEvaluated
        }
        facts.closeMinutes = calendar.workingMinutes(from: raisedAt, to: facts.closedAt!)
        return facts
    }

    /// A task's course: signed for (late one time in ten), returned (1 in 50, a third upheld),
    /// extended (1 in 33), reported (19 in 20 of the rest, a tenth late) and reworked (1 in 25).
    private func settle(_ task: inout TaskFacts, _ draw: inout Draw) {
        let signWindow = task.signDueAt.timeIntervalSince(task.dispatchedAt)
        let signedAt = task.dispatchedAt.addingTimeInterval(signWindow * (draw.percent < 10 ? 1.5 : Double(draw.percent) / 110))
        task.signedAt = signedAt
        task.signedOnTime = signedAt <= task.signDueAt
        task.signMinutes = calendar.workingMinutes(from: task.dispatchedAt, to: signedAt)
        if draw.percent < 2 {
            var request = TaskFacts.Request(kind: .return, at: signedAt.addingTimeInterval(600),
                                            decideBy: signedAt.addingTimeInterval(7_800))
            request.decidedAt = signedAt.addingTimeInterval(4_200)
            request.granted = draw.percent < 33
            task.requests.append(request)
            task.returned = request.granted == true
            if task.returned { return }
        }
        if draw.percent < 3 {
            var request = TaskFacts.Request(kind: .extension, at: signedAt.addingTimeInterval(1_800),
                                            decideBy: signedAt.addingTimeInterval(9_000))
            request.decidedAt = signedAt.addingTimeInterval(5_400)
            request.granted = true
            task.requests.append(request)
            task.extended = true
            task.moveDeadline(to: task.rounds[0].dueAt.addingTimeInterval(2 * 86_400))
        }
        guard draw.percent < 95 else { return }
        let disposeWindow = task.rounds[0].dueAt.timeIntervalSince(signedAt)
        let reportedAt = signedAt.addingTimeInterval(disposeWindow * (draw.percent < 10 ? 1.3 : Double(draw.percent) / 110))
        task.rounds[0].reportedAt = reportedAt
        task.rounds[0].onTime = reportedAt <= task.rounds[0].dueAt
        if draw.percent < 4 {
            task.rounds.append(.init(dueAt: reportedAt.addingTimeInterval(86_400), reportedAt: reportedAt.addingTimeInterval(43_200),
                                     onTime: true))
        }
    }

    /// A fixed sequence of percentages (0–99) per whistle (SplitMix64).
    private struct Draw {
        var state: UInt64

        init(_ index: Int) { state = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 }

        var percent: Int {
            mutating get {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return Int((z ^ (z >> 31)) % 100)
            }
        }
    }
}
