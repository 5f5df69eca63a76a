import Foundation
import GridWire

/// What a command or query handler knows about the request in front of it.
public struct CommandContext: Sendable {
    /// Who asks; nil when no principal was established.
    public let principal: Principal?
    public let key: String?
    /// The service's clock at receipt.
    public let now: Date

    /// The principal, if it is of one of `kinds`; otherwise the refusal that says so.
    public func require(_ kinds: Principal.Kind..., to action: String) throws(ProtocolError) -> Principal {
        guard let principal else { throw .principalRequired }
        guard kinds.contains(principal.kind) else { throw .notPermitted(principal, action) }
        return principal
    }
}
