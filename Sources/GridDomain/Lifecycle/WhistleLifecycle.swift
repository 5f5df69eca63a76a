/// Where a whistle is in its closed loop (闭环), as the evaluating side sees it.
public enum WhistlePhase: String, Sendable, Codable, CaseIterable {
    /// 处置中 — routed; the departments are working.
    case open
    /// 待评价 — the lead reported done; the raising grid may evaluate.
    case reported
    /// 已结案 — evaluated as solved.
    case closed
}

/// What moves a whistle through its loop.
public enum WhistleStep: Sendable, Equatable {
    /// 反馈 — the lead department reported its part done.
    case leadReported
    /// 一键评价 — the grid's check and evaluation: solved closes, not solved sends it back (返工).
    case evaluated(solved: Bool)
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
        case (.open, .evaluated): "the whistle cannot be evaluated before its lead department reports it done"
        case (.reported, .leadReported): "the whistle is already reported done and awaits evaluation"
        case (.open, .leadReported), (.reported, .evaluated): "allowed"
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
        case (.open, .leadReported):
            phase = .reported
        case (.reported, .evaluated(let solved)):
            if solved {
                phase = .closed
            } else {
                phase = .open
                round += 1
            }
        case (.open, .evaluated), (.reported, .leadReported), (.closed, _):
            throw IllegalWhistleStep(phase: phase, step: step)
        }
    }
}
