import NetSimRouting
import NetSimWire

/// The Adj-RIB-Out of each peer and the UPDATEs that carry it: which best paths a peer may
/// receive (iBGP split horizon, route reflection per RFC 4456, well-known communities), the
/// attributes rewritten per session type, export policy, then MRAI and packing — prefixes with
/// equal attributes share an UPDATE, in prefix order, withdrawals first.
extension BGPInstance {
    /// Recomputes what the peer should have for `prefix` and marks it due when that changed.
    func updateAdjRIBOut(_ prefix: IPv4Prefix, for peer: BGPPeer) {
        let wanted = exportAttributes(prefix, to: peer)
        guard peer.adjRIBOut[prefix] != wanted else { return }
        peer.adjRIBOut[prefix] = wanted
        peer.pendingOut.insert(prefix)
    }

    /// The attributes `prefix`'s best path is advertised to `peer` with, or nil when it is not.
    func exportAttributes(_ prefix: IPv4Prefix, to peer: BGPPeer) -> BGPPathAttributes? {
        guard let best = bestPaths[prefix], let session = peer.establishedConnection else { return nil }
        if best.source.peerAddress == peer.address { return nil }
        if best.attributes.communities.contains(.noAdvertise) { return nil }
        if !peer.isInternal,
           best.attributes.communities.contains(.noExport) || best.attributes.communities.contains(.noExportSubconfed) {
            return nil
        }
        let reflected = peer.isInternal && best.isInternal
        if reflected {
            // iBGP split horizon; a reflector passes clients' routes to everyone and
            // non-clients' routes to clients only (RFC 4456 §6).
            guard configuration.isRouteReflector, best.fromClient || peer.configuration.routeReflectorClient else { return nil }
        }
        // As bgpd: the attributes are prepared for the session type, the export route-map runs,
        // then what is written on the wire for that type is applied (own AS, next hop for eBGP,
        // no LOCAL_PREF to eBGP, communities only when sent).
        var attributes = best.attributes
        let localAddress = session.localAddress ?? .zero
        // Unrecognized transitive attributes go on with the Partial bit (RFC 4271 §5).
        for index in attributes.unrecognized.indices { attributes.unrecognized[index].partial = true }
        if peer.isInternal {
            attributes.localPreference = best.effectiveLocalPreference
            // A local route keeps a gateway it has (a redistributed static or IGP route, as
            // FRR sends it); one without (a network, a connected route) gets this router's.
            let localWithoutGateway = best.source.isLocal && (attributes.nextHop ?? .zero) == .zero
            if localWithoutGateway || (!reflected && peer.configuration.nextHopSelf) { attributes.nextHop = localAddress }
            if reflected {
                if attributes.originatorID == nil { attributes.originatorID = best.peerRouterID }
                attributes.clusterList.insert(configuration.effectiveClusterID, at: 0)
            }
        } else {
            // MED is not passed on to other ASes, only set on this AS's own routes.
            if !best.source.isLocal { attributes.multiExitDiscriminator = nil }
            attributes.localPreference = nil
            attributes.originatorID = nil
            attributes.clusterList = []
        }
        guard let route = applyExportPolicy(peer, prefix, attributes, localAddress: localAddress) else { return nil }
        attributes = route.attributes
        if !peer.isInternal {
            attributes.asPath = attributes.asPath.prepending(localAS)
            if !route.nextHopSetByPolicy { attributes.nextHop = localAddress }
            attributes.localPreference = nil
        }
        if !peer.configuration.sendCommunity {
            attributes.communities = []
            attributes.extendedCommunities = []
            attributes.largeCommunities = []
        }
        return attributes
    }

    /// Fills the Adj-RIB-Out of a peer whose session just came up and sends it with End-of-RIB
    /// (MRAI does not delay the initial table).
    func sendInitialTable(_ peer: BGPPeer) {
        for prefix in bestPaths.keys.sorted() { updateAdjRIBOut(prefix, for: peer) }
        sendPending(peer)
    }

    /// `clear bgp <peer> soft out` and ROUTE-REFRESH: everything in the Adj-RIB-Out goes again.
    func resendAdjRIBOut(_ peer: BGPPeer) {
        guard peer.session != nil else { return }
        for prefix in bestPaths.keys.sorted() { updateAdjRIBOut(prefix, for: peer) }
        peer.pendingOut.formUnion(peer.adjRIBOut.keys)
        peer.pendingOut.formUnion(peer.advertised.keys)
        peer.advertised = [:]
        sendPending(peer)
    }

    /// Sends what is due to every peer whose MRAI allows it, arming the MRAI timer for the others.
    func flushAdvertisements() {
        for address in peerOrder {
            let peer = peers[address]!
            guard peer.session != nil, !peer.pendingOut.isEmpty else { continue }
            let interval = SimTime.seconds(Int64(peer.configuration.advertisementInterval))
            if let last = peer.lastAdvertisementAt, interval > .zero, host.now < last + interval {
                if !isArmed(.advertisement(peer: address)) { arm(.advertisement(peer: address), after: last + interval - host.now) }
                continue
            }
            sendPending(peer)
        }
    }

    /// Sends the peer's due advertisements now, packed, then End-of-RIB if the initial table was not yet closed.
    func sendPending(_ peer: BGPPeer) {
        cancel(.advertisement(peer: peer.address))
        guard let session = peer.session else { return }
        var withdrawals: [IPv4Prefix] = []
        var groups: [BGPPathAttributes: [IPv4Prefix]] = [:]
        for prefix in peer.pendingOut.sorted() {
            let wanted = peer.adjRIBOut[prefix]
            guard wanted != peer.advertised[prefix] else { continue }
            if let wanted {
                groups[wanted, default: []].append(prefix)
            } else {
                withdrawals.append(prefix)
            }
            peer.advertised[prefix] = wanted
        }
        peer.pendingOut = []
        let packer = BGPUpdatePacker(options: peer.connections[session]?.codecOptions ?? BGPCodecOptions())
        var updates = packer.withdrawing(withdrawals)
        for (attributes, prefixes) in groups.sorted(by: { $0.value[0] < $1.value[0] }) {
            guard let packed = packer.announcing(prefixes, with: attributes) else {
                // Attributes too long for any UPDATE: the prefixes cannot go to this peer.
                log("BGP: \(prefixes.count) prefixes not sent to \(peer.address): attributes exceed the message size")
                for prefix in prefixes { peer.advertised[prefix] = nil }
                continue
            }
            updates += packed
        }
        for update in updates { transmit(.update(update), to: peer, on: session) }
        if !updates.isEmpty { peer.lastAdvertisementAt = host.now }
        if !peer.endOfRIBSent {
            peer.endOfRIBSent = true
            transmit(.update(.endOfRIB), to: peer, on: session)
        }
    }
}
