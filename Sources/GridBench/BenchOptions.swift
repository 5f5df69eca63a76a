import GridCommandLine

/// How much one run measures. `--quick` shrinks every phase for a smoke run; the figures are
/// noisier but come from the same code.
struct BenchOptions {
    var quick = false
    /// Keep the scratch folder (databases, logs) even when every check held.
    var keep = false
    /// Baseline A: whistles committed one per transaction, then in transactions of `batchSize`.
    var baselineSingle = 3_000
    var baselineBatches = 100
    let batchSize = 512
    /// Baseline B: sequential round trips, then pipelined messages, per transport.
    var zmqRoundTrips = 20_000
    var zmqMessages = 200_000
    /// Every pipelined phase: this many DEALER connections, each with up to `window` raises outstanding.
    let connections = 4
    let window = 256
    /// (a) acknowledged intake.
    var intakeWhistles = 20_000
    /// (b) raise → dispatched latency at a steady rate.
    let latencyRate = 1_000
    var latencySeconds = 10
    /// (c) the storm.
    var stormWhistles = 100_000
    /// (d) sequential round trips per service, and sequential raises.
    var statusRoundTrips = 2_000
    var sequentialRaises = 500
    /// (e) due work: items armed at a start (and how many starts of each database), clocks that
    /// fall due at one instant (task checks and level deadlines), and how long the 1,000/s load
    /// runs meanwhile.
    var dueArmedAtStart = 1_000_000
    let dueStarts = 3
    var dueClocks = 10_000
    /// `limits.dueBatch` for (e)'s firing services; nil: the configuration's own (1,000).
    var dueBatch: Int?
    var dueLoadSeconds = 12
    /// (f) open tasks, their clocks armed, that ResponseService restarts over (and how many
    /// restarts of each database).
    var openTasks = 1_000_000
    let openTaskStarts = 3
    /// (g) whistles returned and re-dispatched one at a time.
    var redispatches = 300
    /// (h) whistles evaluated one at a time, and K: the ballots released at once by the last.
    var evaluations = 1_000
    /// (i) tasks dispatched in the month assessed, and how many times the assessment is asked.
    var assessmentTasks = 1_000_000
    let assessmentQueries = 100
    /// Where the three services are launched from (default: this program's folder).
    var services: String?
    /// Which of the phases (a) to (j) run; the shutdown and its checks always do.
    var phases: Set<Character> = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]

    static let usage = """
        usage: gridplus-bench [--quick] [--phases LETTERS] [--due-clocks N] [--due-batch N] [--open-tasks N]
                              [--evaluations N] [--assessment-tasks N] [--services DIR] [--keep] [--help]
          Prints figures for the full tier (docs/benchmarks.md): raw SQLite and raw libzmq baselines,
          then the three release services launched from this program's folder.
          --quick           smaller counts (a smoke run)
          --phases LETTERS  run only these of the phases a to j (say --phases ac);
                            the baselines, the shutdown and its checks always run
          --due-clocks N    (e) clocks falling due at one instant (default 10,000; 2,000 with --quick)
          --due-batch N     (e) the firing services' limits.dueBatch (default: the configuration's, 1,000)
          --open-tasks N    (f) open tasks ResponseService restarts over (default 1,000,000;
                            30,000 with --quick)
          --evaluations N   (h) whistles evaluated, and the ballots released at once (default 1,000;
                            200 with --quick)
          --assessment-tasks N
                            (i) tasks dispatched in the month assessed (default 1,000,000; 30,000
                            with --quick)
          --services DIR    launch WhistleService, ResponseService and EvaluationService from DIR (another
                            build, to compare) instead of this program's folder
          --keep            keep the scratch folder (databases, logs) even when every check held
          --help, -h        print this and exit
        """

    /// Parses `arguments` (without the program name); nil for `--help`.
    static func parse(_ arguments: [String]) throws(UsageError) -> BenchOptions? {
        let line = try CommandLineParser(valueOptions: ["--phases", "--due-clocks", "--due-batch", "--open-tasks", "--evaluations",
                                                                "--assessment-tasks", "--services"], switches: ["--quick", "--keep"],
                                         takesPositional: false)
            .parse(arguments)
        if line.helpRequested { return nil }
        var options = BenchOptions()
        let phases = try line.value("--phases", as: { letters in
            letters.isEmpty || !letters.allSatisfy({ "abcdefghij".contains($0) }) ? nil : Set(letters)
        }) { _ in "--phases takes letters among a to j, like --phases ac" }
        if let phases { options.phases = phases }
        options.keep = line.has("--keep")
        if line.has("--quick") {
            options.quick = true
            options.baselineSingle = 1_000
            options.baselineBatches = 20
            options.zmqRoundTrips = 5_000
            options.zmqMessages = 50_000
            options.intakeWhistles = 5_000
            options.latencySeconds = 3
            options.stormWhistles = 10_000
            options.statusRoundTrips = 500
            options.sequentialRaises = 200
            options.dueArmedAtStart = 100_000
            options.dueClocks = 2_000
            options.dueLoadSeconds = 4
            options.openTasks = 30_000
            options.redispatches = 100
            options.evaluations = 200
            options.assessmentTasks = 30_000
        }
        // Given counts win over --quick's, whatever their order on the line.
        func count(_ name: String, atLeast minimum: Int) throws(UsageError) -> Int? {
            try line.value(name, as: { text in Int(text.replacingOccurrences(of: ",", with: "")).flatMap { $0 >= minimum ? $0 : nil } }) {
                "\(name) takes a whole number of at least \(minimum), not '\($0)'"
            }
        }
        if let clocks = try count("--due-clocks", atLeast: 12) { options.dueClocks = clocks }
        if let tasks = try count("--open-tasks", atLeast: 3) { options.openTasks = tasks }
        if let evaluations = try count("--evaluations", atLeast: 2) { options.evaluations = evaluations }
        if let tasks = try count("--assessment-tasks", atLeast: 100) { options.assessmentTasks = tasks }
        options.services = line.value("--services")
        if let batch = try count("--due-batch", atLeast: 1) {
            guard batch <= 100_000 else { throw UsageError("--due-batch takes 1 to 100,000 (limits.dueBatch), not \(batch)") }
            options.dueBatch = batch
        }
        return options
    }
}
