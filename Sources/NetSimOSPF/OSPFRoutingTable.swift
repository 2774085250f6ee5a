import NetSimRouting
import NetSimWire

/// The OSPF routing table of one router (RFC 2328 §11, §16): the best intra-area, inter-area
/// and external path to every reachable network, and paths to area border and AS boundary
/// routers (needed for inter-area and external routes and for ABR summaries).
public struct OSPFRoutingTable: Sendable, Equatable {
    public struct Path: Sendable, Equatable {
        public var type: RoutePathType
        /// The cost compared between paths: the whole cost, or for E2 the external metric.
        public var cost: UInt32
        /// For E2 paths, the cost to the AS boundary router (the tie-breaker).
        public var costToBoundary: UInt32
        /// The area an intra-area path lies in (the backbone for inter-area paths); nil for externals.
        public var area: IPv4Address?
        public var nextHops: Set<NextHop>
        /// For external paths (§16.4.1): whether the path to the ASBR or forwarding address is an
        /// intra-area path through a non-backbone area, which beats any other at equal metric type.
        public var viaNonBackboneArea = false

        /// The order of preference between two paths to one destination (§16.4 step 6): path
        /// type, then the type 2 metric, then the §16.4.1 rule, then the cost. Equal keys share.
        var preference: (UInt8, UInt32, UInt8, UInt32) {
            let preferredArea: UInt8 = viaNonBackboneArea ? 0 : 1
            switch type {
            // IS-IS's level types never reach an OSPF table.
            case .none, .intraArea, .level1, .level2: return (0, cost, 0, 0)
            case .interArea: return (1, cost, 0, 0)
            case .external1: return (2, 0, preferredArea, cost)
            case .external2: return (3, cost, preferredArea, costToBoundary)
            }
        }
    }

    public private(set) var networks: [IPv4Prefix: Path] = [:]
    /// Paths to area border routers, per area (intra-area only).
    public private(set) var borderRouters: [IPv4Address: [IPv4Address: Path]] = [:]
    /// Paths to AS boundary routers, intra-area per area or inter-area (learned from type-4 LSAs).
    public private(set) var boundaryRouters: [IPv4Address: Path] = [:]

    public init() {}

    /// One area's share of the calculation: its database and the SPF tree computed over it.
    struct AreaInput {
        var id: IPv4Address
        var database: LinkStateDatabase
        var tree: ShortestPathTree
    }

    /// Computes the routing table from each area's tree (§16.1), the summary-LSAs of the areas
    /// whose summaries count (§16.2, RFC 3509: the backbone only for an ABR) and the AS-external
    /// LSAs (§16.4).
    init(areas: [AreaInput], externals: LinkStateDatabase, routerID: IPv4Address, isABR: Bool, now: SimTime) {
        // §16.1: intra-area routes; across areas keep the cheapest, merging equal costs.
        var boundaryIntra: [IPv4Address: [(area: IPv4Address, path: Path)]] = [:]
        // Within one area the order does not matter (each prefix and router appears once); across
        // areas it does (equal paths keep the first area's), so areas go in order.
        for area in areas {
            networks.reserveCapacity(networks.count + area.tree.networkRoutes.count)
            for (prefix, reached) in area.tree.networkRoutes {
                merge(prefix, Path(type: .intraArea, cost: reached.distance, costToBoundary: 0, area: area.id,
                                   nextHops: reached.nextHops))
            }
            for (router, entry) in area.tree.borderRouters {
                let path = Path(type: .intraArea, cost: entry.path.distance, costToBoundary: 0, area: area.id,
                                nextHops: entry.path.nextHops)
                if entry.isABR { borderRouters[area.id, default: [:]][router] = path }
                if entry.isASBR { boundaryIntra[router, default: []].append((area.id, path)) }
            }
        }
        // §16.4.1 (RFC1583Compatibility off): intra-area paths to an ASBR through non-backbone
        // areas are preferred; among those, the cheapest.
        for (router, paths) in boundaryIntra {
            let nonBackbone = paths.filter { $0.area != .zero }
            let pool = nonBackbone.isEmpty ? paths : nonBackbone
            let best = pool.map(\.path.cost).min()!
            var chosen = pool.first { $0.path.cost == best }!.path
            for other in pool where other.path.cost == best { chosen.nextHops.formUnion(other.path.nextHops) }
            boundaryRouters[router] = chosen
        }

        // §16.2: inter-area routes from summary-LSAs.
        let backboneAttached = areas.contains { $0.id == .zero }
        for area in areas where !isABR || !backboneAttached || area.id == .zero {
            for type in [LSAType.summaryNetwork, .summaryASBR] {
                for lsa in area.database.lsas(ofType: type) {
                    addInterArea(lsa, area: area, routerID: routerID, now: now)
                }
            }
        }

        // §16.4: AS-external routes.
        for lsa in externals.lsas(ofType: .asExternal) {
            addExternal(lsa, database: externals, routerID: routerID, now: now)
        }
    }

    private mutating func merge(_ prefix: IPv4Prefix, _ path: Path) {
        guard var existing = networks[prefix] else {
            networks[prefix] = path
            return
        }
        if path.preference < existing.preference {
            networks[prefix] = path
        } else if path.preference == existing.preference {
            existing.nextHops.formUnion(path.nextHops)
            networks[prefix] = existing
        }
    }

    private mutating func addInterArea(_ lsa: LSA, area: AreaInput, routerID: IPv4Address, now: SimTime) {
        guard case .summary(let body) = lsa.body, body.metric < ospfLSInfinity,
              lsa.key.advertisingRouter != routerID,
              let entry = area.database[lsa.key], entry.age(at: now) < LSAHeader.maxAge,
              let border = borderRouters[area.id]?[lsa.key.advertisingRouter] else { return }
        let path = Path(type: .interArea, cost: border.cost + body.metric, costToBoundary: 0, area: area.id,
                        nextHops: border.nextHops)
        switch lsa.key.type {
        case .summaryNetwork:
            let prefix = IPv4Prefix(masking: lsa.key.linkStateID, mask: body.networkMask)
            if let existing = networks[prefix], existing.type == .intraArea { return }
            merge(prefix, path)
        case .summaryASBR:
            let router = lsa.key.linkStateID
            if let existing = boundaryRouters[router] {
                if existing.type == .intraArea || path.cost > existing.cost { return }
                if path.cost == existing.cost {
                    boundaryRouters[router]?.nextHops.formUnion(path.nextHops)
                    return
                }
            }
            boundaryRouters[router] = path
        default:
            return
        }
    }

    private mutating func addExternal(_ lsa: LSA, database: LinkStateDatabase, routerID: IPv4Address, now: SimTime) {
        guard case .external(let body) = lsa.body, body.metric < ospfLSInfinity,
              lsa.key.advertisingRouter != routerID,
              let entry = database[lsa.key], entry.age(at: now) < LSAHeader.maxAge,
              let boundary = boundaryRouters[lsa.key.advertisingRouter] else { return }
        var viaCost = boundary.cost
        var hops = boundary.nextHops
        var viaNonBackbone = boundary.type == .intraArea && boundary.area != .zero
        if body.forwardingAddress != .zero {
            // The forwarding address must be reachable by an intra- or inter-area route; on a
            // network this router is attached to, the forwarding address is the next hop itself.
            guard let (_, forwarding) = networks.filter({ $0.key.contains(body.forwardingAddress)
                        && ($0.value.type == .intraArea || $0.value.type == .interArea) })
                    .max(by: { $0.key.length < $1.key.length }) else { return }
            viaCost = forwarding.cost
            hops = Set(forwarding.nextHops.map { hop in
                hop.address == nil ? NextHop(address: body.forwardingAddress, interface: hop.interface) : hop
            })
            viaNonBackbone = forwarding.type == .intraArea && forwarding.area != .zero
        }
        let prefix = IPv4Prefix(masking: lsa.key.linkStateID, mask: body.networkMask)
        if let existing = networks[prefix], existing.type == .intraArea || existing.type == .interArea { return }
        var path = body.isType2
            ? Path(type: .external2, cost: body.metric, costToBoundary: viaCost, area: nil, nextHops: hops)
            : Path(type: .external1, cost: viaCost + body.metric, costToBoundary: 0, area: nil, nextHops: hops)
        path.viaNonBackboneArea = viaNonBackbone
        merge(prefix, path)
    }

    /// The routes to hand to the RIB (`[110/cost]`; E2 routes carry their external metric).
    public func routes() -> [Route] { routes(of: Array(networks)) }

    /// The routes for these prefixes alone (those the table has a path to), in prefix order.
    func routes(for prefixes: [IPv4Prefix]) -> [Route] {
        routes(of: prefixes.compactMap { prefix in networks[prefix].map { (key: prefix, value: $0) } })
    }

    /// The prefixes whose paths differ between `previous` and this table, including those only
    /// one of them has: the only routes a new calculation changes in the RIB.
    func changedPrefixes(since previous: OSPFRoutingTable) -> [IPv4Prefix] {
        var changed = networks.compactMap { prefix, path in previous.networks[prefix] == path ? nil : prefix }
        changed += previous.networks.keys.filter { networks[$0] == nil }
        return changed
    }

    private func routes(of entries: [(key: IPv4Prefix, value: Path)]) -> [Route] {
        // Thousands of routes share a handful of next-hop sets (one per combination of
        // neighbors): give equal sets one array, which the RIB and FIB then share too.
        var shared: [Set<NextHop>: [NextHop]] = [:]
        // Prefix order is the order of (network, length), packed with the entry's position into
        // one integer: sorting integers and reading entries by position needs no lookups.
        precondition(entries.count <= 0xFF_FFFF, "more routes than a position fits in 24 bits")
        let order = entries.indices.map { index in
            let prefix = entries[index].key
            return UInt64(prefix.network.value) << 32 | UInt64(prefix.length) << 24 | UInt64(index)
        }.sorted()
        var routes: [Route] = []
        routes.reserveCapacity(entries.count)
        var last: (set: Set<NextHop>, hops: [NextHop])?
        for packed in order {
            let (prefix, path) = entries[Int(packed & 0xFF_FFFF)]
            guard !path.nextHops.isEmpty else { continue }
            // Hashing a set costs more than comparing it with the previous route's, which is
            // often the same set (sets from one SPF share storage, and compare by identity first).
            let hops: [NextHop]
            if let last, last.set == path.nextHops {
                hops = last.hops
            } else {
                hops = shared[path.nextHops] ?? {
                    let hops = path.nextHops.sorted()
                    shared[path.nextHops] = hops
                    return hops
                }()
                last = (path.nextHops, hops)
            }
            routes.append(Route(prefix: prefix, source: .ospf, metric: path.cost, pathType: path.type, nextHops: hops))
        }
        return routes
    }
}
