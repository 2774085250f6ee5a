import NetSimRouting
import NetSimWire

/// The OSPF state of one interface (RFC 2328 §9).
///
/// Interface state machine (§9.3):
/// ```
///   Down --InterfaceUp--> Loopback                            (loopback interfaces)
///   Down --InterfaceUp--> Point-To-Point                      (point-to-point networks)
///   Down --InterfaceUp--> Waiting --WaitTimer/BackupSeen--> DR | Backup | DROther   (broadcast)
///   Down --InterfaceUp--> DROther                             (broadcast, priority 0)
///   DR/Backup/DROther --NeighborChange--> (re-elect) DR | Backup | DROther
///   any --InterfaceDown--> Down
/// ```
/// Passive broadcast interfaces skip Waiting: with no Hellos there is nobody to wait for.
public struct OSPFInterface {
    public enum State: String, Sendable, DeclarationOrdered {
        case down = "Down"
        case loopback = "Loopback"
        case waiting = "Waiting"
        case pointToPoint = "Point-To-Point"
        case drOther = "DROther"
        case backup = "Backup"
        case designatedRouter = "DR"
    }

    public let configuration: OSPFInterfaceConfiguration
    public let name: String
    public let address: InterfaceAddress
    public let mtu: Int
    public internal(set) var state: State = .down
    /// The interface addresses of the DR and BDR, 0.0.0.0 when none (as carried in Hellos).
    public internal(set) var designatedRouter: IPv4Address = .zero
    public internal(set) var backupDesignatedRouter: IPv4Address = .zero
    /// Neighbors by their interface address.
    public internal(set) var neighbors: [IPv4Address: OSPFNeighbor] = [:]
    var delayedAcks: [LSAHeader] = []
    /// LSAs flooded out of this interface and not yet put in an LS Update (see `queueFlood`).
    var pendingFloods: [LSA] = []
    var pendingFloodIndex: [LSAKey: Int] = [:]

    init(configuration: OSPFInterfaceConfiguration, name: String, address: InterfaceAddress, mtu: Int) {
        self.configuration = configuration
        self.name = name
        self.address = address
        self.mtu = mtu
    }

    public var index: Int { configuration.interface }
    public var area: IPv4Address { configuration.area }
    public var isPointToPoint: Bool { configuration.network == .pointToPoint }
    public var isUp: Bool { state != .down }

    /// Neighbors in address order, for deterministic iteration.
    public var sortedNeighbors: [OSPFNeighbor] { neighbors.keys.sorted().map { neighbors[$0]! } }

    /// How many LSA headers fit in one DD packet, and how many LSA bytes in one update.
    var headersPerDescription: Int { max(1, (mtu - IPv4Packet.headerLength - OSPFPacket.headerLength - 8) / 20) }
    var updatePayloadBudget: Int { max(100, mtu - IPv4Packet.headerLength - OSPFPacket.headerLength - 4) }
}
