import NetSimRouting
import NetSimWire

/// One transport connection of a peer and how far its handshake got. A peer has one connection
/// normally and two while a collision (RFC 4271 §6.8) is being resolved.
struct BGPConnection {
    enum Phase: Comparable {
        /// Outgoing, waiting for the transport (the FSM's Connect state).
        case connecting
        case openSent
        case openConfirm
        case established
    }

    let id: BGPConnectionID
    /// Opened by the peer (accepted) rather than by this speaker.
    let passive: Bool
    var phase: Phase
    var localAddress: IPv4Address?
    /// The peer's OPEN, once received and accepted.
    var remoteOpen: BGPOpen?
    /// Negotiated hold and keepalive times in seconds (0: none).
    var holdTime: UInt16 = 0
    var keepaliveTime: UInt16 = 0
    /// When the last message arrived once OPENs were exchanged (what the hold timer measures from).
    var lastHeardAt: SimTime?
    /// Cuts the received byte stream into messages.
    var framer = BGPMessageFramer()
    /// How UPDATEs are encoded and read: four-octet AS numbers unless the peer's OPEN lacked
    /// the capability (RFC 6793).
    var codecOptions = BGPCodecOptions()

    var sessionState: BGPSessionState {
        switch phase {
        case .connecting: .connect
        case .openSent: .openSent
        case .openConfirm: .openConfirm
        case .established: .established
        }
    }
}
