import NetSimBGP
import NetSimRouting
import NetSimWire

/// Shared pieces of the BGP show commands: FRR's wording of durations, status codes and
/// attributes, and the JSON of one path.
enum BGPFormat {
    /// `00:01:05` below a day, `1d02h03m` from a day on, as FRR's `peer_uptime`.
    static func uptime(_ duration: SimTime) -> String {
        let seconds = max(duration.wholeSeconds, 0)
        let (days, hours, minutes, rest) = (seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        if days > 0 { return "\(days)d\(two(hours))h\(two(minutes))m" }
        return "\(two(hours)):\(two(minutes)):\(two(rest))"
    }

    /// The status column of `show ip bgp`: `*` valid, `>` best, `=` multipath, `S` stale, `i` internal.
    static func status(_ path: BGPInstance.PathView) -> String {
        var code = path.stale ? "S" : (path.valid ? "*" : " ")
        code += path.best ? ">" : (path.multipath ? "=" : " ")
        code += path.isInternal ? "i" : " "
        return code
    }

    /// The Path column: the AS path then the origin code (`65002 65001 i`, `i` for a local route).
    static func pathColumn(_ path: BGPInstance.PathView) -> String {
        let asPath = path.asPath.description
        return asPath.isEmpty ? path.origin.code : "\(asPath) \(path.origin.code)"
    }

    static func json(_ path: BGPInstance.PathView) -> JSONValue {
        .object([
            "best": .bool(path.best),
            "valid": .bool(path.valid),
            "multipath": .bool(path.multipath),
            "stale": .bool(path.stale),
            "next_hop": .string(path.nextHop.description),
            "med": path.med.map { .integer($0) } ?? .null,
            "local_pref": path.localPreference.map { .integer($0) } ?? .null,
            "weight": .integer(path.weight),
            "as_path": .string(path.asPath.description),
            "origin": .string(path.origin.name.lowercased()),
            "peer": .optional(path.peer?.description),
            "peer_router_id": .optional(path.peerRouterID?.description),
            "internal": .bool(path.isInternal),
            "source": .string(source(path.source)),
            "communities": .array(path.communities.map { .string($0.description) }),
            "extended_communities": .array(path.extendedCommunities.map { .string($0.description) }),
            "large_communities": .array(path.largeCommunities.map { .string($0.description) }),
            "originator_id": .optional(path.originatorID?.description),
            "cluster_list": .array(path.clusterList.map { .string($0.description) }),
            "igp_metric": path.igpMetric.map { .integer($0) } ?? .null,
            "not_best_reason": .optional(path.notBestReason?.description),
        ])
    }

    /// Where a path came from, in words: `network`, `redistributed ospf`, `peer 10.0.12.1`.
    static func source(_ source: BGPPathSource) -> String {
        switch source {
        case .network: "network"
        case .redistributed(let from): "redistributed \(from)"
        case .peer(let address): "peer \(address)"
        }
    }
}
