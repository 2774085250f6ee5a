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

    /// See `FastHash`: installing an LSA looks its scoped key up in the MaxAge set.
    public func _rawHashValue(seed: Int) -> Int {
        FastHash.mix(UInt64(key.linkStateID.value) << 32 | UInt64(key.advertisingRouter.value),
                     UInt64(area?.value ?? 0xFFFF_FFFF) << 16 | UInt64(key.type.rawValue) << 8 | 11, seed: seed)
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

extension OSPFTimer {
    /// See `FastHash`: every flood looks up its neighbor's retransmission timer.
    public func _rawHashValue(seed: Int) -> Int {
        func slot(_ interface: Int, _ neighbor: IPv4Address = .zero) -> UInt64 {
            UInt64(UInt32(truncatingIfNeeded: interface)) << 32 | UInt64(neighbor.value)
        }
        return switch self {
        case .hello(let interface): FastHash.mix(slot(interface), 1, seed: seed)
        case .wait(let interface): FastHash.mix(slot(interface), 2, seed: seed)
        case .inactivity(let interface, let neighbor): FastHash.mix(slot(interface, neighbor), 3, seed: seed)
        case .exchangeRetransmit(let interface, let neighbor): FastHash.mix(slot(interface, neighbor), 4, seed: seed)
        case .updateRetransmit(let interface, let neighbor): FastHash.mix(slot(interface, neighbor), 5, seed: seed)
        case .delayedAck(let interface): FastHash.mix(slot(interface), 6, seed: seed)
        case .originate: FastHash.mix(0, 7, seed: seed)
        case .spf: FastHash.mix(0, 8, seed: seed)
        case .maxAge: FastHash.mix(0, 9, seed: seed)
        case .refresh(let scoped):
            FastHash.mix(UInt64(scoped.key.linkStateID.value) << 32 | UInt64(scoped.key.advertisingRouter.value),
                         UInt64(scoped.area?.value ?? 0xFFFF_FFFF) << 16 | UInt64(scoped.key.type.rawValue) << 8 | 10,
                         seed: seed)
        }
    }
}
