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
    /// Prefixes whose candidates changed since the last selection.
    private var changedPrefixes: Set<IPv4Prefix> = []
    /// Prefixes with a gateway-only (recursive) candidate: their selection depends on others.
    private var recursivePrefixes: Set<IPv4Prefix> = []
    /// Pass 1 of the selection (routes with interfaces only), through which recursive routes
    /// resolve; kept only while there are recursive routes (it would double the memory of a
    /// protocol-only table).
    private var base = ForwardingTable()
    private var hasBase = false
    public private(set) var fib = ForwardingTable()
    /// Bumped each time the selected set changes; lets observers notice changes cheaply.
    public private(set) var version: UInt64 = 0

    public init() {}

    /// Adds a candidate, replacing the one with the same prefix, source and distance.
    public mutating func setCandidate(_ route: Route) {
        store(route)
    }

    /// Removes the candidates of one source for a prefix (of one distance only, when given).
    public mutating func removeCandidate(_ prefix: IPv4Prefix, source: RouteSource, distance: UInt8? = nil) {
        drop(prefix, source: source, distance: distance)
    }

    private mutating func store(_ route: Route) {
        var list = candidates[route.prefix] ?? []
        list.removeAll { $0.source == route.source && $0.distance == route.distance }
        list.append(route)
        list.sort { $0.isPreferred(over: $1) }
        candidates[route.prefix] = list
        noteChanged(route.prefix, list: list)
    }

    private mutating func drop(_ prefix: IPv4Prefix, source: RouteSource, distance: UInt8? = nil) {
        guard var list = candidates[prefix] else { return }
        let count = list.count
        list.removeAll { $0.source == source && (distance == nil || $0.distance == distance) }
        guard list.count != count else { return }
        candidates[prefix] = list.isEmpty ? nil : list
        noteChanged(prefix, list: list)
    }

    private mutating func noteChanged(_ prefix: IPv4Prefix, list: [Route]) {
        changedPrefixes.insert(prefix)
        if list.contains(where: \.isRecursive) {
            recursivePrefixes.insert(prefix)
        } else {
            recursivePrefixes.remove(prefix)
        }
    }

    /// Replaces every candidate of one source at once (a protocol's full table, or the connected set).
    public mutating func replaceCandidates(source: RouteSource, with routes: [Route]) {
        for prefix in Array(candidates.keys) { drop(prefix, source: source) }
        for route in routes { store(route) }
    }

    /// The same as `replaceCandidates(source:with:)` for a source whose current candidates are
    /// exactly `previous`: only prefixes whose routes differ are touched (a merge of the two
    /// lists, no lookups for what stayed the same), so `reselectChanged` has little to do.
    /// Prefixes in neither list keep their candidates, so a source may also hand over just the
    /// prefixes that changed (`previous` then holds those prefixes' current candidates).
    public mutating func replaceCandidates(source: RouteSource, with routes: [Route], replacing previous: [Route]) {
        func ordered(_ list: [Route]) -> [Route] {
            // Protocols hand their routes in prefix order already: checking is cheaper than sorting.
            let inOrder = zip(list, list.dropFirst()).allSatisfy { ($0.prefix, $0.distance) <= ($1.prefix, $1.distance) }
            return inOrder ? list : list.sorted { ($0.prefix, $0.distance) < ($1.prefix, $1.distance) }
        }
        let old = ordered(previous), new = ordered(routes)
        var oldIndex = 0, newIndex = 0
        while oldIndex < old.count || newIndex < new.count {
            let prefix: IPv4Prefix
            if oldIndex < old.count && newIndex < new.count {
                prefix = min(old[oldIndex].prefix, new[newIndex].prefix)
            } else {
                prefix = oldIndex < old.count ? old[oldIndex].prefix : new[newIndex].prefix
            }
            // A prefix may have several routes (distances) on either side.
            let oldStart = oldIndex, newStart = newIndex
            while oldIndex < old.count && old[oldIndex].prefix == prefix { oldIndex += 1 }
            while newIndex < new.count && new[newIndex].prefix == prefix { newIndex += 1 }
            guard old[oldStart..<oldIndex] != new[newStart..<newIndex] else { continue }
            replace(prefix, source: source, with: new[newStart..<newIndex])
        }
    }

    /// `drop(prefix, source:)` then `store` of each route, in one pass over a list taken out of
    /// the map (so it is changed in place, not copied) and sorted once: the lists are kept sorted
    /// and the sort is stable, so one sort at the end orders them as a sort after each append would.
    private mutating func replace(_ prefix: IPv4Prefix, source: RouteSource, with routes: ArraySlice<Route>) {
        var list = candidates.removeValue(forKey: prefix) ?? []
        let count = list.count
        list.removeAll { $0.source == source }
        var changed = list.count != count
        for route in routes {
            list.removeAll { $0.source == route.source && $0.distance == route.distance }
            list.append(route)
            changed = true
        }
        if !routes.isEmpty { list.sort { $0.isPreferred(over: $1) } }
        if !list.isEmpty { candidates[prefix] = list }
        if changed { noteChanged(prefix, list: list) }
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
        base = ForwardingTable()
        hasBase = !recursivePrefixes.isEmpty
        if hasBase {
            for prefix in prefixes {
                if let route = baseSelection(prefix, interfaceUp: interfaceUp) { base.insert(route) }
            }
        }
        var selected = ForwardingTable()
        for prefix in prefixes {
            if let route = selection(prefix, interfaceUp: interfaceUp) { selected.insert(route) }
        }
        changedPrefixes = []
        let changed = selected.routes != fib.routes
        fib = selected
        if changed { version &+= 1 }
        return changed
    }

    /// Recomputes the selection of the prefixes whose candidates changed since the last
    /// selection (and of recursive routes, when what they resolve through changed), assuming
    /// interface states have not changed since then. Same result as `reselect` in that case.
    @discardableResult
    public mutating func reselectChanged(interfaceUp: (Int) -> Bool) -> Bool {
        guard !changedPrefixes.isEmpty else { return false }
        if !recursivePrefixes.isEmpty && !hasBase { return reselect(interfaceUp: interfaceUp) }
        let prefixes = changedPrefixes.sorted()
        changedPrefixes = []
        var baseChanged = false
        for prefix in prefixes where hasBase {
            let route = baseSelection(prefix, interfaceUp: interfaceUp)
            guard route != base.route(for: prefix) else { continue }
            baseChanged = true
            if let route { base.insert(route) } else { base.remove(prefix) }
        }
        var affected = prefixes
        if baseChanged && !recursivePrefixes.isEmpty {
            affected = Array(Set(prefixes).union(recursivePrefixes)).sorted()
        }
        var changed = false
        for prefix in affected {
            let route = selection(prefix, interfaceUp: interfaceUp)
            guard route != fib.route(for: prefix) else { continue }
            changed = true
            if let route { fib.insert(route) } else { fib.remove(prefix) }
        }
        if changed { version &+= 1 }
        return changed
    }

    /// Pass 1: the most preferred candidate whose next hops name an interface that is up.
    private func baseSelection(_ prefix: IPv4Prefix, interfaceUp: (Int) -> Bool) -> Route? {
        for route in candidates(for: prefix) where !route.isRecursive {
            if let usable = route.restricted(to: interfaceUp) { return usable }
        }
        return nil
    }

    /// Pass 2: every candidate in preference order; gateway-only static routes resolve their
    /// gateway through the pass-1 table (never through another recursive route).
    private func selection(_ prefix: IPv4Prefix, interfaceUp: (Int) -> Bool) -> Route? {
        for route in candidates(for: prefix) {
            let usable = route.isRecursive
                ? route.resolved(through: base, interfaceUp: interfaceUp)
                : route.restricted(to: interfaceUp)
            if let usable { return usable }
        }
        return nil
    }
}

extension Route {
    /// True for a route whose next hops give only a gateway address, to be resolved recursively.
    var isRecursive: Bool { nextHops.contains { $0.interface == NextHop.unresolvedInterface } }

    func restricted(to interfaceUp: (Int) -> Bool) -> Route? {
        // Usually every hop is usable: keep the route (and its shared array) as it is.
        if nextHops.allSatisfy({ interfaceUp($0.interface) }) { return nextHops.isEmpty ? nil : self }
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
