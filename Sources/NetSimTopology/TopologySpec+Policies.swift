import NetSimWire

/// A `policies:` block as written, at the top of the file or on a device: named prefix lists,
/// community lists, AS-path lists and route maps (docs/bgp-policy.md). The names of one block
/// keep the order written; the builder turns them into the BGP machine's policy set.
public struct PolicyBlockSpec: Sendable {
    public var prefixLists: [NamedPolicy<PrefixListEntrySpec>] = []
    public var communityLists: [NamedPolicy<CommunityListEntrySpec>] = []
    public var asPathLists: [NamedPolicy<ASPathListEntrySpec>] = []
    public var routeMaps: [NamedPolicy<RouteMapEntrySpec>] = []
    public var location: SourceLocation

    public init(location: SourceLocation) {
        self.location = location
    }
}

/// One named list or map: its entries in order and where its name was written.
public struct NamedPolicy<Entry: Sendable>: Sendable {
    public var name: String
    public var entries: [Entry]
    public var location: SourceLocation

    public init(name: String, entries: [Entry], location: SourceLocation) {
        self.name = name
        self.entries = entries
        self.location = location
    }
}

/// `permit` or `deny`, the first word of every entry.
public enum PolicyAction: String, Sendable, CaseIterable {
    case permit
    case deny
}

public struct PrefixListEntrySpec: Sendable {
    public var action: PolicyAction
    public var prefix: IPv4Prefix
    public var ge: UInt8?
    public var le: UInt8?
    public var location: SourceLocation

    public init(action: PolicyAction, prefix: IPv4Prefix, ge: UInt8? = nil, le: UInt8? = nil, location: SourceLocation) {
        self.action = action
        self.prefix = prefix
        self.ge = ge
        self.le = le
        self.location = location
    }
}

public struct CommunityListEntrySpec: Sendable {
    public var action: PolicyAction
    public var communities: [BGPCommunity]
    public var location: SourceLocation

    public init(action: PolicyAction, communities: [BGPCommunity], location: SourceLocation) {
        self.action = action
        self.communities = communities
        self.location = location
    }
}

public struct ASPathListEntrySpec: Sendable {
    public var action: PolicyAction
    /// The regular expression as written (FRR syntax, `_` for a boundary).
    public var regex: String
    public var location: SourceLocation

    public init(action: PolicyAction, regex: String, location: SourceLocation) {
        self.action = action
        self.regex = regex
        self.location = location
    }
}

public struct RouteMapEntrySpec: Sendable {
    public var action: PolicyAction
    /// `match:` clauses by list name; all given must match.
    public var matchPrefixList: String?
    public var matchCommunityList: String?
    public var matchASPathList: String?
    /// `set:` actions.
    public var setLocalPreference: UInt32?
    public var setMED: UInt32?
    public var setWeight: UInt16?
    public var setOrigin: BGPOrigin?
    public var communityAdd: [BGPCommunity] = []
    /// `community_remove: all` removes every community.
    public var communityRemove: CommunityRemoval?
    public var largeCommunityAdd: [BGPLargeCommunity] = []
    public var asPathPrepend: [UInt32] = []
    public var setNextHop: NextHopSetting?
    public var location: SourceLocation
    public var valueLocations: [String: SourceLocation] = [:]

    public enum CommunityRemoval: Sendable, Equatable {
        case all
        case listed([BGPCommunity])
    }

    public enum NextHopSetting: Sendable, Equatable {
        case address(IPv4Address)
        /// `next_hop: self` (export only).
        case selfAddress
    }

    public init(action: PolicyAction, location: SourceLocation) {
        self.action = action
        self.location = location
    }
}
