import NetSimRouting
import NetSimWire

/// A running ping or traceroute, owned by the simulation and driven by its events.
///
/// Ping sends `count` echo requests one `interval` apart; each ends in a reply, an ICMP error,
/// a local failure, or a timeout. Traceroute sends UDP probes one at a time with TTL 1, 1, 1,
/// 2, 2, 2, ... and stops after the hop where the target answered or a router said unreachable.
final class ProbeSession {
    enum Kind {
        case ping(count: Int, dataLength: Int, interval: SimTime)
        case traceroute(maxTTL: Int, probesPerHop: Int)
    }

    let id: Int
    let device: Int
    let target: IPv4Address
    let kind: Kind
    let identifier: UInt16
    let timeout: SimTime
    var source: IPv4Address?
    var sentAt: [SimTime] = []
    /// Per probe: nil until answered. For traceroute, each probe's answer lands in `hops`.
    var outcomes: [ProbeOutcome?] = []
    var hops: [TracerouteHop] = []
    var reached = false
    var stopAfterHop = false
    var path: [Int]?
    var finished = false

    init(id: Int, device: Int, target: IPv4Address, kind: Kind, identifier: UInt16, timeout: SimTime) {
        self.id = id
        self.device = device
        self.target = target
        self.kind = kind
        self.identifier = identifier
        self.timeout = timeout
    }

    static let tracerouteBasePort: UInt16 = 33434

    var udpSourcePort: UInt16 { 32768 &+ identifier % 28000 }

    var totalProbes: Int {
        switch kind {
        case .ping(let count, _, _): count
        case .traceroute(let maxTTL, let perHop): maxTTL * perHop
        }
    }

    var probesPerHop: Int {
        if case .traceroute(_, let perHop) = kind { return perHop }
        return 1
    }
}
