import NetSimBGP
import NetSimEngine
import NetSimRouting
import NetSimWire

/// How the `bgp` and `policies` blocks of a topology become each router's `BGPConfiguration`:
/// the defaults of `BGPDefaults` (FRR's) where a key is left out, the router-wide timers under
/// each neighbor's own, and the policy set the router sees (the top-level block merged with its
/// own, checked by `BGPPolicySet`).
extension TopologySpec {
    /// The configuration of every BGP router, by device name. Call on a validated spec: a router
    /// whose policies do not check out is left out (the validator reported it).
    func bgpConfigurations() -> [String: BGPConfiguration] {
        var configurations: [String: BGPConfiguration] = [:]
        for device in devices where device.runsBGP {
            guard let block = device.bgp, let autonomousSystem = block.autonomousSystem,
                  let routerID = block.routerID ?? device.protocolRouterID,
                  let policies = try? bgpPolicySet(for: device) else { continue }
            let timers = block.timers.map { $0.settings(over: BGPTimerSettings()) } ?? BGPTimerSettings()
            let neighbors = block.neighbors.compactMap { neighbor -> BGPNeighborConfiguration? in
                guard let address = neighbor.address, let remoteAS = neighbor.remoteAS else { return nil }
                return BGPNeighborConfiguration(
                    address: address, remoteAS: remoteAS, description: neighbor.description,
                    updateSource: neighbor.updateSource, nextHopSelf: neighbor.nextHopSelf ?? false,
                    routeReflectorClient: neighbor.routeReflectorClient ?? false,
                    sendCommunity: neighbor.sendCommunity ?? true, password: neighbor.password,
                    ebgpMultihop: neighbor.ebgpMultihop ?? 1, timers: neighbor.timers.map { $0.settings(over: timers) },
                    advertisementInterval: neighbor.advertisementInterval ?? 0, weight: neighbor.weight ?? 0,
                    importPolicy: neighbor.importPolicy, exportPolicy: neighbor.exportPolicy,
                    shutdown: neighbor.shutdown ?? false)
            }
            var bestPath = BGPBestPathOptions()
            bestPath.compareRouterID = block.bestPath.compareRouterID
            bestPath.alwaysCompareMED = block.bestPath.alwaysCompareMED
            bestPath.medMissingAsWorst = block.bestPath.missingMEDAsWorst
            bestPath.asPathMultipathRelax = block.bestPath.multipathRelax
            var configuration = BGPConfiguration(
                autonomousSystem: autonomousSystem, routerID: routerID, networks: block.networks,
                redistribute: block.redistribute.map(\.routeSource), clusterID: block.clusterID,
                maximumPaths: block.maximumPaths ?? 1, maximumPathsIBGP: block.maximumPathsIBGP ?? 1,
                bestPath: bestPath, gracefulRestart: block.gracefulRestart ?? false, timers: timers,
                neighbors: neighbors)
            configuration.policies = policies
            configurations[device.name] = configuration
        }
        return configurations
    }

    /// The policies one router sees: the top-level block merged with the device's own.
    func bgpPolicySet(for device: DeviceSpec) throws(BGPPolicyError) -> BGPPolicySet {
        let shared = try policies?.definitions() ?? BGPPolicyDefinitions()
        let own = try device.policies?.definitions() ?? BGPPolicyDefinitions()
        return try BGPPolicySet(shared: shared, device: own)
    }

    /// Where a policy problem was written: the field when it was recorded, else the entry, else
    /// the policy's name, looked up first in the device's block and then in the top-level one.
    func location(of problem: BGPPolicyProblem, device: DeviceSpec?) -> SourceLocation {
        for block in [device?.policies, policies].compactMap({ $0 }) {
            if let location = block.location(of: problem) { return location }
        }
        return device?.policies?.location ?? policies?.location ?? location
    }
}

extension DeviceSpec {
    /// A router runs BGP when it has a device-level `bgp` block.
    var runsBGP: Bool { kind == .router && bgp != nil }
}

extension BGPTimersSpec {
    /// These timers, the keys left out taken from `defaults`.
    func settings(over defaults: BGPTimerSettings) -> BGPTimerSettings {
        BGPTimerSettings(keepalive: keepalive ?? defaults.keepalive, hold: hold ?? defaults.hold,
                         connectRetry: connectRetry ?? defaults.connectRetry)
    }
}

extension BGPRedistributionSource {
    var routeSource: RouteSource {
        switch self {
        case .connected: .connected
        case .static: .static
        case .ospf: .ospf
        case .isis: .isis
        }
    }
}

extension PolicyBlockSpec {
    /// The block as the BGP machine's policy values; every problem of every list at once.
    func definitions() throws(BGPPolicyError) -> BGPPolicyDefinitions {
        var problems: [BGPPolicyProblem] = []
        func build<Spec, Value>(_ lists: [NamedPolicy<Spec>],
                                _ make: (NamedPolicy<Spec>) throws(BGPPolicyError) -> Value) -> [Value] {
            lists.compactMap { list in
                do throws(BGPPolicyError) {
                    return try make(list)
                } catch {
                    problems += error.problems
                    return nil
                }
            }
        }
        let definitions = BGPPolicyDefinitions(
            prefixLists: build(prefixLists) { list throws(BGPPolicyError) in
                try BGPPrefixList(name: list.name, entries: list.entries.map {
                    BGPPrefixList.Entry(action: $0.action.model, prefix: $0.prefix, ge: $0.ge, le: $0.le)
                })
            },
            communityLists: build(communityLists) { list throws(BGPPolicyError) in
                try BGPCommunityList(name: list.name, entries: list.entries.map {
                    BGPCommunityList.Entry(action: $0.action.model, communities: $0.communities)
                })
            },
            asPathLists: build(asPathLists) { list throws(BGPPolicyError) in
                try BGPASPathList(name: list.name, entries: list.entries.map {
                    BGPASPathList.Entry(action: $0.action.model, regex: $0.regex)
                })
            },
            routeMaps: build(routeMaps) { list throws(BGPPolicyError) in
                try BGPRouteMap(name: list.name, entries: list.entries.map(\.model))
            })
        if !problems.isEmpty { throw BGPPolicyError(problems) }
        return definitions
    }

    /// Where `problem` points inside this block, nil when the named policy is not here.
    func location(of problem: BGPPolicyProblem) -> SourceLocation? {
        func find<Entry>(_ lists: [NamedPolicy<Entry>], entryLocation: (Entry) -> SourceLocation,
                         fieldLocation: (Entry, String) -> SourceLocation?) -> SourceLocation? {
            guard let list = lists.first(where: { $0.name == problem.name }) else { return nil }
            guard let index = problem.entry, list.entries.indices.contains(index) else { return list.location }
            let entry = list.entries[index]
            return problem.field.flatMap { fieldLocation(entry, $0) } ?? entryLocation(entry)
        }
        switch problem.kind {
        case .prefixList: return find(prefixLists, entryLocation: \.location) { _, _ in nil }
        case .communityList: return find(communityLists, entryLocation: \.location) { _, _ in nil }
        case .asPathList: return find(asPathLists, entryLocation: \.location) { _, _ in nil }
        case .routeMap: return find(routeMaps, entryLocation: \.location) { entry, field in entry.valueLocations[field] }
        }
    }
}

extension PolicyAction {
    var model: BGPPolicyAction {
        switch self {
        case .permit: .permit
        case .deny: .deny
        }
    }
}

extension RouteMapEntrySpec {
    var model: BGPRouteMap.Entry {
        let match = BGPRouteMapMatch(prefixList: matchPrefixList, communityList: matchCommunityList,
                                     asPathList: matchASPathList)
        let removal: BGPCommunityRemoval? = switch communityRemove {
        case .all: .all
        case .listed(let communities): .communities(communities)
        case nil: nil
        }
        let nextHop: BGPNextHopSetting? = switch setNextHop {
        case .address(let address): .address(address)
        case .selfAddress: .peerSelf
        case nil: nil
        }
        let set = BGPRouteMapSet(
            localPreference: setLocalPreference, med: setMED, weight: setWeight.map(UInt32.init), origin: setOrigin,
            communityAdd: communityAdd.isEmpty ? nil : communityAdd, communityRemove: removal,
            largeCommunityAdd: largeCommunityAdd.isEmpty ? nil : largeCommunityAdd,
            asPathPrepend: asPathPrepend.isEmpty ? nil : asPathPrepend, nextHop: nextHop)
        return BGPRouteMap.Entry(action: action.model, match: match, set: set)
    }
}
