import NetSimRouting
import NetSimWire

/// One neighbor on a circuit, as its Hellos describe it (ISO 10589 §8.2 and §8.4). On a LAN
/// there is one adjacency per level and neighbor; on a point-to-point circuit one in all, used
/// for the levels both ends share (`levels`).
public struct ISISAdjacency: Sendable, Equatable {
    /// Initializing until the neighbor shows it hears us (LAN: our MAC in its IS neighbors TLV;
    /// point-to-point: the RFC 5303 three-way handshake), then Up.
    public enum State: String, Sendable, Equatable {
        case initializing = "Initializing"
        case up = "Up"
    }

    public var systemID: ISISSystemID
    public var mac: MACAddress
    public var state: State
    /// The levels the adjacency serves.
    public var levels: ISISLevels
    /// The neighbor's circuit type.
    public var circuitType: ISISLevels
    public var areas: [ISISAreaAddress]
    /// The neighbor's IPv4 interface addresses (TLV 132): next hops.
    public var addresses: [IPv4Address]
    public var holdingTime: UInt16
    public var expiresAt: SimTime
    /// LAN only: the neighbor's priority and the LAN ID it reports.
    public var priority: UInt8
    public var lanID: ISISNodeID?
    /// Point-to-point only: the neighbor's extended circuit ID (RFC 5303).
    public var extendedCircuitID: UInt32?
    public var upSince: SimTime?

    /// The neighbor's address on a subnet: the next hop through this adjacency.
    public func address(on prefix: IPv4Prefix) -> IPv4Address? {
        addresses.filter { prefix.contains($0) }.min()
    }
}
