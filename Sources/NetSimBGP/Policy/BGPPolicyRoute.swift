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
