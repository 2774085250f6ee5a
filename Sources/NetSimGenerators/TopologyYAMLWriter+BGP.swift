import NetSimTopology
import NetSimWire

/// The `bgp:` and `policies:` blocks in the writer's fixed key order: a router's keys a line
/// each, a neighbor or list entry as one flow mapping a line; keys at their default are left out.
extension TopologyYAMLWriter {
    static func write(_ bgp: BGPRouterSpec, to out: inout String) {
        out += "    bgp:\n"
        if let autonomousSystem = bgp.autonomousSystem { out += "      as: \(autonomousSystem)\n" }
        if let routerID = bgp.routerID { out += "      router_id: \(routerID)\n" }
        if !bgp.networks.isEmpty { out += "      networks: [\(bgp.networks.map(\.description).joined(separator: ", "))]\n" }
        if !bgp.redistribute.isEmpty {
            out += "      redistribute: [\(bgp.redistribute.map(\.rawValue).joined(separator: ", "))]\n"
        }
        if let clusterID = bgp.clusterID { out += "      cluster_id: \(clusterID)\n" }
        if let paths = bgp.maximumPaths { out += "      maximum_paths: \(paths)\n" }
        if let paths = bgp.maximumPathsIBGP { out += "      maximum_paths_ibgp: \(paths)\n" }
        let bestPath = [("compare_routerid", bgp.bestPath.compareRouterID),
                        ("always_compare_med", bgp.bestPath.alwaysCompareMED),
                        ("med_missing_as_worst", bgp.bestPath.missingMEDAsWorst),
                        ("as_path_multipath_relax", bgp.bestPath.multipathRelax)].filter(\.1)
        if !bestPath.isEmpty { out += "      bestpath: { \(bestPath.map { "\($0.0): true" }.joined(separator: ", ")) }\n" }
        if let restart = bgp.gracefulRestart { out += "      graceful_restart: \(restart)\n" }
        if let timers = bgp.timers { out += "      timers: \(flow(timers))\n" }
        if !bgp.neighbors.isEmpty {
            out += "      neighbors:\n"
            for neighbor in bgp.neighbors { out += "        - " + flow(neighbor) + "\n" }
        }
    }

    private static func flow(_ neighbor: BGPNeighborSpec) -> String {
        var fields: [String] = []
        if let address = neighbor.address { fields.append("ip: \(address)") }
        if let remoteAS = neighbor.remoteAS { fields.append("remote_as: \(remoteAS)") }
        if let description = neighbor.description { fields.append("description: \(quoted(description))") }
        if let source = neighbor.updateSource { fields.append("update_source: \(scalar(source))") }
        if let value = neighbor.nextHopSelf { fields.append("next_hop_self: \(value)") }
        if let value = neighbor.routeReflectorClient { fields.append("route_reflector_client: \(value)") }
        if let value = neighbor.sendCommunity { fields.append("send_community: \(value)") }
        if let password = neighbor.password { fields.append("password: \(quoted(password))") }
        if let ttl = neighbor.ebgpMultihop { fields.append("ebgp_multihop: \(ttl)") }
        if let timers = neighbor.timers { fields.append("timers: \(flow(timers))") }
        if let interval = neighbor.advertisementInterval { fields.append("advertisement_interval: \(interval)") }
        if let weight = neighbor.weight { fields.append("weight: \(weight)") }
        if let policy = neighbor.importPolicy { fields.append("import: \(scalar(policy))") }
        if let policy = neighbor.exportPolicy { fields.append("export: \(scalar(policy))") }
        if let value = neighbor.shutdown { fields.append("shutdown: \(value)") }
        return "{ \(fields.joined(separator: ", ")) }"
    }

    private static func flow(_ timers: BGPTimersSpec) -> String {
        var fields: [String] = []
        if let keepalive = timers.keepalive { fields.append("keepalive: \(keepalive)") }
        if let hold = timers.hold { fields.append("hold: \(hold)") }
        if let retry = timers.connectRetry { fields.append("connect_retry: \(retry)") }
        return "{ \(fields.joined(separator: ", ")) }"
    }

    /// A `policies:` block indented by `indent` spaces (0 at the top of the file, 4 on a device).
    static func write(_ policies: PolicyBlockSpec, indent: Int, to out: inout String) {
        let pad = String(repeating: " ", count: indent)
        out += pad + "policies:\n"
        func section<Entry>(_ key: String, _ lists: [NamedPolicy<Entry>], _ entry: (Entry) -> String) {
            guard !lists.isEmpty else { return }
            out += pad + "  \(key):\n"
            for list in lists {
                out += pad + "    \(scalar(list.name)):\n"
                for item in list.entries { out += pad + "      - " + entry(item) + "\n" }
            }
        }
        section("prefix_lists", policies.prefixLists) { entry in
            var fields = ["action: \(entry.action.rawValue)", "prefix: \(entry.prefix)"]
            if let ge = entry.ge { fields.append("ge: \(ge)") }
            if let le = entry.le { fields.append("le: \(le)") }
            return "{ \(fields.joined(separator: ", ")) }"
        }
        section("community_lists", policies.communityLists) { entry in
            "{ action: \(entry.action.rawValue), communities: \(communities(entry.communities)) }"
        }
        section("as_path_lists", policies.asPathLists) { entry in
            "{ action: \(entry.action.rawValue), regex: \(quoted(entry.regex)) }"
        }
        section("route_maps", policies.routeMaps, flow)
    }

    private static func flow(_ entry: RouteMapEntrySpec) -> String {
        var fields = ["action: \(entry.action.rawValue)"]
        var match: [String] = []
        if let name = entry.matchPrefixList { match.append("prefix_list: \(scalar(name))") }
        if let name = entry.matchCommunityList { match.append("community_list: \(scalar(name))") }
        if let name = entry.matchASPathList { match.append("as_path_list: \(scalar(name))") }
        if !match.isEmpty { fields.append("match: { \(match.joined(separator: ", ")) }") }
        var set: [String] = []
        if let value = entry.setLocalPreference { set.append("local_pref: \(value)") }
        if let value = entry.setMED { set.append("med: \(value)") }
        if let value = entry.setWeight { set.append("weight: \(value)") }
        if let origin = entry.setOrigin { set.append("origin: \(origin.name.lowercased())") }
        switch entry.communityRemove {
        case .all: set.append("community_remove: all")
        case .listed(let listed): set.append("community_remove: \(communities(listed))")
        case nil: break
        }
        if !entry.communityAdd.isEmpty { set.append("community_add: \(communities(entry.communityAdd))") }
        if !entry.largeCommunityAdd.isEmpty {
            set.append("large_community_add: [\(entry.largeCommunityAdd.map { quoted($0.description) }.joined(separator: ", "))]")
        }
        if !entry.asPathPrepend.isEmpty {
            set.append("as_path_prepend: [\(entry.asPathPrepend.map(String.init).joined(separator: ", "))]")
        }
        switch entry.setNextHop {
        case .address(let address): set.append("next_hop: \(address)")
        case .selfAddress: set.append("next_hop: self")
        case nil: break
        }
        if !set.isEmpty { fields.append("set: { \(set.joined(separator: ", ")) }") }
        return "{ \(fields.joined(separator: ", ")) }"
    }

    private static func communities(_ list: [BGPCommunity]) -> String {
        "[\(list.map { quoted($0.description) }.joined(separator: ", "))]"
    }
}
