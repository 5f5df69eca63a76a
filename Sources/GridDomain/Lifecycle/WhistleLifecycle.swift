/// Where a whistle is in its closed loop (闭环), as the evaluating side sees it.
public enum WhistlePhase: String, Sendable, NamedCase {
    /// 处置中 — routed; the departments are working.
    case open
    /// 待评价 — the departments awaited this round reported done; the raising grid may evaluate.
    case reported
    /// 已结案 — evaluated as solved, or left unevaluated until its evaluation window expired.
    case closed
}

/// What moves a whistle through its loop.
public enum WhistleStep: Sendable, Equatable {
    /// 反馈 — the departments awaited this round reported done: the lead in the first round, the
    /// departments named for rework in later ones.
    case reportedBack
    /// 一键评价 — the grid's check and evaluation: solved closes, not solved sends it back (返工).
    case evaluated(solved: Bool)
    /// 逾期未评价 — the evaluation window passed with no evaluation: the whistle closes as it stands.
    case windowExpired
    /// 作废 — the town centre voided the whistle before it closed otherwise.
    case voided
}

/// A step its phase does not allow.
public struct IllegalWhistleStep: Error, Sendable, Equatable, CustomStringConvertible {
    public let phase: WhistlePhase
    public let step: WhistleStep

    public init(phase: WhistlePhase, step: WhistleStep) {
        self.phase = phase
        self.step = step
    }

    public var description: String {
        switch (phase, step) {
        case (.closed, _): "the whistle is already closed"
        case (.open, .evaluated): "the whistle cannot be evaluated before its departments report it done"
        case (.reported, .reportedBack): "the whistle is already reported done and awaits evaluation"
        case (.open, .windowExpired): "the evaluation window opens only once the departments report it done"
        case (.open, .reportedBack), (.reported, .evaluated), (.reported, .windowExpired), (.open, .voided),
             (.reported, .voided): "allowed"
        }
    }
}

/// A whistle's loop position: the phase and the round (1, then one more per rework).
public struct WhistleLoop: Sendable, Equatable {
    public private(set) var phase: WhistlePhase
    public private(set) var round: Int

    public init(phase: WhistlePhase = .open, round: Int = 1) {
        self.phase = phase
        self.round = round
    }

    /// Applies `step`, or throws the typed refusal and changes nothing.
    public mutating func apply(_ step: WhistleStep) throws(IllegalWhistleStep) {
        switch (phase, step) {
        case (.open, .reportedBack):
            phase = .reported
        case (.reported, .evaluated(let solved)):
            if solved {
                phase = .closed
            } else {
                phase = .open
                round += 1
            }
        case (.reported, .windowExpired), (.open, .voided), (.reported, .voided):
            phase = .closed
        case (.open, .evaluated), (.open, .windowExpired), (.reported, .reportedBack), (.closed, _):
            throw IllegalWhistleStep(phase: phase, step: step)
        }
    }
}
