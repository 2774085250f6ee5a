import NetSimRouting
import NetSimWire

/// A prefix as one level's SPF reaches it: the best metric, its next hops, whether it came with
/// the up/down bit (leaked down from level 2), and the routers announcing it at that metric.
public struct ISISRoute: Sendable, Equatable {
    public var prefix: IPv4Prefix
    public var level: ISISLevel
    public var metric: UInt32
    public var nextHops: [NextHop]
    public var down: Bool
    public var origins: [ISISSystemID]

    public init(prefix: IPv4Prefix, level: ISISLevel, metric: UInt32, nextHops: [NextHop], down: Bool,
                origins: [ISISSystemID]) {
        self.prefix = prefix
        self.level = level
        self.metric = metric
        self.nextHops = nextHops
        self.down = down
        self.origins = origins
    }
}
