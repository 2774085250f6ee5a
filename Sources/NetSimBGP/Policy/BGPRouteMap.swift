import NetSimWire

/// A named route-map (`policies.route_maps`), evaluated as FRR 8.4 evaluates one: entries in
/// order; the first entry whose match clauses ALL match decides (an entry without clauses
/// matches every route); a permit entry applies its set actions and accepts the route, a deny
/// entry drops it; a route no entry matches is dropped (implicit deny).
///
/// The lists a route-map names live in a `BGPPolicySet`, which checks that they exist and
/// evaluates maps (`BGPPolicySet.evaluate`).
public struct BGPRouteMap: Hashable, Sendable {
    public let name: String
    public let entries: [Entry]

    public struct Entry: Hashable, Sendable {
        public var action: BGPPolicyAction
        public var match: BGPRouteMapMatch
        /// Applied only by permit entries; a deny entry's set actions are checked but never used.
        public var set: BGPRouteMapSet

        public init(action: BGPPolicyAction, match: BGPRouteMapMatch = BGPRouteMapMatch(),
                    set: BGPRouteMapSet = BGPRouteMapSet()) {
            self.action = action
            self.match = match
            self.set = set
        }
    }

    /// Checks each entry's set actions (`BGPRouteMapSet.problems`); a map needs at least one
    /// entry. Whether the named lists exist is checked by `BGPPolicySet`.
    public init(name: String, entries: [Entry]) throws(BGPPolicyError) {
        var problems: [BGPPolicyProblem] = []
        if entries.isEmpty {
            problems.append(BGPPolicyProblem(kind: .routeMap, name: name, message: "a route-map needs at least one entry"))
        }
        for (index, entry) in entries.enumerated() {
            for (field, message) in entry.set.problems {
                problems.append(BGPPolicyProblem(kind: .routeMap, name: name, entry: index, field: "set.\(field)",
                                                 message: message))
            }
        }
        try BGPPolicyError.check(problems)
        self.name = name
        self.entries = entries
    }

    /// Whether some permit entry sets the next hop to `self` (the topology refuses such a map
    /// as an import policy).
    public var setsNextHopSelf: Bool {
        entries.contains { $0.action == .permit && $0.set.nextHop == .peerSelf }
    }
}

/// The match clauses of a route-map entry: each names a list in the same `BGPPolicySet`, and a
/// clause matches when that list permits the route. Absent clauses do not constrain.
public struct BGPRouteMapMatch: Hashable, Sendable {
    /// FRR `match ip address prefix-list NAME`: the route's prefix.
    public var prefixList: String?
    /// FRR `match community NAME`: the route's COMMUNITIES.
    public var communityList: String?
    /// FRR `match as-path NAME`: the route's AS_PATH.
    public var asPathList: String?

    public init(prefixList: String? = nil, communityList: String? = nil, asPathList: String? = nil) {
        self.prefixList = prefixList
        self.communityList = communityList
        self.asPathList = asPathList
    }

    /// No clause: the entry matches every route.
    public var isEmpty: Bool { prefixList == nil && communityList == nil && asPathList == nil }
}
