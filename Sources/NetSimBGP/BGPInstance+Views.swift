import NetSimRouting
import NetSimWire

/// Read-only views for the console: plain values, sorted, that say everything `show bgp ...`
/// prints without reaching into the speaker.
extension BGPInstance {
    /// One neighbor as `show bgp summary` and `show bgp neighbors` describe it.
    public struct PeerView: Hashable, Sendable {
        public var address: IPv4Address
        public var description: String?
        public var remoteAS: UInt32
        public var isInternal: Bool
        public var state: BGPSessionState
        public var adminShutdown: Bool
        /// The peer's BGP identifier (from its last OPEN), nil before any.
        public var remoteRouterID: IPv4Address?
        public var localAddress: IPv4Address?
        /// Configured hold and keepalive, and those negotiated for the current session (nil when down).
        public var configuredHoldTime: UInt16
        public var configuredKeepaliveTime: UInt16
        public var connectRetryTime: UInt16
        public var negotiatedHoldTime: UInt16?
        public var negotiatedKeepaliveTime: UInt16?
        public var advertisementInterval: UInt16
        public var capabilitiesSent: [BGPCapability]
        public var capabilitiesReceived: [BGPCapability]
        public var messagesSent: [BGPMessageType: Int]
        public var messagesReceived: [BGPMessageType: Int]
        /// Prefixes in the Adj-RIB-In, those of them in the Loc-RIB, and those advertised.
        public var prefixesReceived: Int
        public var prefixesAccepted: Int
        public var prefixesAdvertised: Int
        /// Routes kept from a restarting peer.
        public var stalePrefixes: Int
        /// When the session came up (nil while down), and when it last went down.
        public var establishedAt: SimTime?
        public var lastResetAt: SimTime?
        public var lastError: String?
        public var sessionsEstablished: Int
        public var endOfRIBReceived: Bool
        public var endOfRIBSent: Bool
    }

    public var peerViews: [PeerView] { peerOrder.map { peerView(peers[$0]!) } }

    public func peerView(_ address: IPv4Address) -> PeerView? { peers[address].map(peerView) }

    func peerView(_ peer: BGPPeer) -> PeerView {
        let session = peer.establishedConnection
        let settings = timers(for: peer)
        return PeerView(
            address: peer.address, description: peer.configuration.description, remoteAS: peer.configuration.remoteAS,
            isInternal: peer.isInternal, state: peer.state, adminShutdown: peer.adminShutdown,
            remoteRouterID: peer.remoteOpen?.identifier, localAddress: session?.localAddress,
            configuredHoldTime: settings.hold, configuredKeepaliveTime: settings.keepalive,
            connectRetryTime: settings.connectRetry, negotiatedHoldTime: session?.holdTime,
            negotiatedKeepaliveTime: session?.keepaliveTime,
            advertisementInterval: peer.configuration.advertisementInterval,
            capabilitiesSent: peer.capabilitiesSent, capabilitiesReceived: peer.remoteOpen?.capabilities ?? [],
            messagesSent: peer.messagesSent, messagesReceived: peer.messagesReceived,
            prefixesReceived: peer.adjRIBIn.count, prefixesAccepted: peer.adjRIBIn.count - peer.rejected.count,
            prefixesAdvertised: peer.advertised.count, stalePrefixes: peer.stalePrefixes.count,
            establishedAt: peer.establishedAt, lastResetAt: peer.lastResetAt, lastError: peer.lastError,
            sessionsEstablished: peer.sessionsEstablished, endOfRIBReceived: peer.endOfRIBReceived,
            endOfRIBSent: peer.endOfRIBSent)
    }

    /// One path of a prefix as `show ip bgp` lists it.
    public struct PathView: Hashable, Sendable {
        public var source: BGPPathSource
        public var valid: Bool
        public var best: Bool
        public var multipath: Bool
        public var stale: Bool
        /// 0.0.0.0 for locally originated paths.
        public var nextHop: IPv4Address
        public var med: UInt32?
        public var localPreference: UInt32?
        public var weight: UInt16
        public var asPath: BGPASPath
        public var origin: BGPOrigin
        /// The configured address of the peer it came from; nil for local paths.
        public var peer: IPv4Address?
        public var peerRouterID: IPv4Address?
        public var isInternal: Bool
        public var communities: [BGPCommunity]
        public var extendedCommunities: [BGPExtendedCommunity]
        public var largeCommunities: [BGPLargeCommunity]
        public var originatorID: IPv4Address?
        public var clusterList: [IPv4Address]
        /// The metric of the IGP route to the next hop.
        public var igpMetric: UInt32?
        /// The step at which it lost to the best path; nil for the best.
        public var notBestReason: BGPDecisionStep?
    }

    public struct RouteView: Hashable, Sendable {
        public var prefix: IPv4Prefix
        /// Best first, then multipath, then the rest in decision order of their losing step.
        public var paths: [PathView]
    }

    /// The Loc-RIB, prefixes in order.
    public var locRIBView: [RouteView] { locRIB.keys.sorted().compactMap(routeView) }

    public func routeView(_ prefix: IPv4Prefix) -> RouteView? {
        guard let paths = locRIB[prefix], let outcome = selection[prefix] else { return nil }
        let views = paths.indices.map { index -> PathView in
            let path = paths[index]
            return PathView(
                source: path.source, valid: path.isValid, best: outcome.best == index,
                multipath: outcome.multipath.contains(index), stale: path.stale,
                nextHop: path.attributes.nextHop ?? .zero, med: path.attributes.multiExitDiscriminator,
                localPreference: path.attributes.localPreference, weight: path.weight, asPath: path.attributes.asPath,
                origin: path.attributes.origin, peer: path.source.peerAddress,
                peerRouterID: path.source.isLocal ? nil : path.peerRouterID, isInternal: path.isInternal,
                communities: path.attributes.communities, extendedCommunities: path.attributes.extendedCommunities,
                largeCommunities: path.attributes.largeCommunities, originatorID: path.attributes.originatorID,
                clusterList: path.attributes.clusterList, igpMetric: path.source.isLocal ? nil : path.resolution?.igpMetric,
                notBestReason: outcome.reasons[index])
        }
        let order = views.indices.sorted { left, right in
            func rank(_ view: PathView) -> Int { view.best ? 0 : view.multipath ? 1 : 2 }
            let l = views[left], r = views[right]
            if rank(l) != rank(r) { return rank(l) < rank(r) }
            let lr = l.notBestReason ?? .invalid, rr = r.notBestReason ?? .invalid
            if lr != rr { return lr > rr }
            return left < right
        }
        return RouteView(prefix: prefix, paths: order.map { views[$0] })
    }

    /// A prefix with the attributes one peer sent (received-routes) or is sent (advertised-routes).
    public struct AdjRIBEntry: Hashable, Sendable {
        public var prefix: IPv4Prefix
        public var attributes: BGPPathAttributes
        /// Received routes only: refused by loop detection or import policy.
        public var rejected: Bool
    }

    /// The peer's Adj-RIB-In as received, before import policy; nil for an unknown peer.
    public func receivedRoutes(_ address: IPv4Address) -> [AdjRIBEntry]? {
        guard let peer = peers[address] else { return nil }
        return peer.adjRIBIn.keys.sorted().map {
            AdjRIBEntry(prefix: $0, attributes: peer.adjRIBIn[$0]!, rejected: peer.rejected.contains($0))
        }
    }

    /// The peer's Adj-RIB-Out after export policy; nil for an unknown peer.
    public func advertisedRoutes(_ address: IPv4Address) -> [AdjRIBEntry]? {
        guard let peer = peers[address] else { return nil }
        return peer.adjRIBOut.keys.sorted().map { AdjRIBEntry(prefix: $0, attributes: peer.adjRIBOut[$0]!, rejected: false) }
    }

    /// The routes handed to the device (sorted by prefix).
    public var installedRoutes: [Route] { installed.keys.sorted().map { installed[$0]! } }

    /// The configured neighbors (the engine needs passwords for its listener).
    public var neighborAddresses: [IPv4Address] { peerOrder }
}
