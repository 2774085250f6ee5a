import NetSimBGP
import NetSimWire

/// `show ip bgp`: the Loc-RIB in FRR's layout, every path of every prefix with its status
/// codes, best first. A missing MED or LOCAL_PREF leaves its column empty, as FRR prints it.
/// JSON: `{router_id, local_as, table_version, routes: [{prefix, paths: [path]}]}` with the path
/// object of `BGPFormat.json`.
enum BGPTableRenderer {
    static func render(_ instance: BGPInstance, wantsJSON: Bool) -> CommandResult {
        let routes = instance.locRIBView
        var lines = [
            "BGP table version is \(instance.tableVersion), local router ID is \(instance.routerID)",
            "Default local pref \(BGPDefaults.localPreference), local AS \(instance.localAS)",
            "Status codes: s suppressed, d damped, h history, * valid, > best, = multipath,",
            "              i internal, S Stale",
            "Origin codes: i - IGP, e - EGP, ? - incomplete",
            "",
        ]
        var table = TextTable(["   Network", "Next Hop", "Metric", "LocPrf", "Weight", "Path"])
        var paths = 0
        for route in routes {
            for (index, path) in route.paths.enumerated() {
                paths += 1
                table.add([BGPFormat.status(path) + (index == 0 ? route.prefix.description : ""),
                           path.nextHop.description, path.med.map(String.init) ?? "",
                           path.localPreference.map(String.init) ?? "", String(path.weight), BGPFormat.pathColumn(path)])
            }
        }
        if routes.isEmpty {
            lines.append("No BGP prefixes displayed")
        } else {
            lines.append(table.text)
            lines.append("")
            lines.append("Displayed \(routes.count) routes and \(paths) total paths")
        }
        let json = JSONValue.object([
            "router_id": .string(instance.routerID.description),
            "local_as": .integer(instance.localAS),
            "table_version": .integer(instance.tableVersion),
            "routes": .array(routes.map { route in
                .object(["prefix": .string(route.prefix.description), "paths": .array(route.paths.map(BGPFormat.json))])
            }),
        ])
        return CommandResult(text: lines.joined(separator: "\n"), json: json, wantsJSON: wantsJSON)
    }
}
