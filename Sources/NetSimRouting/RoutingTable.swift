import NetSimWire

/// The RIB of one device: every candidate route from every source, the selection of one best
/// route per prefix (lowest administrative distance, then metric), and the FIB derived from it.
///
/// Candidates whose next hop does not resolve are kept but not selected. Static next hops resolve
/// recursively through the selected non-static routes, as FRR's zebra does.
public struct RoutingTable: Sendable {
    /// Candidates keyed by prefix; within a prefix, one route per (source, distance), so a
    /// floating static (higher distance) can wait behind the primary.
    private var candidates: [IPv4Prefix: [Route]] = [:]
    public private(set) var fib = ForwardingTable()
    /// Bumped each time the selected set changes; lets observers notice changes cheaply.
    public private(set) var version: UInt64 = 0

    public init() {}

    /// Adds a candidate, replacing the one with the same prefix, source and distance.
    public mutating func setCandidate(_ route: Route) {
        var list = candidates[route.prefix] ?? []
        list.removeAll { $0.source == route.source && $0.distance == route.distance }
        list.append(route)
        list.sort { $0.isPreferred(over: $1) }
        candidates[route.prefix] = list
    }

    /// Removes the candidates of one source for a prefix (of one distance only, when given).
    public mutating func removeCandidate(_ prefix: IPv4Prefix, source: RouteSource, distance: UInt8? = nil) {
        guard var list = candidates[prefix] else { return }
        list.removeAll { $0.source == source && (distance == nil || $0.distance == distance) }
        candidates[prefix] = list.isEmpty ? nil : list
    }

    /// Replaces every candidate of one source at once (a protocol's full table, or the connected set).
    public mutating func replaceCandidates(source: RouteSource, with routes: [Route]) {
        for prefix in Array(candidates.keys) { removeCandidate(prefix, source: source) }
        for route in routes { setCandidate(route) }
    }

    /// The candidates for a prefix, most preferred first.
    public func candidates(for prefix: IPv4Prefix) -> [Route] { candidates[prefix] ?? [] }

    public var allCandidates: [Route] {
        candidates.keys.sorted().flatMap { candidates(for: $0) }
    }

    /// Recomputes the selected routes and the FIB. Returns true when the FIB changed.
    /// `interfaceUp` tells whether an interface can carry traffic now.
    @discardableResult
    public mutating func reselect(interfaceUp: (Int) -> Bool) -> Bool {
        let prefixes = candidates.keys.sorted()
        // Pass 1: routes whose next hops name an interface.
        var base = ForwardingTable()
        for prefix in prefixes {
            for route in candidates(for: prefix) where !route.isRecursive {
                if let usable = route.restricted(to: interfaceUp) {
                    base.insert(usable)
                    break
                }
            }
        }
        // Pass 2: every candidate in preference order; gateway-only static routes resolve their
        // gateway through the pass-1 table (never through another recursive route).
        var selected = ForwardingTable()
        for prefix in prefixes {
            for route in candidates(for: prefix) {
                let usable = route.isRecursive
                    ? route.resolved(through: base, interfaceUp: interfaceUp)
                    : route.restricted(to: interfaceUp)
                if let usable {
                    selected.insert(usable)
                    break
                }
            }
        }
        let changed = selected.routes != fib.routes
        fib = selected
        if changed { version &+= 1 }
        return changed
    }
}

extension Route {
    /// True for a route whose next hops give only a gateway address, to be resolved recursively.
    var isRecursive: Bool { nextHops.contains { $0.interface == NextHop.unresolvedInterface } }

    func restricted(to interfaceUp: (Int) -> Bool) -> Route? {
        let usable = nextHops.filter { interfaceUp($0.interface) }
        guard !usable.isEmpty else { return nil }
        var route = self
        route.nextHops = usable
        return route
    }

    func resolved(through table: ForwardingTable, interfaceUp: (Int) -> Bool) -> Route? {
        var hops = Set<NextHop>()
        for hop in nextHops {
            if hop.interface != NextHop.unresolvedInterface {
                if interfaceUp(hop.interface) { hops.insert(hop) }
                continue
            }
            guard let gateway = hop.address, let via = table.lookup(gateway) else { continue }
            for viaHop in via.nextHops {
                hops.insert(NextHop(address: viaHop.address ?? gateway, interface: viaHop.interface))
            }
        }
        guard !hops.isEmpty else { return nil }
        var route = self
        route.nextHops = hops.sorted()
        return route
    }
}
