import NetSimRouting
import NetSimWire

/// Where a path in the Loc-RIB came from.
public enum BGPPathSource: Hashable, Comparable, Sendable {
    /// A `networks` entry.
    case network
    /// Redistributed from another source.
    case redistributed(RouteSource)
    /// Learned from the peer with this configured address.
    case peer(IPv4Address)

    public var isLocal: Bool {
        if case .peer = self { return false }
        return true
    }

    public var peerAddress: IPv4Address? {
        if case .peer(let address) = self { return address }
        return nil
    }
}

/// One path to a prefix in the Loc-RIB: its attributes after import policy and what the
/// decision process needs to know about where it came from.
struct BGPPath: Equatable {
    var source: BGPPathSource
    var attributes: BGPPathAttributes
    var weight: UInt16
    /// The peer's BGP identifier (0.0.0.0 for local paths).
    var peerRouterID: IPv4Address
    /// Learned over iBGP.
    var isInternal: Bool
    /// Learned from a route-reflector client.
    var fromClient: Bool
    /// Arrival order: lower is older (the oldest-eBGP-path rule).
    var arrival: UInt64
    var stale: Bool = false
    /// Next-hop resolution; nil when unresolvable (the path is then invalid). Local paths resolve
    /// to themselves.
    var resolution: BGPNextHopResolution?

    var isValid: Bool { source.isLocal || resolution != nil }

    /// LOCAL_PREF as the decision process reads it (RFC 4271 §9.1.1: default for eBGP paths).
    var effectiveLocalPreference: UInt32 { attributes.localPreference ?? BGPDefaults.localPreference }

    var igpMetric: UInt32 { resolution?.igpMetric ?? 0 }

    /// The identifier compared in the router-ID step: ORIGINATOR_ID when reflected (RFC 4456 §9).
    var comparedRouterID: IPv4Address { attributes.originatorID ?? peerRouterID }

    var peerAddress: IPv4Address { source.peerAddress ?? .zero }
}
