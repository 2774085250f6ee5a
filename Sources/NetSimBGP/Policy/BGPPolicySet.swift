import NetSimWire

/// One `policies:` block as written: the top-level one or a device's own. Nothing across
/// blocks is checked here; `BGPPolicySet` does that.
public struct BGPPolicyDefinitions: Hashable, Sendable {
    public var prefixLists: [BGPPrefixList]
    public var communityLists: [BGPCommunityList]
    public var asPathLists: [BGPASPathList]
    public var routeMaps: [BGPRouteMap]

    public init(prefixLists: [BGPPrefixList] = [], communityLists: [BGPCommunityList] = [],
                asPathLists: [BGPASPathList] = [], routeMaps: [BGPRouteMap] = []) {
        self.prefixLists = prefixLists
        self.communityLists = communityLists
        self.asPathLists = asPathLists
        self.routeMaps = routeMaps
    }
}

/// The named lists and route-maps one router can use: the top-level `policies:` merged with
/// the device's own. Construction checks what only the whole set can know, so that evaluation
/// never meets a configuration error: a name defined twice (in one block or in both) is an
/// error, and so is a route-map clause naming a list the set does not define. Names must be
/// non-empty and free of spaces (they become FRR configuration words). Prefix lists, community
/// lists, AS-path lists and route-maps are separate name spaces, as in FRR.
public struct BGPPolicySet: Hashable, Sendable {
    public let prefixLists: [String: BGPPrefixList]
    public let communityLists: [String: BGPCommunityList]
    public let asPathLists: [String: BGPASPathList]
    public let routeMaps: [String: BGPRouteMap]

    /// No policies: what a router without any `policies:` has.
    public static let empty = BGPPolicySet(checked: [:], [:], [:], [:])

    private init(checked prefixLists: [String: BGPPrefixList], _ communityLists: [String: BGPCommunityList],
                 _ asPathLists: [String: BGPASPathList], _ routeMaps: [String: BGPRouteMap]) {
        self.prefixLists = prefixLists
        self.communityLists = communityLists
        self.asPathLists = asPathLists
        self.routeMaps = routeMaps
    }

    /// Merges the top-level block (`shared`) with a device's (`device`) and checks the result.
    /// A name defined in both is reported against the device's definition.
    public init(shared: BGPPolicyDefinitions = BGPPolicyDefinitions(),
                device: BGPPolicyDefinitions = BGPPolicyDefinitions()) throws(BGPPolicyError) {
        var problems: [BGPPolicyProblem] = []
        func merge<List>(_ kind: BGPPolicyKind, _ shared: [List], _ device: [List],
                         name: (List) -> String) -> [String: List] {
            var merged: [String: List] = [:]
            var fromShared: Set<String> = []
            for (list, isShared) in shared.map({ ($0, true) }) + device.map({ ($0, false) }) {
                let listName = name(list)
                if listName.isEmpty || listName.contains(where: \.isWhitespace) {
                    problems.append(BGPPolicyProblem(kind: kind, name: listName,
                                                     message: "a name must be non-empty and without spaces"))
                }
                if merged[listName] != nil {
                    let message = fromShared.contains(listName) && !isShared
                        ? "defined both in the top-level policies and in the device's"
                        : "defined twice"
                    problems.append(BGPPolicyProblem(kind: kind, name: listName, message: message))
                    continue
                }
                merged[listName] = list
                if isShared { fromShared.insert(listName) }
            }
            return merged
        }
        let prefixLists = merge(.prefixList, shared.prefixLists, device.prefixLists, name: \.name)
        let communityLists = merge(.communityList, shared.communityLists, device.communityLists, name: \.name)
        let asPathLists = merge(.asPathList, shared.asPathLists, device.asPathLists, name: \.name)
        let routeMaps = merge(.routeMap, shared.routeMaps, device.routeMaps, name: \.name)

        for map in routeMaps.values {
            for (index, entry) in map.entries.enumerated() {
                func check(_ reference: String?, in defined: [String: some Any], field: String, what: String) {
                    guard let reference, defined[reference] == nil else { return }
                    problems.append(BGPPolicyProblem(kind: .routeMap, name: map.name, entry: index, field: field,
                                                     message: "\(what) '\(reference)' is not defined"))
                }
                check(entry.match.prefixList, in: prefixLists, field: "match.prefix_list", what: "prefix list")
                check(entry.match.communityList, in: communityLists, field: "match.community_list",
                      what: "community list")
                check(entry.match.asPathList, in: asPathLists, field: "match.as_path_list", what: "AS-path list")
            }
        }
        try BGPPolicyError.check(problems)
        self.init(checked: prefixLists, communityLists, asPathLists, routeMaps)
    }

    /// Runs the route-map called `name` on a route. A name the set does not define denies every
    /// route, as FRR does for a neighbor whose route-map does not exist.
    public func evaluate(routeMap name: String, prefix: IPv4Prefix, attributes: BGPPathAttributes, weight: UInt32,
                         context: BGPPolicyContext) -> BGPPolicyResult {
        guard let map = routeMaps[name] else { return .deny(entry: nil) }
        return evaluate(map, prefix: prefix, attributes: attributes, weight: weight, context: context)
    }

    /// Runs `map` on a route: the first entry whose clauses all match decides; a permit entry
    /// applies its set actions. A clause naming a list this set lacks does not match (FRR).
    public func evaluate(_ map: BGPRouteMap, prefix: IPv4Prefix, attributes: BGPPathAttributes, weight: UInt32,
                         context: BGPPolicyContext) -> BGPPolicyResult {
        for (index, entry) in map.entries.enumerated()
        where matches(entry.match, prefix: prefix, attributes: attributes) {
            switch entry.action {
            case .deny:
                return .deny(entry: index)
            case .permit:
                var route = BGPPolicyRoute(attributes: attributes, weight: weight)
                entry.set.apply(to: &route, nextHopSelf: context.nextHopSelf)
                return .permit(route, entry: index)
            }
        }
        return .deny(entry: nil)
    }

    /// Whether every clause of `match` holds for the route (true when there is none).
    public func matches(_ match: BGPRouteMapMatch, prefix: IPv4Prefix, attributes: BGPPathAttributes) -> Bool {
        if let name = match.prefixList, prefixLists[name]?.permits(prefix) != true { return false }
        if let name = match.communityList, communityLists[name]?.permits(attributes.communities) != true {
            return false
        }
        if let name = match.asPathList, asPathLists[name]?.permits(attributes.asPath) != true { return false }
        return true
    }
}
