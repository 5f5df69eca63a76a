// gridplus-fuzz — the fuzz target for the message decoders (full tier; docs/testing.md).
//
// Normal build: `gridplus-fuzz [--explain] FILE|DIRECTORY…` feeds each file's bytes to every
// decoder (DecoderHarness) and exits 0; a crash is a finding. `--explain` prints what each decoder
// made of each file. Use it to replay a crash file found by the fuzzer, or a whole corpus.
//
// Fuzzing build (`-Xswiftc -DFUZZING -Xswiftc -parse-as-library -Xswiftc -sanitize=fuzzer`):
// this file has no top-level code and exposes `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`.
import Foundation

#if FUZZING

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = start.map { Data(bytes: $0, count: count) } ?? Data()
    DecoderHarness.run(input)
    return 0
}

/// libFuzzer's driver (libclang_rt.fuzzer, linked by -sanitize=fuzzer).
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable target with `--defsym main=GridFuzz_main`, so libFuzzer's own
/// `main` is never pulled in; this entry point hands the command line to libFuzzer's driver.
@_cdecl("GridFuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { start, size in fuzzOneInput(start, size) }
}

#else

// A declaration, not a statement: with -parse-as-library (the fuzzing build) even an inactive
// branch may not hold top-level statements, while in the normal build main.swift's globals are
// initialised in order at start, so this runs the replayer.
private let replayed: Never = Replayer.main(Array(CommandLine.arguments.dropFirst()))

#endif
