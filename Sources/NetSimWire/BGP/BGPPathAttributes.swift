/// The path attributes of an UPDATE (RFC 4271 §5 and the RFCs named per field), one field per
/// attribute type rather than a list, so that the decision process and policies read them
/// directly. The codec writes them in type-code order with the flags each type must carry and
/// checks those flags when reading (RFC 7606 names what a bad one means).
public struct BGPPathAttributes: Hashable, Sendable {
    /// Type 1, well-known mandatory.
    public var origin: BGPOrigin
    /// Type 2, well-known mandatory.
    public var asPath: BGPASPath
    /// Type 3, well-known mandatory for IPv4 NLRI.
    public var nextHop: IPv4Address?
    /// Type 4, optional non-transitive.
    public var multiExitDiscriminator: UInt32?
    /// Type 5, well-known; only between iBGP peers.
    public var localPreference: UInt32?
    /// Type 6, well-known discretionary.
    public var atomicAggregate: Bool
    /// Type 7, optional transitive.
    public var aggregator: BGPAggregator?
    /// Type 8 (RFC 1997), optional transitive, in the order received.
    public var communities: [BGPCommunity]
    /// Type 9 (RFC 4456), optional non-transitive.
    public var originatorID: IPv4Address?
    /// Type 10 (RFC 4456), optional non-transitive: cluster IDs, the most recent first.
    public var clusterList: [IPv4Address]
    /// Type 16 (RFC 4360), optional transitive.
    public var extendedCommunities: [BGPExtendedCommunity]
    /// Type 32 (RFC 8092), optional transitive.
    public var largeCommunities: [BGPLargeCommunity]
    /// Optional transitive attributes of other types, passed on with the partial bit set (RFC
    /// 4271 §5); optional non-transitive ones netsim does not know are dropped by the decoder's
    /// user, never kept here.
    public var unrecognized: [BGPUnrecognizedAttribute]

    public init(origin: BGPOrigin = .igp, asPath: BGPASPath = BGPASPath(), nextHop: IPv4Address? = nil,
                multiExitDiscriminator: UInt32? = nil, localPreference: UInt32? = nil, atomicAggregate: Bool = false,
                aggregator: BGPAggregator? = nil, communities: [BGPCommunity] = [], originatorID: IPv4Address? = nil,
                clusterList: [IPv4Address] = [], extendedCommunities: [BGPExtendedCommunity] = [],
                largeCommunities: [BGPLargeCommunity] = [], unrecognized: [BGPUnrecognizedAttribute] = []) {
        self.origin = origin
        self.asPath = asPath
        self.nextHop = nextHop
        self.multiExitDiscriminator = multiExitDiscriminator
        self.localPreference = localPreference
        self.atomicAggregate = atomicAggregate
        self.aggregator = aggregator
        self.communities = communities
        self.originatorID = originatorID
        self.clusterList = clusterList
        self.extendedCommunities = extendedCommunities
        self.largeCommunities = largeCommunities
        self.unrecognized = unrecognized
    }
}

/// ORIGIN (RFC 4271 §5.1.1); the raw values order the decision process's preference.
public enum BGPOrigin: UInt8, Hashable, Sendable, Comparable, CaseIterable {
    case igp = 0
    case egp = 1
    case incomplete = 2

    public static func < (lhs: BGPOrigin, rhs: BGPOrigin) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The code of `show ip bgp`'s Path column.
    public var code: String {
        switch self {
        case .igp: "i"
        case .egp: "e"
        case .incomplete: "?"
        }
    }

    public var name: String {
        switch self {
        case .igp: "IGP"
        case .egp: "EGP"
        case .incomplete: "incomplete"
        }
    }
}

/// AGGREGATOR (RFC 4271 §5.1.7), with a four-octet AS (RFC 6793).
public struct BGPAggregator: Hashable, Sendable {
    public var autonomousSystem: UInt32
    public var address: IPv4Address

    public init(autonomousSystem: UInt32, address: IPv4Address) {
        self.autonomousSystem = autonomousSystem
        self.address = address
    }
}

/// An optional transitive attribute netsim does not interpret, carried on unchanged but for the
/// partial bit.
public struct BGPUnrecognizedAttribute: Hashable, Sendable {
    public var typeCode: UInt8
    public var partial: Bool
    public var value: [UInt8]

    public init(typeCode: UInt8, partial: Bool, value: [UInt8]) {
        self.typeCode = typeCode
        self.partial = partial
        self.value = value
    }
}
