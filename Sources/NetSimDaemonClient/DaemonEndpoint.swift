import Foundation

/// Where a daemon's API listens: its Unix socket (the usual way; access is the socket's mode
/// 0600), or its optional TCP listener, which wants the bearer token.
public enum DaemonEndpoint: Sendable, Equatable {
    case unix(path: String)
    case tcp(host: String, port: UInt16, token: String)

    /// Parses "HOST:PORT" (an IPv4 address and a port).
    public static func parseListen(_ text: String) -> (host: String, port: UInt16)? {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]),
              port > 0 else { return nil }
        let host = String(text[..<colon])
        var address = in_addr()
        guard inet_pton(AF_INET, host, &address) == 1 else { return nil }
        return (host, port)
    }
}
