import NetSimRouting
import NetSimWire

/// Everything a speaker keeps about one configured neighbor: its connections and FSM, what was
/// negotiated, the Adj-RIB-In (as received, before import policy), the Adj-RIB-Out (after export
/// policy, as sent), pending advertisements, graceful-restart state and counters.
final class BGPPeer {
    var configuration: BGPNeighborConfiguration
    let isInternal: Bool
    var connections: [BGPConnectionID: BGPConnection] = [:]
    /// The connection that reached Established, while the session is up.
    var session: BGPConnectionID?
    /// The FSM state shown when no connection is open: Idle or Active.
    var restingState: BGPSessionState = .idle
    var adminShutdown: Bool

    var adjRIBIn: [IPv4Prefix: BGPPathAttributes] = [:]
    /// Received prefixes import policy or loop checks refused.
    var rejected: Set<IPv4Prefix> = []
    /// What this peer should have (after export policy).
    var adjRIBOut: [IPv4Prefix: BGPPathAttributes] = [:]
    /// What was actually sent; differs from `adjRIBOut` for the prefixes in `pendingOut`.
    var advertised: [IPv4Prefix: BGPPathAttributes] = [:]
    /// Prefixes whose advertisement is due (MRAI may hold them back).
    var pendingOut: Set<IPv4Prefix> = []
    var lastAdvertisementAt: SimTime?
    var endOfRIBSent = false
    var endOfRIBReceived = false

    /// The peer's OPEN of the current (or last) session.
    var remoteOpen: BGPOpen?
    var capabilitiesSent: [BGPCapability] = []
    var establishedAt: SimTime?
    var lastResetAt: SimTime?
    var lastError: String?
    /// The last session attempt failed on the contents of an OPEN: a configuration mismatch
    /// that retrying will not fix, so the peer does not hold convergence back.
    var refusedByConfiguration = false
    /// An attempt to bring the session up has failed since it was last Established (the
    /// connection failed or timed out, or was closed before the session came up). The speaker
    /// keeps retrying, but the peer no longer holds convergence back and its retries are not
    /// state changes: a session that never forms (a wrong password, a peer that is down) must
    /// not keep a network from converging. A later success is a state change again.
    var attemptFailed = false

    /// Whether this peer's comings and goings before Established count for convergence.
    var holdsConvergence: Bool { !adminShutdown && !refusedByConfiguration && !attemptFailed }
    var sessionsEstablished = 0
    var messagesSent: [BGPMessageType: Int] = [:]
    var messagesReceived: [BGPMessageType: Int] = [:]

    /// RFC 4724 helper: prefixes kept from the previous session, not yet refreshed.
    var stalePrefixes: Set<IPv4Prefix> = []

    init(configuration: BGPNeighborConfiguration, localAS: UInt32) {
        self.configuration = configuration
        isInternal = configuration.remoteAS == localAS
        adminShutdown = configuration.shutdown
    }

    var address: IPv4Address { configuration.address }

    var state: BGPSessionState {
        connections.values.map(\.sessionState).max() ?? restingState
    }

    var establishedConnection: BGPConnection? { session.flatMap { connections[$0] } }

    /// The peer's graceful-restart capability from its latest OPEN.
    var remoteGracefulRestart: BGPGracefulRestartCapability? {
        for case .gracefulRestart(let value) in remoteOpen?.capabilities ?? [] { return value }
        return nil
    }

    var remoteSupportsRouteRefresh: Bool {
        remoteOpen?.capabilities.contains(.routeRefresh) ?? false
    }
}
