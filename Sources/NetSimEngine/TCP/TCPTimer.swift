/// The timers of a TCP connection, as agenda events (`SimEvent.tcpTimer`). A connection has at
/// most one armed at a time; arming another (or closing) makes the earlier event stale.
enum TCPTimer: Sendable, Equatable {
    /// RFC 6298 retransmission of the oldest unacknowledged segment (or SYN, SYN-ACK, FIN).
    case retransmission
    /// TIME-WAIT's 2*MSL has passed: forget the connection.
    case timeWait
    /// Deliver `pendingCloseReason` to the application: a failure found while it was calling in
    /// (no route at connect time) is reported from the agenda, never from inside its own call.
    case report
}
