import NetSimRouting
import NetSimWire

/// Route calculation: SPF per level (`ISISShortestPathTree`), the routes each level yields,
/// the ATT-bit default route of level-1-only routers (toward the nearest attached L1L2 routers,
/// ISO 10589 §7.2.9.2) and the choice between levels (RFC 5302 §3.3: level-1 routes first, then
/// level 2, then level-1 routes that came down from level 2). Runs are scheduled `spfDelay`
/// after a change and at least `spfInterval` apart.
extension ISISInstance {
    func scheduleSPF() {
        guard started, !isArmed(.spf) else { return }
        let now = host.now
        var at = now + configuration.timers.spfDelay
        if let last = lastSPFAt { at = max(at, last + configuration.timers.spfInterval) }
        arm(.spf, at: at)
    }

    func runSPF() {
        let now = host.now
        lastSPFAt = now
        spfRuns += 1
        var routesByLevel: [ISISLevel: [IPv4Prefix: ISISRoute]] = [:]
        var results: [ISISLevel: [ISISSPFNode]] = [:]
        var otherAreas = false
        var defaultRoute: ISISRoute?
        let connected = Set(circuits.filter(\.isUp).map(\.address.prefix))
        for level in levels {
            let tree = ISISShortestPathTree(database: databases[level] ?? ISISLinkStateDatabase(), root: systemID,
                                            links: rootLinks(level), now: now)
            results[level] = tree.reached.map { vertex in
                ISISSPFNode(node: vertex.node, level: level, metric: vertex.distance, nextHops: vertex.nextHops,
                            parents: vertex.parents)
            }
            var routes: [IPv4Prefix: ISISRoute] = [:]
            for vertex in tree.reached where !vertex.node.isPseudonode && !vertex.nextHops.isEmpty {
                for (prefix, metric, down) in tree.prefixes(of: vertex.node) where !connected.contains(prefix) {
                    let cost = UInt32(clamping: vertex.distance + UInt64(metric))
                    let candidate = ISISRoute(prefix: prefix, level: level, metric: cost, nextHops: vertex.nextHops,
                                              down: down, origins: [vertex.node.systemID])
                    guard let current = routes[prefix] else {
                        routes[prefix] = candidate
                        continue
                    }
                    // Up routes before down ones, then the lower metric; ties add next hops (ECMP).
                    if (!candidate.down && current.down)
                        || (candidate.down == current.down && candidate.metric < current.metric) {
                        routes[prefix] = candidate
                    } else if candidate.down == current.down && candidate.metric == current.metric {
                        routes[prefix]!.nextHops = Array(Set(current.nextHops + candidate.nextHops)).sorted()
                        routes[prefix]!.origins = Array(Set(current.origins + candidate.origins)).sorted()
                    }
                }
            }
            routesByLevel[level] = routes
            let routers = tree.reached.filter { !$0.node.isPseudonode }
            if level == .level2 {
                otherAreas = routers.contains { vertex in
                    let areas = tree.header(of: vertex.node)?.tlvs.flatMap { tlv -> [ISISAreaAddress] in
                        if case .areaAddresses(let areas) = tlv { return areas }
                        return []
                    } ?? []
                    return !areas.isEmpty && Set(areas).isDisjoint(with: configuration.areas)
                }
            }
            if level == .level1 && configuration.level == .level1 {
                let attached = routers.filter { tree.header(of: $0.node)?.attached == true && !$0.nextHops.isEmpty }
                if let nearest = attached.map(\.distance).min() {
                    let closest = attached.filter { $0.distance == nearest }
                    defaultRoute = ISISRoute(prefix: .defaultRoute, level: .level1, metric: UInt32(clamping: nearest),
                                             nextHops: Array(Set(closest.flatMap(\.nextHops))).sorted(), down: false,
                                             origins: closest.map(\.node.systemID).sorted())
                }
            }
        }
        if let defaultRoute, routesByLevel[.level1]?[.defaultRoute] == nil {
            routesByLevel[.level1]![.defaultRoute] = defaultRoute
        }
        let routes = selectRoutes(routesByLevel)
        let changed = routes != installedRoutes
        let levelRoutesChanged = routesByLevel != levelRoutes
        levelRoutes = routesByLevel
        spfResults = results
        // Unchanged routes need no installing.
        if changed { host.isisInstallRoutes(routes, replacing: installedRoutes) }
        installedRoutes = routes
        let levelNames = levels.map(\.description).joined(separator: ", ")
        log("IS-IS SPF run \(spfRuns) (\(levelNames)): \(routes.count) routes" + (changed ? ", changed" : ", unchanged"))
        if changed { host.isisStateChanged() }
        let attachmentChanged = otherAreas != reachesOtherAreas
        reachesOtherAreas = otherAreas
        if attachmentChanged || (levelRoutesChanged && configuration.level == .level1And2) { requestOrigination() }
    }

    /// The root's first hops at a level, from its Up adjacencies.
    private func rootLinks(_ level: ISISLevel) -> [ISISShortestPathTree.RootLink] {
        var links: [ISISShortestPathTree.RootLink] = []
        for circuit in circuits where circuit.sendsHellos && circuit.levels.contains(level) {
            let up = circuit.upAdjacencies(level)
            let prefix = circuit.address.prefix
            func hop(_ adjacency: ISISAdjacency) -> NextHop? {
                adjacency.address(on: prefix).map { NextHop(address: $0, interface: circuit.index) }
            }
            if circuit.isPointToPoint {
                for adjacency in up {
                    guard let next = hop(adjacency) else { continue }
                    links.append(.init(kind: .neighbor(adjacency.systemID, next), metric: circuit.configuration.metric))
                }
            } else if let lanID = circuit.designatedIS[level] {
                var members: [ISISSystemID: NextHop] = [:]
                for adjacency in up { members[adjacency.systemID] = hop(adjacency) }
                links.append(.init(kind: .pseudonode(lanID, members), metric: circuit.configuration.metric))
            }
        }
        return links
    }

    /// One route per prefix across levels, in prefix order.
    private func selectRoutes(_ routesByLevel: [ISISLevel: [IPv4Prefix: ISISRoute]]) -> [Route] {
        let level1 = routesByLevel[.level1] ?? [:], level2 = routesByLevel[.level2] ?? [:]
        var chosen: [ISISRoute] = []
        for prefix in Set(level1.keys).union(level2.keys).sorted() {
            if let route = level1[prefix], !route.down {
                chosen.append(route)
            } else if let route = level2[prefix] {
                chosen.append(route)
            } else if let route = level1[prefix] {
                chosen.append(route)
            }
        }
        return chosen.map { route in
            // A route leaked down from level 2 shows as a level-2 route (ADR 0008).
            let pathType: RoutePathType = route.level == .level2 || route.down ? .level2 : .level1
            return Route(prefix: route.prefix, source: .isis, metric: route.metric, pathType: pathType,
                         nextHops: route.nextHops)
        }
    }

    /// The L1L2 routers that leaked a route into level 1 (with the down bit), for `show ip route`;
    /// nil unless the installed route is such a leak.
    public func leakingRouters(for prefix: IPv4Prefix) -> [String]? {
        guard let route = levelRoutes[.level1]?[prefix], route.down,
              levelRoutes[.level2]?[prefix] == nil else { return nil }
        return route.origins.map(displayName)
    }
}

/// A vertex of a level's shortest-path tree as `show isis spf` lists it.
public struct ISISSPFNode: Sendable, Equatable {
    public var node: ISISNodeID
    public var level: ISISLevel
    public var metric: UInt64
    public var nextHops: [NextHop]
    public var parents: [ISISNodeID]
}
