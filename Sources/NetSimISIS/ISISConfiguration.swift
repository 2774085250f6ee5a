import NetSimRouting
import NetSimWire

/// How one router runs IS-IS: its NET (area and system ID), its level, the circuits, the metric
/// style, L2-to-L1 leaking and the timers. Built from the topology file by `SimulationBuilder`.
public struct ISISConfiguration: Sendable, Equatable {
    public var systemID: ISISSystemID
    public var areas: [ISISAreaAddress]
    /// `l1`, `l2` or `l1l2` (the IS type).
    public var level: ISISLevels
    /// The name sent in the dynamic hostname TLV (the device name).
    public var hostname: String
    public var interfaces: [ISISInterfaceConfiguration]
    public var metricStyle: ISISMetricStyle
    /// Leak level-2 routes into level 1 with the up/down bit set (RFC 5302 §3.3), on L1L2 routers.
    public var leakL2IntoL1: Bool
    /// Set the overload bit in this router's LSPs: others route to it but not through it.
    public var overload: Bool
    public var timers: ISISTimers

    public init(systemID: ISISSystemID, areas: [ISISAreaAddress], level: ISISLevels, hostname: String,
                interfaces: [ISISInterfaceConfiguration], metricStyle: ISISMetricStyle = .wide,
                leakL2IntoL1: Bool = false, overload: Bool = false, timers: ISISTimers = ISISTimers()) {
        self.systemID = systemID
        self.areas = areas
        self.level = level
        self.hostname = hostname
        self.interfaces = interfaces
        self.metricStyle = metricStyle
        self.leakL2IntoL1 = leakL2IntoL1
        self.overload = overload
        self.timers = timers
    }
}

/// IS-IS settings of one interface (a circuit).
public struct ISISInterfaceConfiguration: Sendable, Equatable {
    /// The interface, by index within its device.
    public var interface: Int
    public var metric: UInt32
    /// A passive circuit announces its prefix but sends no Hellos and forms no adjacencies.
    public var passive: Bool
    /// The levels the circuit runs (intersected with the router's level).
    public var circuit: ISISLevels
    public var network: ISISNetworkType
    /// DIS election priority on broadcast circuits, 0...127.
    public var priority: UInt8
    /// Seconds between Hellos.
    public var helloInterval: UInt16
    /// The holding time sent in Hellos: how long neighbors keep the adjacency without a Hello.
    public var holdTime: UInt16
    public var isLoopback: Bool

    public static let defaultMetric: UInt32 = 10
    /// A loopback's prefix costs nothing beyond the path to its router (as Junos announces it,
    /// and as the seed's example output shows: a neighbor's loopback at [115/10]).
    public static let defaultLoopbackMetric: UInt32 = 0
    public static let defaultPriority: UInt8 = 64
    public static let defaultHelloInterval: UInt16 = 10
    public static let defaultHoldMultiplier: UInt16 = 3

    public init(interface: Int, metric: UInt32? = nil, passive: Bool = false, circuit: ISISLevels = .level1And2,
                network: ISISNetworkType, priority: UInt8 = ISISInterfaceConfiguration.defaultPriority,
                helloInterval: UInt16 = ISISInterfaceConfiguration.defaultHelloInterval, holdTime: UInt16? = nil,
                isLoopback: Bool = false) {
        self.interface = interface
        self.metric = metric ?? (isLoopback ? Self.defaultLoopbackMetric : Self.defaultMetric)
        self.passive = passive || isLoopback
        self.circuit = circuit
        self.network = network
        self.priority = priority
        self.helloInterval = helloInterval
        self.holdTime = holdTime ?? helloInterval * Self.defaultHoldMultiplier
        self.isLoopback = isLoopback
    }
}

public enum ISISNetworkType: String, Sendable, Equatable, CaseIterable {
    case pointToPoint = "point-to-point"
    case broadcast
}

/// Wide (RFC 5305 TLVs 22 and 135, 24/32-bit metrics) or narrow (TLVs 2 and 128, 6-bit metrics).
public enum ISISMetricStyle: String, Sendable, Equatable, CaseIterable {
    case wide
    case narrow
}

/// The protocol timers, defaulting to ISO 10589's and the common router defaults (ADR 0007).
public struct ISISTimers: Sendable, Equatable {
    /// ISO 10589 MaxAge: the remaining lifetime a fresh LSP starts with.
    public var lspLifetime: SimTime = .seconds(1200)
    /// ISO maximumLSPGenerationInterval: self-originated LSPs are refreshed this often.
    public var lspRefresh: SimTime = .seconds(900)
    /// Minimum time between two generations of the same LSP (Cisco's lsp-gen-interval maximum).
    public var lspGenerationInterval: SimTime = .seconds(5)
    /// ISO ZeroAgeLifetime: how long a purged LSP's header is kept.
    public var zeroAgeLifetime: SimTime = .seconds(60)
    /// ISO minimumLSPTransmissionInterval: retransmission of unacknowledged LSPs on point-to-point.
    public var lspRetransmit: SimTime = .seconds(5)
    /// ISO completeSNPInterval: the DIS's periodic CSNP.
    public var csnpInterval: SimTime = .seconds(10)
    /// ISO partialSNPInterval: acknowledgements and requests are gathered for this long.
    public var psnpInterval: SimTime = .seconds(2)
    /// Delay of the first SPF after a change, and the least time between runs.
    public var spfDelay: SimTime = .milliseconds(50)
    public var spfInterval: SimTime = .seconds(1)
    /// A Hello sent soon after an adjacency changes state, as FRR does, instead of a full interval later.
    public var triggeredHelloDelay: SimTime = .milliseconds(50)

    public init() {}
}
