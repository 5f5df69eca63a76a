import Foundation
import GridDomain

// The assessment's facts are written at every change of a whistle, so they write themselves:
// byte for byte their Codable form (WhistleFacts+Coding.swift), members in byte order of their
// keys, instants as milliseconds since 1970, `false` and empty lists left out.
// WhistleFactsCodingTests compares the two.

extension WhistleFacts: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            if let area {
                writer.key("area")
                writer.string(area)
            }
            if !climbs.isEmpty {
                writer.key("climbs")
                writer.array(climbs) { writer, climb in climb.write(to: &writer) }
            }
            if let closeMinutes {
                writer.key("closeMinutes")
                writer.integer(closeMinutes)
            }
            if let closedAs {
                writer.key("closedAs")
                writer.string(closedAs.rawValue)
            }
            if let closedAt {
                writer.key("closedAt")
                writer.milliseconds(closedAt)
            }
            if external { writer.key("external", true) }
            writer.key("grid")
            writer.string(grid)
            writer.key("id")
            writer.string(id)
            writer.key("lead")
            writer.string(lead)
            writer.key("matter")
            writer.string(matter)
            writer.key("raisedAt")
            writer.milliseconds(raisedAt)
            if let reportedBackAt {
                writer.key("reportedBackAt")
                writer.milliseconds(reportedBackAt)
            }
            if !tasks.isEmpty {
                writer.key("tasks")
                writer.array(tasks) { writer, task in task.write(to: &writer) }
            }
            writer.key("town")
            writer.string(town)
            if !verdicts.isEmpty {
                writer.key("verdicts")
                writer.array(verdicts) { writer, verdict in verdict.write(to: &writer) }
            }
            writer.key("windowDays")
            writer.integer(windowDays)
        }
    }
}

extension WhistleFacts.Climb: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("at")
            writer.milliseconds(at)
            writer.key("coordinator")
            writer.string(coordinator)
            writer.key("dueAt")
            writer.milliseconds(dueAt)
            writer.key("level")
            writer.integer(level)
        }
    }
}

extension WhistleFacts.Verdict: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("at")
            writer.milliseconds(at)
            writer.key("department")
            writer.string(department)
            writer.key("round")
            writer.integer(round)
            writer.key("solved")
            writer.bool(solved)
        }
    }
}

extension TaskFacts: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("department")
            writer.string(department)
            writer.key("dispatchedAt")
            writer.milliseconds(dispatchedAt)
            if extended { writer.key("extended", true) }
            if lead { writer.key("lead", true) }
            if !requests.isEmpty {
                writer.key("requests")
                writer.array(requests) { writer, request in request.write(to: &writer) }
            }
            if returned { writer.key("returned", true) }
            writer.key("rounds")
            writer.array(rounds) { writer, round in round.write(to: &writer) }
            writer.key("signDueAt")
            writer.milliseconds(signDueAt)
            if let signMinutes {
                writer.key("signMinutes")
                writer.integer(signMinutes)
            }
            if let signedAt {
                writer.key("signedAt")
                writer.milliseconds(signedAt)
            }
            if signedOnTime { writer.key("signedOnTime", true) }
        }
    }
}

extension TaskFacts.Round: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("dueAt")
            writer.milliseconds(dueAt)
            if onTime { writer.key("onTime", true) }
            if let reportedAt {
                writer.key("reportedAt")
                writer.milliseconds(reportedAt)
            }
        }
    }
}

extension TaskFacts.Request: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("at")
            writer.milliseconds(at)
            if let decideBy {
                writer.key("decideBy")
                writer.milliseconds(decideBy)
            }
            if let decidedAt {
                writer.key("decidedAt")
                writer.milliseconds(decidedAt)
            }
            if let granted {
                writer.key("granted")
                writer.bool(granted)
            }
            writer.key("kind")
            writer.string(kind.rawValue)
        }
    }
}

extension JSONWriter {
    /// A member `true`: the facts leave `false` out.
    fileprivate mutating func key(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// An instant as the facts keep it: milliseconds since 1970, a number.
    fileprivate mutating func milliseconds(_ date: Date) {
        number(date.timeIntervalSince1970 * 1000)
    }
}
