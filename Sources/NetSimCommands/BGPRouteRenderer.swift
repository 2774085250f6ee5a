import NetSimBGP
import NetSimWire

/// `show ip bgp <prefix|address>`: every path of one prefix (the longest match for an address)
/// in FRR's layout, with the attributes of each and why the best one won: the best path names
/// the decision step that set it apart, every other path the step it lost at.
/// JSON: `{prefix, paths: [path]}` (the path object of `BGPFormat.json`).
enum BGPRouteRenderer {
    static func render(_ argument: String, instance: BGPInstance, wantsJSON: Bool) throws(CommandError) -> CommandResult {
        let route: BGPInstance.RouteView?
        if argument.contains("/") {
            guard let prefix = IPv4Prefix(argument) else {
                throw CommandError("'\(argument)' is not an IPv4 prefix with its host bits clear")
            }
            route = instance.routeView(prefix)
        } else {
            guard let address = IPv4Address(argument) else { throw CommandError("'\(argument)' is not an IPv4 address") }
            route = instance.locRIBView.filter { $0.prefix.contains(address) }.max { $0.prefix.length < $1.prefix.length }
        }
        guard let route else { throw CommandError("network not in table: \(argument)") }
        let bestIndex = route.paths.firstIndex(where: \.best)
        var lines = ["BGP routing table entry for \(route.prefix)",
                     "Paths: (\(route.paths.count) available" + (bestIndex.map { ", best #\($0 + 1)" } ?? ", no best path")
                         + ")"]
        let deciding = route.paths.compactMap(\.notBestReason).min()
        for path in route.paths {
            lines.append("  " + (path.asPath.segments.isEmpty ? "Local" : path.asPath.description))
            let from = path.peer.map { "\($0) (\(path.peerRouterID?.description ?? "?"))" } ?? "0.0.0.0"
            lines.append("    \(path.nextHop) from \(from)")
            var status = ["Origin \(path.origin.name)"]
            if let med = path.med { status.append("metric \(med)") }
            if let localPreference = path.localPreference { status.append("localpref \(localPreference)") }
            status.append("weight \(path.weight)")
            status.append(path.valid ? "valid" : "invalid")
            status.append(path.source.isLocal ? "sourced" : (path.isInternal ? "internal" : "external"))
            if path.multipath { status.append("multipath") }
            if path.stale { status.append("stale") }
            if path.best { status.append("best" + (deciding.map { " (\($0))" } ?? "")) }
            lines.append("      " + status.joined(separator: ", "))
            if !path.communities.isEmpty {
                lines.append("      Community: " + path.communities.map(\.description).joined(separator: " "))
            }
            if !path.extendedCommunities.isEmpty {
                lines.append("      Extended Community: " + path.extendedCommunities.map(\.description).joined(separator: " "))
            }
            if !path.largeCommunities.isEmpty {
                lines.append("      Large Community: " + path.largeCommunities.map(\.description).joined(separator: " "))
            }
            if let originator = path.originatorID {
                lines.append("      Originator: \(originator), Cluster list: "
                             + path.clusterList.map(\.description).joined(separator: " "))
            }
            if let igpMetric = path.igpMetric { lines.append("      IGP metric to next hop: \(igpMetric)") }
            if let reason = path.notBestReason { lines.append("      Not best: lost on \(reason)") }
        }
        let json = JSONValue.object(["prefix": .string(route.prefix.description),
                                     "paths": .array(route.paths.map(BGPFormat.json))])
        return CommandResult(text: lines.joined(separator: "\n"), json: json, wantsJSON: wantsJSON)
    }
}
