import Foundation

/// The normal build's command line: replays corpus files (or directories of them) through
/// every decoder and exits 0 when nothing crashed.
enum Replayer {
    static let usage = "usage: gridplus-fuzz [--explain] FILE|DIRECTORY…  (feeds each file to every message decoder)"

    static func main(_ arguments: [String]) -> Never {
        var explain = false
        var paths: [String] = []
        for argument in arguments {
            switch argument {
            case "--explain": explain = true
            case "-h", "--help":
                print(usage)
                exit(0)
            default: paths.append(argument)
            }
        }
        guard !paths.isEmpty else { fail(64, usage) }
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                fail(66, "gridplus-fuzz: no such file \(path)")
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { !$0.hasPrefix(".") }.sorted().map { "\(path)/\($0)" }
            } else {
                files.append(path)
            }
        }
        for file in files {
            guard let input = FileManager.default.contents(atPath: file) else { fail(66, "gridplus-fuzz: cannot read \(file)") }
            if explain {
                print("== \(file) (\(input.count) bytes)")
                DecoderHarness.run(input) { print("  \($0)") }
            } else {
                DecoderHarness.run(input)
            }
        }
        print("gridplus-fuzz: \(files.count) input(s) decoded without a crash")
        exit(0)
    }

    private static func fail(_ status: Int32, _ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(status)
    }
}
