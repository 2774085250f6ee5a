/// The keys a topology file may use, per kind of mapping, and the keys that belong to the schema
/// but whose features netsim does not implement yet.
enum TopologySchema {
    /// One kind of mapping in a topology file; its raw value is how messages name it.
    enum Context: String, Sendable {
        case topology
        case device
        case interface
        case link
        case route = "static route"
        case scriptStep = "script step"
        case ospfRouter = "device ospf"
        case ospfInterface = "interface ospf"
        case redistribution = "redistribute entry"
        case isisRouter = "device isis"
        case isisInterface = "interface isis"
        case bgpRouter = "device bgp"
        case bgpNeighbor = "bgp neighbor"
        case bgpTimers = "bgp timers"
        case bgpBestPath = "bgp bestpath"
        case policies = "policies"
        case prefixListEntry = "prefix list entry"
        case communityListEntry = "community list entry"
        case asPathListEntry = "as-path list entry"
        case routeMapEntry = "route map entry"
        case routeMapMatch = "route map match"
        case routeMapSet = "route map set"

        /// The implemented keys, in the order messages list them.
        var allowedKeys: [String] {
            switch self {
            case .topology: ["name", "description", "policies", "devices", "links", "script"]
            case .device: ["name", "type", "router_id", "interfaces", "routes", "ospf", "isis", "bgp", "policies"]
            case .interface: ["name", "ip", "gateway", "vlan", "trunk", "shutdown", "ospf", "isis"]
            case .link: ["endpoints", "delay", "loss", "mtu"]
            case .route: ["prefix", "via", "interface", "distance"]
            case .scriptStep: ["at", "device", "command"]
            case .ospfRouter: ["redistribute"]
            case .ospfInterface: ["area", "cost", "network", "priority", "passive", "hello", "dead", "retransmit"]
            case .redistribution: ["source", "metric", "metric_type"]
            case .isisRouter: ["net", "level", "metric_style", "leak_l2_to_l1", "overload", "lsp_lifetime", "lsp_refresh",
                               "lsp_gen_interval", "spf_interval", "csnp_interval", "psnp_interval"]
            case .isisInterface: ["metric", "passive", "circuit", "network", "priority", "hello", "hold"]
            case .bgpRouter: ["as", "router_id", "networks", "redistribute", "cluster_id", "maximum_paths",
                              "maximum_paths_ibgp", "bestpath", "graceful_restart", "timers", "neighbors"]
            case .bgpNeighbor: ["ip", "remote_as", "description", "update_source", "next_hop_self",
                                "route_reflector_client", "send_community", "password", "ebgp_multihop", "timers",
                                "advertisement_interval", "weight", "import", "export", "shutdown"]
            case .bgpTimers: ["keepalive", "hold", "connect_retry"]
            case .bgpBestPath: ["compare_routerid", "always_compare_med", "med_missing_as_worst",
                                "as_path_multipath_relax"]
            case .policies: ["prefix_lists", "community_lists", "as_path_lists", "route_maps"]
            case .prefixListEntry: ["action", "prefix", "ge", "le"]
            case .communityListEntry: ["action", "communities"]
            case .asPathListEntry: ["action", "regex"]
            case .routeMapEntry: ["action", "match", "set"]
            case .routeMapMatch: ["prefix_list", "community_list", "as_path_list"]
            case .routeMapSet: ["local_pref", "med", "weight", "origin", "community_add", "community_remove",
                                "large_community_add", "as_path_prepend", "next_hop"]
            }
        }
    }

    /// Keys of the seed schema (protocol blocks and friends) that this netsim version cannot act
    /// on yet. Wherever one appears it is reported, never silently ignored: a topology that asks
    /// for IS-IS must not quietly run without it.
    ///
    /// When a feature lands, remove its key here and add it to the `allowedKeys` of the contexts
    /// where it belongs.
    static let notYetSupportedKeys: Set<String> = [
        "mpls", "ldp", "bfd", "sr", "rsvp", "gre",
        "vrf", "vrfs", "evpn", "vxlan",
    ]

    static func notYetSupportedMessage(for key: String) -> String {
        "'\(key)' is not supported yet in this netsim version"
    }
}
