import Foundation
import GridWire

/// What a malformed input must get.
enum MalformedOutcome: Equatable, CustomStringConvertible {
    /// Answered `ok` (the input is odd but legal, e.g. a key of exactly 128 bytes).
    case ok
    /// Refused with `status`, one of `codes` (usually exactly one) and, when given, the pointer `at`.
    case refused(ReplyStatus, codes: [String], at: String?)
    /// No answer at all (only the intake, which drops messages that are not two frames).
    case silent

    static func refused(_ status: ReplyStatus, _ code: String, at: String? = nil) -> Self {
        .refused(status, codes: [code], at: at)
    }

    var description: String {
        switch self {
        case .ok: "ok"
        case .silent: "no answer"
        case .refused(let status, let codes, let at): "\(status.rawValue) \(codes.joined(separator: "|")) at \(at.map { "'\($0)'" } ?? "any pointer")"
        }
    }
}

/// One kind of malformed frame or message and what each socket must answer.
struct MalformedCase: CustomStringConvertible {
    /// A short name of the kind; unique within a service's corpus.
    var kind: String
    /// The frames a DEALER sends to the service's ROUTER (nil: not a ROUTER case).
    var routerFrames: [Data]?
    var router: MalformedOutcome
    /// The frames a publisher sends to WhistleService's intake SUB (nil: not an intake case).
    var intakeFrames: [Data]?
    var intake: MalformedOutcome
    /// The topic the intake confirmation must come on.
    var intakeTopic: String
    /// What the reply's `key` must be.
    var key: KeyEcho

    var description: String { kind }
}

/// The `key` a reply must carry.
enum KeyEcho: Equatable {
    /// Not checked by this case.
    case unchecked
    /// Echoed as this (cut to 128 bytes where the request's was longer).
    case echoed(String)
    /// Absent: the request had no top-level key that could be read.
    case absent
}



/// The corpus: at least 50 distinct kinds of malformed input per service, built from the rules in
/// docs/protocol.md ("Requests and replies", "Size and field limits", "Reply statuses and error codes").
enum MalformedCorpus {
    static let grid = "grid:JD-NX-A01-G01-M01"
    static let department = "dept:JD-NX-CGZF"
    static let centre = "centre:JD-NX"
    static let integrator = "integrator:hydrant-iot"
    static let limit = 65_536
    static let anonymous = "intake.anonymous."

    // MARK: building messages

    /// A request with the head fields given as raw JSON text (nil = absent).
    static func request(v: String? = "1", cmd: String? = #""status""#, key: String? = nil, as principal: String? = nil,
                        body: String? = "{}", extra: String? = nil) -> String {
        var members: [String] = []
        if let v { members.append(#""v":\#(v)"#) }
        if let cmd { members.append(#""cmd":\#(cmd)"#) }
        if let key { members.append(#""key":\#(key)"#) }
        if let principal { members.append(#""as":\#(principal)"#) }
        if let body { members.append(#""body":\#(body)"#) }
        if let extra { members.append(extra) }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func quoted(_ text: String) -> String { "\"\(text)\"" }

    /// A message that is exactly `size` bytes: a `status` query padded with an ignored field.
    static func padded(to size: Int, key: String) -> Data {
        let head = #"{"v":1,"cmd":"status","key":"\#(key)","body":{},"pad":""#
        let tail = #""}"#
        return Data((head + String(repeating: "x", count: size - head.utf8.count - tail.utf8.count) + tail).utf8)
    }

    /// A `status` query of `size` bytes whose only key is `key`, written last (after the padding)
    /// or nested in the body.
    static func padded(to size: Int, key: String, nested: Bool) -> Data {
        let head = nested ? #"{"v":1,"cmd":"status","body":{"key":"\#(key)","pad":""# : #"{"v":1,"cmd":"status","body":{},"pad":""#
        let tail = nested ? #""}}"# : #"","key":"\#(key)"}"#
        return Data((head + String(repeating: "x", count: size - head.utf8.count - tail.utf8.count) + tail).utf8)
    }

    /// Bytes spliced into a JSON text: `prefix`, raw `bytes`, `suffix`.
    static func spliced(_ prefix: String, _ bytes: [UInt8], _ suffix: String) -> Data {
        Data(prefix.utf8) + Data(bytes) + Data(suffix.utf8)
    }

    // MARK: cases

    /// A message sent as `[empty][message]` to the ROUTER and, when `intake` is not nil, as
    /// `[topic][message]` to the intake.
    static func message(_ kind: String, _ bytes: Data, _ outcome: MalformedOutcome, intake: MalformedOutcome? = nil,
                        principal: String? = nil, key: String? = nil) -> MalformedCase {
        MalformedCase(kind: kind, routerFrames: [Data(), bytes], router: outcome,
                      intakeFrames: intake == nil ? nil : [Data("raise".utf8), bytes], intake: intake ?? .silent,
                      intakeTopic: principal.map { "intake.\($0)." } ?? anonymous, key: key.map(KeyEcho.echoed) ?? .unchecked)
    }

    static func message(_ kind: String, _ json: String, _ outcome: MalformedOutcome, intake: MalformedOutcome? = nil,
                        principal: String? = nil, key: String? = nil) -> MalformedCase {
        message(kind, Data(json.utf8), outcome, intake: intake, principal: principal, key: key)
    }

    static func frames(_ kind: String, _ frames: [Data], _ outcome: MalformedOutcome, key: KeyEcho = .unchecked) -> MalformedCase {
        MalformedCase(kind: kind, routerFrames: frames, router: outcome, intakeFrames: nil, intake: .silent,
                      intakeTopic: anonymous, key: key)
    }

    static func intakeOnly(_ kind: String, _ frames: [Data], _ outcome: MalformedOutcome, principal: String? = nil) -> MalformedCase {
        MalformedCase(kind: kind, routerFrames: nil, router: .silent, intakeFrames: frames, intake: outcome,
                      intakeTopic: principal.map { "intake.\($0)." } ?? anonymous, key: .unchecked)
    }

    /// A message whose reply must carry exactly `key` (or none), on the ROUTER and the intake alike.
    static func keyed(_ kind: String, _ bytes: Data, _ outcome: MalformedOutcome, _ key: KeyEcho) -> MalformedCase {
        var bad = message(kind, bytes, outcome, intake: outcome)
        bad.key = key
        return bad
    }

    static func keyed(_ kind: String, _ json: String, _ outcome: MalformedOutcome, _ key: KeyEcho) -> MalformedCase {
        keyed(kind, Data(json.utf8), outcome, key)
    }

    static let badFrames = MalformedOutcome.refused(.badRequest, "bad_frames", at: "")
    static let malformed = MalformedOutcome.refused(.badRequest, "malformed_json", at: "")
    static let notAnObject = MalformedOutcome.refused(.badRequest, "not_an_object", at: "")
    static let tooLarge = MalformedOutcome.refused(.badRequest, "too_large", at: "")
    static let unknownCommand = MalformedOutcome.refused(.badRequest, "unknown_command", at: "/cmd")
    static func missing(_ at: String) -> MalformedOutcome { .refused(.badRequest, "missing_field", at: at) }
    static func wrongType(_ at: String) -> MalformedOutcome { .refused(.badRequest, "wrong_type", at: at) }
    static func invalid(_ at: String) -> MalformedOutcome { .refused(.badRequest, "invalid_value", at: at) }
    static func version(_ at: String = "/v") -> MalformedOutcome { .refused(.badRequest, "unsupported_version", at: at) }
    /// A number the field's type cannot hold: a typed refusal naming the field, whichever of the three.
    static func unfit(_ at: String) -> MalformedOutcome {
        .refused(.badRequest, codes: ["wrong_type", "invalid_value", "unsupported_version"], at: at)
    }
    static let principalRequired = MalformedOutcome.refused(.forbidden, "principal_required", at: "/as")
    static let notPermitted = MalformedOutcome.refused(.forbidden, "not_permitted", at: "/as")
    static let unknownPrincipal = MalformedOutcome.refused(.forbidden, "unknown_principal", at: "/as")


    /// Kinds every service gets the same way. `command` is a state-changing command of the service
    /// (with a valid body), used where a case needs one.
    static func common(command: String, commandBody: String, commandAs: String, otherCommand: String) -> [MalformedCase] {
        let json = request(key: quoted("k"))
        let cmd = quoted(command)
        let who = quoted(commandAs)
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let deepObject = String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        return [
            // Frames (ROUTER): a DEALER sends [empty][request]; the ROUTER adds the identity.
            frames("no delimiter: the request alone", [Data(json.utf8)], badFrames),
            frames("one empty frame", [Data()], badFrames),
            frames("delimiter not empty", [Data("x".utf8), Data(json.utf8)], badFrames),
            frames("three frames", [Data(), Data(json.utf8), Data(json.utf8)], badFrames),
            frames("four frames", [Data(), Data(json.utf8), Data(json.utf8), Data(json.utf8)], badFrames),
            frames("one hundred frames", [Data()] + Array(repeating: Data(json.utf8), count: 99), badFrames),
            frames("empty request frame", [Data(), Data()], malformed),
            // The key of a refusal, found wherever it is in the top-level object, never nested.
            keyed("too large, key first", padded(to: limit + 1, key: "big-first"), tooLarge, .echoed("big-first")),
            keyed("too large, key last", padded(to: limit + 1, key: "big-last", nested: false), tooLarge, .echoed("big-last")),
            keyed("too large, key nested", padded(to: limit + 1, key: "big-nested", nested: true), tooLarge, .absent),
            keyed("too large, no key", Data(repeating: UInt8(ascii: "x"), count: limit + 1), tooLarge, .absent),
            keyed("malformed, key first", #"{"key":"bad-first","v":1,"cmd":"status","body":{"#, malformed, .echoed("bad-first")),
            keyed("malformed, key last", #"{"v":1,"cmd":"status","body":{"x":tru},"key":"bad-last"}"#, malformed, .echoed("bad-last")),
            keyed("malformed, key nested", #"{"v":1,"cmd":"status","body":{"key":"bad-nested"},"x":tru}"#, malformed, .absent),
            keyed("malformed, no key", #"{"v":1,"cmd":"status","body":{"x":tru}}"#, malformed, .absent),
            keyed("not an object, key inside", #"[{"v":1,"cmd":"status","key":"in-array","body":{}}]"#, notAnObject, .absent),
            keyed("not an object, no key", #""key""#, notAnObject, .absent),
            frames("bad frames, key first", [Data(#"{"key":"frames-first","v":1,"cmd":"status","body":{}}"#.utf8)], badFrames,
                   key: .echoed("frames-first")),
            frames("bad frames, key last", [Data(), Data(#"{"v":1,"cmd":"status","body":{},"key":"frames-last"}"#.utf8), Data("x".utf8)],
                   badFrames, key: .echoed("frames-last")),
            frames("bad frames, key nested", [Data(#"{"v":1,"cmd":"status","body":{"key":"frames-nested"}}"#.utf8)], badFrames,
                   key: .absent),
            frames("bad frames, no key", [Data(), Data("x".utf8), Data("y".utf8)], badFrames, key: .absent),
            keyed("key over 128 bytes, first", #"{"key":"\#(String(repeating: "f", count: 200))","v":1,"cmd":"status","body":{}}"#,
                  invalid("/key"), .echoed(String(repeating: "f", count: 128))),
            keyed("key over 128 bytes, last, cut before a character", request(key: quoted(String(repeating: "k", count: 127) + "嘉定")),
                  invalid("/key"), .echoed(String(repeating: "k", count: 127))),
            keyed("key over 128 bytes, nested", request(cmd: quoted("teleport"), body: #"{"key":"\#(String(repeating: "n", count: 200))"}"#),
                  unknownCommand, .absent),
            // Size.
            message("one byte over the limit", padded(to: limit + 1, key: "over"), tooLarge, intake: tooLarge),
            message("huge: 8 MiB", padded(to: 8 << 20, key: "huge"), tooLarge, intake: tooLarge),
            message("huge and not JSON", Data(repeating: 0xff, count: limit * 2), tooLarge, intake: tooLarge),
            message("exactly at the limit", padded(to: limit, key: "at-limit"), .ok, intake: unknownCommand, key: "at-limit"),
            // JSON syntax.
            message("truncated after the opening brace", "{", malformed, intake: malformed),
            message("truncated inside a member name", #"{"v":1,"cm"#, malformed, intake: malformed),
            message("truncated inside a string", #"{"v":1,"cmd":"sta"#, malformed, intake: malformed),
            message("truncated after a colon", #"{"v":1,"cmd":"#, malformed, intake: malformed),
            message("truncated inside the body", #"{"v":1,"cmd":"status","body":{"#, malformed, intake: malformed),
            message("truncated before the last brace", #"{"v":1,"cmd":"status","body":{}"#, malformed, intake: malformed),
            message("only whitespace", " \n\t ", malformed, intake: malformed),
            message("trailing garbage after the object", json + "xyz", malformed, intake: malformed),
            message("two objects", json + json, malformed, intake: malformed),
            // Accepted, and left so: swift-foundation's parser tolerates a trailing comma, and the
            // message can only mean one thing (an observation in the report, not a bug).
            message("trailing comma", #"{"v":1,"cmd":"status","key":"comma","body":{},}"#, .ok, intake: unknownCommand, key: "comma"),
            message("single quotes", #"{'v':1,'cmd':'status','body':{}}"#, malformed, intake: malformed),
            message("unquoted member names", #"{v:1,cmd:"status",body:{}}"#, malformed, intake: malformed),
            message("a comment", "// hello\n" + json, malformed, intake: malformed),
            message("NaN", #"{"v":NaN,"cmd":"status","body":{}}"#, malformed, intake: malformed),
            message("Infinity", #"{"v":1,"cmd":"status","body":{"x":-Infinity}}"#, malformed, intake: malformed),
            message("invalid escape", #"{"v":1,"cmd":"st\x61tus","body":{}}"#, malformed, intake: malformed),
            message("short unicode escape", #"{"v":1,"cmd":"\u12","body":{}}"#, malformed, intake: malformed),
            message("raw control character in a string", "{\"v\":1,\"cmd\":\"sta\ttus\",\"body\":{}}", malformed, intake: malformed),
            message("raw NUL byte in a string", spliced(#"{"v":1,"cmd":"sta"#, [0x00], #"tus","body":{}}"#), malformed, intake: malformed),
            message("10,000 opening brackets", String(repeating: "[", count: 10_000), malformed, intake: malformed),
            message("10,000 nested arrays in a field", request(extra: #""x":\#(deep)"#), malformed, intake: malformed),
            message("10,000 nested objects in the body", request(body: deepObject), malformed, intake: malformed),
            // Encoding.
            message("lone continuation byte", spliced(#"{"v":1,"cmd":"sta"#, [0x80], #"tus","body":{}}"#), malformed, intake: malformed),
            message("overlong encoding of '/'", spliced(#"{"v":1,"cmd":"status","key":""#, [0xc0, 0xaf], #"","body":{}}"#), malformed, intake: malformed),
            message("UTF-8-encoded surrogate half", spliced(#"{"v":1,"cmd":""#, [0xed, 0xa0, 0x80], #"","body":{}}"#), malformed, intake: malformed),
            message("byte 0xFF", spliced(#"{"v":1,"cmd":"status","key":"a"#, [0xff], #"","body":{}}"#), malformed, intake: malformed),
            message("truncated multi-byte sequence", spliced(#"{"v":1,"cmd":"status","key":""#, [0xe6, 0xb8], #"","body":{}}"#), malformed, intake: malformed),
            message("escaped lone surrogate", request(key: #""\ud800""#), .refused(.badRequest, codes: ["malformed_json", "invalid_value"], at: nil),
                    intake: .refused(.badRequest, codes: ["malformed_json", "invalid_value"], at: nil)),
            message("invalid UTF-8 in an ignored field", spliced(#"{"v":1,"cmd":"status","key":"k","note":""#, [0xc3, 0x28], #"","body":{}}"#),
                    malformed, intake: malformed),
            // Messages are UTF-8 JSON (RFC 8259 §8.1 for exchanged JSON); UTF-16 is refused.
            message("UTF-16 with a byte order mark", Data([0xff, 0xfe]) + request(key: quoted("utf16")).data(using: .utf16LittleEndian)!,
                    malformed, intake: malformed),
            message("UTF-16LE without a byte order mark", request(key: quoted("utf16le")).data(using: .utf16LittleEndian)!,
                    malformed, intake: malformed),
            message("UTF-16BE with a byte order mark", Data([0xfe, 0xff]) + request(key: quoted("utf16be")).data(using: .utf16BigEndian)!,
                    malformed, intake: malformed),
            message("UTF-16BE without a byte order mark", request(key: quoted("utf16be")).data(using: .utf16BigEndian)!,
                    malformed, intake: malformed),
            message("UTF-32LE with a byte order mark",
                    Data([0xff, 0xfe, 0, 0]) + request(key: quoted("utf32le")).data(using: .utf32LittleEndian)!, malformed, intake: malformed),
            message("UTF-32LE without a byte order mark", request(key: quoted("utf32le")).data(using: .utf32LittleEndian)!,
                    malformed, intake: malformed),
            message("UTF-32BE with a byte order mark",
                    Data([0, 0, 0xfe, 0xff]) + request(key: quoted("utf32be")).data(using: .utf32BigEndian)!, malformed, intake: malformed),
            message("UTF-32BE without a byte order mark", request(key: quoted("utf32be")).data(using: .utf32BigEndian)!,
                    malformed, intake: malformed),
            message("UTF-8 byte order mark", Data([0xef, 0xbb, 0xbf]) + Data(request(key: quoted("bom")).utf8), .ok,
                    intake: unknownCommand, key: "bom"),
            // Not an object.
            message("a JSON string", #""hello""#, notAnObject, intake: notAnObject),
            message("null", "null", notAnObject, intake: notAnObject),
            message("an array", #"[{"v":1,"cmd":"status","body":{}}]"#, notAnObject, intake: notAnObject),
            message("a number", "42", notAnObject, intake: notAnObject),
            message("true", "true", notAnObject, intake: notAnObject),
            message("an empty object", "{}", missing("/v"), intake: missing("/v")),
            // v.
            message("v missing", request(v: nil), missing("/v"), intake: missing("/v")),
            message("v null", request(v: "null"), missing("/v"), intake: missing("/v")),
            message("v a string", request(v: #""1""#), wrongType("/v"), intake: wrongType("/v")),
            message("v a boolean", request(v: "true"), wrongType("/v"), intake: wrongType("/v")),
            message("v an array", request(v: "[1]"), wrongType("/v"), intake: wrongType("/v")),
            message("v an object", request(v: #"{"major":1}"#), wrongType("/v"), intake: wrongType("/v")),
            message("v 1.0, a float equal to 1", request(v: "1.0", key: quoted("float-v")), .ok, intake: unknownCommand, key: "float-v"),
            message("v 1.5", request(v: "1.5"), unfit("/v"), intake: unfit("/v")),
            message("v negative", request(v: "-1"), version(), intake: version()),
            message("v zero", request(v: "0"), version(), intake: version()),
            message("v minus zero", request(v: "-0"), version(), intake: version()),
            message("unknown version 2", request(v: "2"), version(), intake: version()),
            message("v larger than any integer", request(v: "99999999999999999999999"), unfit("/v"), intake: unfit("/v")),
            message("v 1e999", request(v: "1e999"), unfit("/v"), intake: unfit("/v")),
            // cmd.
            message("cmd missing", request(cmd: nil), missing("/cmd"), intake: missing("/cmd")),
            message("cmd null", request(cmd: "null"), missing("/cmd"), intake: missing("/cmd")),
            message("cmd a number", request(cmd: "5"), wrongType("/cmd"), intake: wrongType("/cmd")),
            message("cmd an array", request(cmd: #"["status"]"#), wrongType("/cmd"), intake: wrongType("/cmd")),
            message("cmd an object", request(cmd: #"{"name":"status"}"#), wrongType("/cmd"), intake: wrongType("/cmd")),
            message("unknown command", request(cmd: quoted("teleport"), key: quoted("k")), unknownCommand, intake: unknownCommand, key: "k"),
            message("empty command", request(cmd: quoted("")), unknownCommand, intake: unknownCommand),
            message("command in capitals", request(cmd: quoted("STATUS")), unknownCommand, intake: unknownCommand),
            message("command with an escaped NUL", request(cmd: #""status\u0000""#), unknownCommand, intake: unknownCommand),
            message("command with a trailing space", request(cmd: quoted("status ")), unknownCommand, intake: unknownCommand),
            message("another service's command", request(cmd: quoted(otherCommand), key: quoted("k")), unknownCommand, intake: unknownCommand),
            message("clock control without --test-clock", request(cmd: quoted("clock.advance"), body: #"{"seconds":1}"#), unknownCommand,
                    intake: unknownCommand),
            message("duplicate member names: the first cmd counts", #"{"v":1,"cmd":"teleport","cmd":"status","body":{}}"#,
                    unknownCommand, intake: unknownCommand),
            // key.
            message("key a number", request(key: "7"), wrongType("/key"), intake: wrongType("/key")),
            message("key an array", request(key: #"["k"]"#), wrongType("/key"), intake: wrongType("/key")),
            message("key an object", request(key: #"{"k":1}"#), wrongType("/key"), intake: wrongType("/key")),
            message("key empty", request(key: quoted("")), invalid("/key"), intake: invalid("/key")),
            message("key of 129 bytes", request(key: quoted(String(repeating: "k", count: 129))), invalid("/key"), intake: invalid("/key")),
            message("key of 43 characters, 129 bytes", request(key: quoted(String(repeating: "渣", count: 43))), invalid("/key"),
                    intake: invalid("/key")),
            message("key of exactly 128 bytes", request(key: quoted(String(repeating: "k", count: 128))), .ok, intake: unknownCommand,
                    key: String(repeating: "k", count: 128)),
            message("key with an escaped NUL", request(key: #""k\u0000x""#), .ok, intake: unknownCommand, key: "k\u{0}x"),
            message("command without a key", request(cmd: cmd, as: who, body: commandBody), missing("/key"),
                    intake: command == "raise" ? missing("/key") : unknownCommand, principal: command == "raise" ? commandAs : nil),
            message("command with key null", request(cmd: cmd, key: "null", as: who, body: commandBody), missing("/key"),
                    intake: command == "raise" ? missing("/key") : unknownCommand, principal: command == "raise" ? commandAs : nil),
            // as.
            message("as a number", request(cmd: cmd, key: quoted("a1"), as: "7", body: commandBody), wrongType("/as"), intake: wrongType("/as")),
            message("as an object", request(cmd: cmd, key: quoted("a2"), as: #"{"kind":"grid"}"#, body: commandBody), wrongType("/as"),
                    intake: wrongType("/as")),
            message("as without a colon", request(cmd: cmd, key: quoted("a3"), as: quoted("nobody"), body: commandBody), invalid("/as"),
                    intake: command == "raise" ? invalid("/as") : unknownCommand, key: "a3"),
            message("as of an unknown kind", request(cmd: cmd, key: quoted("a4"), as: quoted("admin:root"), body: commandBody), invalid("/as"),
                    intake: command == "raise" ? invalid("/as") : unknownCommand, key: "a4"),
            message("as with a dot in the id", request(cmd: cmd, key: quoted("a5"), as: quoted("grid:JD.NX"), body: commandBody), invalid("/as"),
                    intake: command == "raise" ? invalid("/as") : unknownCommand, key: "a5"),
            message("as with an empty id", request(cmd: cmd, key: quoted("a6"), as: quoted("grid:"), body: commandBody), invalid("/as"),
                    intake: command == "raise" ? invalid("/as") : unknownCommand, key: "a6"),
            message("as with an empty kind", request(cmd: cmd, key: quoted("a7"), as: quoted(":JD-NX"), body: commandBody), invalid("/as"),
                    intake: command == "raise" ? invalid("/as") : unknownCommand, key: "a7"),
            message("as with a kind in capitals", request(cmd: cmd, key: quoted("a8"), as: quoted("GRID:JD-NX-A01-G01-M01"), body: commandBody),
                    invalid("/as"), intake: command == "raise" ? invalid("/as") : unknownCommand, key: "a8"),
            message("as with a 129-character id", request(cmd: cmd, key: quoted("a9"), as: quoted("grid:" + String(repeating: "G", count: 129)),
                    body: commandBody), invalid("/as"), intake: command == "raise" ? invalid("/as") : unknownCommand, key: "a9"),
            message("as with a non-ASCII id", request(cmd: cmd, key: quoted("a10"), as: quoted("grid:南翔"), body: commandBody), invalid("/as"),
                    intake: command == "raise" ? invalid("/as") : unknownCommand, key: "a10"),
            message("as with an escaped NUL in the id", request(cmd: cmd, key: quoted("a11"), as: #""grid:JD\u0000""#, body: commandBody),
                    invalid("/as"), intake: command == "raise" ? invalid("/as") : unknownCommand, key: "a11"),
            message("as null on a command", request(cmd: cmd, key: quoted("a12"), as: "null", body: commandBody), principalRequired,
                    intake: command == "raise" ? principalRequired : unknownCommand, key: "a12"),
            message("as with bad syntax on an unknown command", request(cmd: quoted("teleport"), key: quoted("a13"), as: quoted("nobody")),
                    invalid("/as"), intake: invalid("/as"), key: "a13"),
            // body.
            message("command without a body", request(cmd: cmd, key: quoted("b1"), as: who, body: nil), missing("/body"),
                    intake: command == "raise" ? missing("/body") : unknownCommand, principal: command == "raise" ? commandAs : nil, key: "b1"),
            message("command with body null", request(cmd: cmd, key: quoted("b2"), as: who, body: "null"), missing("/body"),
                    intake: command == "raise" ? missing("/body") : unknownCommand, principal: command == "raise" ? commandAs : nil, key: "b2"),
            message("command with an array body", request(cmd: cmd, key: quoted("b3"), as: who, body: "[]"), wrongType("/body"),
                    intake: command == "raise" ? wrongType("/body") : unknownCommand, principal: command == "raise" ? commandAs : nil, key: "b3"),
            message("command with a string body", request(cmd: cmd, key: quoted("b4"), as: who, body: #""{}""#), wrongType("/body"),
                    intake: command == "raise" ? wrongType("/body") : unknownCommand, principal: command == "raise" ? commandAs : nil, key: "b4"),
            message("command with a number body", request(cmd: cmd, key: quoted("b5"), as: who, body: "5"), wrongType("/body"),
                    intake: command == "raise" ? wrongType("/body") : unknownCommand, principal: command == "raise" ? commandAs : nil, key: "b5"),
            message("status without a body", request(key: quoted("s1"), body: nil), missing("/body"), intake: unknownCommand, key: "s1"),
            message("status with body null", request(key: quoted("s2"), body: "null"), missing("/body"), intake: unknownCommand, key: "s2"),
            message("status with an array body", request(key: quoted("s3"), body: "[1]"), wrongType("/body"), intake: unknownCommand, key: "s3"),
            message("status with a string body", request(key: quoted("s4"), body: #""x""#), wrongType("/body"), intake: unknownCommand,
                    key: "s4"),
        ]
    }

    /// `replay` of the service's own stream, and of the others.
    static func replay(_ own: StreamName) -> [MalformedCase] {
        let other = StreamName.allCases.first { $0 != own }!
        func replay(_ body: String, key: String) -> String { request(cmd: quoted("replay"), key: quoted(key), body: body) }
        return [
            message("replay of another stream", replay(#"{"stream":"\#(other.rawValue)","after":0}"#, key: "r1"), invalid("/body/stream"), key: "r1"),
            message("replay of an unknown stream", replay(#"{"stream":"bogus","after":0}"#, key: "r2"), invalid("/body/stream"), key: "r2"),
            message("replay stream a number", replay(#"{"stream":1,"after":0}"#, key: "r3"), wrongType("/body/stream"), key: "r3"),
            message("replay stream missing", replay(#"{"after":0}"#, key: "r4"), missing("/body/stream"), key: "r4"),
            message("replay stream null", replay(#"{"stream":null,"after":0}"#, key: "r5"), missing("/body/stream"), key: "r5"),
            message("replay after missing", replay(#"{"stream":"\#(own.rawValue)"}"#, key: "r6"), missing("/body/after"), key: "r6"),
            message("replay after negative", replay(#"{"stream":"\#(own.rawValue)","after":-1}"#, key: "r7"), invalid("/body/after"), key: "r7"),
            message("replay after a string", replay(#"{"stream":"\#(own.rawValue)","after":"0"}"#, key: "r8"), wrongType("/body/after"), key: "r8"),
            message("replay after 1.5", replay(#"{"stream":"\#(own.rawValue)","after":1.5}"#, key: "r9"), unfit("/body/after"), key: "r9"),
            message("replay after beyond Int64", replay(#"{"stream":"\#(own.rawValue)","after":9223372036854775808}"#, key: "r10"),
                    unfit("/body/after"), key: "r10"),
            message("replay after far beyond the head", replay(#"{"stream":"\#(own.rawValue)","after":1000000}"#, key: "r11"), .ok, key: "r11"),
            message("replay after Int64.max", replay(#"{"stream":"\#(own.rawValue)","after":9223372036854775807}"#, key: "r12"), .ok, key: "r12"),
            message("replay after minus zero", replay(#"{"stream":"\#(own.rawValue)","after":-0,"limit":1}"#, key: "r13"), .ok, key: "r13"),
            message("replay limit 0", replay(#"{"stream":"\#(own.rawValue)","after":0,"limit":0}"#, key: "r14"), .ok, key: "r14"),
            message("replay limit negative", replay(#"{"stream":"\#(own.rawValue)","after":0,"limit":-5}"#, key: "r15"), .ok, key: "r15"),
            message("replay limit huge", replay(#"{"stream":"\#(own.rawValue)","after":0,"limit":4611686018427387904}"#, key: "r16"), .ok, key: "r16"),
            message("replay limit a string", replay(#"{"stream":"\#(own.rawValue)","after":0,"limit":"10"}"#, key: "r17"),
                    wrongType("/body/limit"), key: "r17"),
            message("replay body an array", replay("[]", key: "r18"), wrongType("/body"), key: "r18"),
        ]
    }

    // MARK: per service

    static let raiseBody = #"{"matter":"muck-truck","description":"渣土车撒漏","location":""}"#

    static var whistle: [MalformedCase] {
        func raise(_ key: String, as principal: String? = grid, body: String) -> String {
            request(cmd: quoted("raise"), key: quoted(key), as: principal.map(quoted), body: body)
        }
        func void(_ key: String, as principal: String? = "centre:JD-NX", body: String) -> String {
            request(cmd: quoted("void"), key: quoted(key), as: principal.map(quoted), body: body)
        }
        /// A raise refused after its principal was read: the intake answers on that principal's topic.
        func refusedRaise(_ kind: String, _ key: String, as principal: String? = grid, body: String,
                          _ outcome: MalformedOutcome) -> MalformedCase {
            message(kind, raise(key, as: principal, body: body), outcome, intake: outcome, principal: principal, key: key)
        }
        let longText = String(repeating: "渣", count: 2_001)
        return common(command: "raise", commandBody: raiseBody, commandAs: grid, otherCommand: "sign") + replay(.whistle) + [
            refusedRaise("raise: matter missing", "w1", body: #"{"description":"x","location":""}"#, missing("/body/matter")),
            refusedRaise("raise: matter a number", "w2", body: #"{"matter":7,"description":"x","location":""}"#, wrongType("/body/matter")),
            refusedRaise("raise: description missing", "w3", body: #"{"matter":"muck-truck","location":""}"#, missing("/body/description")),
            refusedRaise("raise: description null", "w4", body: #"{"matter":"muck-truck","description":null,"location":""}"#,
                         missing("/body/description")),
            refusedRaise("raise: description blank", "w5", body: #"{"matter":"muck-truck","description":" \n ","location":""}"#,
                         invalid("/body/description")),
            refusedRaise("raise: description of 2,001 characters", "w6", body: #"{"matter":"muck-truck","description":"\#(longText)","location":""}"#,
                         invalid("/body/description")),
            refusedRaise("raise: location missing", "w7", body: #"{"matter":"muck-truck","description":"x"}"#, missing("/body/location")),
            refusedRaise("raise: location of 501 characters", "w8",
                         body: #"{"matter":"muck-truck","description":"x","location":"\#(String(repeating: "路", count: 501))"}"#,
                         invalid("/body/location")),
            refusedRaise("raise: evidence not an array", "w9", body: #"{"matter":"muck-truck","description":"x","location":"","evidence":"photo"}"#,
                         wrongType("/body/evidence")),
            refusedRaise("raise: evidence item a number", "w10", body: #"{"matter":"muck-truck","description":"x","location":"","evidence":[3]}"#,
                         wrongType("/body/evidence/0")),
            refusedRaise("raise: evidence item empty", "w11", body: #"{"matter":"muck-truck","description":"x","location":"","evidence":["a",""]}"#,
                         invalid("/body/evidence/1")),
            refusedRaise("raise: 21 evidence items", "w12",
                         body: #"{"matter":"muck-truck","description":"x","location":"","evidence":[\#(Array(repeating: #""p""#, count: 21).joined(separator: ","))]}"#,
                         invalid("/body/evidence")),
            refusedRaise("raise: unknown urgency word", "w13", body: #"{"matter":"muck-truck","urgency":"extreme","description":"x","location":""}"#,
                         invalid("/body/urgency")),
            refusedRaise("raise: urgency a number", "w14", body: #"{"matter":"muck-truck","urgency":1,"description":"x","location":""}"#,
                         wrongType("/body/urgency")),
            refusedRaise("raise: unknown matter", "w15", body: #"{"matter":"alien-landing","description":"x","location":""}"#,
                         .refused(.badRequest, "unknown_matter", at: "/body/matter")),
            refusedRaise("raise: matter with an escaped NUL", "w16", body: #"{"matter":"muck-truck\u0000","description":"x","location":""}"#,
                         .refused(.badRequest, "unknown_matter", at: "/body/matter")),
            refusedRaise("raise: grid a number", "w17", body: #"{"matter":"muck-truck","description":"x","location":"","grid":5}"#,
                         wrongType("/body/grid")),
            refusedRaise("raise: integrator without a grid", "w18", as: integrator, body: raiseBody, missing("/body/grid")),
            refusedRaise("raise: integrator naming an unknown grid", "w19", as: integrator,
                         body: #"{"matter":"muck-truck","description":"x","location":"","grid":"JD-NOWHERE"}"#,
                         .refused(.forbidden, "unknown_grid", at: "/body/grid")),
            refusedRaise("raise: no principal", "w20", as: nil, body: raiseBody, principalRequired),
            refusedRaise("raise: by a department", "w21", as: department, body: raiseBody, notPermitted),
            refusedRaise("raise: by a town grid", "w22", as: "grid:JD-NX", body: raiseBody,
                         .refused(.forbidden, "grid_cannot_raise", at: "/as")),
            refusedRaise("raise: for another grid", "w23",
                         body: #"{"matter":"muck-truck","description":"x","location":"","grid":"JD-AT-A01-G01-M01"}"#, notPermitted),
            refusedRaise("raise: by an unknown grid", "w24", as: "grid:JD-NX-A99", body: raiseBody, unknownPrincipal),
            message("whistle query: by an unknown centre", request(cmd: quoted("whistle"), key: quoted("w28"), as: quoted("centre:JD-NOPE"),
                                                                   body: #"{"whistle":"W0-404"}"#), unknownPrincipal, key: "w28"),
            message("a query on the intake, with a principal", request(key: quoted("q1"), as: quoted(integrator)), .ok,
                    intake: unknownCommand, principal: integrator, key: "q1"),
            message("whistle query: whistle missing", request(cmd: quoted("whistle"), key: quoted("w25"), body: "{}"),
                    missing("/body/whistle"), key: "w25"),
            message("whistle query: whistle a number", request(cmd: quoted("whistle"), key: quoted("w26"), body: #"{"whistle":1}"#),
                    wrongType("/body/whistle"), key: "w26"),
            message("whistle query: unknown whistle", request(cmd: quoted("whistle"), key: quoted("w27"), body: #"{"whistle":"W0-404"}"#),
                    .refused(.notFound, "unknown_whistle", at: "/body/whistle"), key: "w27"),
            message("void: reason missing", void("w29", body: #"{"whistle":"W0-404"}"#), missing("/body/reason"), key: "w29"),
            message("void: reason a number", void("w30", body: #"{"whistle":"W0-404","reason":5}"#), wrongType("/body/reason"), key: "w30"),
            message("void: reason of 501 characters", void("w31", body: #"{"whistle":"W0-404","reason":"\#(String(repeating: "重", count: 501))"}"#),
                    invalid("/body/reason"), key: "w31"),
            message("void: by a department", void("w32", as: department, body: #"{"whistle":"W0-404","reason":"dup"}"#),
                    notPermitted, key: "w32"),
            message("void: by a grid", void("w33", as: grid, body: #"{"whistle":"W0-404","reason":"dup"}"#), notPermitted, key: "w33"),
            message("void: no principal", void("w34", as: nil, body: #"{"whistle":"W0-404","reason":"dup"}"#), principalRequired, key: "w34"),
            message("void: unknown whistle", void("w35", body: #"{"whistle":"W0-404","reason":"dup"}"#),
                    .refused(.notFound, "unknown_whistle", at: "/body/whistle"), key: "w35"),
        ]
    }

    /// The intake-only kinds: messages that are not exactly two frames are dropped without an answer.
    static var intakeFrames: [MalformedCase] {
        let json = Data(request(cmd: quoted("raise"), key: quoted("f"), as: quoted(integrator), body: raiseBody).utf8)
        return [
            intakeOnly("intake: one frame", [json], .silent),
            intakeOnly("intake: three frames", [Data("raise".utf8), json, json], .silent),
            intakeOnly("intake: one hundred frames", Array(repeating: json, count: 100), .silent),
            intakeOnly("intake: empty topic frame", [Data(), Data("{".utf8)], malformed),
            intakeOnly("intake: binary topic frame", [Data([0xff, 0x00, 0xfe]), Data("[]".utf8)], notAnObject),
            intakeOnly("intake: empty request frame", [Data("raise".utf8), Data()], malformed),
        ]
    }

    static var response: [MalformedCase] {
        func command(_ name: String, _ key: String, as principal: String? = department, body: String) -> String {
            request(cmd: quoted(name), key: quoted(key), as: principal.map(quoted), body: body)
        }
        let long = String(repeating: "好", count: 2_001)
        return common(command: "sign", commandBody: #"{"whistle":"W0-404"}"#, commandAs: department, otherCommand: "raise")
            + replay(.response) + [
            message("sign: whistle missing", command("sign", "p1", body: "{}"), missing("/body/whistle"), key: "p1"),
            message("sign: whistle a number", command("sign", "p2", body: #"{"whistle":404}"#), wrongType("/body/whistle"), key: "p2"),
            message("sign: whistle an array", command("sign", "p3", body: #"{"whistle":["W0-404"]}"#), wrongType("/body/whistle"), key: "p3"),
            message("sign: no principal", command("sign", "p4", as: nil, body: #"{"whistle":"W0-404"}"#), principalRequired, key: "p4"),
            message("sign: by a grid", command("sign", "p5", as: grid, body: #"{"whistle":"W0-404"}"#), notPermitted, key: "p5"),
            message("sign: unknown whistle", command("sign", "p6", body: #"{"whistle":"W0-404"}"#),
                    .refused(.notFound, "unknown_whistle", at: "/body/whistle"), key: "p6"),
            message("report: summary missing", command("report", "p7", body: #"{"whistle":"W0-404"}"#), missing("/body/summary"), key: "p7"),
            message("report: summary a number", command("report", "p8", body: #"{"whistle":"W0-404","summary":1}"#),
                    wrongType("/body/summary"), key: "p8"),
            message("report: summary blank", command("report", "p9", body: #"{"whistle":"W0-404","summary":"  "}"#),
                    invalid("/body/summary"), key: "p9"),
            message("report: summary of 2,001 characters", command("report", "p10", body: #"{"whistle":"W0-404","summary":"\#(long)"}"#),
                    invalid("/body/summary"), key: "p10"),
            message("report: unknown whistle", command("report", "p11", body: #"{"whistle":"W0-404","summary":"done"}"#),
                    .refused(.notFound, "unknown_whistle", at: "/body/whistle"), key: "p11"),
            message("inbox: unknown scope", command("inbox", "p12", body: #"{"scope":"everything"}"#), invalid("/body/scope"), key: "p12"),
            message("inbox: scope a number", command("inbox", "p13", body: #"{"scope":1}"#), wrongType("/body/scope"), key: "p13"),
            message("inbox: department a number", command("inbox", "p14", body: #"{"department":12}"#),
                    wrongType("/body/department"), key: "p14"),
            message("inbox: an observer naming neither department nor coordinator", command("inbox", "p15", as: "observer:board", body: "{}"),
                    missing("/body/coordinator"), key: "p15"),
            message("inbox: unknown department", command("inbox", "p16", as: "district:JD", body: #"{"department":"JD-NOPE"}"#),
                    .refused(.notFound, "unknown_department", at: "/body/department"), key: "p16"),
            message("inbox: another department's", command("inbox", "p17", body: #"{"department":"JD-AT-CGZF"}"#), notPermitted, key: "p17"),
            message("inbox: no principal", command("inbox", "p18", as: nil, body: "{}"), principalRequired, key: "p18"),
            message("inbox: a grid naming a department", command("inbox", "p19", as: grid, body: #"{"department":"JD-NX-CGZF"}"#),
                    notPermitted, key: "p19"),
            message("inbox: a centre naming another coordinator", command("inbox", "p19b", as: "centre:JD-NX", body: #"{"coordinator":"centre:JD-AT"}"#),
                    notPermitted, key: "p19b"),
            message("inbox: coordinator not a principal", command("inbox", "p19c", as: "district:JD", body: #"{"coordinator":"JD-AT"}"#),
                    invalid("/body/coordinator"), key: "p19c"),
            message("inbox: an unknown coordinator", command("inbox", "p19m", as: "district:JD", body: #"{"coordinator":"grid:JD-NOPE"}"#),
                    .refused(.notFound, "unknown_coordinator", at: "/body/coordinator"), key: "p19m"),
            message("inbox: both a department and a coordinator", command("inbox", "p19o", as: "district:JD", body: #"{"department":"JD-NX-CGZF","coordinator":"centre:JD-NX"}"#),
                    invalid("/body/coordinator"), key: "p19o"),
            message("inbox: a micro grid as coordinator", command("inbox", "p19p", as: "district:JD", body: #"{"coordinator":"grid:JD-NX-A01-G01-M01"}"#),
                    .refused(.notFound, "unknown_coordinator", at: "/body/coordinator"), key: "p19p"),
            message("inbox: a department as coordinator", command("inbox", "p19n", as: "observer:board", body: #"{"coordinator":"dept:JD-NX-CGZF"}"#),
                    invalid("/body/coordinator"), key: "p19n"),
            message("arrive: unknown whistle", command("arrive", "p19d", body: #"{"whistle":"W0-404"}"#),
                    .refused(.notFound, "unknown_whistle", at: "/body/whistle"), key: "p19d"),
            message("progress: blank note", command("progress", "p19e", body: #"{"whistle":"W0-404","note":"  "}"#),
                    invalid("/body/note"), key: "p19e"),
            message("progress: note of 2,001 characters", command("progress", "p19f", body: #"{"whistle":"W0-404","note":"\#(long)"}"#),
                    invalid("/body/note"), key: "p19f"),
            message("progress: no note", command("progress", "p19g", body: #"{"whistle":"W0-404"}"#),
                    missing("/body/note"), key: "p19g"),
            message("escalate: by a department", command("escalate", "p19h", body: #"{"whistle":"W0-404","reason":"why"}"#),
                    notPermitted, key: "p19h"),
            message("escalate: blank reason", command("escalate", "p19i", as: grid, body: #"{"whistle":"W0-404","reason":""}"#),
                    invalid("/body/reason"), key: "p19i"),
            message("escalate: reason of 501 characters", command("escalate", "p19j", as: grid, body: #"{"whistle":"W0-404","reason":"\#(String(repeating: "理", count: 501))"}"#),
                    invalid("/body/reason"), key: "p19j"),
            message("escalate: unknown whistle", command("escalate", "p19k", as: grid, body: #"{"whistle":"W0-404","reason":"beyond us"}"#),
                    .refused(.notFound, "unknown_whistle", at: "/body/whistle"), key: "p19k"),
            message("escalate: no principal", command("escalate", "p19l", as: nil, body: #"{"whistle":"W0-404","reason":"x"}"#),
                    principalRequired, key: "p19l"),
            message("sign: by an unknown department", command("sign", "p20", as: "dept:JD-NOSUCH", body: #"{"whistle":"W0-404"}"#),
                    unknownPrincipal, key: "p20"),
            message("inbox: by an unknown department", command("inbox", "p21", as: "dept:JD-NOSUCH", body: "{}"), unknownPrincipal, key: "p21"),
            message("inbox: by a centre that is not a town", command("inbox", "p22", as: "centre:JD-NX-A01", body: #"{"department":"JD-NX-CGZF"}"#),
                    unknownPrincipal, key: "p22"),
            message("inbox: by an unknown district", command("inbox", "p23", as: "district:SH", body: #"{"department":"JD-NX-CGZF"}"#),
                    unknownPrincipal, key: "p23"),
            message("return: reason missing", command("return", "p24", body: #"{"whistle":"W0-404"}"#), missing("/body/reason"), key: "p24"),
            message("return: reason blank", command("return", "p25", body: #"{"whistle":"W0-404","reason":" "}"#), invalid("/body/reason"), key: "p25"),
            message("return: reason of 501 characters", command("return", "p26", body: #"{"whistle":"W0-404","reason":"\#(String(repeating: "退", count: 501))"}"#),
                    invalid("/body/reason"), key: "p26"),
            message("return: by a centre", command("return", "p27", as: centre, body: #"{"whistle":"W0-404","reason":"not ours"}"#),
                    notPermitted, key: "p27"),
            message("return: unknown whistle", command("return", "p28", body: #"{"whistle":"W0-404","reason":"not ours"}"#),
                    .refused(.notFound, "unknown_whistle", at: "/body/whistle"), key: "p28"),
            message("extend: until missing", command("extend", "p29", body: #"{"whistle":"W0-404","reason":"later"}"#),
                    missing("/body/until"), key: "p29"),
            message("extend: until a number", command("extend", "p30", body: #"{"whistle":"W0-404","until":20261209,"reason":"later"}"#),
                    wrongType("/body/until"), key: "p30"),
            message("extend: until not a time", command("extend", "p31", body: #"{"whistle":"W0-404","until":"next week","reason":"later"}"#),
                    invalid("/body/until"), key: "p31"),
            message("park: resumeAt not a time", command("park", "p32", body: #"{"whistle":"W0-404","reason":"season","resumeAt":"spring"}"#),
                    invalid("/body/resumeAt"), key: "p32"),
            message("park: reason missing", command("park", "p33", body: #"{"whistle":"W0-404"}"#), missing("/body/reason"), key: "p33"),
            message("arbitrate: uphold a string", command("arbitrate", "p34", as: centre, body: #"{"whistle":"W0-404","department":"JD-NX-CGZF","uphold":"yes","reason":"r"}"#),
                    wrongType("/body/uphold"), key: "p34"),
            message("arbitrate: department missing", command("arbitrate", "p35", as: centre, body: #"{"whistle":"W0-404","uphold":true,"reason":"r"}"#),
                    missing("/body/department"), key: "p35"),
            message("arbitrate: by a department", command("arbitrate", "p36", body: #"{"whistle":"W0-404","department":"JD-NX-CGZF","uphold":false,"reason":"r"}"#),
                    notPermitted, key: "p36"),
            message("arbitrate: unknown whistle", command("arbitrate", "p37", as: centre, body: #"{"whistle":"W0-404","department":"JD-NX-CGZF","uphold":false,"reason":"r"}"#),
                    .refused(.notFound, "unknown_whistle", at: "/body/whistle"), key: "p37"),
            message("decide: a request decide does not decide", command("decide", "p38", as: centre, body: #"{"whistle":"W0-404","department":"JD-NX-CGZF","request":"return","approve":true,"reason":"r"}"#),
                    invalid("/body/request"), key: "p38"),
            message("decide: approve missing", command("decide", "p39", as: centre, body: #"{"whistle":"W0-404","department":"JD-NX-CGZF","request":"park","reason":"r"}"#),
                    missing("/body/approve"), key: "p39"),
            message("decide: by a grid", command("decide", "p40", as: grid, body: #"{"whistle":"W0-404","department":"JD-NX-CGZF","request":"park","approve":true,"reason":"r"}"#),
                    notPermitted, key: "p40"),
            message("resume: by a department", command("resume", "p41", body: #"{"whistle":"W0-404"}"#), notPermitted, key: "p41"),
            message("resume: unknown whistle", command("resume", "p42", as: centre, body: #"{"whistle":"W0-404"}"#),
                    .refused(.notFound, "unknown_whistle", at: "/body/whistle"), key: "p42"),
            message("resume: no principal", command("resume", "p43", as: nil, body: #"{"whistle":"W0-404"}"#), principalRequired, key: "p43"),
        ]
    }

    static var evaluation: [MalformedCase] {
        func command(_ name: String, _ key: String, as principal: String? = grid, body: String) -> String {
            request(cmd: quoted(name), key: quoted(key), as: principal.map(quoted), body: body)
        }
        let evaluate = #"{"whistle":"W0-404","solved":true,"satisfaction":"satisfied"}"#
        return common(command: "evaluate", commandBody: evaluate, commandAs: grid, otherCommand: "report")
            + replay(.evaluation) + [
            message("evaluate: whistle missing", command("evaluate", "e1", body: #"{"solved":true,"satisfaction":"satisfied"}"#),
                    missing("/body/whistle"), key: "e1"),
            message("evaluate: solved missing", command("evaluate", "e2", body: #"{"whistle":"W0-404","satisfaction":"satisfied"}"#),
                    missing("/body/solved"), key: "e2"),
            message("evaluate: solved a string", command("evaluate", "e3", body: #"{"whistle":"W0-404","solved":"yes","satisfaction":"satisfied"}"#),
                    wrongType("/body/solved"), key: "e3"),
            message("evaluate: solved a number", command("evaluate", "e4", body: #"{"whistle":"W0-404","solved":1,"satisfaction":"satisfied"}"#),
                    wrongType("/body/solved"), key: "e4"),
            message("evaluate: satisfaction missing", command("evaluate", "e5", body: #"{"whistle":"W0-404","solved":true}"#),
                    missing("/body/satisfaction"), key: "e5"),
            message("evaluate: unknown satisfaction word", command("evaluate", "e6", body: #"{"whistle":"W0-404","solved":true,"satisfaction":"thrilled"}"#),
                    invalid("/body/satisfaction"), key: "e6"),
            message("evaluate: redo a string", command("evaluate", "e7", body: #"{"whistle":"W0-404","solved":false,"satisfaction":"satisfied","redo":"JD-GS"}"#),
                    wrongType("/body/redo"), key: "e7"),
            message("evaluate: redo item a number", command("evaluate", "e8", body: #"{"whistle":"W0-404","solved":false,"satisfaction":"satisfied","redo":[1]}"#),
                    wrongType("/body/redo/0"), key: "e8"),
            message("evaluate: comment a number", command("evaluate", "e9", body: #"{"whistle":"W0-404","solved":true,"satisfaction":"satisfied","comment":5}"#),
                    wrongType("/body/comment"), key: "e9"),
            message("evaluate: no principal", command("evaluate", "e10", as: nil, body: evaluate), principalRequired, key: "e10"),
            message("evaluate: by a department", command("evaluate", "e11", as: department, body: evaluate), notPermitted, key: "e11"),
            message("evaluate: unknown whistle", command("evaluate", "e12", body: evaluate),
                    .refused(.notFound, "unknown_whistle", at: "/body/whistle"), key: "e12"),
            message("timeline: whistle missing", command("timeline", "e13", body: "{}"), missing("/body/whistle"), key: "e13"),
            message("timeline: unknown whistle", command("timeline", "e14", body: #"{"whistle":"W0-404"}"#),
                    .refused(.notFound, "unknown_whistle", at: "/body/whistle"), key: "e14"),
            message("timeline: no principal", command("timeline", "e15", as: nil, body: #"{"whistle":"W0-404"}"#), principalRequired, key: "e15"),
            // An integrator reads the timelines of the whistles it raised, so it is told what anyone is.
            message("timeline: by an integrator, of no whistle", command("timeline", "e16", as: integrator, body: #"{"whistle":"W0-404"}"#),
                    .refused(.notFound, "unknown_whistle", at: "/body/whistle"), key: "e16"),
            message("assessment: month 13", command("assessment", "e17", as: "district:JD", body: #"{"period":"2026-13"}"#),
                    invalid("/body/period"), key: "e17"),
            message("assessment: period a number", command("assessment", "e18", as: "district:JD", body: #"{"period":202612}"#),
                    wrongType("/body/period"), key: "e18"),
            message("assessment: period with a trailing newline", command("assessment", "e19", as: "district:JD", body: #"{"period":"2026-12\n"}"#),
                    invalid("/body/period"), key: "e19"),
            message("assessment: period in Arabic-Indic digits", command("assessment", "e20", as: "district:JD", body: #"{"period":"٢٠٢٦-12"}"#),
                    invalid("/body/period"), key: "e20"),
            message("assessment: unknown department", command("assessment", "e21", as: "district:JD", body: #"{"department":"JD-NOPE"}"#),
                    .refused(.notFound, "unknown_department", at: "/body/department"), key: "e21"),
            message("assessment: by a grid", command("assessment", "e22", body: "{}"), notPermitted, key: "e22"),
            message("assessment: no principal", command("assessment", "e23", as: nil, body: "{}"), principalRequired, key: "e23"),
            message("evaluate: by an unknown grid", command("evaluate", "e24", as: "grid:JD-NOSUCH-1", body: evaluate), unknownPrincipal, key: "e24"),
            message("timeline: by an unknown department", command("timeline", "e25", as: "dept:JD-NOSUCH", body: #"{"whistle":"W0-404"}"#),
                    unknownPrincipal, key: "e25"),
            message("assessment: by an unknown district", command("assessment", "e26", as: "district:SH", body: "{}"), unknownPrincipal, key: "e26"),
            message("evaluate: scores a string", command("evaluate", "e27", body: #"{"whistle":"W0-404","solved":true,"satisfaction":"satisfied","scores":"5"}"#),
                    wrongType("/body/scores"), key: "e27"),
            message("evaluate: a score a string", command("evaluate", "e28", body: #"{"whistle":"W0-404","solved":true,"satisfaction":"satisfied","scores":{"timeliness":"5"}}"#),
                    wrongType("/body/scores/timeliness"), key: "e28"),
            message("assessment: a range that ends before it starts", command("assessment", "e29", as: "district:JD", body: #"{"period":"2026-12-31..2026-12-01"}"#),
                    invalid("/body/period"), key: "e29"),
            message("assessment: quarter 5", command("assessment", "e30", as: "district:JD", body: #"{"period":"2026-Q5"}"#),
                    invalid("/body/period"), key: "e30"),
            message("comments: department missing", command("comments", "e31", as: "district:JD", body: "{}"), missing("/body/department"), key: "e31"),
            message("comments: a day", command("comments", "e32", as: "district:JD", body: #"{"department":"JD-NX-CGZF","period":"2026-12-07"}"#),
                    invalid("/body/period"), key: "e32"),
            message("comments: unknown department", command("comments", "e33", as: "district:JD", body: #"{"department":"JD-NOPE"}"#),
                    .refused(.notFound, "unknown_department", at: "/body/department"), key: "e33"),
            message("comments: by a grid", command("comments", "e34", body: #"{"department":"JD-NX-CGZF"}"#), notPermitted, key: "e34"),
            message("comments: by another department", command("comments", "e35", as: "dept:JD-NX-SCJG", body: #"{"department":"JD-NX-CGZF"}"#),
                    notPermitted, key: "e35"),
            message("comments: by a centre", command("comments", "e36", as: "centre:JD-NX", body: #"{"department":"JD-NX-CGZF"}"#),
                    notPermitted, key: "e36"),
            message("comments: no principal", command("comments", "e37", as: nil, body: #"{"department":"JD-NX-CGZF"}"#), principalRequired, key: "e37"),
            message("reply: comment missing", command("reply", "e38", as: department, body: #"{"text":"收到"}"#), missing("/body/comment"), key: "e38"),
            message("reply: text missing", command("reply", "e39", as: department, body: #"{"comment":"c"}"#), missing("/body/text"), key: "e39"),
            message("reply: blank text", command("reply", "e40", as: department, body: #"{"comment":"c","text":" \n "}"#),
                    invalid("/body/text"), key: "e40"),
            message("reply: text of 501 characters", command("reply", "e41", as: department,
                                                               body: #"{"comment":"c","text":"\#(String(repeating: "答", count: 501))"}"#),
                    invalid("/body/text"), key: "e41"),
            message("reply: an escape in the text", command("reply", "e45", as: department, body: #"{"comment":"c","text":"收到\u001b[2J"}"#),
                    invalid("/body/text"), key: "e45"),
            message("reply: unknown comment", command("reply", "e42", as: department, body: #"{"comment":"c","text":"收到"}"#),
                    .refused(.notFound, "unknown_comment", at: "/body/comment"), key: "e42"),
            message("reply: by a grid", command("reply", "e43", body: #"{"comment":"c","text":"收到"}"#), notPermitted, key: "e43"),
            message("reply: no principal", command("reply", "e44", as: nil, body: #"{"comment":"c","text":"收到"}"#), principalRequired, key: "e44"),
            message("comments: a range of days", command("comments", "e46", as: "district:JD",
                                                         body: #"{"department":"JD-NX-CGZF","period":"2026-12-01..2026-12-15"}"#),
                    .refused(.badRequest, "satisfaction_needs_whole_period", at: "/body/period"), key: "e46"),
            message("assessment: a day that does not exist", command("assessment", "e47", as: "district:JD",
                                                                     body: #"{"period":"2026-02-01..2026-02-30"}"#),
                    invalid("/body/period"), key: "e47"),
            message("towns: unknown town", command("towns", "e48", as: "district:JD", body: #"{"town":"JD-NOPE"}"#),
                    .refused(.notFound, "unknown_town", at: "/body/town"), key: "e48"),
            message("towns: a grid that is not a town", command("towns", "e49", as: "district:JD", body: #"{"town":"JD-NX-A01"}"#),
                    .refused(.notFound, "unknown_town", at: "/body/town"), key: "e49"),
            message("towns: by a department", command("towns", "e50", as: department, body: "{}"), notPermitted, key: "e50"),
            message("towns: period a number", command("towns", "e51", as: "district:JD", body: #"{"period":202612}"#),
                    wrongType("/body/period"), key: "e51"),
            message("areas: malformed period", command("areas", "e52", as: "district:JD", body: #"{"period":"2026-12-"}"#),
                    invalid("/body/period"), key: "e52"),
            message("colours: town missing", command("colours", "e53", as: "district:JD", body: "{}"), missing("/body/town"), key: "e53"),
            message("colours: unknown town", command("colours", "e54", as: "district:JD", body: #"{"town":"JD-NOPE"}"#),
                    .refused(.notFound, "unknown_town", at: "/body/town"), key: "e54"),
            message("colours: by a department", command("colours", "e55", as: department, body: #"{"town":"JD-NX"}"#),
                    notPermitted, key: "e55"),
            message("colours: no principal", command("colours", "e56", as: nil, body: #"{"town":"JD-NX"}"#),
                    principalRequired, key: "e56"),
        ]
    }

    static func cases(for service: Cluster.Service) -> [MalformedCase] {
        switch service {
        case .whistle: whistle
        case .response: response
        case .evaluation: evaluation
        }
    }

    /// The test-clock kinds (a service started with `--test-clock`).
    static var clock: [MalformedCase] {
        func advance(_ seconds: String, key: String) -> String {
            request(cmd: quoted("clock.advance"), key: quoted(key), body: #"{"seconds":\#(seconds)}"#)
        }
        func set(_ time: String, key: String) -> String {
            request(cmd: quoted("clock.set"), key: quoted(key), body: #"{"time":\#(time)}"#)
        }
        return [
            message("clock.advance: seconds missing", request(cmd: quoted("clock.advance"), key: quoted("c1")), missing("/body/seconds"), key: "c1"),
            message("clock.advance: seconds a string", advance(#""60""#, key: "c2"), wrongType("/body/seconds"), key: "c2"),
            message("clock.advance: negative seconds", advance("-1", key: "c3"), invalid("/body/seconds"), key: "c3"),
            message("clock.advance: 1e999 seconds", advance("1e999", key: "c4"), unfit("/body/seconds"), key: "c4"),
            message("clock.advance: minus zero seconds", advance("-0", key: "c5"), .ok, key: "c5"),
            message("clock.set: time a number", set("0", key: "c6"), wrongType("/body/time"), key: "c6"),
            message("clock.set: not a time", set(#""yesterday""#, key: "c7"), invalid("/body/time"), key: "c7"),
            message("clock.set: an earlier time", set(#""2020-01-01T00:00:00Z""#, key: "c8"), invalid("/body/time"), key: "c8"),
            message("clock.set: the time missing", request(cmd: quoted("clock.set"), key: quoted("c9")), missing("/body/time"), key: "c9"),
            // Last: today it kills the service. A clock that cannot be shown must be refused.
            message("clock.advance: 1e17 seconds", advance("1e17", key: "c10"), invalid("/body/seconds"), key: "c10"),
        ]
    }
}
