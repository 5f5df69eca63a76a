import Foundation
import GridDomain

// The assessment's facts are written at every change of a whistle, so they write themselves:
// byte for byte their Codable form (WhistleFacts+Coding.swift), members in byte order of their
// keys, instants as milliseconds since 1970. WhistleFactsCodingTests compares the two.

extension WhistleFacts: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            if let area {
                writer.key("area")
                writer.string(area)
            }
            writer.key("climbs")
            writer.array(climbs) { writer, climb in climb.write(to: &writer) }
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
            writer.key("external")
            writer.bool(external)
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
            writer.key("tasks")
            writer.array(tasks) { writer, task in task.write(to: &writer) }
            writer.key("town")
            writer.string(town)
            writer.key("verdicts")
            writer.array(verdicts) { writer, verdict in verdict.write(to: &writer) }
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
            writer.key("extended")
            writer.bool(extended)
            writer.key("lead")
            writer.bool(lead)
            writer.key("requests")
            writer.array(requests) { writer, request in request.write(to: &writer) }
            writer.key("returned")
            writer.bool(returned)
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
            writer.key("signedOnTime")
            writer.bool(signedOnTime)
        }
    }
}

extension TaskFacts.Round: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("dueAt")
            writer.milliseconds(dueAt)
            writer.key("onTime")
            writer.bool(onTime)
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
    /// An instant as the facts keep it: milliseconds since 1970, a number.
    fileprivate mutating func milliseconds(_ date: Date) {
        number(date.timeIntervalSince1970 * 1000)
    }
}
