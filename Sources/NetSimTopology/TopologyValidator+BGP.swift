import NetSimBGP
import NetSimEngine
import NetSimWire

/// BGP rules: only routers speak BGP; each neighbor is listed once, is not one of the router's
/// own addresses, and names a real interface as its update source; timers make sense; the
/// route maps neighbors use exist; the policies a router sees check out (`BGPPolicySet`).
extension TopologyValidator {
    mutating func checkBGP() {
        if spec.policies != nil { checkPolicies(of: nil) }
        for device in spec.devices where !gaps.devicesWithUnknownKind.contains(device.name) {
            guard device.kind == .router else {
                checkNoRoutingBlock("bgp", protocolName: "BGP", on: device)
                checkNoRoutingBlock("policies", protocolName: "BGP", on: device)
                continue
            }
            if device.policies != nil { checkPolicies(of: device) }
            // The route maps this router sees: its own, then the top-level ones.
            let routeMaps = Dictionary(((device.policies?.routeMaps ?? []) + (spec.policies?.routeMaps ?? []))
                .map { ($0.name, $0) }, uniquingKeysWith: { own, _ in own })
            if let block = device.bgp { checkBGPRouter(block, of: device, routeMaps: routeMaps) }
        }
    }

    private mutating func checkBGPRouter(_ block: BGPRouterSpec, of device: DeviceSpec,
                                         routeMaps: [String: NamedPolicy<RouteMapEntrySpec>]) {
        if let timers = block.timers { checkTimers(timers) }
        let ownAddresses = Set(device.interfaces.compactMap { $0.address?.address })
        var seen: [IPv4Address: BGPNeighborSpec] = [:]
        for neighbor in block.neighbors {
            if let timers = neighbor.timers { checkTimers(timers) }
            if let name = neighbor.importPolicy {
                checkRouteMap(name, key: "import", of: neighbor, routeMaps: routeMaps, export: false)
            }
            if let name = neighbor.exportPolicy {
                checkRouteMap(name, key: "export", of: neighbor, routeMaps: routeMaps, export: true)
            }
            if let source = neighbor.updateSource {
                checkUpdateSource(source, of: neighbor, on: device)
            }
            guard let address = neighbor.address else { continue }
            let at = neighbor.valueLocations["ip"] ?? neighbor.location
            if ownAddresses.contains(address) {
                report("BGP neighbor \(address) of '\(device.name)' is one of its own addresses", at: at,
                       hint: "a neighbor is the address of the peer router")
            } else if seen[address] != nil {
                report("BGP neighbor \(address) is listed twice on '\(device.name)'", at: at,
                       hint: "list each neighbor once")
            } else {
                seen[address] = neighbor
            }
        }
    }

    private mutating func checkTimers(_ timers: BGPTimersSpec) {
        guard let keepalive = timers.keepalive, let hold = timers.hold, hold != 0, keepalive >= hold else { return }
        report("keepalive \(keepalive) must be shorter than the hold time \(hold)",
               at: timers.valueLocations["keepalive"] ?? timers.location,
               hint: "the usual keepalive is a third of the hold time")
    }

    private mutating func checkUpdateSource(_ name: String, of neighbor: BGPNeighborSpec, on device: DeviceSpec) {
        let at = neighbor.valueLocations["update_source"] ?? neighbor.location
        guard let interface = device.interfaces.first(where: { $0.name == name }) else {
            let names = device.interfaces.map(\.name)
            report("update_source '\(name)' is not an interface of '\(device.name)'", at: at,
                   hint: SpellingSuggestion.hint(for: name, among: names)
                       ?? "name one of its interfaces: \(names.joined(separator: ", "))")
            return
        }
        if interface.address == nil, interface.valueLocations["ip"] == nil {
            report("update_source '\(name)' has no address for the session to use", at: at,
                   hint: "give '\(interface.endpoint(of: device))' an 'ip', usually a loopback's")
        }
    }

    private mutating func checkRouteMap(_ name: String, key: String, of neighbor: BGPNeighborSpec,
                                        routeMaps: [String: NamedPolicy<RouteMapEntrySpec>], export: Bool) {
        let at = neighbor.valueLocations[key] ?? neighbor.location
        guard let map = routeMaps[name] else {
            report("route map '\(name)' is not defined", at: at,
                   hint: SpellingSuggestion.hint(for: name, among: routeMaps.keys.sorted())
                       ?? "define it under 'policies: route_maps:' at the top of the file or on this device")
            return
        }
        guard !export else { return }
        for entry in map.entries where entry.setNextHop == .selfAddress {
            report("route map '\(name)' sets 'next_hop: self', which only an export policy can do; it is used for "
                   + "import here", at: at, hint: "set an address instead, or use the map as 'export'")
        }
    }

    /// The policies a router sees must check out as a whole (`BGPPolicySet`): lists defined
    /// once, the lists route maps match on defined, regular expressions that compile, usable
    /// next hops. Each problem is reported where it was written.
    private mutating func checkPolicies(of device: DeviceSpec?) {
        guard !gaps.policiesIncomplete else { return }
        do {
            if let device {
                _ = try spec.bgpPolicySet(for: device)
            } else {
                _ = try BGPPolicySet(shared: spec.policies?.definitions() ?? BGPPolicyDefinitions())
            }
        } catch {
            for problem in error.problems {
                report(Self.describe(problem), at: spec.location(of: problem, device: device))
            }
        }
    }

    /// "route map 'M' entry 2, match.prefix_list: prefix list 'X' is not defined".
    static func describe(_ problem: BGPPolicyProblem) -> String {
        let kind = switch problem.kind {
        case .prefixList: "prefix list"
        case .communityList: "community list"
        case .asPathList: "as-path list"
        case .routeMap: "route map"
        }
        var place = "\(kind) '\(problem.name)'"
        if let entry = problem.entry { place += " entry \(entry + 1)" }
        if let field = problem.field { place += ", \(field)" }
        return "\(place): \(problem.message)"
    }
}
