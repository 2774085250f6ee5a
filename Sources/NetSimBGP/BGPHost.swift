import NetSimRouting
import NetSimWire

/// A transport connection as the BGP machine knows it: an opaque number the host chose.
public struct BGPConnectionID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt64

    public init(_ rawValue: UInt64) { self.rawValue = rawValue }

    public static func < (lhs: BGPConnectionID, rhs: BGPConnectionID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "#\(rawValue)" }
}

/// Why the host reports a connection gone.
public enum BGPConnectionCloseReason: Hashable, Sendable, CustomStringConvertible {
    /// The peer sent FIN.
    case remoteClosed
    /// The peer (or something on the way) sent RST, or refused the connection.
    case reset
    /// Retransmissions ran out.
    case timedOut
    /// No route to the peer, or an ICMP unreachable.
    case unreachable

    public var description: String {
        switch self {
        case .remoteClosed: "closed by peer"
        case .reset: "connection reset"
        case .timedOut: "connection timed out"
        case .unreachable: "peer unreachable"
        }
    }
}

/// How the device reaches a BGP next hop: through the longest-matching selected route other
/// than the default route (FRR without `ip nht resolve-via-default`). That may be a BGP route
/// itself (recursive resolution, as FRR resolves an iBGP next hop no IGP route covers); a path
/// never resolves through the route of its own prefix.
public struct BGPNextHopResolution: Hashable, Sendable {
    /// The metric of the route that resolves it (0 for a connected subnet).
    public var igpMetric: UInt32
    /// That route's next hops (for a connected subnet: the interface with no gateway).
    public var nextHops: [NextHop]
    /// True when the address lies on one of the device's connected subnets.
    public var connected: Bool
    /// The prefix of the BGP route it resolves through; nil for any other route.
    public var throughBGPRoute: IPv4Prefix?

    public init(igpMetric: UInt32, nextHops: [NextHop], connected: Bool, throughBGPRoute: IPv4Prefix? = nil) {
        self.igpMetric = igpMetric
        self.nextHops = nextHops
        self.connected = connected
        self.throughBGPRoute = throughBGPRoute
    }
}

/// What a BGP speaker needs from the device that runs it. The engine implements it over its TCP;
/// tests implement it to wire instances together directly.
///
/// The machine owns the byte stream: it hands the host encoded messages and frames what the
/// host delivers (see `BGPInstance+Transport`).
public protocol BGPHost: AnyObject {
    var now: SimTime { get }
    /// Asks for `timerFired(timer, token:)` to be called at `time`.
    func bgpSchedule(_ timer: BGPTimer, token: UInt64, at time: SimTime)
    /// Opens a TCP connection to `peer`:`port` from `localAddress` (nil: the outgoing interface's),
    /// with IP TTL `ttl` and an RFC 2385 key. The outcome arrives later as
    /// `connectionEstablished(...)` or `connectionClosed(...)` with the returned ID.
    func bgpConnect(to peer: IPv4Address, port: UInt16, from localAddress: IPv4Address?, ttl: UInt8,
                    password: String?) -> BGPConnectionID
    /// Queues bytes (one or more whole messages) on an established connection.
    /// `routine` marks a KEEPALIVE: periodic, it changes nothing, so the network may count as
    /// settled while it is in flight.
    func bgpSend(_ bytes: [UInt8], on connection: BGPConnectionID, routine: Bool)
    /// Closes gracefully (FIN after queued data).
    func bgpClose(_ connection: BGPConnectionID)
    /// Resets (RST); also how an incoming connection is refused.
    func bgpAbort(_ connection: BGPConnectionID)
    /// Longest match for `address` among the device's selected routes other than the default route.
    func bgpResolve(_ address: IPv4Address) -> BGPNextHopResolution?
    /// The device's selected route for exactly `prefix` when it is not a BGP route (the network
    /// import check; its metric becomes the MED, as FRR's `network` does), nil otherwise.
    func bgpRoute(exactly prefix: IPv4Prefix) -> Route?
    /// The device's selected routes of a source (redistribution).
    func bgpSelectedRoutes(of source: RouteSource) -> [Route]
    /// The primary address of a named interface (`update_source`), nil when it has none.
    func bgpInterfaceAddress(named name: String) -> IPv4Address?
    /// Replaces the device's BGP routes of the prefixes in either list: `previous` (those
    /// prefixes' routes as last installed) gives way to `routes`; other prefixes keep theirs.
    /// Both lists are in prefix order.
    func bgpInstallRoutes(_ routes: [Route], replacing previous: [Route])
    /// A session changed state or the table changed (convergence tracking, notices).
    func bgpStateChanged()
    func bgpLog(_ message: String)
}
