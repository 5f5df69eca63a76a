import GridDomain

/// The status of every reply, as the protocol names it.
public enum ReplyStatus: String, Sendable, NamedCase {
    case ok
    case badRequest = "bad_request"
    case forbidden
    case notFound = "not_found"
    case conflict
    case unavailable
    case `internal`
}
