/// What a list entry or route-map entry does with what it matches.
public enum BGPPolicyAction: String, Hashable, Sendable, CaseIterable {
    case permit
    case deny
}
