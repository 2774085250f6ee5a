import NetSimRouting
import NetSimWire

/// IS-IS on one interface (ISO 10589 §8): its configuration, whether it is up, its adjacencies,
/// the designated IS on a LAN, and the per-LSP flooding flags — SRM (send this LSP) and SSN
/// (acknowledge or request it in a PSNP) — for each level.
public struct ISISCircuit: Sendable {
    public let configuration: ISISInterfaceConfiguration
    public let name: String
    public let address: InterfaceAddress
    public let mac: MACAddress
    public let mtu: Int
    /// The one-byte local circuit ID: the pseudonode number when this router is the DIS.
    public let circuitID: UInt8
    /// The levels the circuit runs: its own circuit type within the router's level.
    public let levels: ISISLevels
    public internal(set) var isUp = false
    /// Point-to-point: the one adjacency, whatever its state.
    public internal(set) var pointToPointAdjacency: ISISAdjacency?
    /// LAN: adjacencies per level by the neighbor's MAC.
    public internal(set) var lanAdjacencies: [ISISLevel: [MACAddress: ISISAdjacency]] = [:]
    /// LAN: the LAN ID of the elected designated IS per level (our own when we are it).
    public internal(set) var designatedIS: [ISISLevel: ISISNodeID] = [:]
    /// SRM: LSPs to send, with the earliest moment each may go (now for a fresh flag, a
    /// retransmission interval after the last copy on point-to-point circuits).
    var sendRouting: [ISISLevel: [ISISLSPID: SimTime]] = [:]
    /// LSP entries to put in the next PSNP (acknowledgements, or requests with sequence 0).
    var sendSequenceNumbers: [ISISLevel: [ISISLSPID: ISISLSPEntry]] = [:]

    public var index: Int { configuration.interface }
    public var isPointToPoint: Bool { configuration.network == .pointToPoint }
    public var isBroadcast: Bool { configuration.network == .broadcast }
    /// Passive circuits and loopbacks send nothing.
    public var sendsHellos: Bool { isUp && !configuration.passive }

    init(configuration: ISISInterfaceConfiguration, name: String, address: InterfaceAddress, mac: MACAddress, mtu: Int,
         routerLevel: ISISLevels) {
        self.configuration = configuration
        self.name = name
        self.address = address
        self.mac = mac
        self.mtu = mtu
        circuitID = UInt8(truncatingIfNeeded: configuration.interface + 1)
        levels = configuration.circuit.intersection(routerLevel) ?? routerLevel
    }

    /// The Up adjacencies serving a level, in system ID order.
    public func upAdjacencies(_ level: ISISLevel) -> [ISISAdjacency] {
        guard levels.contains(level) else { return [] }
        if isPointToPoint {
            guard let adjacency = pointToPointAdjacency, adjacency.state == .up, adjacency.levels.contains(level)
            else { return [] }
            return [adjacency]
        }
        return (lanAdjacencies[level] ?? [:]).values.filter { $0.state == .up }
            .sorted { ($0.systemID, $0.mac) < ($1.systemID, $1.mac) }
    }

    /// Whether an Up adjacency serves a level (from the neighbor with MAC `source`, when given),
    /// without building the sorted list.
    func hasUpAdjacency(_ level: ISISLevel, from source: MACAddress? = nil) -> Bool {
        guard levels.contains(level) else { return false }
        if isPointToPoint {
            // Fields through the optional, not a bound copy of the adjacency and its lists.
            return pointToPointAdjacency?.state == .up && pointToPointAdjacency?.levels.contains(level) == true
                && (source == nil || pointToPointAdjacency?.mac == source)
        }
        guard let adjacencies = lanAdjacencies[level] else { return false }
        if let source { return adjacencies[source]?.state == .up }
        return adjacencies.values.contains { $0.state == .up }
    }

    /// Every adjacency of the circuit in any state, sorted, for `show isis neighbors`.
    public var allAdjacencies: [(level: ISISLevel?, adjacency: ISISAdjacency)] {
        if isPointToPoint { return pointToPointAdjacency.map { [(nil, $0)] } ?? [] }
        return ISISLevel.allCases.flatMap { level in
            (lanAdjacencies[level] ?? [:]).values.sorted { ($0.systemID, $0.mac) < ($1.systemID, $1.mac) }
                .map { (Optional(level), $0) }
        }
    }

    /// True when this router is the elected DIS of the LAN at a level.
    func isDesignated(_ level: ISISLevel, systemID: ISISSystemID) -> Bool {
        designatedIS[level]?.systemID == systemID
    }
}
