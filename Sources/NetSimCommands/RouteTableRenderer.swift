import NetSimEngine
import NetSimRouting
import NetSimWire

/// `show ip route`: the selected routes of a device in the IOS/FRR layout, and as JSON an
/// array of `{destination, source, path_type, distance, metric, next_hops: [{address, interface}]}`
/// (`path_type` is null for routes of sources without path types: connected and static;
/// "level-1" or "level-2" for IS-IS). An IS-IS router's legend adds the IS-IS codes, a BGP
/// router's the BGP one.
enum RouteTableRenderer {
    static let legend = "Codes: C - connected, S - static, O - OSPF, IA - OSPF inter area, "
        + "E1 - OSPF external type 1, E2 - OSPF external type 2"

    /// What an IS-IS router's legend adds, as the seed's example shows it.
    static let isisLegend = ", i L1 - IS-IS level-1, i L2 - IS-IS level-2"

    /// What a BGP router's legend adds.
    static let bgpLegend = ", B - BGP"

    static func render(device: Device, wantsJSON: Bool) -> CommandResult {
        let routes = device.rib.fib.routes
        var lines = [legend + (device.isis == nil ? "" : isisLegend) + (device.bgp == nil ? "" : bgpLegend), ""]
        if let defaultRoute = device.rib.fib.route(for: .defaultRoute), let gateway = defaultRoute.nextHops.first?.address {
            lines.append("Gateway of last resort is \(gateway) to network 0.0.0.0")
        } else {
            lines.append("Gateway of last resort is not set")
        }
        lines.append("")
        for route in routes { lines.append(contentsOf: textLines(route, device: device)) }
        return CommandResult(text: lines.joined(separator: "\n"), json: .array(routes.map { json($0, device: device) }),
                             wantsJSON: wantsJSON)
    }

    /// `show ip route <address|prefix>`: the longest match for an address, or the exact entry.
    static func renderLookup(_ argument: String, device: Device, wantsJSON: Bool) throws(CommandError) -> CommandResult {
        let route: Route?
        if argument.contains("/") {
            guard let prefix = IPv4Prefix(argument) else {
                throw CommandError("'\(argument)' is not an IPv4 prefix with its host bits clear")
            }
            route = device.rib.fib.route(for: prefix)
        } else {
            guard let address = IPv4Address(argument) else { throw CommandError("'\(argument)' is not an IPv4 address") }
            route = device.rib.fib.lookup(address)
        }
        guard let route else {
            return CommandResult(text: "% Network not in table", json: .array([]), succeeded: true, wantsJSON: wantsJSON)
        }
        var lines = ["Routing entry for \(route.prefix)",
                     "  Known via \"\(route.source)\", distance \(route.distance), metric \(route.metric), "
                         + (pathPhrase(route.pathType).map { "\($0), " } ?? "") + "best"]
        for hop in route.nextHops {
            let name = device.interfaces[hop.interface].name
            lines.append(hop.address.map { "  * \($0), via \(name)" } ?? "  * directly connected, \(name)")
        }
        return CommandResult(text: lines.joined(separator: "\n"), json: .array([json(route, device: device)]),
                             wantsJSON: wantsJSON)
    }

    static func textLines(_ route: Route, device: Device) -> [String] {
        let code = route.code.padded(to: 5)
        let lead = code + route.prefix.description
        let indent = String(repeating: " ", count: lead.count + 1)
        var lines = route.nextHops.enumerated().map { index, hop in
            let name = device.interfaces[hop.interface].name
            let body: String
            if route.source == .connected {
                body = "is directly connected, \(name)"
            } else if let gateway = hop.address {
                body = "[\(route.distance)/\(route.metric)] via \(gateway), \(name)"
            } else {
                body = "[\(route.distance)/\(route.metric)] is directly connected, \(name)"
            }
            return (index == 0 ? lead + " " : indent) + body
        }
        // A level-2 route an L1L2 router leaked into level 1 says who leaked it (ADR 0008).
        if route.source == .isis, let routers = device.isis?.leakingRouters(for: route.prefix) {
            lines.append("     (route leaked from L2 to L1 by ABR \(routers.joined(separator: ", ")))")
        }
        return lines
    }

    static func json(_ route: Route, device: Device) -> JSONValue {
        .object([
            "destination": .string(route.prefix.description),
            "source": .string(route.source.description),
            "path_type": .optional(route.pathType.name),
            "distance": .integer(route.distance),
            "metric": .integer(route.metric),
            "next_hops": .array(route.nextHops.map { hop in
                .object(["address": .optional(hop.address?.description),
                         "interface": .string(device.interfaces[hop.interface].name)])
            }),
        ])
    }

    /// How the route detail names a path type: "intra area", "external type 2".
    static func pathPhrase(_ type: RoutePathType) -> String? {
        switch type {
        case .none: nil
        case .intraArea: "intra area"
        case .interArea: "inter area"
        case .external1: "external type 1"
        case .external2: "external type 2"
        case .level1: "level-1"
        case .level2: "level-2"
        }
    }
}
