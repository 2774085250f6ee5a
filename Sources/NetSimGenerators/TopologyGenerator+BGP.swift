import NetSimTopology
import NetSimWire

/// The BGP of an as-graph: every AS one router, eBGP over each link's two addresses, and the
/// Gao-Rexford policy as route maps shared by every router (docs/generate.md, ADR 0025).
///
/// Import maps rank routes by where they were learned, customer over peer over provider, with
/// LOCAL_PREF, and replace the route's communities with one tag saying where. Export maps send
/// customers everything, and peers and providers only the AS's own routes (empty AS path) and
/// those tagged as learned from a customer. `bestpath: { compare_routerid: true }` makes the
/// choice among equal paths a function of the paths alone (router ID, not arrival order), so
/// every router's best path is the unique outcome of the policy.
extension TopologyGenerator {
    /// LOCAL_PREF of a route by the relationship it was learned over.
    public static let customerLocalPreference: UInt32 = 300
    public static let peerLocalPreference: UInt32 = 200
    public static let providerLocalPreference: UInt32 = 100

    /// The tags the import maps put on a route (64512 is the first private two-octet AS).
    public static let learnedFromCustomer = BGPCommunity(64512, 1)
    public static let learnedFromPeer = BGPCommunity(64512, 2)
    public static let learnedFromProvider = BGPCommunity(64512, 3)

    /// The import and export route maps a router names for a neighbor that is its customer,
    /// peer or provider.
    public enum NeighborRole: String, Sendable, CaseIterable {
        case customer = "CUSTOMER"
        case peer = "PEER"
        case provider = "PROVIDER"

        public var importPolicy: String { "FROM_" + rawValue }
        public var exportPolicy: String { "TO_" + rawValue }
    }

    /// Each router's neighbors, in the order of its interfaces: for each link, the far end's
    /// address and AS, with the maps its role calls for.
    static func bgpNeighbors(_ graph: ShapeGraph, plan: AddressPlan) -> [[BGPNeighborSpec]] {
        var neighbors = [[BGPNeighborSpec]](repeating: [], count: graph.routers.count)
        for (index, link) in graph.links.enumerated() {
            guard let relationship = link.relationship else { continue }
            let (lowAddress, highAddress) = plan.linkAddresses(index)
            let address = { (router: Int) in router == min(link.a, link.b) ? lowAddress.address : highAddress.address }
            // The role each end plays for the other.
            let (roleOfB, roleOfA): (NeighborRole, NeighborRole) = switch relationship {
            case .providerToCustomer: (.customer, .provider)
            case .peerToPeer: (.peer, .peer)
            }
            for (here, there, role) in [(link.a, link.b, roleOfB), (link.b, link.a, roleOfA)] {
                var neighbor = BGPNeighborSpec(location: generated)
                neighbor.address = address(there)
                neighbor.remoteAS = graph.autonomousSystems[there]
                neighbor.importPolicy = role.importPolicy
                neighbor.exportPolicy = role.exportPolicy
                neighbors[here].append(neighbor)
            }
        }
        return neighbors
    }

    static func bgpRouter(_ autonomousSystem: UInt32, announcing prefix: IPv4Prefix?,
                          neighbors: [BGPNeighborSpec]) -> BGPRouterSpec {
        var bgp = BGPRouterSpec(location: generated)
        bgp.autonomousSystem = autonomousSystem
        bgp.networks = prefix.map { [$0] } ?? []
        bgp.bestPath.compareRouterID = true
        bgp.neighbors = neighbors
        return bgp
    }

    /// The top-level `policies:` of an as-graph.
    public static var gaoRexfordPolicies: PolicyBlockSpec {
        var policies = PolicyBlockSpec(location: generated)
        policies.communityLists = [
            NamedPolicy(name: "LEARNED_FROM_CUSTOMER",
                        entries: [CommunityListEntrySpec(action: .permit, communities: [learnedFromCustomer],
                                                         location: generated)],
                        location: generated),
        ]
        policies.asPathLists = [
            NamedPolicy(name: "ORIGINATED_HERE", entries: [ASPathListEntrySpec(action: .permit, regex: "^$", location: generated)],
                        location: generated),
        ]
        func tagging(_ preference: UInt32, _ tag: BGPCommunity) -> [RouteMapEntrySpec] {
            var entry = RouteMapEntrySpec(action: .permit, location: generated)
            entry.setLocalPreference = preference
            entry.communityRemove = .all
            entry.communityAdd = [tag]
            return [entry]
        }
        var own = RouteMapEntrySpec(action: .permit, location: generated)
        own.matchASPathList = "ORIGINATED_HERE"
        var customers = RouteMapEntrySpec(action: .permit, location: generated)
        customers.matchCommunityList = "LEARNED_FROM_CUSTOMER"
        let upward = [own, customers]
        let maps: [(NeighborRole, import: [RouteMapEntrySpec], export: [RouteMapEntrySpec])] = [
            (.customer, tagging(customerLocalPreference, learnedFromCustomer),
             [RouteMapEntrySpec(action: .permit, location: generated)]),
            (.peer, tagging(peerLocalPreference, learnedFromPeer), upward),
            (.provider, tagging(providerLocalPreference, learnedFromProvider), upward),
        ]
        policies.routeMaps = maps.map { NamedPolicy(name: $0.0.importPolicy, entries: $0.import, location: generated) }
            + maps.map { NamedPolicy(name: $0.0.exportPolicy, entries: $0.export, location: generated) }
        return policies
    }

    /// "100 ASes (4 tier-1, 14 transit, 82 stubs), 160 links: 120 customer-provider, 40 peer".
    static func describeASes(_ graph: ShapeGraph) -> String {
        let (tier1, transit) = TopologyShape.asGraphTiers(count: graph.routers.count)
        let peerings = graph.links.count { $0.relationship == .peerToPeer }
        return "eBGP, \(graph.routers.count) ASes (\(tier1) tier-1, \(transit) transit, "
            + "\(graph.routers.count - tier1 - transit) stubs), \(graph.links.count - peerings) customer-provider "
            + "and \(peerings) peer links"
    }
}
