/// The outcome of a route-map: the route as the deciding permit entry left it, or a denial,
/// with the index of the entry that decided (nil when no entry matched: the implicit deny).
public enum BGPPolicyResult: Hashable, Sendable, CustomStringConvertible {
    case permit(BGPPolicyRoute, entry: Int)
    case deny(entry: Int?)

    /// The route after the set actions, nil when denied.
    public var route: BGPPolicyRoute? {
        if case .permit(let route, _) = self { return route }
        return nil
    }

    public var isPermitted: Bool { route != nil }

    /// The index of the deciding entry; nil for the implicit deny.
    public var entry: Int? {
        switch self {
        case .permit(_, let entry): entry
        case .deny(let entry): entry
        }
    }

    /// `permitted by entry 0`, `denied by entry 2`, `denied: no entry matched`.
    public var description: String {
        switch self {
        case .permit(_, let entry): "permitted by entry \(entry)"
        case .deny(let entry?): "denied by entry \(entry)"
        case .deny(nil): "denied: no entry matched"
        }
    }
}
