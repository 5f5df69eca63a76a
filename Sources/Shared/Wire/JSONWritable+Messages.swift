import GridDomain

// The messages every whistle passes through write themselves. Members are in byte order of their
// keys; WireJSONEncoderTests compares each with its Codable form, so a field added to one of
// these types and not here fails there.

extension Envelope: JSONWritable {
    public func write(to writer: inout JSONWriter) throws {
        try writer.object { writer in
            writer.key("data")
            try writer.value(data)
            writer.key("epoch")
            writer.string(epoch)
            writer.key("id")
            writer.string(id)
            writer.key("seq")
            writer.integer(seq)
            writer.key("stream")
            writer.string(stream.rawValue)
            writer.key("time")
            writer.instant(time)
            writer.key("type")
            writer.string(type)
            writer.key("v")
            writer.integer(v)
        }
    }
}

extension Reply: JSONWritable {
    public func write(to writer: inout JSONWriter) throws {
        try writer.object { writer in
            if let body {
                writer.key("body")
                try writer.value(body)
            }
            if let error {
                writer.key("error")
                try writer.value(error)
            }
            if let key {
                writer.key("key")
                writer.string(key)
            }
            writer.key("status")
            writer.string(status.rawValue)
            writer.key("v")
            writer.integer(v)
        }
    }
}

extension ProtocolError: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("at")
            writer.string(at)
            writer.key("code")
            writer.string(code)
            writer.key("message")
            writer.string(message)
            if let pending {
                writer.key("pending")
                writer.strings(pending)
            }
        }
    }
}

extension RaiseWhistle: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("description")
            writer.string(description)
            if let evidence {
                writer.key("evidence")
                writer.strings(evidence)
            }
            if let grid {
                writer.key("grid")
                writer.string(grid)
            }
            writer.key("location")
            writer.string(location)
            writer.key("matter")
            writer.string(matter)
            if let urgency {
                writer.key("urgency")
                writer.string(urgency.rawValue)
            }
        }
    }
}

extension WhistleAccepted: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("co")
            writer.strings(co)
            writer.key("grid")
            writer.string(grid)
            writer.key("lead")
            writer.string(lead)
            writer.key("matter")
            writer.string(matter)
            writer.key("raisedAt")
            writer.instant(raisedAt)
            writer.key("town")
            writer.string(town)
            writer.key("urgency")
            writer.string(urgency.rawValue)
            writer.key("whistle")
            writer.string(whistle)
        }
    }
}

extension WhistleRaised: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("description")
            writer.string(description)
            writer.key("evidence")
            writer.strings(evidence)
            writer.key("grid")
            writer.string(grid)
            writer.key("location")
            writer.string(location)
            writer.key("matter")
            writer.string(matter)
            writer.key("raisedBy")
            writer.string(raisedBy.description)
            writer.key("town")
            writer.string(town)
            writer.key("urgency")
            writer.string(urgency.rawValue)
            writer.key("whistle")
            writer.string(whistle)
        }
    }
}

extension WhistleRouted: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("co")
            writer.strings(co)
            writer.key("grid")
            writer.string(grid)
            writer.key("lead")
            writer.string(lead)
            writer.key("matter")
            writer.string(matter)
            writer.key("policy")
            policy.write(to: &writer)
            writer.key("town")
            writer.string(town)
            writer.key("whistle")
            writer.string(whistle)
        }
    }
}

extension Policy: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            if let arrive {
                writer.key("arrive")
                writer.string(arrive.description)
            }
            writer.key("dispose")
            writer.string(dispose.description)
            writer.key("matter")
            writer.string(matter)
            writer.key("referenceVersion")
            writer.integer(referenceVersion)
            writer.key("response")
            response.write(to: &writer)
            writer.key("signFor")
            writer.string(signFor.description)
            writer.key("storm")
            writer.bool(storm)
            writer.key("urgency")
            writer.string(urgency.rawValue)
        }
    }
}

extension ResponsePolicy: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("arbitrateWithin")
            writer.string(arbitrateWithin.description)
            writer.key("escalateOn")
            writer.strings(escalateOn.map(\.rawValue))
            writer.key("levelDeadlines")
            writer.strings(levelDeadlines.map(\.description))
            writer.key("remindAt")
            writer.numbers(remindAt)
            writer.key("reworkCap")
            writer.integer(reworkCap)
            writer.key("stallAfter")
            writer.string(stallAfter.description)
        }
    }
}

extension TaskDispatched: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            if let arriveDueAt {
                writer.key("arriveDueAt")
                writer.instant(arriveDueAt)
            }
            writer.key("department")
            writer.string(department)
            writer.key("disposeDueAt")
            writer.instant(disposeDueAt)
            writer.key("grid")
            writer.string(grid)
            writer.key("matter")
            writer.string(matter)
            writer.key("role")
            writer.string(role.rawValue)
            writer.key("signDueAt")
            writer.instant(signDueAt)
            writer.key("town")
            writer.string(town)
            writer.key("whistle")
            writer.string(whistle)
        }
    }
}
