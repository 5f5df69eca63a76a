import GridCommandLine
import Testing

/// The one parser the services, gridctl and the benchmark read their command lines with.
@Suite struct CommandLineParserTests {
    /// A program like gridctl: plain words, two value options, one switch.
    static let parser = CommandLineParser(valueOptions: ["--config", "--evidence"], switches: ["--json"])
    /// A program like a service: options only.
    static let optionsOnly = CommandLineParser(valueOptions: ["--data"], switches: ["--check"], takesPositional: false)

    @Test func nothingIsNothing() throws {
        let line = try Self.parser.parse([])
        #expect(line.positional.isEmpty)
        #expect(line.optionNames.isEmpty)
        #expect(!line.helpRequested)
    }

    @Test func plainWordsStayInOrderAroundTheOptions() throws {
        let line = try Self.parser.parse(["sign", "--config", "a.json", "W1", "--json", "extra"])
        #expect(line.positional == ["sign", "W1", "extra"])
        #expect(line.value("--config") == "a.json")
        #expect(line.has("--json"))
        #expect(line.optionNames == ["--config", "--json"])
    }

    @Test func aValueOptionTakesTheNextWordWhateverItIs() throws {
        let line = try Self.parser.parse(["--config", "--json", "--evidence", "-h"])
        #expect(line.value("--config") == "--json")
        #expect(line.value("--evidence") == "-h")
        #expect(!line.has("--json"))
        #expect(!line.helpRequested)
    }

    @Test func aRepeatedValueOptionKeepsEveryValueAndTheLastCounts() throws {
        let line = try Self.parser.parse(["--evidence", "a.jpg", "--evidence", "b.jpg", "--json", "--json"])
        #expect(line.values("--evidence") == ["a.jpg", "b.jpg"])
        #expect(line.value("--evidence") == "b.jpg")
        #expect(line.has("--json"))
        #expect(line.values("--config") == [])
        #expect(line.value("--config") == nil)
    }

    @Test(arguments: [["--help"], ["-h"], ["sign", "-h"], ["--help", "--no-such-option", "--config"]])
    func helpEndsTheReading(words: [String]) throws {
        let line = try Self.parser.parse(words)
        #expect(line.helpRequested)
        #expect(line.positional == Array(words.prefix { !CommandLineParser.helpSwitches.contains($0) }))
    }

    @Test func aMistakeBeforeHelpIsStillAMistake() {
        let error = #expect(throws: UsageError.self) { try Self.parser.parse(["--no-such-option", "--help"]) }
        #expect(error?.code == .unknownOption)
    }

    @Test(arguments: ["--no-such-option", "--confg", "-x", "--", "--config=a.json"])
    func anUnknownOptionIsRefused(word: String) {
        let error = #expect(throws: UsageError.self) { try Self.parser.parse(["sign", word, "value"]) }
        #expect(error?.code == .unknownOption)
        #expect(error?.description == "unknown option '\(word)'")
    }

    @Test(arguments: ["-5", "-0.5", "-.5", "-"])
    func aNegativeNumberOrADashIsAPlainWord(word: String) throws {
        #expect(try Self.parser.parse(["clock", "advance", word]).positional == ["clock", "advance", word])
    }

    @Test func aValueOptionAtTheEndIsMissingItsValue() {
        let error = #expect(throws: UsageError.self) { try Self.parser.parse(["raise", "--evidence"]) }
        #expect(error?.code == .missingValue)
        #expect(error?.description == "--evidence needs a value")
    }

    @Test func aProgramWithoutPlainWordsRefusesOne() throws {
        #expect(try Self.optionsOnly.parse(["--check", "--data", "d"]).value("--data") == "d")
        let error = #expect(throws: UsageError.self) { try Self.optionsOnly.parse(["--check", "start"]) }
        #expect(error?.code == .unexpectedArgument)
    }

    @Test func requiredNamesTheMissingOption() throws {
        let line = try Self.parser.parse(["report", "--config", "a.json"])
        #expect(try line.required("--config") == "a.json")
        let error = #expect(throws: UsageError.self) { try line.required("--evidence") }
        #expect(error?.code == .missingOption)
        #expect(error?.description == "--evidence is required")
    }

    @Test func aConvertedValueChecksEveryValueGivenAndKeepsTheLast() throws {
        func positive(_ text: String) -> Int? { Int(text).flatMap { $0 > 0 ? $0 : nil } }
        let line = try Self.parser.parse(["--evidence", "3", "--evidence", "7"])
        #expect(try line.value("--evidence", as: positive) { "bad \($0)" } == 7)
        #expect(try line.value("--config", as: positive) { "bad \($0)" } == nil)

        let mixed = try Self.parser.parse(["--evidence", "zero", "--evidence", "7"])
        let error = #expect(throws: UsageError.self) { try mixed.value("--evidence", as: positive) { "bad \($0)" } }
        #expect(error?.code == .invalid)
        #expect(error?.description == "bad zero")
    }

    /// gridctl's `alert declare --reason …` and `alert lift ALERT`: the command takes `--reason`,
    /// one of its sub-commands does not, and narrows the list again once it knows which it is.
    @Test func aSubCommandNarrowsTheOptionsItsCommandTakes() throws {
        let parser = CommandLineParser(valueOptions: ["--as", "--town", "--reason"], switches: ["--json"])
        let declare = try parser.parse(["--as", "district:JD", "alert", "declare", "--reason", "台风", "--json"])
        #expect(declare.positional == ["alert", "declare"])
        try declare.allow(only: ["--as", "--json", "--town", "--reason"])
        #expect(declare.value("--town") == nil)

        let lift = try parser.parse(["alert", "lift", "A20261204-000001", "--reason", "over"])
        #expect(lift.positional == ["alert", "lift", "A20261204-000001"])
        try lift.allow(only: ["--as", "--json", "--town", "--reason"])
        let error = #expect(throws: UsageError.self) { try lift.allow(only: ["--as", "--json"]) }
        #expect(error?.code == .unknownOption)
        #expect(error?.description == "unknown option '--reason'")
    }

    @Test func allowRefusesAnOptionOutsideTheList() throws {
        let line = try Self.parser.parse(["sign", "W1", "--json", "--evidence", "a.jpg"])
        try line.allow(only: ["--json", "--evidence", "--config"])
        let error = #expect(throws: UsageError.self) { try line.allow(only: ["--json", "--config"]) }
        #expect(error?.code == .unknownOption)
        #expect(error?.description == "unknown option '--evidence'")
    }
}
