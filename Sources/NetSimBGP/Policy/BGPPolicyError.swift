/// Which kind of named policy a problem is in; the raw values are the keys of a `policies:` block.
public enum BGPPolicyKind: String, Hashable, Sendable, CaseIterable {
    case prefixList = "prefix_lists"
    case communityList = "community_lists"
    case asPathList = "as_path_lists"
    case routeMap = "route_maps"
}

/// One thing wrong with a policy definition, pinned to the policy, the entry and the field so
/// that the topology layer can point at the line it came from.
///
/// Its description reads like a path into the `policies:` block:
/// `route_maps.FROM_ISP[0].match.prefix_list: prefix list 'CUSTOMERS' is not defined`.
public struct BGPPolicyProblem: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var kind: BGPPolicyKind
    /// The list's or route-map's name.
    public var name: String
    /// The entry's index in the list (0-based, the order written); nil for the policy as a whole.
    public var entry: Int?
    /// The field inside the entry as the `policies:` block spells it (`ge`, `regex`,
    /// `match.prefix_list`, `set.community_add`); nil for the entry or policy as a whole.
    public var field: String?
    public var message: String

    public init(kind: BGPPolicyKind, name: String, entry: Int? = nil, field: String? = nil, message: String) {
        self.kind = kind
        self.name = name
        self.entry = entry
        self.field = field
        self.message = message
    }

    /// `kind.name[entry].field`, as far as it is known.
    public var path: String {
        var path = "\(kind.rawValue).\(name)"
        if let entry { path += "[\(entry)]" }
        if let field { path += ".\(field)" }
        return path
    }

    public var description: String { "\(path): \(message)" }

    /// Kind, name, entry (the policy as a whole first), field, message: the order problems are
    /// reported in, whatever order they were found in.
    public static func < (lhs: BGPPolicyProblem, rhs: BGPPolicyProblem) -> Bool {
        let left = (BGPPolicyKind.allCases.firstIndex(of: lhs.kind)!, lhs.name, lhs.entry ?? -1, lhs.field ?? "")
        let right = (BGPPolicyKind.allCases.firstIndex(of: rhs.kind)!, rhs.name, rhs.entry ?? -1, rhs.field ?? "")
        if left != right { return left < right }
        return lhs.message < rhs.message
    }
}

/// Everything wrong with a set of policy definitions, found together so that one run reports
/// every problem.
public struct BGPPolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Sorted, without exact duplicates.
    public var problems: [BGPPolicyProblem]

    public init(_ problems: [BGPPolicyProblem]) {
        self.problems = Array(Set(problems)).sorted()
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }

    /// Throws the problems found, if there are any.
    static func check(_ problems: [BGPPolicyProblem]) throws(BGPPolicyError) {
        if !problems.isEmpty { throw BGPPolicyError(problems) }
    }
}
