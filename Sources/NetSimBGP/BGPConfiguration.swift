import NetSimRouting
import NetSimWire

/// Keepalive, hold and ConnectRetry times in seconds (RFC 4271 §10), router-wide or per neighbor.
public struct BGPTimerSettings: Hashable, Sendable {
    public var keepalive: UInt16
    /// 0 (no keepalives, no hold timer) or at least 3 (RFC 4271 §4.2).
    public var hold: UInt16
    public var connectRetry: UInt16

    public init(keepalive: UInt16 = BGPDefaults.keepaliveTime, hold: UInt16 = BGPDefaults.holdTime,
                connectRetry: UInt16 = BGPDefaults.connectRetryTime) {
        self.keepalive = keepalive
        self.hold = hold
        self.connectRetry = connectRetry
    }
}

/// The knobs of the decision process (FRR's `bgp bestpath ...`, `bgp always-compare-med`).
public struct BGPBestPathOptions: Hashable, Sendable {
    /// Compare router IDs of eBGP paths instead of keeping the oldest (`bgp bestpath compare-routerid`).
    public var compareRouterID: Bool
    /// Compare MED between paths from different neighbouring ASes.
    public var alwaysCompareMED: Bool
    /// A path without MED counts as the worst MED (4294967295) rather than 0.
    public var medMissingAsWorst: Bool
    /// Paths of equal AS-path length through different ASes may share a multipath set.
    public var asPathMultipathRelax: Bool

    public init(compareRouterID: Bool = false, alwaysCompareMED: Bool = false, medMissingAsWorst: Bool = false,
                asPathMultipathRelax: Bool = false) {
        self.compareRouterID = compareRouterID
        self.alwaysCompareMED = alwaysCompareMED
        self.medMissingAsWorst = medMissingAsWorst
        self.asPathMultipathRelax = asPathMultipathRelax
    }
}

/// One configured neighbor (the topology's `bgp.neighbors[]`).
public struct BGPNeighborConfiguration: Hashable, Sendable {
    public var address: IPv4Address
    public var remoteAS: UInt32
    public var description: String?
    /// The interface whose address sources the TCP connection (`update_source`).
    public var updateSource: String?
    public var nextHopSelf: Bool
    public var routeReflectorClient: Bool
    /// False strips standard, extended and large communities on export.
    public var sendCommunity: Bool
    /// RFC 2385 TCP MD5 key, handed to the host with each connection.
    public var password: String?
    /// The TTL of eBGP sessions; 1 also requires the peer on a connected subnet.
    public var ebgpMultihop: UInt8
    /// Per-neighbor timers; nil uses the router's.
    public var timers: BGPTimerSettings?
    /// MRAI in seconds: the least time between two UPDATE batches to this neighbor.
    public var advertisementInterval: UInt16
    /// Weight given to every route learned from this neighbor.
    public var weight: UInt16
    /// Route-map names applied between Adj-RIB-In and Loc-RIB, and between Loc-RIB and Adj-RIB-Out.
    public var importPolicy: String?
    public var exportPolicy: String?
    /// Administratively down (`neighbor X shutdown`).
    public var shutdown: Bool

    public init(address: IPv4Address, remoteAS: UInt32, description: String? = nil, updateSource: String? = nil,
                nextHopSelf: Bool = false, routeReflectorClient: Bool = false, sendCommunity: Bool = true,
                password: String? = nil, ebgpMultihop: UInt8 = 1, timers: BGPTimerSettings? = nil,
                advertisementInterval: UInt16 = 0, weight: UInt16 = 0, importPolicy: String? = nil,
                exportPolicy: String? = nil, shutdown: Bool = false) {
        self.address = address
        self.remoteAS = remoteAS
        self.description = description
        self.updateSource = updateSource
        self.nextHopSelf = nextHopSelf
        self.routeReflectorClient = routeReflectorClient
        self.sendCommunity = sendCommunity
        self.password = password
        self.ebgpMultihop = ebgpMultihop
        self.timers = timers
        self.advertisementInterval = advertisementInterval
        self.weight = weight
        self.importPolicy = importPolicy
        self.exportPolicy = exportPolicy
        self.shutdown = shutdown
    }
}

/// A router's BGP process as the topology configures it (the topology's `bgp:` block).
public struct BGPConfiguration: Hashable, Sendable {
    public var autonomousSystem: UInt32
    public var routerID: IPv4Address
    /// Announced while the device has a selected non-BGP route with exactly this prefix.
    public var networks: [IPv4Prefix]
    /// Sources whose selected routes are announced with origin incomplete and MED = metric.
    public var redistribute: [RouteSource]
    /// Route reflectors' cluster ID; nil uses the router ID.
    public var clusterID: IPv4Address?
    /// Most paths installed together for eBGP and for iBGP routes (1: no multipath).
    public var maximumPaths: Int
    public var maximumPathsIBGP: Int
    public var bestPath: BGPBestPathOptions
    /// Restarter mode (RFC 4724): the router advertises that it preserves forwarding across a
    /// restart. Helper mode is always on.
    public var gracefulRestart: Bool
    public var timers: BGPTimerSettings
    public var neighbors: [BGPNeighborConfiguration]
    /// The route-maps and lists neighbors' `import` and `export` names refer to.
    public var policies: BGPPolicySet

    public init(autonomousSystem: UInt32, routerID: IPv4Address, networks: [IPv4Prefix] = [],
                redistribute: [RouteSource] = [], clusterID: IPv4Address? = nil, maximumPaths: Int = 1,
                maximumPathsIBGP: Int = 1, bestPath: BGPBestPathOptions = BGPBestPathOptions(),
                gracefulRestart: Bool = false, timers: BGPTimerSettings = BGPTimerSettings(),
                neighbors: [BGPNeighborConfiguration] = [], policies: BGPPolicySet = .empty) {
        self.autonomousSystem = autonomousSystem
        self.routerID = routerID
        self.networks = networks
        self.redistribute = redistribute
        self.clusterID = clusterID
        self.maximumPaths = maximumPaths
        self.maximumPathsIBGP = maximumPathsIBGP
        self.bestPath = bestPath
        self.gracefulRestart = gracefulRestart
        self.timers = timers
        self.neighbors = neighbors
        self.policies = policies
    }

    public var effectiveClusterID: IPv4Address { clusterID ?? routerID }

    /// A route reflector is a router with at least one client.
    public var isRouteReflector: Bool { neighbors.contains { $0.routeReflectorClient } }
}
