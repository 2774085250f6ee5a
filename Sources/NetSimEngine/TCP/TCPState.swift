/// The connection states of RFC 9293 §3.3.2. LISTEN belongs to listeners and CLOSED to no
/// connection at all, so neither is a state a `TCPConnection` can be in.
///
/// ```
///   active open: SYN ──► SYN-SENT ──SYN,ACK / ACK──────────────► ESTABLISHED
///                           │ SYN (simultaneous open) / SYN,ACK          │
///   listener: SYN / SYN,ACK ▼                                            │
///                       SYN-RECEIVED ──ACK of SYN──────────────────────►─┤
///                                                                        │
///   local close / FIN: ESTABLISHED ──► FIN-WAIT-1 ──ACK of FIN──► FIN-WAIT-2 ──FIN / ACK──► TIME-WAIT
///                                          │ FIN / ACK                                   ▲  2*MSL
///                                          ▼                                             │    ▼
///                                       CLOSING ───────────ACK of FIN──────────────────┘ (gone)
///   remote FIN / ACK: ESTABLISHED ──► CLOSE-WAIT ──local close / FIN──► LAST-ACK ──ACK of FIN──► (gone)
///   RST, abort, retransmissions exhausted: any state ──► (gone)
/// ```
public enum TCPState: String, Sendable, Equatable, CustomStringConvertible {
    case synSent
    case synReceived
    case established
    case finWait1
    case finWait2
    case closeWait
    case closing
    case lastAck
    case timeWait

    /// As netstat and `ss` print them.
    public var description: String {
        switch self {
        case .synSent: "SYN-SENT"
        case .synReceived: "SYN-RECEIVED"
        case .established: "ESTABLISHED"
        case .finWait1: "FIN-WAIT-1"
        case .finWait2: "FIN-WAIT-2"
        case .closeWait: "CLOSE-WAIT"
        case .closing: "CLOSING"
        case .lastAck: "LAST-ACK"
        case .timeWait: "TIME-WAIT"
        }
    }

    /// States in which the peer's SYN has been received and acknowledged numbers are in sync.
    var isSynchronized: Bool { self != .synSent && self != .synReceived }

    /// States in which data from the peer is still accepted (its FIN has not arrived).
    var receivesData: Bool { self == .established || self == .finWait1 || self == .finWait2 }
}
