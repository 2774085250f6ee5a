import NetSimWire

/// A router's `bgp:` block as written; nil fields take their defaults (`BGPDefaults`, FRR's)
/// when the configuration is built.
public struct BGPRouterSpec: Sendable {
    /// `as:`; nil when missing or unreadable (both reported).
    public var autonomousSystem: UInt32?
    public var routerID: IPv4Address?
    public var networks: [IPv4Prefix] = []
    public var redistribute: [BGPRedistributionSource] = []
    public var clusterID: IPv4Address?
    public var maximumPaths: Int?
    public var maximumPathsIBGP: Int?
    public var bestPath = BGPBestPathSpec()
    public var gracefulRestart: Bool?
    /// Router-wide defaults for every neighbor.
    public var timers: BGPTimersSpec?
    public var neighbors: [BGPNeighborSpec] = []
    public var location: SourceLocation
    /// Where each key's value was written; see `TopologySpec.valueLocations`.
    public var valueLocations: [String: SourceLocation] = [:]

    public init(location: SourceLocation) {
        self.location = location
    }
}

/// What `redistribute:` may name.
public enum BGPRedistributionSource: String, Sendable, CaseIterable {
    case connected
    case `static`
    case ospf
    case isis
}

/// `bestpath:`: the decision-process options, each off unless written.
public struct BGPBestPathSpec: Sendable {
    /// FRR `bgp bestpath compare-routerid`: equal eBGP paths are decided by router ID, not age.
    public var compareRouterID = false
    /// FRR `bgp always-compare-med`.
    public var alwaysCompareMED = false
    /// FRR `bgp bestpath med missing-as-worst`.
    public var missingMEDAsWorst = false
    /// FRR `bgp bestpath as-path multipath-relax`.
    public var multipathRelax = false

    public init() {}
}

/// `timers:` of a router or a neighbor, in seconds.
public struct BGPTimersSpec: Sendable {
    public var keepalive: UInt16?
    public var hold: UInt16?
    public var connectRetry: UInt16?
    public var location: SourceLocation
    public var valueLocations: [String: SourceLocation] = [:]

    public init(location: SourceLocation) {
        self.location = location
    }
}

/// One entry of `neighbors:`.
public struct BGPNeighborSpec: Sendable {
    /// `ip:`; nil when missing or unreadable (both reported).
    public var address: IPv4Address?
    public var remoteAS: UInt32?
    public var description: String?
    /// An interface of the same device whose address the session uses.
    public var updateSource: String?
    public var nextHopSelf: Bool?
    public var routeReflectorClient: Bool?
    public var sendCommunity: Bool?
    public var password: String?
    public var ebgpMultihop: UInt8?
    public var timers: BGPTimersSpec?
    public var advertisementInterval: UInt16?
    public var weight: UInt16?
    /// Route-map names.
    public var importPolicy: String?
    public var exportPolicy: String?
    public var shutdown: Bool?
    public var location: SourceLocation
    public var valueLocations: [String: SourceLocation] = [:]

    public init(location: SourceLocation) {
        self.location = location
    }
}
