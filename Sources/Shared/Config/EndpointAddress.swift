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
        endpoint.hasPrefix("ipc://@") || endpoint.hasPrefix("inproc://") || isLoopbackTCP(endpoint)
    }

    /// True when what passes on `endpoint` cannot leave this host: loopback TCP, any `ipc://`
    /// (a socket file or an abstract name) and `inproc://`. Plaintext ZeroMQ is refused anywhere
    /// else: whoever reaches it reads every stream and may send commands.
    public static func staysOnThisHost(_ endpoint: String) -> Bool {
        endpoint.hasPrefix("ipc://") || endpoint.hasPrefix("inproc://") || isLoopbackTCP(endpoint)
    }

    /// `tcp://` to `localhost`, `[::1]` or an address of 127.0.0.0/8 written as four numbers.
    /// A name that merely starts with `127.` is resolved, so it is not loopback; nor is `*`, an
    /// interface name or a source address (`tcp://SOURCE;HOST:PORT`).
    static func isLoopbackTCP(_ endpoint: String) -> Bool {
        guard endpoint.hasPrefix("tcp://"), isValid(endpoint) else { return false }
        let rest = endpoint.dropFirst(6)
        let host = rest[..<rest.lastIndex(of: ":")!]
        if host == "localhost" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127"
            && parts.allSatisfy { part in
                (1...3).contains(part.utf8.count) && part.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
                    && Int(part)! <= 255
            }
    }
}
