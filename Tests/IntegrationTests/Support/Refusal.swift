import Foundation
import GridWire

/// What `gridctl --json` prints for a refused command, which exits 1: the reply's typed error.
struct Refusal: Decodable, Equatable, CustomStringConvertible {
    var status: ReplyStatus
    var code: String
    var at: String

    init(_ status: ReplyStatus, _ code: String, at: String) {
        self.status = status
        self.code = code
        self.at = at
    }

    var description: String { "\(status.rawValue) \(code) at '\(at)'" }
}

extension Cluster {
    /// Runs gridctl with `--json` and decodes its refusal; nil when the command was not refused.
    func gridctlRefusal(_ arguments: [String]) throws -> Refusal? {
        let result = try gridctl(["--json"] + arguments)
        guard result.status == 1 else { return nil }
        return try? JSONCoding.decode(Refusal.self, from: Data(result.stdout.utf8))
    }
}
