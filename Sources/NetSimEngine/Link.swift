import NetSimRouting

/// A cable between two interfaces, or a shared broadcast segment joining several. A frame sent
/// by one endpoint reaches every other endpoint after `delay`, unless lost.
public struct Link: Sendable {
    public struct Endpoint: Hashable, Sendable {
        public let device: Int
        public let interface: Int
    }

    public let endpoints: [Endpoint]
    public let delay: SimTime
    public let lossPercent: Double
    public let mtu: Int
    public internal(set) var framesCarried: UInt64 = 0
    public internal(set) var framesLost: UInt64 = 0

    public var isPointToPoint: Bool { endpoints.count == 2 }

    public init(endpoints: [Endpoint], delay: SimTime, lossPercent: Double, mtu: Int) {
        self.endpoints = endpoints
        self.delay = delay
        self.lossPercent = lossPercent
        self.mtu = mtu
    }
}
