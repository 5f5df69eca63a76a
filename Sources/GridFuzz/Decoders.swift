import Foundation
import GridConfig
import GridDomain
import GridRuntime
import GridStore
import GridWire

/// Feeds one input to every decoder a service or client runs on bytes from the network or from a
/// file: the request head (with the configured size limit) and every command and query body, the
/// event envelope and every event payload, the reply and every reply body, principals, and the
/// deployment file. Refusals are the expected outcome; a crash, a hang or unbounded memory is a
/// finding. `explain` receives one line per decoder saying what it made of the input.
enum DecoderHarness {
    /// The limit the services apply (`limits.maxMessageBytes` of the embedded default).
    static let limit = (try? DeploymentConfig.load(path: nil).limits.maxMessageBytes) ?? 65_536

    static func run(_ input: Data, explain: ((String) -> Void)? = nil) {
        let say = explain ?? { _ in }
        request(input, as: "request", say)
        // The same bytes placed where a body, an event's data and a reply's body go, so every
        // body decoder sees them even when the input is not a whole message.
        request(wrap(#"{"v":1,"cmd":"fuzz","key":"k","body":"#, input, "}"), as: "request{body}", say)
        event(input, as: "event", say)
        event(wrap(#"{"v":1,"id":"whistle/0/1","stream":"whistle","epoch":"0000000000000000","seq":1,"time":"2026-12-04T08:00:00.000Z","type":"fuzz","data":"#, input, "}"),
              as: "event{data}", say)
        reply(input, as: "reply", say)
        reply(wrap(#"{"v":1,"key":"k","status":"ok","body":"#, input, "}"), as: "reply{body}", say)
        principals(input, say)
        configuration(input, say)
        value(input, say)
    }

    private static func wrap(_ head: String, _ input: Data, _ tail: String) -> Data {
        var data = Data(head.utf8)
        data.append(input)
        data.append(Data(tail.utf8))
        return data
    }

    // MARK: requests

    private static func request(_ bytes: Data, as label: String, _ say: (String) -> Void) {
        let request: Request
        do {
            request = try Request(decoding: bytes, limit: limit)
        } catch {
            say("\(label): \(error)")
            return
        }
        say("\(label): v\(request.head.v) cmd=\(request.head.cmd.debugDescription) key=\(request.head.key?.debugDescription ?? "-") as=\(request.head.as?.debugDescription ?? "-")")
        if let stated = request.head.as {
            say("\(label) as: \(Principal(parsing: stated).map(String.init(describing:)) ?? "not a principal")")
        }
        Differential.body(request, RaiseWhistle.self)
        body(request, RaiseWhistle.self, "raise", label, say) { try JSONCoding.encodeString($0) }
        body(request, WhistleRef.self, "whistle/sign/timeline", label, say) { try JSONCoding.encodeString($0) }
        body(request, ReportDone.self, "report", label, say) { try JSONCoding.encodeString($0) }
        body(request, InboxQuery.self, "inbox", label, say) { try JSONCoding.encodeString($0) }
        body(request, Evaluate.self, "evaluate", label, say) { "\($0.whistle) \($0.solved) \($0.redo ?? [])" }
        body(request, AssessmentQuery.self, "assessment", label, say) { try JSONCoding.encodeString($0) }
        body(request, ReplayQuery.self, "replay", label, say) { try JSONCoding.encodeString($0) }
        body(request, EmptyBody.self, "status", label, say) { try JSONCoding.encodeString($0) }
        body(request, ClockSet.self, "clock.set", label, say) { try JSONCoding.encodeString($0) }
        body(request, ClockAdvance.self, "clock.advance", label, say) { try JSONCoding.encodeString($0) }
        body(request, DeadLetterQuery.self, "deadletters", label, say) { try JSONCoding.encodeString($0) }
        body(request, Redrive.self, "redrive", label, say) { try JSONCoding.encodeString($0) }
        body(request, AlertDeclare.self, "alert.declare", label, say) { try JSONCoding.encodeString($0) }
        body(request, AlertLift.self, "alert.lift", label, say) { try JSONCoding.encodeString($0) }
    }

    /// Decodes the body as `T`, then computes what the command server would store as its fingerprint.
    private static func body<T: Decodable>(_ request: Request, _ type: T.Type, _ name: String, _ label: String,
                                           _ say: (String) -> Void, fingerprint: (T) throws -> String) {
        do {
            let value = try request.body(T.self)
            say("\(label) body as \(name): ok \((try? fingerprint(value)) ?? "(not encodable)")")
        } catch {
            say("\(label) body as \(name): \(error)")
        }
    }

    // MARK: events

    private static func event(_ bytes: Data, as label: String, _ say: (String) -> Void) {
        let event: ReceivedEvent
        do {
            event = try ReceivedEvent(decoding: bytes)
        } catch {
            say("\(label): \(error)")
            return
        }
        say("\(label): \(event.head.stream.rawValue) \(event.head.epoch) seq \(event.head.seq) \(event.head.type) at \(event.head.time)")
        if let reference = payload(event, ReferencePublished.self, "whistle.reference", label, say) {
            do {
                let loaded = try LoadedReference(version: reference.version, data: reference.reference)
                say("\(label) reference loads: version \(loaded.version), \(loaded.data.grids.count) grids")
            } catch {
                say("\(label) reference does not load: \(error)")
            }
        }
        Differential.payload(event, WhistleRaised.self)
        Differential.payload(event, WhistleRouted.self)
        Differential.payload(event, TaskDispatched.self)
        _ = payload(event, WhistleRaised.self, "whistle.raised", label, say)
        _ = payload(event, WhistleRouted.self, "whistle.routed", label, say)
        _ = payload(event, TaskDispatched.self, "dispatched", label, say)
        _ = payload(event, TaskSigned.self, "signed", label, say)
        _ = payload(event, TaskReported.self, "reported", label, say)
        _ = payload(event, TaskReopened.self, "reopened", label, say)
        _ = payload(event, TaskOverdue.self, "overdue", label, say)
        _ = payload(event, WhistleEvaluated.self, "evaluation.evaluated", label, say)
        _ = payload(event, WhistleClosed.self, "evaluation.closed", label, say)
        _ = payload(event, WhistleRework.self, "evaluation.rework", label, say)
        _ = payload(event, AlertDeclared.self, "whistle.alert.declared", label, say)
        _ = payload(event, AlertLifted.self, "whistle.alert.lifted", label, say)
        _ = payload(event, ServiceStatus.self, "status", label, say)
        // What a consumer does with a replay answer: each event goes through JSONValue and back.
        if let value = try? JSONCoding.decode(JSONValue.self, from: bytes), let again = try? JSONCoding.encode(value) {
            do {
                let reread = try ReceivedEvent(decoding: again)
                say("\(label) through JSONValue: seq \(reread.head.seq)")
            } catch {
                say("\(label) through JSONValue: \(error)")
            }
        }
    }

    private static func payload<T: Codable & Sendable>(_ event: ReceivedEvent, _ type: T.Type, _ name: String,
                                                       _ label: String, _ say: (String) -> Void) -> T? {
        do {
            let value = try event.payload(T.self)
            _ = try? JSONCoding.encode(value)
            say("\(label) data as \(name): ok")
            return value
        } catch {
            say("\(label) data as \(name): \(error)")
            return nil
        }
    }

    // MARK: replies

    private static func reply(_ bytes: Data, as label: String, _ say: (String) -> Void) {
        let reply: ReceivedReply
        do {
            reply = try ReceivedReply(decoding: bytes)
        } catch {
            say("\(label): \(ProtocolError(decoding: error))")
            return
        }
        say("\(label): \(reply.head.status.rawValue) key=\(reply.head.key?.debugDescription ?? "-") error=\(reply.head.error.map(String.init(describing:)) ?? "-")")
        replyBody(reply, WhistleAccepted.self, "raise", label, say)
        replyBody(reply, TaskView.self, "sign/report", label, say)
        replyBody(reply, Inbox.self, "inbox", label, say)
        replyBody(reply, EvaluationAccepted.self, "evaluate", label, say)
        replyBody(reply, Timeline.self, "timeline", label, say)
        replyBody(reply, Assessment.self, "assessment", label, say)
        replyBody(reply, ServiceStatus.self, "status", label, say)
        replyBody(reply, ClockReading.self, "clock", label, say)
        replyBody(reply, DeadLetters.self, "deadletters", label, say)
        replyBody(reply, Redriven.self, "redrive", label, say)
        replyBody(reply, AlertView.self, "alert.declare/alert.lift", label, say)
        if let answer = replyBody(reply, ReplayAnswer.self, "replay", label, say) {
            for (index, value) in answer.events.prefix(64).enumerated() {
                guard let bytes = try? JSONCoding.encode(value) else { continue }
                event(bytes, as: "\(label) replayed event \(index)", say)
            }
        }
    }

    @discardableResult
    private static func replyBody<T: Decodable>(_ reply: ReceivedReply, _ type: T.Type, _ name: String,
                                                _ label: String, _ say: (String) -> Void) -> T? {
        do {
            let value = try reply.body(T.self)
            say("\(label) body as \(name): ok")
            return value
        } catch {
            say("\(label) body as \(name): \(error)")
            return nil
        }
    }

    // MARK: principals, configuration, any JSON

    private static func principals(_ input: Data, _ say: (String) -> Void) {
        let text = String(decoding: input.prefix(4_096), as: UTF8.self)
        let whole = Principal(parsing: text)
        say("principal: \(whole.map(String.init(describing:)) ?? "not a principal")")
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(64) {
            if let principal = Principal(parsing: String(line)) {
                _ = Topic.intake(principal)
            }
        }
        if let principal = try? JSONCoding.decode(Principal.self, from: input) {
            say("principal (JSON): \(principal)")
        }
    }

    private static func configuration(_ input: Data, _ say: (String) -> Void) {
        do {
            let config = try DeploymentConfig.parse(input, source: "fuzz input")
            say("configuration: valid, \(config.reference.grids.count) grids")
        } catch {
            say("configuration: \(error.issues.count) mistake(s), first at '\(error.issues.first?.path ?? "")'")
        }
    }

    private static func value(_ input: Data, _ say: (String) -> Void) {
        Differential.value(input)
        do {
            let value = try JSONCoding.decode(JSONValue.self, from: input)
            _ = try JSONCoding.encode(value)
            say("JSON value: ok")
        } catch {
            say("JSON value: \(ProtocolError(decoding: error))")
        }
    }
}
