import NetSimRouting
import NetSimWire

/// One router's BGP-4 speaker (RFC 4271). It owns a finite state machine per configured
/// neighbor, the Adj-RIBs-In and -Out of each, the Loc-RIB with every path of every prefix, and
/// the routes it installs. It is driven by transport callbacks (connections established, messages
/// received, connections closed), timers, and changes of the device's other routes, and acts only
/// through its `BGPHost`.
///
/// Overview of the moving parts (each in its own extension):
/// - `+Session`: the §8 FSM per neighbor — starting, connecting, accepting and refusing, OPEN
///   checks and capabilities, hold time negotiation, collision detection (§6.8), keepalives,
///   hold expiry, NOTIFICATIONs, administrative shutdown and clears.
/// - `+Transport`: the one place where messages meet the host's connections (counters too).
/// - `+Update`: UPDATE processing into the Adj-RIB-In and Loc-RIB: treat-as-withdraw, loop
///   detection (AS path, ORIGINATOR_ID, CLUSTER_LIST), End-of-RIB, ROUTE-REFRESH.
/// - `+Selection`: next-hop resolution, the decision process per prefix, multipath, route
///   installation, locally originated routes (networks, redistribution).
/// - `+Export`: the Adj-RIB-Out per peer (iBGP split horizon, route reflection, well-known
///   communities, eBGP attribute rewriting), MRAI and UPDATE packing.
/// - `+GracefulRestart`: RFC 4724 helper (stale routes, restart and stale-path timers) and
///   restarter (`restart(graceful:)`, selection deferral).
/// - `+Policy`: the import and export policy call site.
/// - `+Views`: plain values for the console.
public final class BGPInstance {
    public let configuration: BGPConfiguration
    public let deviceName: String
    /// `unowned(unsafe)`: the device owns both this instance and its host, and every access
    /// to a safe unowned reference costs an atomic retain and release (ADR 0027).
    unowned(unsafe) let host: any BGPHost

    /// Peers by configured address; `peerOrder` lists them sorted.
    var peers: [IPv4Address: BGPPeer] = [:]
    let peerOrder: [IPv4Address]
    var connectionOwner: [BGPConnectionID: IPv4Address] = [:]
    var armedTimers = ArmedTimers<BGPTimer>()

    /// Every path of every prefix, and the outcome of the last decision for it.
    var locRIB: [IPv4Prefix: [BGPPath]] = [:]
    var selection: [IPv4Prefix: BGPDecisionProcess.Outcome] = [:]
    /// The best path of each prefix as last selected (to notice changes: the table version).
    var bestPaths: [IPv4Prefix: BGPPath] = [:]
    /// The route each prefix should have in the device's RIB, and what the host was last given.
    var wantedRoutes: [IPv4Prefix: Route] = [:]
    var installed: [IPv4Prefix: Route] = [:]
    /// Prefixes whose wanted route may differ from the installed one: all the next installation
    /// has to look at (a whole-table comparison per UPDATE made large tables quadratic).
    var uninstalledChanges: Set<IPv4Prefix> = []
    /// Prefixes with a locally originated path (networks, redistribution).
    var localPrefixes: Set<IPv4Prefix> = []
    var nextArrival: UInt64 = 0
    public internal(set) var tableVersion: UInt64 = 0
    /// Networks whose missing RIB route was already reported (one warning each until it appears).
    var warnedMissingNetworks: Set<IPv4Prefix> = []
    public internal(set) var started = false
    /// Restarter: installation waits for End-of-RIB from the peers (or the deferral timer).
    var deferringSelection = false
    var restartingGracefully = false

    /// RFC 4271 §8: the hold timer while waiting for an OPEN ("a large value", 4 minutes).
    public static let openHoldTime = SimTime.seconds(240)
    /// Time in Idle after a session failed before the peer is started again (FRR's start timer).
    public static let idleHoldTime = SimTime.seconds(1)
    /// How long a restarting speaker waits for End-of-RIB before it selects (FRR select-defer-time).
    public static let selectionDeferralTime = SimTime.seconds(360)

    public init(configuration: BGPConfiguration, deviceName: String, host: any BGPHost) {
        self.configuration = configuration
        self.deviceName = deviceName
        self.host = host
        for neighbor in configuration.neighbors where peers[neighbor.address] == nil {
            peers[neighbor.address] = BGPPeer(configuration: neighbor, localAS: configuration.autonomousSystem)
        }
        peerOrder = peers.keys.sorted()
    }

    public var routerID: IPv4Address { configuration.routerID }
    public var localAS: UInt32 { configuration.autonomousSystem }

    // MARK: Inputs

    /// Starts the speaker: local routes are originated and every neighbor not shut down starts
    /// connecting (the §8 ManualStart event).
    public func start() {
        guard !started else { return }
        started = true
        reconcileLocalRoutes()
        for address in peerOrder { startPeer(peers[address]!) }
        flushAdvertisements()
        host.bgpStateChanged()
    }

    /// A timer armed through the host expired. Stale timers (re-armed or cancelled since) are ignored.
    public func timerFired(_ timer: BGPTimer, token: UInt64) {
        guard armedTimers.fire(timer, token: token) else { return }
        switch timer {
        case .connectRetry(let address):
            if let peer = peers[address] { connectRetryExpired(peer) }
        case .idleHold(let address):
            if let peer = peers[address] { startPeer(peer) }
        case .hold(let id):
            holdTimerExpired(id)
        case .keepalive(let id):
            keepaliveTimerExpired(id)
        case .advertisement(let address):
            if let peer = peers[address] { sendPending(peer) }
        case .restart(let address), .stalePath(let address):
            if let peer = peers[address] { sweepStaleRoutes(peer, reason: timer) }
        case .selectionDeferral:
            endSelectionDeferral()
        }
        flushAdvertisements()
    }

    /// The device's non-BGP selected routes changed: next hops resolve again, the decision
    /// process runs where a resolution changed, networks are re-checked, and peers waiting for
    /// a connected route may start.
    public func routingTableChanged() {
        guard started else { return }
        reconcileLocalRoutes()
        reresolveNextHops()
        for address in peerOrder {
            let peer = peers[address]!
            // FRR's fast-external-failover (on by default): a single-hop eBGP session ends as
            // soon as its peer is no longer on a connected subnet, not a hold time later.
            // The link is gone, so the connection is reset rather than closed: a FIN would wait
            // out TCP's retransmissions on a path that no longer exists.
            if let session = peer.session, !passesConnectedCheck(peer) {
                host.bgpAbort(session)
                dropConnection(peer, session, sending: nil, reason: "interface down (fast external failover)",
                               transportClosed: true)
            }
            if peer.connections.isEmpty, peer.restingState == .active, !isArmed(.connectRetry(peer: address)),
               !isArmed(.idleHold(peer: address)) {
                startPeer(peer)
            }
        }
        flushAdvertisements()
    }

    // MARK: Timers

    func arm(_ timer: BGPTimer, after delay: SimTime) {
        let token = armedTimers.arm(timer)
        host.bgpSchedule(timer, token: token, at: host.now + delay)
    }

    func cancel(_ timer: BGPTimer) { armedTimers.cancel(timer) }

    func isArmed(_ timer: BGPTimer) -> Bool { armedTimers.isArmed(timer) }

    func log(_ message: String) { host.bgpLog(message) }

    func timers(for peer: BGPPeer) -> BGPTimerSettings { peer.configuration.timers ?? configuration.timers }
}

extension BGPInstance {
    /// True while the speaker is between stable states: a session mid-handshake, a peer that is
    /// reachable but not yet Established (and not refused by a configuration mismatch), or
    /// advertisements waiting for MRAI. The simulation does not call the network converged meanwhile.
    public var isSettling: Bool {
        guard started else { return false }
        for address in peerOrder {
            let peer = peers[address]!
            if !peer.pendingOut.isEmpty { return true }
            if !peer.holdsConvergence { continue }
            switch peer.state {
            case .established: continue
            case .connect, .openSent, .openConfirm: return true
            case .idle, .active:
                if host.bgpResolve(address) != nil { return true }
            }
        }
        return deferringSelection
    }
}
