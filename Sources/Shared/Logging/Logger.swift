import Foundation

/// One line per event, `<N>label: message key=value`, with `<N>` the syslog priority so journald
/// sets the level. No timestamp: journald adds it.
public struct Logger: Sendable {
    public enum Level: Int, Sendable, Comparable {
        case error = 3, warning = 4, notice = 5, info = 6, debug = 7
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public let label: String
    public var minimum: Level
    private let sink: any LogSink

    public init(label: String, minimum: Level = .info, sink: any LogSink = StandardErrorSink()) {
        self.label = label
        self.minimum = minimum
        self.sink = sink
    }

    /// The message and fields are only built when `level` is logged: a line per event at `info`
    /// must cost nothing when the service runs at `warning`.
    public func log(_ level: Level, _ message: @autoclosure () -> String,
                    _ fields: @autoclosure () -> KeyValuePairs<String, Any> = [:]) {
        guard level <= minimum else { return }
        var line = "<\(level.rawValue)>\(label): \(message())"
        for (key, value) in fields() {
            line += " \(key)=\(Self.quoted(String(describing: value)))"
        }
        sink.write(line)
    }

    public func error(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> KeyValuePairs<String, Any> = [:]) {
        log(.error, message(), fields())
    }
    public func warning(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> KeyValuePairs<String, Any> = [:]) {
        log(.warning, message(), fields())
    }
    public func notice(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> KeyValuePairs<String, Any> = [:]) {
        log(.notice, message(), fields())
    }
    public func info(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> KeyValuePairs<String, Any> = [:]) {
        log(.info, message(), fields())
    }
    public func debug(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> KeyValuePairs<String, Any> = [:]) {
        log(.debug, message(), fields())
    }

    static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else {
            return value
        }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "\"\(escaped)\""
    }
}

/// Where log lines go.
public protocol LogSink: Sendable {
    func write(_ line: String)
}

/// Standard error, written with write(2) so lines from one process never interleave mid-line.
public struct StandardErrorSink: LogSink {
    public init() {}

    public func write(_ line: String) {
        var bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Foundation.write(2, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

/// Keeps lines in memory, for tests.
public final class CapturingSink: LogSink, @unchecked Sendable {
    // Safe: every access to `stored` holds `lock`.
    private let lock = NSLock()
    private var stored: [String] = []

    public init() {}

    public func write(_ line: String) {
        lock.withLock { stored.append(line) }
    }

    public var lines: [String] { lock.withLock { stored } }
}
