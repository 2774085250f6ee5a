import NetSimWire

/// What a route-map reads and changes: a route's path attributes and its weight (which is not
/// a path attribute but a router-local preference), with a note of whether a `next_hop` action
/// set the next hop. The prefix is given beside it and never changes.
public struct BGPPolicyRoute: Hashable, Sendable {
    public var attributes: BGPPathAttributes
    public var weight: UInt32
    /// True when a `next_hop` action set `attributes.nextHop`, even to the value it had: FRR
    /// then leaves the next hop as the policy set it where it would otherwise rewrite it.
    public var nextHopSetByPolicy: Bool

    public init(attributes: BGPPathAttributes, weight: UInt32, nextHopSetByPolicy: Bool = false) {
        self.attributes = attributes
        self.weight = weight
        self.nextHopSetByPolicy = nextHopSetByPolicy
    }
}

/// Where a route-map runs: on routes received from a neighbor (import) or about to be sent to
/// one (export), with the addresses `next_hop: self` needs.
public struct BGPPolicyContext: Hashable, Sendable {
    public enum Direction: String, Hashable, Sendable {
        case `import`
        case export
    }

    public var direction: Direction
    /// The neighbor the route came from (import) or is going to (export).
    public var peerAddress: IPv4Address
    /// This router's address on the session with that neighbor.
    public var localAddress: IPv4Address

    public init(direction: Direction, peerAddress: IPv4Address, localAddress: IPv4Address) {
        self.direction = direction
        self.peerAddress = peerAddress
        self.localAddress = localAddress
    }

    /// What `next_hop: self` sets: the local address on export, the peer's on import (FRR's
    /// `peer-address` means the address at the other end of the session from the route's
    /// point of view in both directions).
    public var nextHopSelf: IPv4Address {
        switch direction {
        case .import: peerAddress
        case .export: localAddress
        }
    }
}

/// The outcome of a route-map: the route as the deciding permit entry left it, or a denial,
/// with the index of the entry that decided (nil when no entry matched: the implicit deny).
public enum BGPPolicyResult: Hashable, Sendable, CustomStringConvertible {
    case permit(BGPPolicyRoute, entry: Int)
    case deny(entry: Int?)

    /// The route after the set actions, nil when denied.
    public var route: BGPPolicyRoute? {
        if case .permit(let route, _) = self { return route }
        return nil
    }

    public var isPermitted: Bool { route != nil }

    /// The index of the deciding entry; nil for the implicit deny.
    public var entry: Int? {
        switch self {
        case .permit(_, let entry): entry
        case .deny(let entry): entry
        }
    }

    /// `permitted by entry 0`, `denied by entry 2`, `denied: no entry matched`.
    public var description: String {
        switch self {
        case .permit(_, let entry): "permitted by entry \(entry)"
        case .deny(let entry?): "denied by entry \(entry)"
        case .deny(nil): "denied: no entry matched"
        }
    }
}
