import Foundation

// gridplus-bench: the full tier's benchmark program (docs/benchmarks.md). It prints figures and
// never asserts a time; it exits 1 only when a correctness check fails (a refusal, a lost event,
// a service that did not stop cleanly).
let options: BenchOptions
do {
    guard let parsed = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst())) else {
        FileHandle.standardOutput.write(Data("\(BenchOptions.usage)\n".utf8))
        exit(0)
    }
    options = parsed
} catch {
    FileHandle.standardError.write(Data("gridplus-bench: \(error)\n\(BenchOptions.usage)\n".utf8))
    exit(64)
}
do {
    exit(try Bench(options: options).run())
} catch {
    FileHandle.standardError.write(Data("gridplus-bench: cannot start: \(error)\n".utf8))
    exit(70)
}
