import GridWire

// What gridctl sends to ResponseService's newer commands and reads back from them. The service
// owns these shapes; gridctl reads only what it prints, tolerates what it does not know, and
// `--json` prints the reply as it came.

/// `arrive` (报到): the department is on site. The body is `{ "whistle" }`.
typealias ArriveOnSite = WhistleRef

/// `progress`: a note on how the work goes, as the department.
struct ProgressNote: Encodable {
    var whistle: String
    var note: String
}

/// `escalate` (逐级上报): the whistle's current coordinator hands it one level up.
struct EscalateWhistle: Encodable {
    var whistle: String
    var reason: String
}

/// `inbox` as a coordinator (a grid, a town centre, the district): the whistles it coordinates.
/// `coordinator` left out means the asking principal.
struct CoordinatorInboxQuery: Encodable {
    var coordinator: String?
}

/// The answer to a coordinator's `inbox`.
struct CoordinatorInbox: Decodable {
    var coordinator: String
    var whistles: [CoordinatedWhistle]
}

/// One whistle in a coordinator's inbox, as far as gridctl prints it.
struct CoordinatedWhistle: Decodable {
    var whistle: String
    var level: Int
    var coordinator: String
    /// When the level's time runs out; absent for a level without one.
    var levelDueAt: Instant?
    var state: String
}

/// The lights (红黄绿灯) of each task of a department's inbox, read beside ``Inbox``: a clock's
/// name → `green`, `yellow` or `red`; absent from a service that shows none.
struct InboxLights: Decodable {
    struct Task: Decodable {
        var lights: [String: String]?
    }

    var tasks: [Task]
}

/// What `arrive` and `progress` answer (the task view), as far as gridctl prints it.
struct TaskStep: Decodable {
    var whistle: String
    var department: String
    var arrivedAt: Instant?
}

/// What `escalate` answers, as far as gridctl prints it: the whistle and the level it climbed to.
struct Escalation: Decodable {
    var whistle: String
    var level: Int?
    var coordinator: String?
    var levelDueAt: Instant?
}
