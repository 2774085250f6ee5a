import NetSimWire

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
