import NetSimWire

/// The set actions of a permit route-map entry, FRR's `set` commands. A nil (or absent) action
/// leaves its attribute alone.
///
/// They apply in a fixed order: origin, local_pref, med, weight, community_remove,
/// community_add, large_community_add, as_path_prepend, next_hop. Each touches its own
/// attribute, and a community may not be both removed and added (refused at construction), so
/// no order gives a different route: FRR applies its `set` lines in the order they were
/// configured and agrees whatever that order is. As in FRR, a changed COMMUNITIES or
/// LARGE_COMMUNITY attribute is kept sorted and without repeats, and an emptied one is absent.
public struct BGPRouteMapSet: Hashable, Sendable {
    /// `set local-preference N`.
    public var localPreference: UInt32?
    /// `set metric N` (MULTI_EXIT_DISC).
    public var med: UInt32?
    /// `set weight N` (local to this router, never sent).
    public var weight: UInt32?
    /// `set origin igp|egp|incomplete`.
    public var origin: BGPOrigin?
    /// `set community C... additive`: added to those present.
    public var communityAdd: [BGPCommunity]?
    /// `set comm-list L delete` for the listed communities, or `set community none` for all.
    public var communityRemove: BGPCommunityRemoval?
    /// `set large-community C... additive`.
    public var largeCommunityAdd: [BGPLargeCommunity]?
    /// `set as-path prepend A...`: the numbers go in front in the order written, so `[1, 2]`
    /// turns `3` into `1 2 3`.
    public var asPathPrepend: [UInt32]?
    /// `set ip next-hop A.B.C.D` or `set ip next-hop peer-address` (`self`).
    public var nextHop: BGPNextHopSetting?

    public init(localPreference: UInt32? = nil, med: UInt32? = nil, weight: UInt32? = nil, origin: BGPOrigin? = nil,
                communityAdd: [BGPCommunity]? = nil, communityRemove: BGPCommunityRemoval? = nil,
                largeCommunityAdd: [BGPLargeCommunity]? = nil, asPathPrepend: [UInt32]? = nil,
                nextHop: BGPNextHopSetting? = nil) {
        self.localPreference = localPreference
        self.med = med
        self.weight = weight
        self.origin = origin
        self.communityAdd = communityAdd
        self.communityRemove = communityRemove
        self.largeCommunityAdd = largeCommunityAdd
        self.asPathPrepend = asPathPrepend
        self.nextHop = nextHop
    }

    /// No action at all.
    public var isEmpty: Bool { self == BGPRouteMapSet() }

    /// What is wrong with these actions, as (field, message) with the field named as the
    /// `set:` block names it.
    public var problems: [(field: String, message: String)] {
        var problems: [(field: String, message: String)] = []
        if communityAdd?.isEmpty == true {
            problems.append(("community_add", "the list of communities to add is empty"))
        }
        if case .communities(let removed) = communityRemove {
            if removed.isEmpty {
                problems.append(("community_remove", "the list of communities to remove is empty (write 'all' to remove every one)"))
            }
            let both = Set(removed).intersection(communityAdd ?? []).sorted()
            if !both.isEmpty {
                problems.append(("community_remove", "\(both.map(\.description).joined(separator: ", ")) "
                                    + "\(both.count == 1 ? "is" : "are") both removed and added"))
            }
        }
        if largeCommunityAdd?.isEmpty == true {
            problems.append(("large_community_add", "the list of large communities to add is empty"))
        }
        if let prepend = asPathPrepend {
            if prepend.isEmpty {
                problems.append(("as_path_prepend", "the list of AS numbers to prepend is empty"))
            } else if prepend.contains(0) {
                problems.append(("as_path_prepend", "AS 0 cannot be prepended (RFC 7607)"))
            }
        }
        if case .address(let address) = nextHop, let reason = Self.unusableNextHop(address) {
            problems.append(("next_hop", "\(address) cannot be a next hop: \(reason)"))
        }
        return problems
    }

    /// Why an address cannot be a BGP next hop, nil when it can.
    private static func unusableNextHop(_ address: IPv4Address) -> String? {
        if address == .zero { return "it is the unspecified address" }
        if address.isLoopback { return "it is a loopback address" }
        if address.isMulticast { return "it is a multicast address" }
        if address.value >> 28 == 0xF { return "it is a reserved (class E) or broadcast address" }
        return nil
    }

    /// Applies the actions to a route (see the type's comment for the order). `nextHopSelf` is
    /// the address `next_hop: self` stands for.
    func apply(to route: inout BGPPolicyRoute, nextHopSelf: IPv4Address) {
        if let origin { route.attributes.origin = origin }
        if let localPreference { route.attributes.localPreference = localPreference }
        if let med { route.attributes.multiExitDiscriminator = med }
        if let weight { route.weight = weight }
        if communityRemove != nil || communityAdd != nil {
            var communities = Set(route.attributes.communities)
            switch communityRemove {
            case .all: communities.removeAll()
            case .communities(let removed): communities.subtract(removed)
            case nil: break
            }
            communities.formUnion(communityAdd ?? [])
            route.attributes.communities = communities.sorted()
        }
        if let largeCommunityAdd {
            route.attributes.largeCommunities = Set(route.attributes.largeCommunities).union(largeCommunityAdd).sorted()
        }
        if let asPathPrepend {
            for autonomousSystem in asPathPrepend.reversed() {
                route.attributes.asPath = route.attributes.asPath.prepending(autonomousSystem)
            }
        }
        switch nextHop {
        case .address(let address):
            route.attributes.nextHop = address
            route.nextHopSetByPolicy = true
        case .peerSelf:
            route.attributes.nextHop = nextHopSelf
            route.nextHopSetByPolicy = true
        case nil:
            break
        }
    }
}

/// `community_remove`: the listed communities, or all of them.
public enum BGPCommunityRemoval: Hashable, Sendable {
    case all
    case communities([BGPCommunity])
}

/// `next_hop`: an address, or `self`.
public enum BGPNextHopSetting: Hashable, Sendable {
    case address(IPv4Address)
    /// `self`, FRR's `set ip next-hop peer-address`: on export the router's own address on the
    /// session (what `BGPPolicyContext.localAddress` gives), on import the peer's address.
    case peerSelf
}
