import NetSimEngine
import NetSimWire

/// BGP rules: only routers speak BGP; each neighbor is listed once, is not one of the router's
/// own addresses, and names a real interface as its update source; timers make sense; the
/// route maps neighbors use exist, and so do the lists those maps match on.
extension TopologyValidator {
    mutating func checkBGP() {
        let shared = spec.policies.map { PolicyNames($0) } ?? PolicyNames()
        if let policies = spec.policies { checkListReferences(policies, visible: shared) }
        for device in spec.devices where !gaps.devicesWithUnknownKind.contains(device.name) {
            guard device.kind == .router else {
                checkNoRoutingBlock("bgp", protocolName: "BGP", on: device)
                checkNoRoutingBlock("policies", protocolName: "BGP", on: device)
                continue
            }
            var visible = shared
            if let own = device.policies {
                checkDuplicateNames(own, of: device, shared: shared)
                visible.add(own)
                checkListReferences(own, visible: visible)
            }
            if let block = device.bgp { checkBGPRouter(block, of: device, policies: visible) }
        }
    }

    private mutating func checkBGPRouter(_ block: BGPRouterSpec, of device: DeviceSpec, policies: PolicyNames) {
        if let timers = block.timers { checkTimers(timers) }
        let ownAddresses = Set(device.interfaces.compactMap { $0.address?.address })
        var seen: [IPv4Address: BGPNeighborSpec] = [:]
        for neighbor in block.neighbors {
            if let timers = neighbor.timers { checkTimers(timers) }
            if let name = neighbor.importPolicy {
                checkRouteMap(name, key: "import", of: neighbor, policies: policies, export: false)
            }
            if let name = neighbor.exportPolicy {
                checkRouteMap(name, key: "export", of: neighbor, policies: policies, export: true)
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
                                        policies: PolicyNames, export: Bool) {
        let at = neighbor.valueLocations[key] ?? neighbor.location
        guard let map = policies.routeMaps[name] else {
            report("route map '\(name)' is not defined", at: at,
                   hint: SpellingSuggestion.hint(for: name, among: policies.routeMaps.keys.sorted())
                       ?? "define it under 'policies: route_maps:' at the top of the file or on this device")
            return
        }
        guard !export else { return }
        for entry in map.entries where entry.setNextHop == .selfAddress {
            report("route map '\(name)' sets 'next_hop: self', which only an export policy can do; it is used for "
                   + "import here", at: at, hint: "set an address instead, or use the map as 'export'")
        }
    }

    /// Every list a route map matches on must be visible where the map is defined.
    private mutating func checkListReferences(_ block: PolicyBlockSpec, visible: PolicyNames) {
        for map in block.routeMaps {
            for entry in map.entries {
                func check(_ name: String?, _ key: String, _ names: Set<String>, _ kind: String) {
                    guard let name, !names.contains(name) else { return }
                    report("\(kind) '\(name)' used by route map '\(map.name)' is not defined",
                           at: entry.valueLocations["match." + key] ?? entry.location,
                           hint: SpellingSuggestion.hint(for: name, among: names.sorted()))
                }
                check(entry.matchPrefixList, "prefix_list", visible.prefixLists, "prefix list")
                check(entry.matchCommunityList, "community_list", visible.communityLists, "community list")
                check(entry.matchASPathList, "as_path_list", visible.asPathLists, "as-path list")
            }
        }
    }

    /// A device may add policies to the top-level ones but not redefine a name.
    private mutating func checkDuplicateNames(_ own: PolicyBlockSpec, of device: DeviceSpec, shared: PolicyNames) {
        func check<Entry>(_ lists: [NamedPolicy<Entry>], _ names: Set<String>, _ kind: String) {
            var local: Set<String> = []
            for list in lists where names.contains(list.name) || !local.insert(list.name).inserted {
                report("\(kind) '\(list.name)' on '\(device.name)' is already defined", at: list.location,
                       hint: "a device's policies add to the top-level ones; give it another name")
            }
        }
        check(own.prefixLists, shared.prefixLists, "prefix list")
        check(own.communityLists, shared.communityLists, "community list")
        check(own.asPathLists, shared.asPathLists, "as-path list")
        check(own.routeMaps, Set(shared.routeMaps.keys), "route map")
    }
}

/// The policy names one router sees: the top-level block's and its own.
struct PolicyNames {
    var prefixLists: Set<String> = []
    var communityLists: Set<String> = []
    var asPathLists: Set<String> = []
    var routeMaps: [String: NamedPolicy<RouteMapEntrySpec>] = [:]

    init() {}

    init(_ block: PolicyBlockSpec) {
        add(block)
    }

    mutating func add(_ block: PolicyBlockSpec) {
        prefixLists.formUnion(block.prefixLists.map(\.name))
        communityLists.formUnion(block.communityLists.map(\.name))
        asPathLists.formUnion(block.asPathLists.map(\.name))
        for map in block.routeMaps where routeMaps[map.name] == nil { routeMaps[map.name] = map }
    }
}
