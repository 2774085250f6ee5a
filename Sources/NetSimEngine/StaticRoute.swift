import NetSimWire

/// A static route as configured: destination, and a gateway and/or an outgoing interface.
public struct StaticRoute: Hashable, Sendable {
    public var prefix: IPv4Prefix
    public var gateway: IPv4Address?
    /// Interface index within the device, when the route names one.
    public var interface: Int?
    public var distance: UInt8

    public init(prefix: IPv4Prefix, gateway: IPv4Address?, interface: Int?, distance: UInt8 = 1) {
        precondition(gateway != nil || interface != nil, "a static route needs a gateway or an interface")
        self.prefix = prefix
        self.gateway = gateway
        self.interface = interface
        self.distance = distance
    }
}
