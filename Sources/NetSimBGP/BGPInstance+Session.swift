import NetSimRouting
import NetSimWire

/// The RFC 4271 §8 finite state machine of each neighbor.
///
/// Idle ─start─► Connect (outgoing connection requested, ConnectRetry running) ─transport up─►
/// OpenSent (OPEN sent, hold timer 4 min) ─acceptable OPEN─► OpenConfirm (KEEPALIVE sent,
/// negotiated hold) ─KEEPALIVE─► Established. A failed outgoing connection leaves the peer in
/// Active until ConnectRetry expires; an incoming connection from a configured, enabled peer is
/// accepted in any state but Established (and then only when the peer restarted gracefully), and
/// goes straight to OpenSent. Every error sends the NOTIFICATION it names, closes the connection
/// and returns to Idle, from which the peer starts again after `idleHoldTime` (or ConnectRetry
/// after an OPEN it refused or that was refused). Two connections to one peer (a collision) are
/// resolved when the second OPEN arrives (§6.8): the one opened by the higher BGP identifier stays.
extension BGPInstance {
    // MARK: Starting and connecting

    func startPeer(_ peer: BGPPeer) {
        cancel(.idleHold(peer: peer.address))
        guard started, !peer.adminShutdown else {
            peer.restingState = .idle
            return
        }
        guard peer.session == nil, !peer.connections.values.contains(where: { !$0.passive }) else { return }
        peer.restingState = .active
        guard passesConnectedCheck(peer) else {
            // FRR waits in Active until the peer's address is on a connected subnet.
            peer.lastError = "waiting for a connected route to \(peer.address) (eBGP single hop)"
            noteAttempt(peer)
            return
        }
        openOutgoingConnection(peer)
    }

    /// eBGP peers one hop away must be on a connected subnet (FRR's connected check).
    func passesConnectedCheck(_ peer: BGPPeer) -> Bool {
        guard !peer.isInternal, peer.configuration.ebgpMultihop <= 1 else { return true }
        return host.bgpResolve(peer.address)?.connected ?? false
    }

    func openOutgoingConnection(_ peer: BGPPeer) {
        let local = peer.configuration.updateSource.flatMap { host.bgpInterfaceAddress(named: $0) }
        let ttl: UInt8 = peer.isInternal ? 255 : max(1, peer.configuration.ebgpMultihop)
        let id = host.bgpConnect(to: peer.address, port: BGPMessage.port, from: local, ttl: ttl,
                                 password: peer.configuration.password)
        connectionOwner[id] = peer.address
        peer.connections[id] = BGPConnection(id: id, passive: false, phase: .connecting)
        arm(.connectRetry(peer: peer.address), after: .seconds(Int64(timers(for: peer).connectRetry)))
        noteAttempt(peer)
    }

    /// A step of bringing a session up: a state change only while the peer holds convergence.
    func noteAttempt(_ peer: BGPPeer) {
        if peer.holdsConvergence { host.bgpStateChanged() }
    }

    func connectRetryExpired(_ peer: BGPPeer) {
        guard !peer.adminShutdown, peer.session == nil,
              !peer.connections.values.contains(where: { $0.phase > .connecting }) else { return }
        for (id, connection) in peer.connections.sorted(by: { $0.key < $1.key }) where connection.phase == .connecting {
            peer.connections[id] = nil
            connectionOwner[id] = nil
            host.bgpAbort(id)
            peer.attemptFailed = true
        }
        startPeer(peer)
    }

    /// The host's transport reached the connected state: an outgoing connection the speaker
    /// asked for (`passive` false) or one a peer opened to port 179. Unknown or shut-down peers
    /// are refused with a reset.
    public func connectionEstablished(_ id: BGPConnectionID, local: IPv4Address, localPort: UInt16,
                                      remote: IPv4Address, remotePort: UInt16, passive: Bool) {
        defer { flushAdvertisements() }
        let peer: BGPPeer
        if passive {
            guard started, let known = peers[remote], !known.adminShutdown else {
                log("BGP: refused connection from \(remote): " + (peers[remote] == nil ? "not a configured neighbor"
                                                                   : "neighbor is shut down"))
                host.bgpAbort(id)
                return
            }
            if let session = known.session {
                guard hasIPv4GracefulRestart(known.remoteGracefulRestart) else {
                    log("BGP: refused connection from \(remote): session already Established")
                    host.bgpAbort(id)
                    return
                }
                // RFC 4724 §4.2: a new connection from a graceful-restart peer means it restarted.
                dropConnection(known, session, sending: nil, reason: "peer restarted (new connection while Established)",
                               transportClosed: false)
            }
            peer = known
            connectionOwner[id] = remote
            peer.connections[id] = BGPConnection(id: id, passive: true, phase: .openSent)
        } else {
            guard let address = connectionOwner[id], let known = peers[address],
                  known.connections[id]?.phase == .connecting else {
                host.bgpAbort(id)
                return
            }
            peer = known
            cancel(.connectRetry(peer: address))
            peer.connections[id]!.phase = .openSent
        }
        peer.connections[id]!.localAddress = local
        let open = makeOpen(for: peer)
        peer.capabilitiesSent = open.capabilities
        transmit(.open(open), to: peer, on: id)
        arm(.hold(connection: id), after: BGPInstance.openHoldTime)
        noteAttempt(peer)
    }

    /// The host's transport lost a connection (or an outgoing one failed to open).
    public func connectionClosed(_ id: BGPConnectionID, reason: BGPConnectionCloseReason) {
        defer { flushAdvertisements() }
        guard let address = connectionOwner[id], let peer = peers[address], let connection = peer.connections[id] else {
            connectionOwner[id] = nil
            return
        }
        if connection.phase == .connecting {
            peer.connections[id] = nil
            connectionOwner[id] = nil
            peer.lastError = "connect failed: \(reason)"
            // A refusal (RST) means the other side does not take the session: do not hold convergence.
            peer.refusedByConfiguration = reason == .reset
            if peer.connections.isEmpty { peer.restingState = .active }
            if !isArmed(.connectRetry(peer: address)) {
                arm(.connectRetry(peer: address), after: .seconds(Int64(timers(for: peer).connectRetry)))
            }
            noteAttempt(peer)
            peer.attemptFailed = true
            return
        }
        // Reset before any OPEN: the other side accepted the connection only to refuse the session.
        if reason == .reset, connection.phase == .openSent { peer.refusedByConfiguration = true }
        dropConnection(peer, id, sending: nil, reason: reason.description, transportClosed: true)
    }

    // MARK: Messages

    func handle(_ message: BGPMessage, from peer: BGPPeer, on id: BGPConnectionID) {
        guard let connection = peer.connections[id] else { return }
        // Every message restarts the hold time; the timer itself is moved only when it fires
        // (one agenda event per hold time, not per message).
        if connection.phase >= .openConfirm { peer.connections[id]!.lastHeardAt = host.now }
        switch (connection.phase, message) {
        case (_, .notification(let notification)):
            if notification.code == BGPNotification.openMessageError { peer.refusedByConfiguration = true }
            dropConnection(peer, id, sending: nil, reason: "received NOTIFICATION \(notification)")
        case (.openSent, .open(let open)):
            receiveOpen(open, from: peer, on: id)
        case (.openConfirm, .keepalive):
            becomeEstablished(peer, on: id)
        case (.established, .keepalive):
            break
        case (.established, .update(let update)):
            receiveUpdate(update, from: peer)
        case (.established, .routeRefresh(let request)):
            receiveRouteRefresh(request, from: peer)
        default:
            // RFC 6608 subcodes: the state the unexpected message arrived in.
            let subcode: UInt8 = switch connection.phase {
            case .connecting, .openSent: 1
            case .openConfirm: 2
            case .established: 3
            }
            dropConnection(peer, id, sending: BGPNotification(code: BGPNotification.finiteStateMachineError, subcode: subcode),
                           reason: "unexpected \(message.type) in \(connection.sessionState)")
        }
    }

    func receiveOpen(_ open: BGPOpen, from peer: BGPPeer, on id: BGPConnectionID) {
        if let error = openError(open, from: peer) {
            peer.refusedByConfiguration = true
            dropConnection(peer, id, sending: error.notification, reason: "refused OPEN: \(error.text)")
            return
        }
        let local = timers(for: peer)
        let hold = min(local.hold, open.holdTime)
        let keepalive = hold == 0 ? 0 : min(local.keepalive == 0 ? hold / 3 : local.keepalive, hold / 3)
        peer.connections[id]!.remoteOpen = open
        let fourOctet = open.capabilities.contains { if case .fourOctetAS = $0 { true } else { false } }
        peer.connections[id]!.codecOptions = BGPCodecOptions(fourOctetAS: fourOctet)
        peer.connections[id]!.framer.options = peer.connections[id]!.codecOptions
        peer.connections[id]!.holdTime = hold
        peer.connections[id]!.keepaliveTime = keepalive
        // §6.8: an OPEN on one connection while the other has already exchanged OPENs.
        for (otherID, other) in peer.connections.sorted(by: { $0.key < $1.key }) where otherID != id {
            switch other.phase {
            case .established:
                dropConnection(peer, id, sending: collisionNotification, reason: "connection collision (session Established)")
                return
            case .openConfirm:
                // The connection opened by the speaker with the higher identifier survives.
                let keepPassive = routerID < open.identifier
                let loser = peer.connections[id]!.passive == keepPassive ? otherID : id
                dropConnection(peer, loser, sending: collisionNotification,
                               reason: "connection collision resolved (\(keepPassive ? "peer's" : "our") connection kept)")
                if loser == id { return }
            case .connecting, .openSent:
                continue
            }
        }
        peer.connections[id]!.phase = .openConfirm
        peer.connections[id]!.lastHeardAt = host.now
        transmit(.keepalive, to: peer, on: id)
        if hold > 0 {
            arm(.hold(connection: id), after: .seconds(Int64(hold)))
            arm(.keepalive(connection: id), after: .seconds(Int64(keepalive)))
        } else {
            cancel(.hold(connection: id))
        }
        noteAttempt(peer)
    }

    var collisionNotification: BGPNotification {
        BGPNotification(code: BGPNotification.cease, subcode: BGPNotification.CeaseSubcode.connectionCollisionResolution)
    }

    /// RFC 4271 §6.2 checks of a received OPEN.
    func openError(_ open: BGPOpen, from peer: BGPPeer) -> (notification: BGPNotification, text: String)? {
        let error = BGPNotification.openMessageError
        if open.version != 4 {
            return (BGPNotification(code: error, subcode: BGPNotification.OpenError.unsupportedVersionNumber, data: [0, 4]), "unsupported version \(open.version)")
        }
        let hasFourOctet = open.capabilities.contains { if case .fourOctetAS = $0 { true } else { false } }
        if open.autonomousSystem != peer.configuration.remoteAS || (!hasFourOctet && open.myAutonomousSystem == BGPOpen.asTrans) {
            return (BGPNotification(code: error, subcode: BGPNotification.OpenError.badPeerAS), "bad peer AS \(open.autonomousSystem), expected \(peer.configuration.remoteAS)")
        }
        if open.holdTime == 1 || open.holdTime == 2 {
            return (BGPNotification(code: error, subcode: BGPNotification.OpenError.unacceptableHoldTime), "unacceptable hold time \(open.holdTime)")
        }
        if open.identifier == .zero || open.identifier.isMulticast || (peer.isInternal && open.identifier == routerID) {
            return (BGPNotification(code: error, subcode: BGPNotification.OpenError.badBGPIdentifier), "bad BGP identifier \(open.identifier)")
        }
        if open.optionalParameters.contains(where: { if case .other = $0 { true } else { false } }) {
            return (BGPNotification(code: error, subcode: BGPNotification.OpenError.unsupportedOptionalParameter), "unsupported optional parameter")
        }
        return nil
    }

    func becomeEstablished(_ peer: BGPPeer, on id: BGPConnectionID) {
        peer.connections[id]!.phase = .established
        let connection = peer.connections[id]!
        peer.session = id
        peer.remoteOpen = connection.remoteOpen
        peer.establishedAt = host.now
        peer.sessionsEstablished += 1
        peer.refusedByConfiguration = false
        peer.attemptFailed = false
        peer.lastError = nil
        cancel(.connectRetry(peer: peer.address))
        cancel(.idleHold(peer: peer.address))
        for (otherID, other) in peer.connections.sorted(by: { $0.key < $1.key }) where otherID != id {
            if other.phase == .connecting {
                peer.connections[otherID] = nil
                connectionOwner[otherID] = nil
                host.bgpAbort(otherID)
            } else {
                dropConnection(peer, otherID, sending: collisionNotification, reason: "connection collision (session Established)")
            }
        }
        log("BGP: neighbor \(peer.address) Established (AS \(peer.configuration.remoteAS), hold \(connection.holdTime)s)")
        peerReestablished(peer)
        sendInitialTable(peer)
        host.bgpStateChanged()
    }

    // MARK: Timers

    func holdTimerExpired(_ id: BGPConnectionID) {
        guard let address = connectionOwner[id], let peer = peers[address], let connection = peer.connections[id] else { return }
        if connection.phase >= .openConfirm, connection.holdTime > 0, let heard = connection.lastHeardAt {
            let deadline = heard + .seconds(Int64(connection.holdTime))
            if host.now < deadline {
                arm(.hold(connection: id), after: deadline - host.now)
                return
            }
        }
        dropConnection(peer, id, sending: BGPNotification(code: BGPNotification.holdTimerExpired), reason: "hold timer expired")
    }

    func keepaliveTimerExpired(_ id: BGPConnectionID) {
        guard let address = connectionOwner[id], let peer = peers[address], let connection = peer.connections[id],
              connection.phase >= .openConfirm, connection.keepaliveTime > 0 else { return }
        transmit(.keepalive, to: peer, on: id)
        arm(.keepalive(connection: id), after: .seconds(Int64(connection.keepaliveTime)))
    }

    // MARK: Closing

    /// Ends one connection: the NOTIFICATION (if any) goes out first, the transport is closed
    /// (unless it already is), and a session that was up goes down — keeping the peer's routes as
    /// stale when it restarts gracefully (the transport failed without a NOTIFICATION).
    func dropConnection(_ peer: BGPPeer, _ id: BGPConnectionID, sending notification: BGPNotification?,
                        reason: String, transportClosed: Bool = false) {
        guard let connection = peer.connections.removeValue(forKey: id) else { return }
        connectionOwner[id] = nil
        cancel(.hold(connection: id))
        cancel(.keepalive(connection: id))
        if !transportClosed {
            if let notification, connection.phase >= .openSent { transmit(.notification(notification), to: peer, on: id) }
            if connection.phase == .connecting { host.bgpAbort(id) } else { host.bgpClose(id) }
        }
        peer.lastError = reason
        log("BGP: neighbor \(peer.address) connection \(id) closed in \(connection.sessionState): \(reason)")
        let wasSession = peer.session == id
        if peer.session == id {
            let received = reason.hasPrefix("received NOTIFICATION")
            sessionDown(peer, keepStale: notification == nil && !received)
        }
        if peer.connections.isEmpty {
            peer.restingState = .idle
            peer.lastResetAt = host.now
            if started, !peer.adminShutdown {
                let delay = peer.refusedByConfiguration ? SimTime.seconds(Int64(timers(for: peer).connectRetry))
                                                        : BGPInstance.idleHoldTime
                arm(.idleHold(peer: peer.address), after: delay)
            }
        }
        if wasSession {
            host.bgpStateChanged()
        } else {
            noteAttempt(peer)
            // The last connection went before a session formed: the attempt failed.
            if peer.connections.isEmpty, peer.session == nil { peer.attemptFailed = true }
        }
    }

    /// The Established session of a peer ended: its routes leave the Loc-RIB (or stay, stale,
    /// for a graceful-restart peer) and what was advertised to it is forgotten.
    func sessionDown(_ peer: BGPPeer, keepStale: Bool) {
        peer.session = nil
        peer.establishedAt = nil
        cancel(.advertisement(peer: peer.address))
        cancel(.stalePath(peer: peer.address))
        peer.adjRIBOut = [:]
        peer.advertised = [:]
        peer.pendingOut = []
        peer.endOfRIBSent = false
        peer.endOfRIBReceived = false
        let learned = prefixesLearned(from: peer)
        peer.adjRIBIn = [:]
        peer.rejected = []
        if keepStale, hasIPv4GracefulRestart(peer.remoteGracefulRestart), let restart = peer.remoteGracefulRestart {
            markStale(peer, prefixes: learned, restartTime: restart.restartTime)
        } else {
            peer.stalePrefixes = []
            cancel(.restart(peer: peer.address))
            for prefix in learned { removePath(to: prefix, from: .peer(peer.address)) }
        }
        reselect(learned)
    }

    // MARK: Operator actions

    /// `neighbor X shutdown` and its undo: a shutdown sends Cease/Administrative Shutdown and
    /// stays Idle; the undo starts the peer.
    public func setShutdown(_ address: IPv4Address, _ shutdown: Bool) {
        guard let peer = peers[address], peer.adminShutdown != shutdown else { return }
        peer.adminShutdown = shutdown
        if shutdown {
            cancel(.connectRetry(peer: address))
            cancel(.idleHold(peer: address))
            for id in peer.connections.keys.sorted() {
                dropConnection(peer, id, sending: BGPNotification(code: BGPNotification.cease,
                                                                subcode: BGPNotification.CeaseSubcode.administrativeShutdown),
                               reason: "administratively shut down")
            }
            cancel(.idleHold(peer: address))
            peer.restingState = .idle
        } else {
            peer.refusedByConfiguration = false
            peer.attemptFailed = false
            startPeer(peer)
        }
        flushAdvertisements()
        host.bgpStateChanged()
    }

    /// `clear bgp <peer>` (hard: Cease/Administrative Reset and a new session) or its soft forms
    /// (in: ask the peer to resend with ROUTE-REFRESH, or re-import the kept Adj-RIB-In; out:
    /// send the whole Adj-RIB-Out again). False when the peer is unknown.
    @discardableResult
    public func clear(_ address: IPv4Address, _ kind: BGPClearKind) -> Bool {
        guard let peer = peers[address] else { return false }
        switch kind {
        case .hard:
            for id in peer.connections.keys.sorted() {
                dropConnection(peer, id, sending: BGPNotification(code: BGPNotification.cease,
                                                                subcode: BGPNotification.CeaseSubcode.administrativeReset),
                               reason: "cleared (administrative reset)")
            }
        case .softIn:
            softInbound(peer)
        case .softOut:
            resendAdjRIBOut(peer)
        case .soft:
            softInbound(peer)
            resendAdjRIBOut(peer)
        }
        flushAdvertisements()
        return true
    }

    func softInbound(_ peer: BGPPeer) {
        guard let session = peer.session else { return }
        if peer.remoteSupportsRouteRefresh {
            transmit(.routeRefresh(BGPRouteRefresh()), to: peer, on: session)
        } else {
            reimport(peer)
        }
    }

    // MARK: OPEN contents

    func makeOpen(for peer: BGPPeer) -> BGPOpen {
        var capabilities: [BGPCapability] = [.multiprotocol(.ipv4Unicast), .routeRefresh, .fourOctetAS(localAS)]
        let families = configuration.gracefulRestart
            ? [BGPGracefulRestartCapability.Family(family: .ipv4Unicast, forwardingPreserved: restartingGracefully)] : []
        capabilities.append(.gracefulRestart(BGPGracefulRestartCapability(
            restarting: restartingGracefully, restartTime: BGPDefaults.restartTime, families: families)))
        return BGPOpen(autonomousSystem: localAS, holdTime: timers(for: peer).hold, identifier: routerID,
                       capabilities: capabilities)
    }

    func hasIPv4GracefulRestart(_ capability: BGPGracefulRestartCapability?) -> Bool {
        capability?.families.contains { $0.family == .ipv4Unicast } ?? false
    }
}

/// What `clear bgp <peer>` does.
public enum BGPClearKind: Hashable, Sendable {
    case hard
    case softIn
    case softOut
    case soft
}
