import NetSimWire

/// The FIB: longest-prefix-match lookup over the selected routes. One hash table per prefix
/// length, probed from /32 down, with a bitmap of which lengths are in use so that a lookup
/// touches only populated tables.
public struct ForwardingTable: Sendable {
    private var tables: [[UInt32: Route]] = Array(repeating: [:], count: 33)
    private var populatedLengths: UInt64 = 0
    public private(set) var count = 0

    public init() {}

    public mutating func insert(_ route: Route) {
        let length = Int(route.prefix.length)
        if tables[length].updateValue(route, forKey: route.prefix.network.value) == nil { count += 1 }
        populatedLengths |= 1 << UInt64(length)
    }

    public mutating func remove(_ prefix: IPv4Prefix) {
        let length = Int(prefix.length)
        if tables[length].removeValue(forKey: prefix.network.value) != nil { count -= 1 }
        if tables[length].isEmpty { populatedLengths &= ~(1 << UInt64(length)) }
    }

    public func lookup(_ address: IPv4Address) -> Route? {
        var lengths = populatedLengths
        while lengths != 0 {
            let length = 63 - lengths.leadingZeroBitCount
            lengths &= ~(1 << UInt64(length))
            let key = address.value & IPv4Prefix.mask(UInt8(length))
            if let route = tables[length][key] { return route }
        }
        return nil
    }

    public func route(for prefix: IPv4Prefix) -> Route? {
        tables[Int(prefix.length)][prefix.network.value]
    }

    /// Every route, in prefix order.
    public var routes: [Route] {
        tables.flatMap { $0.values }.sorted { $0.prefix < $1.prefix }
    }
}
