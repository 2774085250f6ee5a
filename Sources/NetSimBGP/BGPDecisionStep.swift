/// The step of the decision process that separated two paths (FRR's order, RFC 4271 §9.1.2.2
/// with the usual vendor steps). A path that lost records the step, so `show ip bgp <prefix>`
/// can say why the best one won.
public enum BGPDecisionStep: Int, Hashable, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    /// The loser's next hop does not resolve: it is not a candidate at all.
    case invalid
    case weight
    case localPreference
    case localRoute
    case asPathLength
    case origin
    case med
    case peerType
    case igpMetric
    /// Only between multipath candidates: the limit of `maximum_paths` was reached.
    case multipathLimit
    case olderPath
    case routerID
    case clusterListLength
    case neighborAddress

    public static func < (lhs: BGPDecisionStep, rhs: BGPDecisionStep) -> Bool { lhs.rawValue < rhs.rawValue }

    /// FRR's wording in `show ip bgp <prefix>`.
    public var description: String {
        switch self {
        case .invalid: "Invalid (next hop unreachable)"
        case .weight: "Weight"
        case .localPreference: "Local Pref"
        case .localRoute: "Local Route"
        case .asPathLength: "AS Path"
        case .origin: "Origin"
        case .med: "MED"
        case .peerType: "Peer Type"
        case .igpMetric: "IGP Metric"
        case .multipathLimit: "Multipath limit"
        case .olderPath: "Older Path"
        case .routerID: "Router ID"
        case .clusterListLength: "Cluster length"
        case .neighborAddress: "Neighbor IP"
        }
    }
}
