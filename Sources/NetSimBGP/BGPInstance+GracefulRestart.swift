import NetSimRouting
import NetSimWire

/// Graceful restart (RFC 4724).
///
/// Helper (always on): when the session of a peer that advertised IPv4 unicast in its
/// graceful-restart capability ends without a NOTIFICATION, its routes stay in the Loc-RIB
/// marked stale (still selected and installed) for the peer's restart time. If the session comes
/// back in time, routes the peer re-advertises lose their stale mark and the rest are swept at
/// its End-of-RIB, or when `stalePathTime` runs out; if the new OPEN no longer promises preserved
/// forwarding, they are swept at once. If it does not come back, they go when the restart time ends.
///
/// Restarter (`graceful_restart: true`): `restart(graceful: true)` models the BGP process
/// restarting while forwarding continues — sessions vanish without NOTIFICATION, the RIBs start
/// empty, installed routes stay as they were until every peer has sent End-of-RIB (or
/// `selectionDeferralTime` passes), and OPENs carry the R bit meanwhile.
extension BGPInstance {
    func markStale(_ peer: BGPPeer, prefixes: Set<IPv4Prefix>, restartTime: UInt16) {
        let source = BGPPathSource.peer(peer.address)
        var stale: Set<IPv4Prefix> = []
        for prefix in prefixes {
            guard var paths = locRIB[prefix], let index = paths.firstIndex(where: { $0.source == source }) else { continue }
            paths[index].stale = true
            locRIB[prefix] = paths
            stale.insert(prefix)
        }
        peer.stalePrefixes = stale
        guard !stale.isEmpty else { return }
        log("BGP: neighbor \(peer.address) restarting: keeping \(stale.count) routes as stale for \(restartTime)s")
        arm(.restart(peer: peer.address), after: .seconds(Int64(restartTime)))
    }

    /// The session of a peer came up again: stop the restart timer and wait for its End-of-RIB.
    func peerReestablished(_ peer: BGPPeer) {
        cancel(.restart(peer: peer.address))
        guard !peer.stalePrefixes.isEmpty else { return }
        let preserved = peer.remoteGracefulRestart?.families.contains {
            $0.family == .ipv4Unicast && $0.forwardingPreserved
        } ?? false
        if preserved {
            arm(.stalePath(peer: peer.address), after: .seconds(Int64(BGPDefaults.stalePathTime)))
        } else {
            sweepStaleRoutes(peer, reason: nil)
        }
    }

    /// Drops the peer's routes still marked stale (`reason`: the timer that ran out, nil when
    /// the peer's End-of-RIB or its new OPEN ends the wait).
    func sweepStaleRoutes(_ peer: BGPPeer, reason: BGPTimer?) {
        cancel(.restart(peer: peer.address))
        cancel(.stalePath(peer: peer.address))
        let source = BGPPathSource.peer(peer.address)
        var swept: [IPv4Prefix] = []
        for prefix in peer.stalePrefixes.sorted() {
            guard let path = locRIB[prefix]?.first(where: { $0.source == source }), path.stale else { continue }
            removePath(to: prefix, from: source)
            peer.adjRIBIn[prefix] = nil
            swept.append(prefix)
        }
        peer.stalePrefixes = []
        let why = switch reason {
        case .restart?: "restart time expired"
        case .stalePath?: "stale-path time expired"
        default: "End-of-RIB"
        }
        log("BGP: neighbor \(peer.address): \(swept.count) stale routes removed (\(why))")
        reselect(swept)
    }

    func endOfRIBReceived(from peer: BGPPeer) {
        if !peer.stalePrefixes.isEmpty { sweepStaleRoutes(peer, reason: nil) }
        if deferringSelection {
            let waiting = peerOrder.contains { address in
                let other = peers[address]!
                return !other.adminShutdown && !(other.session != nil && other.endOfRIBReceived)
            }
            if !waiting { endSelectionDeferral() }
        }
    }

    func endSelectionDeferral() {
        guard deferringSelection else { return }
        cancel(.selectionDeferral)
        deferringSelection = false
        restartingGracefully = false
        log("BGP: restart complete, routes selected")
        syncInstalledRoutes()
        host.bgpStateChanged()
    }

    /// The BGP process restarts. Graceful (with `graceful_restart` configured): connections vanish
    /// without NOTIFICATION so graceful-restart peers keep forwarding, installed routes stay until
    /// the new selection is complete. Otherwise: every session ends with Cease/Administrative
    /// Reset and the routes are withdrawn. Either way the speaker then starts from empty RIBs.
    public func restart(graceful: Bool) {
        guard started else { return }
        let keepForwarding = graceful && configuration.gracefulRestart
        for address in peerOrder {
            let peer = peers[address]!
            for id in peer.connections.keys.sorted() {
                if keepForwarding {
                    peer.connections[id] = nil
                    connectionOwner[id] = nil
                    cancel(.hold(connection: id))
                    cancel(.keepalive(connection: id))
                    host.bgpAbort(id)
                } else {
                    dropConnection(peer, id, sending: BGPNotification(code: BGPNotification.cease,
                                                                    subcode: BGPNotification.CeaseSubcode.administrativeReset),
                                   reason: "BGP process restarting")
                }
            }
            for timer in [BGPTimer.connectRetry(peer: address), .idleHold(peer: address), .advertisement(peer: address),
                          .restart(peer: address), .stalePath(peer: address)] {
                cancel(timer)
            }
            peer.session = nil
            peer.establishedAt = nil
            peer.restingState = .idle
            peer.adjRIBIn = [:]
            peer.rejected = []
            peer.adjRIBOut = [:]
            peer.advertised = [:]
            peer.pendingOut = []
            peer.stalePrefixes = []
            peer.endOfRIBSent = false
            peer.endOfRIBReceived = false
            peer.lastAdvertisementAt = nil
        }
        log("BGP: process restarting" + (keepForwarding ? " gracefully (forwarding preserved)" : ""))
        locRIB = [:]
        selection = [:]
        bestPaths = [:]
        uninstalledChanges.formUnion(wantedRoutes.keys)
        wantedRoutes = [:]
        localPrefixes = []
        warnedMissingNetworks = []
        if keepForwarding {
            restartingGracefully = true
            deferringSelection = true
            arm(.selectionDeferral, after: BGPInstance.selectionDeferralTime)
        } else {
            syncInstalledRoutes()
        }
        started = false
        start()
    }
}
