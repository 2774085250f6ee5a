/// A capability advertised in an OPEN (RFC 5492). Those netsim's speakers negotiate are modelled;
/// any other is kept as its code and bytes.
public enum BGPCapability: Hashable, Sendable {
    /// Code 1 (RFC 4760): an address family the speaker carries.
    case multiprotocol(BGPAddressFamily)
    /// Code 2 (RFC 2918).
    case routeRefresh
    /// Code 64 (RFC 4724).
    case gracefulRestart(BGPGracefulRestartCapability)
    /// Code 65 (RFC 6793): the speaker's four-octet AS number.
    case fourOctetAS(UInt32)
    /// Code 70 (RFC 7313).
    case enhancedRouteRefresh
    /// Any other capability.
    case other(code: UInt8, value: [UInt8])

    public var code: UInt8 {
        switch self {
        case .multiprotocol: 1
        case .routeRefresh: 2
        case .gracefulRestart: 64
        case .fourOctetAS: 65
        case .enhancedRouteRefresh: 70
        case .other(let code, _): code
        }
    }
}

/// An AFI/SAFI pair (RFC 4760).
public struct BGPAddressFamily: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var afi: UInt16
    public var safi: UInt8

    public init(afi: UInt16, safi: UInt8) {
        self.afi = afi
        self.safi = safi
    }

    public static let ipv4Unicast = BGPAddressFamily(afi: 1, safi: 1)

    public static func < (lhs: BGPAddressFamily, rhs: BGPAddressFamily) -> Bool {
        (lhs.afi, lhs.safi) < (rhs.afi, rhs.safi)
    }

    public var description: String {
        self == .ipv4Unicast ? "IPv4 Unicast" : "AFI \(afi) SAFI \(safi)"
    }
}

/// The graceful restart capability's value (RFC 4724 §3).
public struct BGPGracefulRestartCapability: Hashable, Sendable {
    /// The R bit: the sender has restarted and its peer should not wait for its End-of-RIB
    /// before sending its own updates.
    public var restarting: Bool
    /// The N bit (RFC 8538), kept for round trips; netsim's speakers send it clear.
    public var notificationSupport: Bool
    /// Seconds the peer should keep the sender's routes after the session drops (12 bits).
    public var restartTime: UInt16
    public var families: [Family]

    public struct Family: Hashable, Sendable {
        public var family: BGPAddressFamily
        /// The F bit: forwarding state was preserved across the restart.
        public var forwardingPreserved: Bool

        public init(family: BGPAddressFamily, forwardingPreserved: Bool) {
            self.family = family
            self.forwardingPreserved = forwardingPreserved
        }
    }

    public init(restarting: Bool, notificationSupport: Bool = false, restartTime: UInt16, families: [Family]) {
        self.restarting = restarting
        self.notificationSupport = notificationSupport
        self.restartTime = restartTime
        self.families = families
    }
}
