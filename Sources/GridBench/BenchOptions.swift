import GridCommandLine

/// How much one run measures. `--quick` shrinks every phase for a smoke run; the figures are
/// noisier but come from the same code.
struct BenchOptions {
    var quick = false
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
    /// (e) due work: items armed at a start (and how many starts of each database), tasks whose
    /// sign-for checks fall due at one instant, and how long the 1,000/s load runs meanwhile.
    var dueArmedAtStart = 1_000_000
    let dueStarts = 3
    var dueFiringTasks = 100_000
    var dueLoadSeconds = 12
    /// Which of the phases (a) to (e) run; the shutdown and its checks always do.
    var phases: Set<Character> = ["a", "b", "c", "d", "e"]

    static let usage = """
        usage: gridplus-bench [--quick] [--phases LETTERS] [--help]
          Prints figures for the full tier (docs/benchmarks.md): raw SQLite and raw libzmq baselines,
          then the three release services launched from this program's folder.
          --quick           smaller counts (a smoke run, about 10 s)
          --phases LETTERS  run only these of the phases a, b, c, d and e (say --phases ac);
                            the baselines, the shutdown and its checks always run
          --help, -h        print this and exit
        """

    /// Parses `arguments` (without the program name); nil for `--help`.
    static func parse(_ arguments: [String]) throws(UsageError) -> BenchOptions? {
        let line = try CommandLineParser(valueOptions: ["--phases"], switches: ["--quick"], takesPositional: false)
            .parse(arguments)
        if line.helpRequested { return nil }
        var options = BenchOptions()
        let phases = try line.value("--phases", as: { letters in
            letters.isEmpty || !letters.allSatisfy({ "abcde".contains($0) }) ? nil : Set(letters)
        }) { _ in "--phases takes letters among a, b, c, d and e, like --phases ac" }
        if let phases { options.phases = phases }
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
            options.dueFiringTasks = 10_000
            options.dueLoadSeconds = 4
        }
        return options
    }
}
