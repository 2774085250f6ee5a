import NetSimWire

/// Where a route came from. Each source has a default administrative distance as on FRR/IOS.
public enum RouteSource: Hashable, Comparable, Sendable, CustomStringConvertible {
    case connected
    case `static`
    case ospf
    case isis
    /// Routes a BGP speaker selected; eBGP ones keep the default distance, iBGP and locally
    /// originated ones are installed with 200 (as FRR).
    case bgp

    public var defaultDistance: UInt8 {
        switch self {
        case .connected: 0
        case .static: 1
        case .ospf: 110
        case .isis: 115
        case .bgp: 20
        }
    }

    /// The code printed in the first column of `show ip route`.
    public var code: String {
        switch self {
        case .connected: "C"
        case .static: "S"
        case .ospf: "O"
        case .isis: "i"
        case .bgp: "B"
        }
    }

    /// The name used in JSON output and in the `source` column.
    public var description: String {
        switch self {
        case .connected: "connected"
        case .static: "static"
        case .ospf: "ospf"
        case .isis: "isis"
        case .bgp: "bgp"
        }
    }
}

/// The kind of path a protocol route takes, where the protocol distinguishes several
/// (RFC 2328 §11: intra-area, inter-area, type 1 and type 2 external; IS-IS level 1 and 2).
public enum RoutePathType: Hashable, Comparable, Sendable {
    case none
    case intraArea
    case interArea
    case external1
    case external2
    case level1
    case level2

    /// The suffix after the source code in `show ip route` ("O IA", "O E2").
    public var codeSuffix: String {
        switch self {
        case .none, .intraArea: ""
        case .interArea: " IA"
        case .external1: " E1"
        case .external2: " E2"
        case .level1: " L1"
        case .level2: " L2"
        }
    }

    /// The name used in JSON output; nil for routes without a path type.
    public var name: String? {
        switch self {
        case .none: nil
        case .intraArea: "intra-area"
        case .interArea: "inter-area"
        case .external1: "external-1"
        case .external2: "external-2"
        case .level1: "level-1"
        case .level2: "level-2"
        }
    }
}

/// One way to forward toward a destination: a gateway address (nil for directly connected
/// destinations) and the interface, by index within its device.
public struct NextHop: Hashable, Comparable, Sendable {
    public var address: IPv4Address?
    public var interface: Int

    /// The interface of a static next hop given only as a gateway, before it is resolved.
    public static let unresolvedInterface = -1

    public init(address: IPv4Address?, interface: Int) {
        self.address = address
        self.interface = interface
    }

    /// See `FastHash`: SPF merges next-hop sets at every equal-cost step.
    public func _rawHashValue(seed: Int) -> Int {
        FastHash.mix(UInt64(address?.value ?? 0) << 32 | UInt64(UInt32(truncatingIfNeeded: interface)),
                     address == nil ? 1 : 2, seed: seed)
    }

    public static func < (lhs: NextHop, rhs: NextHop) -> Bool {
        switch (lhs.address, rhs.address) {
        case let (l?, r?) where l != r: return l < r
        case (nil, _?): return true
        case (_?, nil): return false
        default: return lhs.interface < rhs.interface
        }
    }
}

/// A candidate or selected route. `nextHops` is sorted and holds several entries for ECMP.
public struct Route: Hashable, Sendable {
    public var prefix: IPv4Prefix
    public var source: RouteSource
    public var distance: UInt8
    public var metric: UInt32
    public var pathType: RoutePathType
    public var nextHops: [NextHop]

    public init(prefix: IPv4Prefix, source: RouteSource, distance: UInt8? = nil, metric: UInt32 = 0,
                pathType: RoutePathType = .none, nextHops: [NextHop]) {
        self.prefix = prefix
        self.source = source
        self.distance = distance ?? source.defaultDistance
        self.metric = metric
        self.pathType = pathType
        // Keep the caller's array when it is already in order: routes then share it.
        self.nextHops = zip(nextHops, nextHops.dropFirst()).allSatisfy { $0 <= $1 } ? nextHops : nextHops.sorted()
    }

    /// The code printed in the first column of `show ip route`: "C", "S", "O", "O IA", "O E2", "i L1".
    public var code: String { source.code + pathType.codeSuffix }

    /// Route preference: lower distance wins, then lower metric, then source order.
    public func isPreferred(over other: Route) -> Bool {
        if distance != other.distance { return distance < other.distance }
        if metric != other.metric { return metric < other.metric }
        return source < other.source
    }
}
