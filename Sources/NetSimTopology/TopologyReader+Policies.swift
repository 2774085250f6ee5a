import NetSimWire
import Yams

/// Readers for `policies:` blocks (docs/bgp-policy.md): each kind of list is a mapping from a
/// name to its entries in order.
extension TopologyReader {
    mutating func readPolicies(_ node: Node) -> PolicyBlockSpec? {
        if node.isNull { return PolicyBlockSpec(location: location(of: node)) }
        guard let fields = fields(of: node, as: .policies) else { return nil }
        var spec = PolicyBlockSpec(location: fields.location)
        spec.prefixLists = named(fields["prefix_lists"], for: "prefix_lists") { $0.readPrefixListEntry($1) }
        spec.communityLists = named(fields["community_lists"], for: "community_lists") {
            $0.readCommunityListEntry($1)
        }
        spec.asPathLists = named(fields["as_path_lists"], for: "as_path_lists") { $0.readASPathListEntry($1) }
        spec.routeMaps = named(fields["route_maps"], for: "route_maps") { $0.readRouteMapEntry($1) }
        return spec
    }

    /// The named lists of one kind: `NAME: [entries]`, in the order written.
    private mutating func named<Entry>(_ node: Node?, for key: String,
                                       entry read: (inout TopologyReader, Node) -> Entry?) -> [NamedPolicy<Entry>] {
        guard let node, !node.isNull else { return [] }
        guard case let .mapping(mapping) = node else {
            report("expected a mapping from names to lists of entries for '\(key)', found \(Self.describe(node))",
                   at: node, hint: "e.g. \(key):\n  NAME:\n    - { action: permit, ... }")
            return []
        }
        var result: [NamedPolicy<Entry>] = []
        for (nameNode, value) in mapping {
            guard let name = string(nameNode, for: key) else { continue }
            guard Self.isPolicyName(name) else {
                report("invalid policy name '\(name)' in '\(key)'; use letters, digits, '-' and '_'", at: nameNode)
                continue
            }
            guard let items = list(value, for: name) else { continue }
            if items.isEmpty {
                report("'\(name)' in '\(key)' has no entries", at: nameNode,
                       hint: "an empty list would deny everything; give at least one entry")
                continue
            }
            var entries: [Entry] = []
            for item in items {
                if let entry = read(&self, item) {
                    entries.append(entry)
                } else {
                    gaps.policiesIncomplete = true
                }
            }
            result.append(NamedPolicy(name: name, entries: entries, location: location(of: nameNode)))
        }
        return result
    }

    static func isPolicyName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") && $0.isASCII
        }
    }

    private mutating func policyAction(_ fields: MappingFields, of context: TopologySchema.Context) -> PolicyAction? {
        required("action", in: fields, of: context).flatMap { choice($0, for: "action", what: "action") }
    }

    private mutating func readPrefixListEntry(_ node: Node) -> PrefixListEntrySpec? {
        guard let fields = fields(of: node, as: .prefixListEntry) else { return nil }
        let action = policyAction(fields, of: .prefixListEntry)
        let prefix = required("prefix", in: fields, of: .prefixListEntry).flatMap { routePrefix($0, for: "prefix") }
        let ge = fields["ge"].flatMap { integer($0, for: "ge", in: 0...32, what: "prefix length") }.map(UInt8.init)
        let le = fields["le"].flatMap { integer($0, for: "le", in: 0...32, what: "prefix length") }.map(UInt8.init)
        guard let action, let prefix else { return nil }
        // FRR's rule: len <= ge <= le <= 32.
        if let ge, ge < prefix.length, let node = fields["ge"] {
            report("ge \(ge) is shorter than the prefix length of \(prefix)", at: node,
                   hint: "ge bounds the matched length from below and must be at least \(prefix.length)")
            return nil
        }
        if let le, le < max(ge ?? 0, prefix.length), let node = fields["le"] {
            report("le \(le) is shorter than \(ge.map { "ge \($0)" } ?? "the prefix length of \(prefix)")", at: node,
                   hint: "the lengths must satisfy prefix length <= ge <= le <= 32")
            return nil
        }
        return PrefixListEntrySpec(action: action, prefix: prefix, ge: ge, le: le, location: fields.location)
    }

    private mutating func readCommunityListEntry(_ node: Node) -> CommunityListEntrySpec? {
        guard let fields = fields(of: node, as: .communityListEntry) else { return nil }
        let action = policyAction(fields, of: .communityListEntry)
        let communities = required("communities", in: fields, of: .communityListEntry).flatMap {
            communityList($0, for: "communities")
        }
        guard let action, let communities else { return nil }
        if communities.isEmpty, let node = fields["communities"] {
            report("a community list entry needs at least one community", at: node)
            return nil
        }
        return CommunityListEntrySpec(action: action, communities: communities, location: fields.location)
    }

    private mutating func readASPathListEntry(_ node: Node) -> ASPathListEntrySpec? {
        guard let fields = fields(of: node, as: .asPathListEntry) else { return nil }
        let action = policyAction(fields, of: .asPathListEntry)
        let regex = required("regex", in: fields, of: .asPathListEntry).flatMap { string($0, for: "regex") }
        guard let action, let regex else { return nil }
        return ASPathListEntrySpec(action: action, regex: regex, location: fields.valueLocations["regex"] ?? fields.location)
    }

    private mutating func readRouteMapEntry(_ node: Node) -> RouteMapEntrySpec? {
        guard let fields = fields(of: node, as: .routeMapEntry), let action = policyAction(fields, of: .routeMapEntry)
        else { return nil }
        var entry = RouteMapEntrySpec(action: action, location: fields.location)
        if let matchNode = fields["match"], let match = self.fields(of: matchNode, as: .routeMapMatch) {
            entry.matchPrefixList = match["prefix_list"].flatMap { string($0, for: "prefix_list") }
            entry.matchCommunityList = match["community_list"].flatMap { string($0, for: "community_list") }
            entry.matchASPathList = match["as_path_list"].flatMap { string($0, for: "as_path_list") }
            for (key, location) in match.valueLocations { entry.valueLocations["match." + key] = location }
        }
        if let setNode = fields["set"] {
            if action == .deny {
                report("a deny entry rejects the route; its 'set' actions would never apply", at: setNode,
                       hint: "remove 'set', or make the entry 'permit'")
            } else if let set = self.fields(of: setNode, as: .routeMapSet) {
                readSetActions(set, into: &entry)
            }
        }
        return entry
    }

    private mutating func readSetActions(_ set: MappingFields, into entry: inout RouteMapEntrySpec) {
        entry.setLocalPreference = set["local_pref"].flatMap {
            integer($0, for: "local_pref", in: 0...4_294_967_295, what: "local preference")
        }.map(UInt32.init)
        entry.setMED = set["med"].flatMap { integer($0, for: "med", in: 0...4_294_967_295, what: "MED") }.map(UInt32.init)
        entry.setWeight = set["weight"].flatMap { integer($0, for: "weight", in: 0...65535, what: "weight") }
            .map(UInt16.init)
        if let node = set["origin"] {
            let names = BGPOrigin.allCases.map { $0.name.lowercased() }
            if let text = string(node, for: "origin") {
                if let origin = BGPOrigin.allCases.first(where: { $0.name.lowercased() == text.lowercased() }) {
                    entry.setOrigin = origin
                } else {
                    report("unknown origin '\(text)'; expected one of: \(names.joined(separator: ", "))", at: node,
                           hint: SpellingSuggestion.hint(for: text, among: names))
                }
            }
        }
        entry.communityAdd = set["community_add"].flatMap { communityList($0, for: "community_add") } ?? []
        if let node = set["community_remove"] {
            if case .scalar(let scalar) = node, scalar.string == "all" {
                entry.communityRemove = .all
            } else if let communities = communityList(node, for: "community_remove") {
                entry.communityRemove = .listed(communities)
            }
        }
        if let node = set["large_community_add"], let items = list(node, for: "large_community_add") {
            for item in items {
                guard let text = string(item, for: "large_community_add") else { continue }
                if let community = BGPLargeCommunity(text) {
                    entry.largeCommunityAdd.append(community)
                } else {
                    report("invalid large community '\(text)'", at: item,
                           hint: "write three numbers 0...4294967295 separated by colons, e.g. 65001:1:100")
                }
            }
        }
        if let node = set["as_path_prepend"], let items = list(node, for: "as_path_prepend") {
            entry.asPathPrepend = items.compactMap { autonomousSystem($0, for: "as_path_prepend") }
        }
        if let node = set["next_hop"], let text = string(node, for: "next_hop") {
            if text == "self" {
                entry.setNextHop = .selfAddress
            } else if let address = ipv4(node, for: "next_hop") {
                entry.setNextHop = .address(address)
            }
        }
        for (key, location) in set.valueLocations { entry.valueLocations["set." + key] = location }
    }

    /// A list of communities: `65001:100` or a well-known name (`no-export`, `no-advertise`,
    /// `local-AS`, `no-peer`); nil when any of them is unreadable (each reported).
    private mutating func communityList(_ node: Node, for key: String) -> [BGPCommunity]? {
        guard let items = list(node, for: key) else { return nil }
        var communities: [BGPCommunity] = []
        for item in items {
            guard let text = string(item, for: key) else { continue }
            if let community = BGPCommunity(text) {
                communities.append(community)
            } else {
                report("invalid community '\(text)' in '\(key)'", at: item,
                       hint: "write AS:value with two numbers 0...65535 (e.g. 65001:100), or no-export, no-advertise, "
                           + "local-AS, no-peer")
            }
        }
        return communities.count == items.count ? communities : nil
    }
}
