import NetSimRouting
import NetSimWire

/// How one router runs OSPFv2: its router ID, the interfaces OSPF is enabled on, and what it
/// redistributes as AS-external routes. Built from the topology file by `SimulationBuilder`.
public struct OSPFConfiguration: Sendable, Equatable {
    public var routerID: IPv4Address
    /// One entry per OSPF-enabled interface; interfaces not listed do not run OSPF.
    public var interfaces: [OSPFInterfaceConfiguration]
    public var redistribute: [OSPFRedistribution]

    public init(routerID: IPv4Address, interfaces: [OSPFInterfaceConfiguration],
                redistribute: [OSPFRedistribution] = []) {
        self.routerID = routerID
        self.interfaces = interfaces
        self.redistribute = redistribute
    }

    public var isASBoundaryRouter: Bool { !redistribute.isEmpty }
}

/// OSPF settings of one interface (RFC 2328 appendix C.3), with FRR's defaults.
public struct OSPFInterfaceConfiguration: Sendable, Equatable {
    /// The interface, by index within its device.
    public var interface: Int
    public var area: IPv4Address
    public var cost: UInt16
    public var network: OSPFNetworkType
    public var priority: UInt8
    /// A passive interface announces its subnet but sends no Hellos and forms no adjacencies.
    public var passive: Bool
    /// A loopback (RFC 2328 §9.1 state Loopback): passive, and announced as a host route to its
    /// own address with cost 0 whatever `cost` says (§12.4.1.1).
    public var isLoopback: Bool
    public var helloInterval: UInt16
    public var deadInterval: UInt32
    public var retransmitInterval: UInt16
    public var transmitDelay: UInt16

    public static let defaultCost: UInt16 = 10
    public static let defaultHelloInterval: UInt16 = 10
    public static let defaultRetransmitInterval: UInt16 = 5
    public static let defaultTransmitDelay: UInt16 = 1

    public init(interface: Int, area: IPv4Address = .zero, cost: UInt16 = OSPFInterfaceConfiguration.defaultCost,
                network: OSPFNetworkType, priority: UInt8 = 1, passive: Bool = false, isLoopback: Bool = false,
                helloInterval: UInt16 = OSPFInterfaceConfiguration.defaultHelloInterval, deadInterval: UInt32? = nil,
                retransmitInterval: UInt16 = OSPFInterfaceConfiguration.defaultRetransmitInterval,
                transmitDelay: UInt16 = OSPFInterfaceConfiguration.defaultTransmitDelay) {
        self.interface = interface
        self.area = area
        self.cost = cost
        self.network = network
        self.priority = priority
        self.passive = passive || isLoopback
        self.isLoopback = isLoopback
        self.helloInterval = helloInterval
        self.deadInterval = deadInterval ?? UInt32(helloInterval) * 4
        self.retransmitInterval = retransmitInterval
        self.transmitDelay = transmitDelay
    }
}

public enum OSPFNetworkType: String, Sendable, Equatable, CaseIterable {
    case pointToPoint = "point-to-point"
    case broadcast
}

/// One `redistribute` entry: a route source announced as AS-external LSAs (FRR's defaults:
/// metric 20, type 2).
public struct OSPFRedistribution: Sendable, Equatable {
    public enum Source: String, Sendable, Equatable, CaseIterable {
        case connected
        case `static`
    }

    public var source: Source
    public var metric: UInt32
    /// True for E2 (the default), false for E1.
    public var isType2: Bool

    public static let defaultMetric: UInt32 = 20

    public init(source: Source, metric: UInt32 = OSPFRedistribution.defaultMetric, isType2: Bool = true) {
        self.source = source
        self.metric = metric
        self.isType2 = isType2
    }

    public var routeSource: RouteSource {
        switch source {
        case .connected: .connected
        case .static: .static
        }
    }
}
