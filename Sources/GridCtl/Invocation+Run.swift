import Foundation
import GridCommandLine
import GridDomain
import GridLogging
import GridWire

extension Invocation {
    func run(_ verb: String) throws {
        let rest = Array(arguments.positional.dropFirst())
        switch verb {
        case "raise": try raise()
        case "inbox": try inbox()
        case "sign": try sign(try whistle(rest))
        case "arrive": try arrive(try whistle(rest))
        case "progress": try progress(try whistle(rest))
        case "report": try report(try whistle(rest))
        case "escalate": try escalate(try whistle(rest))
        case "return": try returnTask(try whistle(rest))
        case "extend": try extend(try whistle(rest))
        case "park": try park(try whistle(rest))
        case "arbitrate": try arbitrate(try whistle(rest))
        case "decide": try decide(try whistle(rest))
        case "resume": try resume(try whistle(rest))
        case "void": try void(try whistle(rest))
        case "evaluate": try evaluate(try whistle(rest))
        case "timeline": try timeline(try whistle(rest))
        case "whistle": try showWhistle(try whistle(rest))
        case "assessment": try assessment()
        case "towns": try towns()
        case "areas": try areas()
        case "colours": try colours()
        case "export": try export()
        case "comments": try comments(rest)
        case "reply": try reply(rest)
        case "status": try status(rest)
        case "alert": try alert(rest)
        case "watch": try watch()
        case "clock": try clock(rest)
        case "deadletters": try deadLetters()
        case "redrive": try redrive(rest)
        default: throw UsageError("unknown command '\(verb)'")
        }
    }

    func whistle(_ rest: [String]) throws(UsageError) -> String {
        guard rest.count == 1 else { throw UsageError("name exactly one whistle id") }
        return rest[0]
    }

    private func raise() throws {
        let urgency = try arguments.value("--urgency").map { text throws(UsageError) -> Urgency in
            guard let urgency = Urgency(rawValue: text) else { throw UsageError("--urgency is urgent, normal or complex") }
            return urgency
        }
        let evidence = arguments.values("--evidence")
        let body = RaiseWhistle(matter: try arguments.required("--matter"), urgency: urgency,
                                description: try arguments.required("--description"),
                                location: arguments.value("--location") ?? "",
                                evidence: evidence.isEmpty ? nil : evidence, grid: arguments.value("--grid"))
        let (accepted, reply) = try call("raise", on: .whistle, body, as: WhistleAccepted.self)
        show(reply) {
            let co = accepted.co.isEmpty ? "" : "\n  co 协办:    \(accepted.co.joined(separator: ", "))"
            return """
                whistle \(accepted.whistle) raised 吹哨 (\(accepted.matter), \(accepted.urgency.rawValue))
                  grid:       \(accepted.grid) (\(accepted.town))
                  lead 主办:  \(accepted.lead)\(co)
                """
        }
    }

    private func sign(_ id: String) throws {
        let (task, reply) = try call("sign", on: .response, SignFor(whistle: id), as: TaskView.self)
        show(reply) { "signed for 签收 \(task.whistle) as \(task.department); dispose by \(local(task.disposeDueAt))" }
    }

    private func report(_ id: String) throws {
        let body = ReportDone(whistle: id, summary: try arguments.required("--summary"))
        let (task, reply) = try call("report", on: .response, body, as: TaskView.self)
        show(reply) { "reported done 反馈 \(task.whistle) as \(task.department) (round \(task.round))" }
    }

    private func evaluate(_ id: String) throws {
        let solved: Bool = switch try arguments.required("--solved") {
        case "yes", "true": true
        case "no", "false": false
        default: throw UsageError("--solved is yes or no")
        }
        let satisfaction: Satisfaction = switch try arguments.required("--satisfaction") {
        case "satisfied", "满意": .satisfied
        case "basic", "basically_satisfied", "基本满意": .basicallySatisfied
        case "dissatisfied", "不满意": .dissatisfied
        default: throw UsageError("--satisfaction is satisfied, basic or dissatisfied")
        }
        func score(_ option: String) throws(UsageError) -> Int? {
            guard let text = arguments.value(option) else { return nil }
            guard let score = Int(text) else { throw UsageError("\(option) is a score from 1 to 5") }
            return score
        }
        let scores = AspectScores(timeliness: try score("--timeliness"), quality: try score("--quality"),
                                  attitude: try score("--attitude"))
        let redo = arguments.values("--redo")
        let body = Evaluate(whistle: id, solved: solved, satisfaction: satisfaction,
                            scores: scores.given.isEmpty ? nil : scores, comment: arguments.value("--comment"),
                            redo: redo.isEmpty ? nil : redo)
        let (accepted, reply) = try call("evaluate", on: .evaluation, body, as: EvaluationAccepted.self)
        show(reply) {
            switch accepted.outcome {
            case .closed: "evaluated 评价 \(accepted.whistle): solved; closed 结案"
            case .rework: "evaluated 评价 \(accepted.whistle): not solved; sent back for rework 返工"
            }
        }
    }

    private func timeline(_ id: String) throws {
        let (timeline, reply) = try call("timeline", on: .evaluation, WhistleRef(whistle: id), as: Timeline.self)
        show(reply) {
            let header = """
                whistle \(timeline.whistle) — \(timeline.matter) (\(timeline.urgency)) from \(timeline.grid)
                  phase \(timeline.phase.rawValue)\(timeline.outcome.map { " (\($0.rawValue))" } ?? ""), round \(timeline.round); lead \(timeline.lead)\(timeline.co.isEmpty ? "" : "; co \(timeline.co.joined(separator: ", "))")
                """
            let lines = timeline.entries.map { "  \(local($0.time))  \($0.text)" }
            return ([header] + lines).joined(separator: "\n")
        }
    }

    private func showWhistle(_ id: String) throws {
        let reply = try client.send("whistle", to: endpoints.whistle.router, serverKey: config.keys?.key(of: .whistle), key: key,
                                    as: principal, body: WhistleRef(whistle: id))
        let value = try reply.body(JSONValue.self)
        show(reply) { (try? JSONCoding.pretty(value)) ?? "" }
    }

    private func comments(_ rest: [String]) throws {
        guard rest.count == 1 else { throw UsageError("name exactly one department") }
        let query = CommentsQuery(department: rest[0], period: arguments.value("--period"))
        let (box, reply) = try call("comments", on: .evaluation, query, as: Comments.self)
        show(reply) {
            let title = "comments 意见箱 on \(box.department), \(box.period ?? "all periods") (released in batches, in no order)"
            guard !box.comments.isEmpty else { return title + "\n  none released" }
            let lines = box.comments.map { comment in
                "  [\(comment.id)] \(comment.period)  \(comment.text)"
                    + (comment.reply.map { "\n      答复 \(local($0.at)): \($0.text)" } ?? "")
            }
            return ([title] + lines).joined(separator: "\n")
        }
    }

    private func reply(_ rest: [String]) throws {
        guard rest.count == 1 else { throw UsageError("name exactly one comment id") }
        let body = ReplyToComment(comment: rest[0], text: try arguments.required("--text"))
        let (replied, reply) = try call("reply", on: .evaluation, body, as: CommentReplied.self)
        show(reply) { "replied 答复 to comment \(replied.comment)" }
    }

    private func status(_ rest: [String]) throws {
        let streams = try rest.map { name throws(UsageError) -> StreamName in
            guard let stream = StreamName(rawValue: name) else { throw UsageError("status takes whistle, response or evaluation") }
            return stream
        }
        if arguments.has("--watch") { try watchStatus(streams.isEmpty ? StreamName.allCases : streams) }
        guard arguments.value("--count") == nil else { throw UsageError("--count goes with --watch") }
        var failures = 0
        var keyRefused = false
        var degraded = 0
        for stream in streams.isEmpty ? StreamName.allCases : streams {
            do {
                let (status, reply) = try call("status", on: stream, EmptyBody(), as: ServiceStatus.self)
                if status.state != .ok { degraded += 1 }
                show(reply) {
                    let consumed = status.consumed.sorted { $0.key < $1.key }.map { name, stream in
                        "\(name) \(stream.last) (behind \(stream.behind)\(stream.state == .stale ? ", STALE: its producer is not heard" : ""))"
                    }
                    return "\(status.service): \(status.state.rawValue), head \(status.head), up \(status.uptimeSeconds) s"
                        + (consumed.isEmpty ? "" : "; applied \(consumed.joined(separator: ", "))")
                        + status.problems.map { "\n  problem: \($0)" }.joined()
                        + (status.alerts.map { "\n" + alertsInForce($0) } ?? "")
                }
            } catch let error as ClientError {
                failures += 1
                if case .keyRefused = error { keyRefused = true }
                StandardErrorSink().write("gridctl: \(stream.rawValue): \(error)")
            }
        }
        // As the board says: 3 when a service is missing, 4 when one is degraded (Invocation.exitStatus);
        // 5 when gridctl's key was refused, which retrying does not mend.
        if keyRefused { exit(5) }
        if failures > 0 { exit(3) }
        if degraded > 0 { exit(4) }
    }

    private func clock(_ rest: [String]) throws {
        guard rest.count == 2 else { throw UsageError("clock set TIME | clock advance SECONDS") }
        for stream in StreamName.allCases {
            let reading: ClockReading
            let reply: ReceivedReply
            switch rest[0] {
            case "set":
                guard let time = Timestamp.parse(rest[1]) else { throw UsageError("clock set takes an ISO 8601 time") }
                (reading, reply) = try call("clock.set", on: stream, ClockSet(time: Instant(time)), as: ClockReading.self)
            case "advance":
                guard let seconds = Double(rest[1]) else { throw UsageError("clock advance takes seconds") }
                (reading, reply) = try call("clock.advance", on: stream, ClockAdvance(seconds: seconds), as: ClockReading.self)
            default:
                throw UsageError("clock set TIME | clock advance SECONDS")
            }
            show(reply) { "\(stream.rawValue): now \(local(reading.now))" }
        }
    }

    private func service(_ name: String?) throws(UsageError) -> StreamName? {
        guard let name else { return nil }
        guard let stream = StreamName(rawValue: name) else { throw UsageError("--service is whistle, response or evaluation") }
        return stream
    }

    private func deadLetters() throws {
        let query = DeadLetterQuery(stream: try service(arguments.value("--stream")),
                                    limit: arguments.value("--limit").flatMap(Int.init))
        let services = try service(arguments.value("--service")).map { [$0] } ?? StreamName.allCases
        for stream in services {
            let (letters, reply) = try call("deadletters", on: stream, query, as: DeadLetters.self)
            show(reply) {
                guard !letters.deadLetters.isEmpty else { return "\(letters.service): no dead letters" }
                return "\(letters.service): \(letters.deadLetters.count) dead letter(s)\n" + Table.render(
                    ["ID", "STREAM", "SEQ", "TYPE", "AT", "REASON"],
                    letters.deadLetters.map { ["\($0.id)", $0.stream.rawValue, "\($0.seq)", $0.type, local($0.at), $0.reason] })
            }
        }
    }

    private func redrive(_ rest: [String]) throws {
        guard rest.count == 1, let id = Int64(rest[0]) else { throw UsageError("redrive takes one dead-letter id") }
        guard let stream = try service(arguments.value("--service")) else { throw UsageError("--service is required") }
        let (done, reply) = try call("redrive", on: stream, Redrive(id: id), as: Redriven.self)
        show(reply) { "redriven: dead letter \(done.id), \(done.stream.rawValue) event \(done.seq), applied" }
    }

    func local(_ instant: Instant) -> String { Timestamp.local(instant.date, in: zone) }
}
