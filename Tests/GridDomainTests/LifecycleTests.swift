import GridDomain
import Testing

@Suite struct LifecycleTests {
    @Test func aTaskIsSignedForThenReportedThenClosed() throws {
        var state = TaskState.dispatched
        state = try state.after(.sign)
        #expect(state == .signed)
        state = try state.after(.report)
        #expect(state == .reported)
        state = try state.after(.close)
        #expect(state == .closed)
    }

    @Test func reworkReopensAReportedTaskAsSigned() throws {
        #expect(try TaskState.reported.after(.reopen) == .signed)
    }

    @Test(arguments: [
        (TaskState.dispatched, TaskAction.report), (.dispatched, .reopen), (.signed, .sign), (.signed, .reopen),
        (.reported, .sign), (.reported, .report), (.closed, .sign), (.closed, .report), (.closed, .reopen), (.closed, .close),
        (.reported, .returned), (.returned, .sign), (.returned, .close), (.returned, .void), (.voided, .report),
        (.voided, .void), (.closed, .void),
    ])
    func illegalTaskTransitionsAreTypedErrors(state: TaskState, action: TaskAction) {
        #expect(throws: IllegalTaskTransition(state: state, action: action)) { try state.after(action) }
    }

    @Test func everyStateActionPairIsDecided() {
        for state in TaskState.allCases {
            for action in TaskAction.allCases {
                let legal = (try? state.after(action)) != nil
                let expected: Set<String> = ["dispatched.sign", "signed.report", "reported.reopen", "dispatched.close",
                                             "signed.close", "reported.close", "signed.arrive", "signed.progress",
                                             "dispatched.returned", "signed.returned", "dispatched.void", "signed.void",
                                             "reported.void", "voided.close"]
                #expect(legal == expected.contains("\(state.rawValue).\(action.rawValue)"))
            }
        }
    }

    @Test func aWhistleIsEvaluatedOnlyAfterItsLeadReports() throws {
        var loop = WhistleLoop()
        #expect(throws: IllegalWhistleStep(phase: .open, step: .evaluated(solved: true))) {
            try loop.apply(.evaluated(solved: true))
        }
        try loop.apply(.reportedBack)
        #expect(loop.phase == .reported)
        try loop.apply(.evaluated(solved: true))
        #expect(loop.phase == .closed)
        #expect(loop.round == 1)
        #expect(throws: IllegalWhistleStep.self) { try loop.apply(.evaluated(solved: true)) }
    }

    @Test func notSolvedStartsAnotherRound() throws {
        var loop = WhistleLoop()
        try loop.apply(.reportedBack)
        try loop.apply(.evaluated(solved: false))
        #expect(loop == WhistleLoop(phase: .open, round: 2))
        try loop.apply(.reportedBack)
        try loop.apply(.evaluated(solved: true))
        #expect(loop == WhistleLoop(phase: .closed, round: 2))
    }

    @Test func anUnevaluatedWhistleClosesWhenItsWindowExpires() throws {
        var loop = WhistleLoop()
        #expect(throws: IllegalWhistleStep(phase: .open, step: .windowExpired)) { try loop.apply(.windowExpired) }
        try loop.apply(.reportedBack)
        try loop.apply(.windowExpired)
        #expect(loop == WhistleLoop(phase: .closed, round: 1))
        #expect(throws: IllegalWhistleStep(phase: .closed, step: .windowExpired)) { try loop.apply(.windowExpired) }
    }

    @Test func satisfactionStaysHiddenBelowTheDisclosureMinimum() {
        let policy = EvaluationPolicy(disclosureMinimum: 3, windowDays: 7, basicallySatisfiedWeight: 0.5)
        var totals = IndicatorTotals()
        totals.add(.dispatched, count: 4)
        totals.add(.signDue, count: 4)
        totals.add(.signedOnTime, count: 3)
        totals.add(.verdict, count: 2)
        totals.add(.solved)
        var released = ReleasedOpinions()
        released.add(Ballot(department: "D", satisfaction: .satisfied))
        released.add(Ballot(department: "D", satisfaction: .basicallySatisfied))
        let hidden = DepartmentIndicators(totals, released: released, policy: policy)
        #expect(hidden.satisfactionRate == nil)
        #expect(hidden.signForOnTimeRate == 0.75)
        #expect(hidden.solvedRate == 0.5)
        #expect(hidden.disposalOnTimeRate == nil)
        released.add(Ballot(department: "D", satisfaction: .dissatisfied))
        let shown = DepartmentIndicators(totals, released: released, policy: policy)
        #expect(shown.satisfactionRate == 0.5)
    }
}
