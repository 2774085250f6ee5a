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

        /// The implemented keys, in the order messages list them.
        var allowedKeys: [String] {
            switch self {
            case .topology: ["name", "description", "devices", "links", "script"]
            case .device: ["name", "type", "router_id", "interfaces", "routes", "ospf", "isis"]
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
        "bgp", "mpls", "ldp", "bfd", "sr", "rsvp", "gre",
        "vrf", "vrfs", "evpn", "vxlan", "policies",
    ]

    static func notYetSupportedMessage(for key: String) -> String {
        "'\(key)' is not supported yet in this netsim version"
    }
}
