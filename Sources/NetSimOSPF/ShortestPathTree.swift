import NetSimRouting
import NetSimWire

/// The intra-area part of the OSPF routing calculation (RFC 2328 §16.1): Dijkstra over one
/// area's router- and network-LSAs from this router, with next hops per §16.1.1 and every
/// equal-cost path kept, then the stub networks of each reached router (stage 2).
///
/// While it runs, a vertex's set of next hops is a number into `NextHopSets` (one entry per
/// distinct set met in this run): vertices and routes carry two integers instead of a `Set`,
/// and merging equal-cost paths is a lookup. Only the results are turned into sets, equal sets
/// sharing one copy.
struct ShortestPathTree {
    enum Vertex: Hashable, Comparable {
        /// A network vertex (transit segment) by the Link State ID of its network-LSA.
        case network(IPv4Address)
        case router(IPv4Address)

        /// At equal cost networks come before routers (§16.1 step 3), then by ID.
        static func < (lhs: Vertex, rhs: Vertex) -> Bool {
            switch (lhs, rhs) {
            case let (.network(l), .network(r)), let (.router(l), .router(r)): l < r
            case (.network, .router): true
            case (.router, .network): false
            }
        }

        /// See `FastHash`: Dijkstra looks vertices up at every edge.
        func _rawHashValue(seed: Int) -> Int {
            switch self {
            case .network(let id): FastHash.mix(UInt64(id.value), 1, seed: seed)
            case .router(let id): FastHash.mix(UInt64(id.value), 2, seed: seed)
            }
        }
    }

    /// A path as the results give it: its cost and every next hop of the equal-cost paths.
    struct Reached {
        var distance: UInt32
        var nextHops: Set<NextHop>
    }

    /// A path while the tree is computed: its cost and its next-hop set's number.
    struct Label {
        var distance: UInt32
        var hops: NextHopSets.ID
    }

    /// What the tree needs to know about the calculating router's own interfaces in the area.
    struct LocalInterface {
        var index: Int
        var address: InterfaceAddress
        /// Neighbor interface addresses by router ID, for point-to-point next hops.
        var neighborAddresses: [IPv4Address: IPv4Address]
    }

    /// Every vertex reached, with its path.
    private(set) var reached: [Vertex: Label] = [:]
    /// Intra-area routes to networks: transit networks and stub links.
    private(set) var networkRoutes: [IPv4Prefix: Reached] = [:]
    /// Routers reached that are area border or AS boundary routers, with their router-LSA flags.
    private(set) var borderRouters: [IPv4Address: (path: Reached, isABR: Bool, isASBR: Bool)] = [:]

    private typealias NetworkLSAs = [IPv4Address: (advertisingRouter: IPv4Address, body: NetworkLSABody)]

    init(database: LinkStateDatabase, root: IPv4Address, interfaces: [LocalInterface], now: SimTime) {
        var routerLSAs: [IPv4Address: RouterLSABody] = [:]
        routerLSAs.reserveCapacity(database.entries.count)
        var networkLSAs: NetworkLSAs = [:]
        // Any order will do: each LSA lands in a map, and duplicates resolve by comparison.
        for (key, entry) in database.entries {
            guard entry.age(at: now) < LSAHeader.maxAge else { continue }
            switch entry.lsa.body {
            case .router(let body) where key.type == .router && key.linkStateID == key.advertisingRouter:
                routerLSAs[key.advertisingRouter] = body
            case .network(let body) where key.type == .network:
                // Link State IDs of network-LSAs are unique; on a stale duplicate keep the highest originator.
                if let existing = networkLSAs[key.linkStateID], existing.advertisingRouter > key.advertisingRouter { continue }
                networkLSAs[key.linkStateID] = (key.advertisingRouter, body)
            default:
                continue
            }
        }
        guard routerLSAs[root] != nil else { return }
        let localByAddress = Dictionary(interfaces.map { ($0.address.address, $0) }, uniquingKeysWith: { first, _ in first })

        var sets = NextHopSets()
        var candidates = MinHeap<Candidate>()
        var tentative: [Vertex: Label] = [:]
        /// The vertices in the order they were reached (stage 2 visits them so; any order would do).
        var order: [Vertex] = [.router(root)]
        var reached: [Vertex: Label] = [:]
        reached.reserveCapacity(routerLSAs.count + networkLSAs.count)
        reached[.router(root)] = Label(distance: 0, hops: NextHopSets.empty)
        var current: Vertex = .router(root)

        while true {
            let here = reached[current]!
            // §16.1 step 2: each vertex adjacent to `current` that links back to it, with the link
            // cost and the next hops a path through `current` would use.
            func relax(_ neighbor: Vertex, _ cost: UInt32, _ hops: NextHopSets.ID) {
                guard reached[neighbor] == nil, hops != NextHopSets.empty else { return }
                let distance = here.distance + cost
                if let existing = tentative[neighbor] {
                    if distance > existing.distance { return }
                    if distance == existing.distance {
                        tentative[neighbor]!.hops = sets.union(existing.hops, hops)
                        return
                    }
                }
                tentative[neighbor] = Label(distance: distance, hops: hops)
                candidates.insert(Candidate(distance: distance, vertex: neighbor))
            }
            switch current {
            case .router(let id):
                guard let lsa = routerLSAs[id] else { break }
                for link in lsa.links {
                    switch link.kind {
                    case .pointToPoint:
                        guard let far = routerLSAs[link.linkID],
                              far.links.contains(where: { $0.kind == .pointToPoint && $0.linkID == id }) else { continue }
                        var hops = here.hops
                        if id == root {
                            // Directly attached router: out of the interface this link describes, to the
                            // neighbor's address on it.
                            guard let interface = localByAddress[link.linkData],
                                  let address = interface.neighborAddresses[link.linkID] else { continue }
                            hops = sets.id(of: [NextHop(address: address, interface: interface.index)])
                        }
                        relax(.router(link.linkID), UInt32(link.metric), hops)
                    case .transit:
                        guard let network = networkLSAs[link.linkID],
                              network.body.attachedRouters.contains(id) else { continue }
                        var hops = here.hops
                        if id == root {
                            guard let interface = localByAddress[link.linkData] else { continue }
                            hops = sets.id(of: [NextHop(address: nil, interface: interface.index)])
                        }
                        relax(.network(link.linkID), UInt32(link.metric), hops)
                    case .stub, .virtual:
                        continue
                    }
                }
            case .network(let id):
                guard let network = networkLSAs[id] else { break }
                for router in network.body.attachedRouters {
                    guard let far = routerLSAs[router],
                          let back = far.links.first(where: { $0.kind == .transit && $0.linkID == id }) else { continue }
                    // Through a network attached to the root, the next hop is the router's own
                    // address on that network (its link data); further away, inherit. When the
                    // network is both attached and reached at equal cost through other routers,
                    // only the direct next hops are kept, as FRR's ospfd does (ADR 0005).
                    let inherited = sets[here.hops]
                    let direct = inherited.filter { $0.address == nil }
                    let hops = direct.isEmpty
                        ? here.hops
                        : sets.id(of: direct.map { NextHop(address: back.linkData, interface: $0.interface) })
                    relax(.router(router), 0, hops)
                }
            }
            // Take the closest candidate still tentative (stale heap entries are skipped).
            var next: Vertex?
            while let candidate = candidates.popMin() {
                if let entry = tentative[candidate.vertex], entry.distance == candidate.distance {
                    next = candidate.vertex
                    break
                }
            }
            guard let next else { break }
            reached[next] = tentative.removeValue(forKey: next)
            order.append(next)
            current = next
        }
        self.reached = reached
        let routes = ShortestPathTree.networkRouteLabels(order: order, reached: reached, root: root,
                                                         routerLSAs: routerLSAs, networkLSAs: networkLSAs,
                                                         local: interfaces, sets: &sets)
        networkRoutes = routes.mapValues { Reached(distance: $0.distance, nextHops: sets.set($0.hops)) }
        for vertex in order {
            guard case .router(let id) = vertex, id != root, let lsa = routerLSAs[id],
                  lsa.isAreaBorderRouter || lsa.isASBoundaryRouter else { continue }
            let label = reached[vertex]!
            borderRouters[id] = (Reached(distance: label.distance, nextHops: sets.set(label.hops)),
                                 lsa.isAreaBorderRouter, lsa.isASBoundaryRouter)
        }
    }

    private struct Candidate: Comparable {
        var distance: UInt32
        var vertex: Vertex
        static func < (lhs: Candidate, rhs: Candidate) -> Bool {
            (lhs.distance, lhs.vertex) < (rhs.distance, rhs.vertex)
        }
    }

    /// Routes to transit networks and to every stub link of every reached router (§16.1 stage 2):
    /// per prefix the cheapest, with the next hops of every path at that cost (so the order in
    /// which vertices are visited does not matter).
    private static func networkRouteLabels(order: [Vertex], reached: [Vertex: Label], root: IPv4Address,
                                           routerLSAs: [IPv4Address: RouterLSABody], networkLSAs: NetworkLSAs,
                                           local: [LocalInterface], sets: inout NextHopSets) -> [IPv4Prefix: Label] {
        var routes: [IPv4Prefix: Label] = [:]
        func consider(_ prefix: IPv4Prefix, _ path: Label) {
            guard path.hops != NextHopSets.empty || path.distance == 0 else { return }
            if let existing = routes[prefix] {
                if path.distance > existing.distance { return }
                if path.distance == existing.distance {
                    routes[prefix]!.hops = sets.union(existing.hops, path.hops)
                    return
                }
            }
            routes[prefix] = path
        }
        for vertex in order {
            let path = reached[vertex]!
            switch vertex {
            case .network(let id):
                guard let network = networkLSAs[id] else { continue }
                consider(IPv4Prefix(masking: id, mask: network.body.networkMask), path)
            case .router(let id):
                guard let lsa = routerLSAs[id] else { continue }
                for link in lsa.links where link.kind == .stub {
                    let prefix = IPv4Prefix(masking: link.linkID, mask: link.linkData)
                    var hops = path.hops
                    if id == root {
                        // A loopback's host route names the interface's address, not its prefix.
                        guard let interface = local.first(where: {
                            $0.address.prefix == prefix || (prefix.length == 32 && $0.address.address == link.linkID)
                        }) else { continue }
                        hops = sets.id(of: [NextHop(address: nil, interface: interface.index)])
                    }
                    consider(prefix, Label(distance: path.distance + UInt32(link.metric), hops: hops))
                }
            }
        }
        return routes
    }
}
