import NetSimRouting
import NetSimWire

/// UPDATE processing (RFC 4271 §9, RFC 7606): withdrawals, treat-as-withdraw for attributes that
/// cannot be used, the Adj-RIB-In, loop detection, import into the Loc-RIB, End-of-RIB and
/// ROUTE-REFRESH.
extension BGPInstance {
    func receiveUpdate(_ update: BGPUpdate, from peer: BGPPeer) {
        if update.isEndOfRIB {
            peer.endOfRIBReceived = true
            log("BGP: End-of-RIB from \(peer.address)")
            endOfRIBReceived(from: peer)
            return
        }
        var changed: Set<IPv4Prefix> = []
        for prefix in update.withdrawnRoutes {
            peer.adjRIBIn[prefix] = nil
            peer.rejected.remove(prefix)
            peer.stalePrefixes.remove(prefix)
            if removePath(to: prefix, from: .peer(peer.address)) { changed.insert(prefix) }
        }
        if let attributes = update.attributes, !update.nlri.isEmpty {
            if let problem = unusableAttributes(attributes, from: peer) {
                // RFC 7606 treat-as-withdraw: the NLRI are withdrawn, the session stays up.
                log("BGP: UPDATE from \(peer.address) treated as withdraw: \(problem)")
                for prefix in update.nlri {
                    peer.adjRIBIn[prefix] = nil
                    peer.rejected.remove(prefix)
                    peer.stalePrefixes.remove(prefix)
                    if removePath(to: prefix, from: .peer(peer.address)) { changed.insert(prefix) }
                }
            } else {
                for prefix in update.nlri {
                    peer.adjRIBIn[prefix] = attributes
                    importRoute(prefix, attributes, from: peer)
                    changed.insert(prefix)
                }
            }
        }
        reselect(changed)
    }

    /// Why attributes with NLRI cannot be used, or nil (RFC 4271 §6.3, RFC 7606 §3).
    func unusableAttributes(_ attributes: BGPPathAttributes, from peer: BGPPeer) -> String? {
        guard let nextHop = attributes.nextHop else { return "NEXT_HOP missing" }
        let local = peer.establishedConnection?.localAddress
        if nextHop == .zero || nextHop.isMulticast || nextHop.isBroadcast || nextHop.isLoopback || nextHop == local {
            return "next hop \(nextHop) is not usable"
        }
        if !peer.isInternal {
            // FRR's enforce-first-as: an eBGP peer's path starts with its AS.
            guard attributes.asPath.neighborAS == peer.configuration.remoteAS else {
                return "AS path \"\(attributes.asPath)\" does not start with the peer's AS \(peer.configuration.remoteAS)"
            }
        }
        return nil
    }

    /// Puts (or refuses) a received route into the Loc-RIB: loop detection, attribute rules per
    /// session type, import policy, next-hop resolution.
    func importRoute(_ prefix: IPv4Prefix, _ received: BGPPathAttributes, from peer: BGPPeer) {
        peer.stalePrefixes.remove(prefix)
        var attributes = received
        var loop: String?
        if attributes.asPath.contains(localAS) {
            loop = "AS path loop"
        } else if peer.isInternal, attributes.originatorID == routerID {
            loop = "ORIGINATOR_ID is this router"
        } else if peer.isInternal, attributes.clusterList.contains(configuration.effectiveClusterID) {
            loop = "CLUSTER_LIST loop"
        }
        if !peer.isInternal {
            // LOCAL_PREF, ORIGINATOR_ID and CLUSTER_LIST mean nothing across an AS boundary.
            attributes.localPreference = nil
            attributes.originatorID = nil
            attributes.clusterList = []
        }
        let imported = loop == nil ? applyImportPolicy(peer, prefix, attributes) : nil
        guard let (final, weight) = imported else {
            peer.rejected.insert(prefix)
            removePath(to: prefix, from: .peer(peer.address))
            return
        }
        peer.rejected.remove(prefix)
        let source = BGPPathSource.peer(peer.address)
        var path = BGPPath(source: source, attributes: final, weight: weight,
                           peerRouterID: peer.remoteOpen?.identifier ?? .zero, isInternal: peer.isInternal,
                           fromClient: peer.configuration.routeReflectorClient, arrival: 0,
                           resolution: usable(resolveNextHop(final.nextHop), for: prefix, nextHop: final.nextHop,
                                              fromClient: peer.configuration.routeReflectorClient))
        var paths = locRIB[prefix] ?? []
        if let index = paths.firstIndex(where: { $0.source == source }) {
            // An unchanged route keeps its age (the oldest-path rule).
            path.arrival = paths[index].attributes == final && !paths[index].stale ? paths[index].arrival : takeArrival()
            paths[index] = path
        } else {
            path.arrival = takeArrival()
            paths.append(path)
            paths.sort { $0.source < $1.source }
        }
        locRIB[prefix] = paths
    }

    func takeArrival() -> UInt64 {
        nextArrival += 1
        return nextArrival
    }

    /// Removes a path; true when there was one.
    @discardableResult
    func removePath(to prefix: IPv4Prefix, from source: BGPPathSource) -> Bool {
        guard var paths = locRIB[prefix], let index = paths.firstIndex(where: { $0.source == source }) else { return false }
        paths.remove(at: index)
        locRIB[prefix] = paths.isEmpty ? nil : paths
        return true
    }

    /// Every prefix with a path from the peer in the Loc-RIB, plus those it sent that were refused.
    func prefixesLearned(from peer: BGPPeer) -> Set<IPv4Prefix> {
        Set(peer.adjRIBIn.keys).union(peer.stalePrefixes)
    }

    func receiveRouteRefresh(_ request: BGPRouteRefresh, from peer: BGPPeer) {
        guard request.family == .ipv4Unicast else { return }
        log("BGP: ROUTE-REFRESH from \(peer.address)")
        resendAdjRIBOut(peer)
    }

    /// Runs import again over the kept Adj-RIB-In (soft reconfiguration inbound).
    func reimport(_ peer: BGPPeer) {
        let prefixes = peer.adjRIBIn.keys.sorted()
        for prefix in prefixes { importRoute(prefix, peer.adjRIBIn[prefix]!, from: peer) }
        reselect(prefixes)
    }
}
