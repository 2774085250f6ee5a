import NetSimWire

/// Every timer a BGP instance runs. Peers are identified by their configured address; the hold
/// and keepalive timers belong to one connection (two may exist for a peer during a collision).
public enum BGPTimer: Hashable, Sendable {
    /// RFC 4271 §8: the next outgoing connection attempt.
    case connectRetry(peer: IPv4Address)
    /// The pause in Idle after a session failed, before the peer is started again.
    case idleHold(peer: IPv4Address)
    case hold(connection: BGPConnectionID)
    case keepalive(connection: BGPConnectionID)
    /// MRAI: pending advertisements to the peer may go out.
    case advertisement(peer: IPv4Address)
    /// RFC 4724 helper: the peer's restart time ran out before its session came back.
    case restart(peer: IPv4Address)
    /// RFC 4724 helper: the peer came back but its End-of-RIB did not arrive in time.
    case stalePath(peer: IPv4Address)
    /// RFC 4724 restarter: stop waiting for End-of-RIB from every peer and install routes.
    case selectionDeferral
}
