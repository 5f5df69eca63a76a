import Foundation
import GridDomain
import GridWire

/// A configuration that cannot be used, with every mistake and its JSON Pointer.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var issues: [ValidationIssue]

    public var description: String {
        (["configuration \(source) has \(issues.count) mistake(s):"] + issues.map { "  \($0.path): \($0.message)" })
            .joined(separator: "\n")
    }

}

extension DeploymentConfig {
    /// The embedded default: the Jiading sample on fixed loopback ports (docs/configuration.md).
    public static var embeddedJSON: String {
        """
        {
          "endpoints": {
            "whistle": {"pub": "tcp://127.0.0.1:7301", "router": "tcp://127.0.0.1:7302", "intake": "tcp://127.0.0.1:7303"},
            "response": {"pub": "tcp://127.0.0.1:7311", "router": "tcp://127.0.0.1:7312"},
            "evaluation": {"pub": "tcp://127.0.0.1:7321", "router": "tcp://127.0.0.1:7322"}
          },
          "limits": {"maxMessageBytes": 65536, "replayBatch": 500, "heartbeatMilliseconds": 2000, "replayTimeoutMilliseconds": 3000, "dueBatch": 1000, "dueBatchMilliseconds": 5},
          "reference": \(JiadingSample.referenceJSON)
        }
        """
    }

    /// Reads and validates the file at `path`, or the embedded default when `path` is nil.
    public static func load(path: String?) throws(ConfigurationError) -> DeploymentConfig {
        let source = path ?? "(embedded default)"
        let data: Data
        if let path {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError(source: source, issues: [ValidationIssue(path: "", message: "cannot read \(path)")])
            }
            data = contents
        } else {
            data = Data(embeddedJSON.utf8)
        }
        return try parse(data, source: source)
    }

    /// Decodes and validates; every semantic mistake is listed, a decoding mistake stops at the first.
    public static func parse(_ data: Data, source: String) throws(ConfigurationError) -> DeploymentConfig {
        let config: DeploymentConfig
        do {
            config = try JSONDecoder().decode(DeploymentConfig.self, from: data)
        } catch {
            let refusal = ProtocolError(decoding: error)
            throw ConfigurationError(source: source, issues: [ValidationIssue(path: refusal.at, message: refusal.message)])
        }
        let issues = config.validate()
        guard issues.isEmpty else { throw ConfigurationError(source: source, issues: issues) }
        return config
    }

    /// Every mistake in the endpoints, the limits, the keys and the reference data.
    public func validate() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        var seen: [String: String] = [:]
        for (path, endpoint) in endpoints.all {
            if !EndpointAddress.isValid(endpoint) {
                issues.append(ValidationIssue(path: path, message:
                    "'\(endpoint)' is not tcp://HOST:PORT, ipc://@NAME, ipc:///PATH or inproc://NAME"))
            } else if let other = seen[endpoint] {
                issues.append(ValidationIssue(path: path, message: "'\(endpoint)' is also used by \(other)"))
            }
            seen[endpoint] = path
        }
        func range(_ value: Int, _ bounds: ClosedRange<Int>, _ path: String) {
            if !bounds.contains(value) {
                issues.append(ValidationIssue(path: path, message: "\(value) is outside \(bounds.lowerBound)…\(bounds.upperBound)"))
            }
        }
        range(limits.maxMessageBytes, 1_024...16_777_216, "/limits/maxMessageBytes")
        range(limits.replayBatch, 1...10_000, "/limits/replayBatch")
        range(limits.dueBatch, 1...100_000, "/limits/dueBatch")
        range(limits.dueBatchMilliseconds, 1...10_000, "/limits/dueBatchMilliseconds")
        range(limits.heartbeatMilliseconds, 100...60_000, "/limits/heartbeatMilliseconds")
        range(limits.replayTimeoutMilliseconds, 100...60_000, "/limits/replayTimeoutMilliseconds")
        // Grids and departments act as principals (`grid:ID`, `dept:ID`) and name topics, so their
        // ids keep to the characters a principal allows.
        for (index, grid) in reference.grids.enumerated() where Principal(parsing: "grid:\(grid.id)") == nil {
            issues.append(ValidationIssue(path: "/reference/grids/\(index)/id", message: "'\(grid.id)': use letters, digits, - and _"))
        }
        for (index, department) in reference.departments.enumerated() where Principal(parsing: "dept:\(department.id)") == nil {
            issues.append(ValidationIssue(path: "/reference/departments/\(index)/id", message: "'\(department.id)': use letters, digits, - and _"))
        }
        return issues + (keys?.validate(matters: Set(reference.matters.map(\.id))) ?? []) + reference.validate(pathPrefix: "/reference", allowingSeconds: testing)
    }
}
