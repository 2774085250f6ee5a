import NetSimWire

/// An LSA together with its flooding scope: an area, or nil for the AS-external scope. A router
/// originates a router-LSA with the same key into every area it is attached to.
public struct ScopedLSAKey: Hashable, Comparable, Sendable {
    public var area: IPv4Address?
    public var key: LSAKey

    public init(area: IPv4Address?, key: LSAKey) {
        self.area = area
        self.key = key
    }

    public static func < (lhs: ScopedLSAKey, rhs: ScopedLSAKey) -> Bool {
        let left = lhs.area?.value ?? .max, right = rhs.area?.value ?? .max
        return left != right ? left < right : lhs.key < rhs.key
    }
}

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
    case refresh(ScopedLSAKey)
    /// The next moment some LSA in the database reaches MaxAge.
    case maxAge
}
