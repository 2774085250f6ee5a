/// What uses TCP on a device (the BGP adapter, a test application). The engine calls it on the
/// simulation's thread, from inside event processing; it may call back into the simulation
/// (send, close, abort) from any callback.
///
/// A listener's application (`Simulation.tcpListen`) hears about every connection accepted on
/// its port; an active open's (`tcpConnect`) about that connection only. `tcpClosed` is the last
/// callback for a connection, and none comes after the application itself closes or aborts it.
public protocol TCPApplication: AnyObject {
    /// The three-way handshake completed. `passive` is true for a connection accepted by a
    /// listener; the application may refuse it with `tcpAbort`.
    func tcpEstablished(_ connection: TCPConnectionID, endpoints: TCPEndpoints, passive: Bool)
    /// Bytes arrived in order; segment boundaries are not preserved (a stream, as from a socket).
    func tcpReceived(_ bytes: [UInt8], on connection: TCPConnectionID)
    /// The connection ended for `reason`. After a remote close the engine closes this side too
    /// (a FIN after anything still queued), as an application does when a read returns end of file.
    func tcpClosed(_ connection: TCPConnectionID, reason: TCPCloseReason)
}

/// Why a connection ended, in the terms a socket's error gives.
public enum TCPCloseReason: String, Sendable, Equatable, CustomStringConvertible {
    /// The peer sent FIN (end of file).
    case remoteClosed
    /// The peer sent RST: refused while connecting (ECONNREFUSED) or reset later (ECONNRESET).
    case reset
    /// Retransmissions ran out without an answer (ETIMEDOUT).
    case timedOut
    /// No route when connecting, or an ICMP unreachable / a route failure that stayed until
    /// the retransmissions ran out (ENETUNREACH, EHOSTUNREACH).
    case unreachable

    public var description: String {
        switch self {
        case .remoteClosed: "closed by the peer"
        case .reset: "reset by the peer"
        case .timedOut: "timed out"
        case .unreachable: "unreachable"
        }
    }
}
