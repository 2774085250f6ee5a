import NetSimWire

/// A named standard community list (`policies.community_lists`), matched as FRR 8.4 matches
/// `bgp community-list standard`: entries in order, the first entry whose communities are ALL
/// on the route decides, and a route no entry matches does not match the list. A route without
/// communities matches no entry.
public struct BGPCommunityList: Hashable, Sendable {
    public let name: String
    public let entries: [Entry]

    public struct Entry: Hashable, Sendable {
        public var action: BGPPolicyAction
        /// Every one must be present for the entry to match; order and repetition do not matter.
        public var communities: [BGPCommunity]

        public init(action: BGPPolicyAction, communities: [BGPCommunity]) {
            self.action = action
            self.communities = communities
        }

        /// Whether every community of the entry is among `present` (its action aside).
        public func matches(_ present: some Sequence<BGPCommunity>) -> Bool {
            Set(communities).isSubset(of: present)
        }
    }

    /// Checks that the list and each entry are not empty.
    public init(name: String, entries: [Entry]) throws(BGPPolicyError) {
        var problems: [BGPPolicyProblem] = []
        if entries.isEmpty {
            problems.append(BGPPolicyProblem(kind: .communityList, name: name,
                                             message: "a community list needs at least one entry"))
        }
        for (index, entry) in entries.enumerated() where entry.communities.isEmpty {
            problems.append(BGPPolicyProblem(kind: .communityList, name: name, entry: index, field: "communities",
                                             message: "an entry needs at least one community"))
        }
        try BGPPolicyError.check(problems)
        self.name = name
        self.entries = entries
    }

    /// The index of the first entry whose communities are all in `communities`, nil when none.
    public func decidingEntry(for communities: [BGPCommunity]) -> Int? {
        let present = Set(communities)
        return entries.firstIndex { $0.matches(present) }
    }

    /// True when the deciding entry permits.
    public func permits(_ communities: [BGPCommunity]) -> Bool {
        decidingEntry(for: communities).map { entries[$0].action == .permit } ?? false
    }
}
