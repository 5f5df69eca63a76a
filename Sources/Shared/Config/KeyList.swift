import GridDomain
import GridWire

/// 密钥清单 — the CURVE public keys a deployment admits, each the key of one principal
/// (docs/configuration.md#keys). Its presence turns CURVE on for every endpoint: a connection
/// is admitted only with a listed key, and acts as that key's principal.
public struct KeyList: Sendable, Codable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        public var principal: Principal
        /// The public key, in Z85 (40 characters).
        public var key: String
        /// An integrator's: the matters it may raise whistles about; absent, any.
        public var matters: [String]?

        public init(principal: Principal, key: String, matters: [String]? = nil) {
            self.principal = principal
            self.key = key
            self.matters = matters
        }
    }

    public var admitted: [Entry]

    public init(admitted: [Entry]) {
        self.admitted = admitted
    }

    /// The principal of each listed key.
    public var principals: [String: Principal] {
        Dictionary(admitted.map { ($0.key, $0.principal) }, uniquingKeysWith: { first, _ in first })
    }

    /// The public key of `stream`'s service (`service:<stream>`), which its consumers need.
    public func key(of stream: StreamName) -> String? {
        admitted.first { $0.principal == Principal(.service, stream.rawValue) }?.key
    }

    /// The matters `principal` may raise whistles about; nil when any (one of its entries names
    /// none, or it has no entry).
    public func matters(of principal: Principal) -> Set<String>? {
        let entries = admitted.filter { $0.principal == principal }
        guard !entries.isEmpty, entries.allSatisfy({ $0.matters != nil }) else { return nil }
        return Set(entries.flatMap { $0.matters ?? [] })
    }

    /// Every mistake: a key that is not Z85 of 32 bytes, a key listed twice, a service whose key is
    /// missing or listed twice, and matters named on an entry that is not an integrator's or that
    /// the reference data does not have.
    func validate(matters known: Set<String>) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        var seen: [String: Int] = [:]
        for (index, entry) in admitted.enumerated() {
            if let matters = entry.matters {
                if entry.principal.kind != .integrator {
                    issues.append(ValidationIssue(path: "/keys/admitted/\(index)/matters", message: "only an integrator's entry names matters"))
                }
                for (position, matter) in matters.enumerated() where !known.contains(matter) {
                    issues.append(ValidationIssue(path: "/keys/admitted/\(index)/matters/\(position)", message: "no matter '\(matter)'"))
                }
            }
            let path = "/keys/admitted/\(index)/key"
            if !Self.isZ85Key(entry.key) {
                issues.append(ValidationIssue(path: path, message: "'\(entry.key)' is not a CURVE public key: 40 characters of Z85"))
            } else if let other = seen[entry.key] {
                issues.append(ValidationIssue(path: path, message: "the key is also listed at /keys/admitted/\(other)"))
            }
            seen[entry.key] = seen[entry.key] ?? index
        }
        for stream in StreamName.allCases {
            let principal = Principal(.service, stream.rawValue)
            switch admitted.filter({ $0.principal == principal }).count {
            case 0: issues.append(ValidationIssue(path: "/keys/admitted", message: "no key for \(principal): the services that consume its stream need it"))
            case 1: break
            default: issues.append(ValidationIssue(path: "/keys/admitted", message: "\(principal) has more than one key"))
            }
        }
        return issues
    }

    /// 40 characters of ZeroMQ's Z85 alphabet (RFC 32): the form a 32-byte key is written in.
    static func isZ85Key(_ text: String) -> Bool {
        text.utf8.count == 40 && text.utf8.allSatisfy { z85.contains($0) }
    }

    private static let z85 = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8)
}
