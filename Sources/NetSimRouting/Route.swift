import NetSimWire

/// Where a route came from. Each source has a default administrative distance as on FRR/IOS.
public enum RouteSource: Hashable, Comparable, Sendable, CustomStringConvertible {
    case connected
    case `static`

    public var defaultDistance: UInt8 {
        switch self {
        case .connected: 0
        case .static: 1
        }
    }

    /// The code printed in the first column of `show ip route`.
    public var code: String {
        switch self {
        case .connected: "C"
        case .static: "S"
        }
    }

    /// The name used in JSON output and in the `source` column.
    public var description: String {
        switch self {
        case .connected: "connected"
        case .static: "static"
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
    public var nextHops: [NextHop]

    public init(prefix: IPv4Prefix, source: RouteSource, distance: UInt8? = nil, metric: UInt32 = 0,
                nextHops: [NextHop]) {
        self.prefix = prefix
        self.source = source
        self.distance = distance ?? source.defaultDistance
        self.metric = metric
        self.nextHops = nextHops.sorted()
    }

    /// Route preference: lower distance wins, then lower metric, then source order.
    public func isPreferred(over other: Route) -> Bool {
        if distance != other.distance { return distance < other.distance }
        if metric != other.metric { return metric < other.metric }
        return source < other.source
    }
}
