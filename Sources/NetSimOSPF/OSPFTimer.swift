import NetSimWire

/// Every timer an OSPF instance runs (RFC 2328 §9, §10, §13, §16 and FRR's throttles).
/// Interfaces are device interface indices; neighbors are identified by their interface address.
public enum OSPFTimer: Hashable, Sendable {
    case hello(interface: Int)
    case wait(interface: Int)
    case inactivity(interface: Int, neighbor: IPv4Address)
    /// The master's DD retransmission, and LS Request retransmission while Loading.
    case exchangeRetransmit(interface: Int, neighbor: IPv4Address)
    case updateRetransmit(interface: Int, neighbor: IPv4Address)
    case delayedAck(interface: Int)
    /// Re-checks the LSAs this router should originate once MinLSInterval allows.
    case originate
    case spf
    /// Refreshes self-originated LSAs every LSRefreshTime.
    case refresh(LSAKey)
    /// The next moment some LSA in the database reaches MaxAge.
    case maxAge
}
