/// What Grid+ knows about a ZeroMQ endpoint string.
public enum EndpointAddress {
    public static func isValid(_ endpoint: String) -> Bool {
        if endpoint.hasPrefix("tcp://") {
            let rest = endpoint.dropFirst(6)
            guard let colon = rest.lastIndex(of: ":"), colon != rest.startIndex else { return false }
            let port = rest[rest.index(after: colon)...]
            return port == "*" || (UInt16(port).map { $0 > 0 } ?? false)
        }
        if endpoint.hasPrefix("ipc://") { return endpoint.count > 6 }
        if endpoint.hasPrefix("inproc://") { return endpoint.count > 9 }
        return false
    }

    /// True for loopback TCP, abstract `ipc://@…` and `inproc://`: the only endpoints on which the
    /// development mode may trust a stated principal.
    public static func isLocalOnly(_ endpoint: String) -> Bool {
        if endpoint.hasPrefix("ipc://@") || endpoint.hasPrefix("inproc://") { return true }
        for host in ["tcp://127.", "tcp://localhost:", "tcp://[::1]:"] where endpoint.hasPrefix(host) {
            return true
        }
        return false
    }
}
