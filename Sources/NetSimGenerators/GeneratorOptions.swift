/// Everything about a generated topology other than its shape: the routing protocol, link
/// costs, hosts, link addressing and the seed.
public struct GeneratorOptions: Sendable, Equatable {
    public enum RoutingProtocol: String, Sendable, CaseIterable {
        case ospf
        case isis
        /// eBGP between ASes: the protocol of an as-graph, and of nothing else.
        case bgp

        /// The link-state protocols every IGP shape may run.
        public static let interiorGateway: [RoutingProtocol] = [.ospf, .isis]
    }

    public enum Costs: Sendable, Equatable {
        /// Every link costs the same (on both ends).
        case fixed(UInt16)
        /// Each link draws a cost uniformly from `low...high` (the same on both ends), from the seed.
        case random(low: UInt16, high: UInt16)
    }

    public var routingProtocol: RoutingProtocol
    public var costs: Costs
    /// Hosts on a LAN behind each edge router (0: no LANs).
    public var hostsPerEdge: Int
    /// 31 or 30: the prefix length of every router-to-router link.
    public var linkPrefixLength: UInt8
    /// Drives the random shapes (random graph, as-graph) and random costs; nothing else is random.
    public var seed: UInt64

    public init(routingProtocol: RoutingProtocol = .ospf, costs: Costs = .fixed(10), hostsPerEdge: Int = 0,
                linkPrefixLength: UInt8 = 31, seed: UInt64 = 1) {
        self.routingProtocol = routingProtocol
        self.costs = costs
        self.hostsPerEdge = hostsPerEdge
        self.linkPrefixLength = linkPrefixLength
        self.seed = seed
    }
}
