import NetSimWire
import Yams

/// Readers for a device's `bgp:` block and its neighbors (docs/topology.md, "BGP").
extension TopologyReader {
    static let autonomousSystemRange = 1...4_294_967_295

    mutating func readRouterBGP(_ node: Node) -> BGPRouterSpec? {
        if node.isNull {
            report("a device's 'bgp' block needs 'as', the router's autonomous system number", at: node,
                   hint: "e.g. bgp: { as: 65001, neighbors: [{ ip: 10.0.12.2, remote_as: 65002 }] }")
            return BGPRouterSpec(location: location(of: node))
        }
        guard let fields = fields(of: node, as: .bgpRouter) else { return nil }
        var spec = BGPRouterSpec(location: fields.location)
        spec.autonomousSystem = required("as", in: fields, of: .bgpRouter).flatMap { autonomousSystem($0, for: "as") }
        spec.routerID = fields["router_id"].flatMap { ipv4($0, for: "router_id") }
        spec.networks = readNetworks(fields["networks"])
        spec.redistribute = readBGPRedistribution(fields["redistribute"])
        spec.clusterID = fields["cluster_id"].flatMap { clusterID($0) }
        spec.maximumPaths = fields["maximum_paths"].flatMap {
            integer($0, for: "maximum_paths", in: 1...64, what: "maximum paths")
        }
        spec.maximumPathsIBGP = fields["maximum_paths_ibgp"].flatMap {
            integer($0, for: "maximum_paths_ibgp", in: 1...64, what: "maximum iBGP paths")
        }
        if let bestPath = fields["bestpath"] { spec.bestPath = readBestPath(bestPath) }
        spec.gracefulRestart = fields["graceful_restart"].flatMap { bool($0, for: "graceful_restart") }
        spec.timers = fields["timers"].flatMap { readBGPTimers($0) }
        for item in fields["neighbors"].flatMap({ list($0, for: "neighbors") }) ?? [] {
            if let neighbor = readNeighbor(item) { spec.neighbors.append(neighbor) }
        }
        spec.valueLocations = fields.valueLocations
        return spec
    }

    private mutating func readNetworks(_ node: Node?) -> [IPv4Prefix] {
        guard let node, let items = list(node, for: "networks") else { return [] }
        var networks: [IPv4Prefix] = []
        for item in items {
            guard let prefix = routePrefix(item, for: "networks") else { continue }
            if networks.contains(prefix) {
                report("network \(prefix) is listed twice", at: item, hint: "list each network once")
            } else {
                networks.append(prefix)
            }
        }
        return networks
    }

    private mutating func readBGPRedistribution(_ node: Node?) -> [BGPRedistributionSource] {
        guard let node, let items = list(node, for: "redistribute") else { return [] }
        var sources: [BGPRedistributionSource] = []
        for item in items {
            guard let source: BGPRedistributionSource = choice(item, for: "redistribute",
                                                               what: "redistribution source") else { continue }
            if sources.contains(source) {
                report("'\(source.rawValue)' is redistributed twice", at: item, hint: "list each source once")
            } else {
                sources.append(source)
            }
        }
        return sources
    }

    private mutating func readBestPath(_ node: Node) -> BGPBestPathSpec {
        var spec = BGPBestPathSpec()
        guard let fields = fields(of: node, as: .bgpBestPath) else { return spec }
        func flag(_ key: String) -> Bool { fields[key].flatMap { bool($0, for: key) } ?? false }
        spec.compareRouterID = flag("compare_routerid")
        spec.alwaysCompareMED = flag("always_compare_med")
        spec.missingMEDAsWorst = flag("med_missing_as_worst")
        spec.multipathRelax = flag("as_path_multipath_relax")
        return spec
    }

    private mutating func readBGPTimers(_ node: Node) -> BGPTimersSpec? {
        guard let fields = fields(of: node, as: .bgpTimers) else { return nil }
        var spec = BGPTimersSpec(location: fields.location)
        spec.keepalive = fields["keepalive"].flatMap {
            integer($0, for: "keepalive", in: 0...65535, what: "keepalive interval")
        }.map(UInt16.init)
        spec.hold = fields["hold"].flatMap { holdTime($0) }
        spec.connectRetry = fields["connect_retry"].flatMap {
            integer($0, for: "connect_retry", in: 1...65535, what: "connect retry interval")
        }.map(UInt16.init)
        spec.valueLocations = fields.valueLocations
        return spec
    }

    /// A hold time is 0 (no keepalives) or at least 3 seconds (RFC 4271 §4.2).
    private mutating func holdTime(_ node: Node) -> UInt16? {
        guard let value = integer(node, for: "hold", in: 0...65535, what: "hold time") else { return nil }
        if (1...2).contains(value) {
            report("hold time \(value) is not allowed; it is 0 or at least 3 seconds (RFC 4271)", at: node,
                   hint: "the usual choice is three keepalive intervals, e.g. keepalive: 10, hold: 30")
            return nil
        }
        return UInt16(value)
    }

    private mutating func readNeighbor(_ node: Node) -> BGPNeighborSpec? {
        guard let fields = fields(of: node, as: .bgpNeighbor) else { return nil }
        var spec = BGPNeighborSpec(location: fields.location)
        spec.address = required("ip", in: fields, of: .bgpNeighbor).flatMap { ipv4($0, for: "ip") }
        spec.remoteAS = required("remote_as", in: fields, of: .bgpNeighbor).flatMap {
            autonomousSystem($0, for: "remote_as")
        }
        spec.description = fields["description"].flatMap { string($0, for: "description") }
        spec.updateSource = fields["update_source"].flatMap { string($0, for: "update_source") }
        func flag(_ key: String) -> Bool? { fields[key].flatMap { bool($0, for: key) } }
        spec.nextHopSelf = flag("next_hop_self")
        spec.routeReflectorClient = flag("route_reflector_client")
        spec.sendCommunity = flag("send_community")
        spec.shutdown = flag("shutdown")
        spec.password = fields["password"].flatMap { password($0) }
        spec.ebgpMultihop = fields["ebgp_multihop"].flatMap {
            integer($0, for: "ebgp_multihop", in: 1...255, what: "eBGP multihop TTL")
        }.map(UInt8.init)
        spec.timers = fields["timers"].flatMap { readBGPTimers($0) }
        spec.advertisementInterval = fields["advertisement_interval"].flatMap {
            integer($0, for: "advertisement_interval", in: 0...600, what: "advertisement interval")
        }.map(UInt16.init)
        spec.weight = fields["weight"].flatMap { integer($0, for: "weight", in: 0...65535, what: "weight") }
            .map(UInt16.init)
        spec.importPolicy = fields["import"].flatMap { string($0, for: "import") }
        spec.exportPolicy = fields["export"].flatMap { string($0, for: "export") }
        spec.valueLocations = fields.valueLocations
        return spec
    }

    /// An AS number, 1...4294967295, as a plain number (asdot `1.10` is not accepted).
    mutating func autonomousSystem(_ node: Node, for key: String) -> UInt32? {
        integer(node, for: key, in: Self.autonomousSystemRange, what: "AS number").map(UInt32.init)
    }

    /// A cluster ID: a dotted quad or a number, as FRR's `bgp cluster-id`.
    private mutating func clusterID(_ node: Node) -> IPv4Address? {
        guard let text = string(node, for: "cluster_id") else { return nil }
        if let address = IPv4Address(text) { return address }
        if let number = UInt32(text) { return IPv4Address(number) }
        report("invalid cluster ID '\(text)'; expected a dotted quad or a number 0...4294967295", at: node)
        return nil
    }

    /// An RFC 2385 key: 1 to 80 printable characters (Linux's TCP_MD5SIG_MAXKEYLEN).
    private mutating func password(_ node: Node) -> String? {
        guard let text = string(node, for: "password") else { return nil }
        guard (1...80).contains(text.utf8.count), text.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) })
        else {
            report("a BGP password is 1 to 80 printable ASCII characters without spaces", at: node)
            return nil
        }
        return text
    }
}
