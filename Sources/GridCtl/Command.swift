import Foundation
import GridCommandLine
import GridConfig
import GridDomain
import GridSockets
import GridWire
import ZeroMQ

/// gridctl's commands: what a grid chief, a department, a centre or a script can do.
enum Command {
    /// Options every command takes.
    static let globalOptions: Set<String> = ["--config", "--as", "--json", "--key", "--key-file", "--timeout"]

    /// The options each command takes beside the global ones; a command not listed is unknown.
    static let commandOptions: [String: Set<String>] = [
        "raise": ["--matter", "--urgency", "--description", "--location", "--evidence", "--grid"],
        "inbox": ["--department", "--coordinator", "--all"],
        "sign": [], "arrive": [], "progress": ["--note"], "report": ["--summary"],
        "escalate": ["--reason"],
        "return": ["--reason"], "extend": ["--until", "--reason"], "park": ["--reason", "--resume-at"],
        "arbitrate": ["--department", "--uphold", "--to", "--reason"],
        "decide": ["--department", "--request", "--approve", "--reason"], "resume": [], "void": ["--reason"],
        "evaluate": ["--solved", "--satisfaction", "--timeliness", "--quality", "--attitude", "--comment", "--redo"],
        "timeline": [], "whistle": [],
        "assessment": ["--period", "--department"], "towns": ["--period", "--town"], "areas": ["--period", "--town"],
        "colours": ["--town"], "export": ["--period", "--format", "--out"],
        "comments": ["--period"], "reply": ["--text"],
        "status": ["--watch", "--count"],
        "alert": ["--town", "--reason"],
        "watch": ["--service", "--topic", "--count", "--for"],
        "deadletters": ["--service", "--stream", "--limit"],
        "redrive": ["--service"],
        "clock": [], "check": [], "config": [], "keys": ["--out"],
    ]

    /// The options that take no value; every other option takes one.
    static let switches: Set<String> = ["--json", "--all", "--watch"]

    /// Reads any of gridctl's options anywhere on the line; ``options(for:)`` then narrows them
    /// to the command's.
    static let parser = CommandLineParser(
        valueOptions: commandOptions.values.reduce(globalOptions, { $0.union($1) }).subtracting(switches), switches: switches)

    /// The options `verb` takes, global ones included.
    static func options(for verb: String) throws(UsageError) -> Set<String> {
        guard let own = commandOptions[verb] else { throw UsageError("unknown command '\(verb)'") }
        return globalOptions.union(own)
    }

    static let usage = """
        usage: gridctl [--config FILE] [--as KIND:ID] [--json] [--key KEY] [--key-file FILE] [--timeout SECONDS] COMMAND …

          raise --matter M [--urgency urgent|normal|complex] --description TEXT [--location TEXT] [--evidence REF]…
                                      一键吹哨: raise a whistle as a grid (--as grid:ID)
          inbox [--department ID] [--all]
                                      a department's tasks (--as dept:ID, or a centre naming --department)
          inbox [--coordinator P] [--all]
                                      the whistles a coordinator has in hand (--as grid:ID, centre:TOWN or
                                      district:JD: its own, or the one --coordinator names)
          sign WHISTLE                签收: sign for a whistle as the routed department
          arrive WHISTLE              报到: report the department on site
          progress WHISTLE --note TEXT
                                      a progress note on the work, as the department
          report WHISTLE --summary TEXT
                                      反馈: report your part done
          escalate WHISTLE --reason TEXT
                                      逐级上报: hand the whistle one level up, as its current coordinator
          return WHISTLE --reason TEXT
                                      退单: "not ours", as the routed department; its town centre arbitrates
          extend WHISTLE --until TIME --reason TEXT
                                      延期: ask for a later disposal deadline, as the routed department
          park WHISTLE --reason TEXT [--resume-at TIME]
                                      挂账: ask to park the whole whistle (works, a season)
          arbitrate WHISTLE --department ID --uphold yes|no [--to ID] --reason TEXT
                                      decide a return, as the town centre (--as centre:TOWN) or the district;
                                      upheld, --to re-dispatches (改派) the part (a co part may be dropped)
          decide WHISTLE --department ID --request extension|park --approve yes|no --reason TEXT
                                      decide an extension or a park, as the town centre or the district
          resume WHISTLE              restart a parked whistle's clocks, as the town centre or the district
          void WHISTLE --reason TEXT  作废: void a whistle (a duplicate), as the town centre or the district
          evaluate WHISTLE --solved yes|no --satisfaction satisfied|basic|dissatisfied
                   [--timeliness 1-5] [--quality 1-5] [--attitude 1-5] [--comment TEXT] [--redo DEPT]…
                                      一键评价: the raising grid's check and anonymous evaluation; what it says
                                      is sealed and released in batches of K (docs/anonymity.md)
          timeline WHISTLE            every step of one whistle
          whistle WHISTLE             the whistle as WhistleService keeps it
          assessment [--period PERIOD] [--department ID]
                                      考核: the ranked table with grades, then the district ranking of district
                                      bodies; PERIOD is YYYY-MM, YYYY-Qn, YYYY or YYYY-MM-DD..YYYY-MM-DD
                                      (satisfaction, and so ranking, only for whole periods)
          export --period PERIOD [--format csv|json] [--out FILE]
                                      the assessment for the assessment office: CSV (UTF-8 with a BOM) or JSON,
                                      naming the reference version and when it was made
          towns [--period PERIOD] [--town ID]
                                      街镇综合评价: each town's comprehensive evaluation, ranked
          areas [--period PERIOD] [--town ID]
                                      片区网格评价: each area grid's figures
          colours --town ID           三色管理: the town's micro-grids by colour, reddest first
          comments DEPT [--period YYYY-MM|YYYY-Qn|YYYY]
                                      意见箱: the released comments on a department, with its replies
          reply COMMENT --text TEXT   答复: answer a released comment on your department (once)
          status [whistle|response|evaluation]
                                      each service's status (WhistleService's with the weather alerts in force);
                                      exits 3 when one is missing, 4 when one is degraded
          status --watch [--count N] [whistle|response|evaluation]
                                      a live board fed by the heartbeats: state, rates, backlog, dead letters,
                                      database size, last checkpoint; a service silent for three heartbeat
                                      intervals shows MISSING (--json: one JSON line a refresh)
          alert declare [--town T] --reason TEXT
                                      防汛防台: declare a weather alert for a town, or the whole district
                                      (--as district:JD; a centre, --as centre:TOWN, for its own town)
          alert lift ALERT            end a weather alert
          watch [--service whistle|response|evaluation] [--topic PREFIX] [--count N]
                                      print published events as they come
          deadletters [--service S] [--stream S] [--limit N]
                                      events a service could not apply, with the reason (--as district:JD)
          redrive ID --service S      apply a dead letter again after a fix; removed on success
          clock set TIME | clock advance SECONDS
                                      move the test clock of all three services (started with --test-clock)
          check                       validate the configuration and list every mistake (--json: as JSON)
          config                      print the embedded default configuration
          keys new --out FILE         make a CURVE key pair: the secret key into FILE (mode 0600), the
                                      public key printed, for the deployment's keys.admitted

        Principals (--as, in development mode): grid:ID, dept:ID, centre:TOWN, district:JD, observer:NAME.
        A deployment that lists keys takes no --as: the principal is that of gridctl's key, read from
        --key-file FILE, GRIDPLUS_KEY_FILE or GRIDPLUS_SECRET_KEY.
        Exit status: 0 done, 1 refused (the error names the field), 2 bad command line,
        3 no reply (status: a service missing), 4 status: a service degraded, 5 gridctl's key refused,
        78 bad configuration.
        """
}

/// What gridctl needs for one run.
struct Invocation {
    let arguments: ParsedCommandLine
    let config: DeploymentConfig
    let principal: String?
    let json: Bool
    let key: String
    /// Where gridctl's sockets come from: under CURVE when the deployment lists keys.
    let sockets: SocketFactory
    let client: Client

    var endpoints: Endpoints { config.endpoints }
    var zone: TimeZone { TimeZone(identifier: config.reference.timeZone) ?? .gmt }

    /// The body of the reply to `cmd`, or the refusal thrown.
    func call<Body: Encodable, Out: Decodable>(_ cmd: String, on stream: StreamName, _ body: Body,
                                               key: String? = nil, as out: Out.Type) throws -> (Out, ReceivedReply) {
        let reply = try client.send(cmd, to: endpoints.producer(stream).router, serverKey: config.keys?.key(of: stream),
                                    key: key ?? self.key, as: principal, body: body)
        return (try reply.body(Out.self), reply)
    }

    /// A SUB following what `stream`'s service publishes, connected to its PUB.
    func watcher(of stream: StreamName) throws -> ZMQSocket {
        let socket = try sockets.socket(.watcher, serverKey: config.keys?.key(of: stream))
        try socket.connect(endpoints.producer(stream).pub)
        return socket
    }

    /// Prints the reply body as JSON (`--json`) or `text` for a person.
    func show(_ reply: ReceivedReply, _ text: () -> String) {
        if json {
            if let value = try? JSONCoding.decode(ReplyBody.self, from: reply.bytes).body,
               let pretty = try? JSONCoding.pretty(value) {
                print(pretty)
            }
        } else {
            print(text())
        }
    }

    private struct ReplyBody: Decodable { var body: JSONValue }
}
