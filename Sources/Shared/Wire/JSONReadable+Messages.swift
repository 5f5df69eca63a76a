import Foundation
import GridDomain

// The messages every whistle passes through read themselves from their plain form; anything
// else is read by their Codable form (see JSONReader). WireJSONDecoderTests compares the two.

extension EnvelopeHead {
    /// The head of an envelope and the node of its `data`, all members read; nil for anything
    /// but the plain form.
    static func read(_ reader: inout JSONReader) -> (head: EnvelopeHead, data: Int)? {
        guard let data = reader.skip("data"), let epoch = reader.string("epoch"), reader.string("id") != nil,
              let seq = reader.integer("seq"), let stream = reader.string("stream").flatMap(StreamName.init),
              let time = reader.string("time").flatMap(Timestamp.parseCanonical), let type = reader.string("type"),
              let v = reader.integer("v"), let version = Int(exactly: v), reader.isComplete else { return nil }
        return (EnvelopeHead(v: version, stream: stream, epoch: epoch, seq: seq, time: Instant(time), type: type), data)
    }
}

extension Request.Head {
    /// The head of a request and the node of its `body`, all members read; nil for anything but
    /// the plain form.
    static func read(_ reader: inout JSONReader) -> (head: Request.Head, body: Int)? {
        guard let principal = reader.optionalString("as"), let body = reader.skip("body"), let cmd = reader.string("cmd"),
              let key = reader.optionalString("key"), let v = reader.integer("v").flatMap(Int.init(exactly:)),
              reader.isComplete else { return nil }
        return (Request.Head(v: v, cmd: cmd, key: key, as: principal), body)
    }
}

extension RaiseWhistle: JSONReadable {
    public init?(reading reader: inout JSONReader) {
        guard let description = reader.string("description"), let evidence = reader.optionalStrings("evidence"),
              let grid = reader.optionalString("grid"), let location = reader.string("location"),
              let matter = reader.string("matter"), let urgencyText = reader.optionalString("urgency") else { return nil }
        var urgency: Urgency?
        if let urgencyText {
            guard let known = Urgency(rawValue: urgencyText) else { return nil }
            urgency = known
        }
        self.init(matter: matter, urgency: urgency, description: description, location: location, evidence: evidence,
                  grid: grid)
    }
}

extension WhistleRaised: JSONReadable {
    public init?(reading reader: inout JSONReader) {
        guard let description = reader.string("description"), let evidence = reader.strings("evidence"),
              let grid = reader.string("grid"), let location = reader.string("location"), let matter = reader.string("matter"),
              let raisedBy = reader.string("raisedBy").flatMap(Principal.init(parsing:)), let town = reader.string("town"),
              let urgency = reader.string("urgency").flatMap(Urgency.init), let whistle = reader.string("whistle")
        else { return nil }
        self.init(whistle: whistle, grid: grid, town: town, matter: matter, urgency: urgency, description: description,
                  location: location, evidence: evidence, raisedBy: raisedBy)
    }
}

extension WhistleRouted: JSONReadable {
    public init?(reading reader: inout JSONReader) {
        guard let co = reader.strings("co"), let grid = reader.string("grid"), let lead = reader.string("lead"),
              let matter = reader.string("matter"), let policy = reader.value("policy", Policy.self),
              let town = reader.string("town"), let whistle = reader.string("whistle") else { return nil }
        self.init(whistle: whistle, grid: grid, town: town, matter: matter, lead: lead, co: co, policy: policy)
    }
}

extension WhistleRouted.Parties: JSONReadable {
    public init?(reading reader: inout JSONReader) {
        guard let co = reader.strings("co"), reader.skip("grid") != nil, let lead = reader.string("lead"),
              reader.skip("matter") != nil, reader.skip("policy") != nil, reader.skip("town") != nil,
              let whistle = reader.string("whistle") else { return nil }
        self.init(whistle: whistle, lead: lead, co: co)
    }
}

extension Policy: JSONReadable {
    public init?(reading reader: inout JSONReader) {
        guard let arriveText = reader.optionalString("arrive"),
              let dispose = reader.string("dispose").flatMap({ try? Limit(parsing: $0) }),
              let matter = reader.string("matter"), let version = reader.integer("referenceVersion").flatMap(Int.init(exactly:)),
              let response = reader.value("response", ResponsePolicy.self),
              let signFor = reader.string("signFor").flatMap({ try? Limit(parsing: $0) }), let storm = reader.bool("storm"),
              let urgency = reader.string("urgency").flatMap(Urgency.init) else { return nil }
        var arrive: Limit?
        if let arriveText {
            guard let limit = try? Limit(parsing: arriveText) else { return nil }
            arrive = limit
        }
        self.init(matter: matter, referenceVersion: version, urgency: urgency, signFor: signFor, arrive: arrive,
                  dispose: dispose, storm: storm, response: response)
    }
}

extension ResponsePolicy: JSONReadable {
    /// A policy frozen before `arbitrateWithin` and `reworkCap` existed is left to the decoder,
    /// which reads them as the standard's.
    public init?(reading reader: inout JSONReader) {
        guard let arbitrateWithin = reader.string("arbitrateWithin").flatMap({ try? Limit(parsing: $0) }),
              let triggers = reader.strings("escalateOn"), let levels = reader.strings("levelDeadlines"),
              let remindAt = reader.numbers("remindAt"), let reworkCap = reader.integer("reworkCap"),
              let stallAfter = reader.string("stallAfter").flatMap({ try? Limit(parsing: $0) }) else { return nil }
        var escalateOn: [EscalationTrigger] = []
        for name in triggers {
            guard let trigger = EscalationTrigger(rawValue: name) else { return nil }
            escalateOn.append(trigger)
        }
        var levelDeadlines: [Limit] = []
        for text in levels {
            guard let limit = try? Limit(parsing: text) else { return nil }
            levelDeadlines.append(limit)
        }
        self.init(levelDeadlines: levelDeadlines, remindAt: remindAt, stallAfter: stallAfter, escalateOn: escalateOn,
                  arbitrateWithin: arbitrateWithin, reworkCap: Int(reworkCap))
    }
}

extension TaskDispatched: JSONReadable {
    public init?(reading reader: inout JSONReader) {
        guard let arriveText = reader.optionalString("arriveDueAt"), let department = reader.string("department"),
              let disposeDue = reader.string("disposeDueAt").flatMap(Timestamp.parseCanonical), let grid = reader.string("grid"),
              let matter = reader.string("matter"), let role = reader.string("role").flatMap(TaskRole.init),
              let signDue = reader.string("signDueAt").flatMap(Timestamp.parseCanonical), let town = reader.string("town"),
              let whistle = reader.string("whistle") else { return nil }
        var arriveDue: Instant?
        if let arriveText {
            guard let date = Timestamp.parseCanonical(arriveText) else { return nil }
            arriveDue = Instant(date)
        }
        self.init(whistle: whistle, department: department, role: role, grid: grid, town: town, matter: matter,
                  signDueAt: Instant(signDue), disposeDueAt: Instant(disposeDue), arriveDueAt: arriveDue)
    }
}
