import NetSimRouting
import NetSimWire

/// Next-hop resolution, the decision process per prefix, route installation and locally
/// originated routes.
extension BGPInstance {
    var decisionProcess: BGPDecisionProcess {
        BGPDecisionProcess(options: configuration.bestPath, maximumPaths: max(1, configuration.maximumPaths),
                           maximumPathsIBGP: max(1, configuration.maximumPathsIBGP))
    }

    /// How a next hop is reached: the host's resolution, with directly connected next hops used
    /// as the gateway themselves.
    func resolveNextHop(_ nextHop: IPv4Address?) -> BGPNextHopResolution? {
        guard let nextHop, let resolution = host.bgpResolve(nextHop) else { return nil }
        guard resolution.connected else { return resolution }
        return BGPNextHopResolution(igpMetric: resolution.igpMetric,
                                    nextHops: resolution.nextHops.map { NextHop(address: nextHop, interface: $0.interface) },
                                    connected: true)
    }

    /// A resolution a path to `prefix` via `nextHop` may use. Not one through the BGP route of
    /// that very prefix, which would keep the route alive on its own; and none at all for a host
    /// route whose next hop is its own address ("prefix loops through itself" in bgpd's next-hop
    /// tracking), except on a path learned from a route-reflector client. That exception is what
    /// FRR 8.4 does, observed in the differential tests (a loopback announced by a client is
    /// valid at its reflector, the same route reflected on to another reflector is not, and so
    /// is the route from a non-client peer) rather than a rule an RFC states.
    func usable(_ resolution: BGPNextHopResolution?, for prefix: IPv4Prefix, nextHop: IPv4Address?,
                fromClient: Bool) -> BGPNextHopResolution? {
        if prefix.length == 32, prefix.network == nextHop, !fromClient { return nil }
        return resolution?.throughBGPRoute == prefix ? nil : resolution
    }

    /// Runs the decision process for `prefixes`, then updates the table version, the Adj-RIBs-Out
    /// (where the best path changed) and the routes to install wherever the outcome changed.
    func reselect(_ prefixes: some Sequence<IPv4Prefix>) {
        let process = decisionProcess
        var routesChanged = false
        for prefix in Set(prefixes).sorted() {
            let paths = locRIB[prefix] ?? []
            let previousBest = bestPaths[prefix]
            let outcome = process.select(paths)
            selection[prefix] = paths.isEmpty ? nil : outcome
            let best = outcome.best.map { paths[$0] }
            if best != previousBest { tableVersion += 1 }
            bestPaths[prefix] = best
            let route = route(for: prefix, paths: paths, outcome: outcome)
            if wantedRoutes[prefix] != route {
                wantedRoutes[prefix] = route
                uninstalledChanges.insert(prefix)
                routesChanged = true
            }
            // What a peer is sent depends on the best path alone (the policy and sessions
            // are fixed; a session that comes up or is refreshed gets the whole table), so an
            // unchanged best path leaves every Adj-RIB-Out as it is.
            guard best != previousBest else { continue }
            for address in peerOrder {
                let peer = peers[address]!
                if peer.session != nil { updateAdjRIBOut(prefix, for: peer) }
            }
        }
        if routesChanged { syncInstalledRoutes() }
    }

    /// The RIB route for a prefix: the best path and its multipath companions, unless local.
    func route(for prefix: IPv4Prefix, paths: [BGPPath], outcome: BGPDecisionProcess.Outcome) -> Route? {
        guard let best = outcome.best, !paths[best].source.isLocal else { return nil }
        let chosen = [best] + outcome.multipath
        let nextHops = Set(chosen.flatMap { paths[$0].resolution?.nextHops ?? [] }).sorted()
        guard !nextHops.isEmpty else { return nil }
        return Route(prefix: prefix, source: .bgp,
                     distance: paths[best].isInternal ? BGPDefaults.internalDistance : BGPDefaults.externalDistance,
                     metric: paths[best].attributes.multiExitDiscriminator ?? 0, nextHops: nextHops)
    }

    /// Hands the host the wanted routes (held back while a restarting speaker defers selection).
    /// Only the prefixes changed since the last installation are handed over, in prefix order.
    func syncInstalledRoutes() {
        guard !deferringSelection, !uninstalledChanges.isEmpty else { return }
        var previous: [Route] = [], routes: [Route] = []
        for prefix in uninstalledChanges.sorted() {
            let old = installed[prefix], new = wantedRoutes[prefix]
            guard old != new else { continue }
            if let old { previous.append(old) }
            if let new { routes.append(new) }
            installed[prefix] = new
        }
        uninstalledChanges = []
        guard !previous.isEmpty || !routes.isEmpty else { return }
        host.bgpInstallRoutes(routes, replacing: previous)
        host.bgpStateChanged()
    }

    /// Resolves every learned path's next hop again; prefixes whose resolution changed are re-selected.
    func reresolveNextHops() {
        var cache: [IPv4Address: BGPNextHopResolution?] = [:]
        var changed: [IPv4Prefix] = []
        for prefix in locRIB.keys.sorted() {
            var paths = locRIB[prefix]!
            var touched = false
            for index in paths.indices where !paths[index].source.isLocal {
                guard let nextHop = paths[index].attributes.nextHop else { continue }
                let resolution: BGPNextHopResolution?
                if let cached = cache[nextHop] {
                    resolution = cached
                } else {
                    resolution = resolveNextHop(nextHop)
                    cache[nextHop] = resolution
                }
                let usableResolution = usable(resolution, for: prefix, nextHop: nextHop,
                                              fromClient: paths[index].fromClient)
                if paths[index].resolution != usableResolution {
                    paths[index].resolution = usableResolution
                    touched = true
                }
            }
            if touched {
                locRIB[prefix] = paths
                changed.append(prefix)
            }
        }
        reselect(changed)
    }

    // MARK: Locally originated routes

    /// Networks present in the RIB (FRR's import check, a warning once per missing one; the
    /// route's metric as MED) and the redistributed sources' selected routes (origin incomplete,
    /// the route's metric as MED and its gateway as next hop), as local paths with weight 32768.
    func reconcileLocalRoutes() {
        var wanted: [IPv4Prefix: [BGPPathSource: BGPPathAttributes]] = [:]
        for network in configuration.networks {
            if let route = host.bgpRoute(exactly: network) {
                warnedMissingNetworks.remove(network)
                wanted[network, default: [:]][.network] = BGPPathAttributes(origin: .igp, nextHop: .zero,
                                                                            multiExitDiscriminator: route.metric)
            } else if warnedMissingNetworks.insert(network).inserted {
                log("BGP: network \(network) not announced: no route for exactly that prefix in the routing table")
            }
        }
        for source in configuration.redistribute where source != .bgp {
            for route in host.bgpSelectedRoutes(of: source) {
                // FRR keeps the route's gateway as the next hop (what iBGP peers without
                // next-hop-self are sent); a connected route has none.
                wanted[route.prefix, default: [:]][.redistributed(source)] =
                    BGPPathAttributes(origin: .incomplete, nextHop: route.nextHops.first?.address ?? .zero,
                                      multiExitDiscriminator: route.metric)
            }
        }
        var changed: Set<IPv4Prefix> = []
        for prefix in localPrefixes.union(wanted.keys).sorted() {
            var paths = locRIB[prefix] ?? []
            let before = paths
            let sources = wanted[prefix] ?? [:]
            paths.removeAll { $0.source.isLocal && sources[$0.source] == nil }
            for source in sources.keys.sorted() {
                let attributes = sources[source]!
                if let index = paths.firstIndex(where: { $0.source == source }) {
                    if paths[index].attributes != attributes { paths[index].attributes = attributes }
                } else {
                    paths.append(BGPPath(source: source, attributes: attributes, weight: BGPInstance.localWeight,
                                         peerRouterID: .zero, isInternal: false, fromClient: false,
                                         arrival: takeArrival(), resolution: nil))
                }
            }
            paths.sort { $0.source < $1.source }
            if paths != before {
                locRIB[prefix] = paths.isEmpty ? nil : paths
                changed.insert(prefix)
            }
        }
        localPrefixes = Set(wanted.keys)
        reselect(changed)
    }

    /// FRR's weight for locally originated routes.
    static let localWeight: UInt16 = 32768
}
