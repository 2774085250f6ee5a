import NetSimRouting
import NetSimWire

/// The intra-area part of the OSPF routing calculation (RFC 2328 §16.1): Dijkstra over one
/// area's router- and network-LSAs from this router, with next hops per §16.1.1 and every
/// equal-cost path kept, then the stub networks of each reached router (stage 2).
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

    struct Reached {
        var distance: UInt32
        var nextHops: Set<NextHop>
    }

    /// What the tree needs to know about the calculating router's own interfaces in the area.
    struct LocalInterface {
        var index: Int
        var address: InterfaceAddress
        /// Neighbor interface addresses by router ID, for point-to-point next hops.
        var neighborAddresses: [IPv4Address: IPv4Address]
    }

    private(set) var reached: [Vertex: Reached] = [:]
    /// Intra-area routes to networks: transit networks and stub links.
    private(set) var networkRoutes: [IPv4Prefix: Reached] = [:]
    /// Routers reached that are area border or AS boundary routers, with their router-LSA flags.
    private(set) var borderRouters: [IPv4Address: (path: Reached, isABR: Bool, isASBR: Bool)] = [:]

    init(database: LinkStateDatabase, root: IPv4Address, interfaces: [LocalInterface], now: SimTime) {
        var routerLSAs: [IPv4Address: RouterLSABody] = [:]
        var networkLSAs: [IPv4Address: (advertisingRouter: IPv4Address, body: NetworkLSABody)] = [:]
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
        guard let rootLSA = routerLSAs[root] else { return }
        let localByAddress = Dictionary(interfaces.map { ($0.address.address, $0) }, uniquingKeysWith: { first, _ in first })

        var candidates = MinHeap<Candidate>()
        var tentative: [Vertex: Reached] = [:]
        reached[.router(root)] = Reached(distance: 0, nextHops: [])
        var current: Vertex = .router(root)

        while true {
            let here = reached[current]!
            for (neighbor, cost, hops) in edges(from: current, here: here, root: root, rootLSA: rootLSA,
                                                routerLSAs: routerLSAs, networkLSAs: networkLSAs,
                                                local: localByAddress) {
                guard reached[neighbor] == nil, !hops.isEmpty else { continue }
                let distance = here.distance + cost
                if var existing = tentative[neighbor] {
                    if distance > existing.distance { continue }
                    if distance == existing.distance {
                        existing.nextHops.formUnion(hops)
                        tentative[neighbor] = existing
                        continue
                    }
                }
                tentative[neighbor] = Reached(distance: distance, nextHops: hops)
                candidates.insert(Candidate(distance: distance, vertex: neighbor))
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
            current = next
        }
        addNetworkRoutes(root: root, routerLSAs: routerLSAs, networkLSAs: networkLSAs, local: interfaces)
    }

    private struct Candidate: Comparable {
        var distance: UInt32
        var vertex: Vertex
        static func < (lhs: Candidate, rhs: Candidate) -> Bool {
            (lhs.distance, lhs.vertex) < (rhs.distance, rhs.vertex)
        }
    }

    /// The vertices adjacent to `vertex` that link back to it (§16.1 step 2b), with the link
    /// cost and the next hops a path through it would use.
    private func edges(from vertex: Vertex, here: Reached, root: IPv4Address, rootLSA: RouterLSABody,
                       routerLSAs: [IPv4Address: RouterLSABody],
                       networkLSAs: [IPv4Address: (advertisingRouter: IPv4Address, body: NetworkLSABody)],
                       local: [IPv4Address: LocalInterface]) -> [(Vertex, UInt32, Set<NextHop>)] {
        var result: [(Vertex, UInt32, Set<NextHop>)] = []
        switch vertex {
        case .router(let id):
            guard let lsa = routerLSAs[id] else { return [] }
            for link in lsa.links {
                switch link.kind {
                case .pointToPoint:
                    guard let far = routerLSAs[link.linkID],
                          far.links.contains(where: { $0.kind == .pointToPoint && $0.linkID == id }) else { continue }
                    var hops = here.nextHops
                    if id == root {
                        // Directly attached router: out of the interface this link describes, to the
                        // neighbor's address on it.
                        guard let interface = local[link.linkData],
                              let address = interface.neighborAddresses[link.linkID] else { continue }
                        hops = [NextHop(address: address, interface: interface.index)]
                    }
                    result.append((.router(link.linkID), UInt32(link.metric), hops))
                case .transit:
                    guard let network = networkLSAs[link.linkID],
                          network.body.attachedRouters.contains(id) else { continue }
                    var hops = here.nextHops
                    if id == root {
                        guard let interface = local[link.linkData] else { continue }
                        hops = [NextHop(address: nil, interface: interface.index)]
                    }
                    result.append((.network(link.linkID), UInt32(link.metric), hops))
                case .stub, .virtual:
                    continue
                }
            }
        case .network(let id):
            guard let network = networkLSAs[id] else { return [] }
            for router in network.body.attachedRouters {
                guard let far = routerLSAs[router],
                      let back = far.links.first(where: { $0.kind == .transit && $0.linkID == id }) else { continue }
                // Through a network attached to the root, the next hop is the router's own
                // address on that network (its link data); further away, inherit. When the
                // network is both attached and reached at equal cost through other routers,
                // only the direct next hops are kept, as FRR's ospfd does (ADR 0005).
                let direct = here.nextHops.filter { $0.address == nil }
                let hops = direct.isEmpty
                    ? here.nextHops
                    : Set(direct.map { NextHop(address: back.linkData, interface: $0.interface) })
                result.append((.router(router), 0, hops))
            }
        }
        return result
    }

    /// Routes to transit networks and to every stub link of every reached router (§16.1 stage 2).
    private mutating func addNetworkRoutes(root: IPv4Address, routerLSAs: [IPv4Address: RouterLSABody],
                                           networkLSAs: [IPv4Address: (advertisingRouter: IPv4Address, body: NetworkLSABody)],
                                           local: [LocalInterface]) {
        for (vertex, path) in reached.sorted(by: { $0.key < $1.key }) {
            switch vertex {
            case .network(let id):
                guard let network = networkLSAs[id] else { continue }
                consider(IPv4Prefix(masking: id, mask: network.body.networkMask), path)
            case .router(let id):
                guard let lsa = routerLSAs[id] else { continue }
                if id != root, lsa.isAreaBorderRouter || lsa.isASBoundaryRouter {
                    borderRouters[id] = (path, lsa.isAreaBorderRouter, lsa.isASBoundaryRouter)
                }
                for link in lsa.links where link.kind == .stub {
                    let prefix = IPv4Prefix(masking: link.linkID, mask: link.linkData)
                    var hops = path.nextHops
                    if id == root {
                        // A loopback's host route names the interface's address, not its prefix.
                        guard let interface = local.first(where: {
                            $0.address.prefix == prefix || (prefix.length == 32 && $0.address.address == link.linkID)
                        }) else { continue }
                        hops = [NextHop(address: nil, interface: interface.index)]
                    }
                    consider(prefix, Reached(distance: path.distance + UInt32(link.metric), nextHops: hops))
                }
            }
        }
    }

    private mutating func consider(_ prefix: IPv4Prefix, _ path: Reached) {
        guard !path.nextHops.isEmpty || path.distance == 0 else { return }
        if var existing = networkRoutes[prefix] {
            if path.distance > existing.distance { return }
            if path.distance == existing.distance {
                existing.nextHops.formUnion(path.nextHops)
                networkRoutes[prefix] = existing
                return
            }
        }
        networkRoutes[prefix] = path
    }
}
