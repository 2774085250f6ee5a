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
    /// Neighbors in address order, so iteration is deterministic. An array rather than a map:
    /// an interface has a handful of neighbors, found by a short scan (`neighborIndex`), and
    /// flooding changes them in place by index without copying their lists.
    public internal(set) var neighbors: [OSPFNeighbor] = []
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

    /// The neighbor with this interface address.
    public func neighbor(_ address: IPv4Address) -> OSPFNeighbor? {
        neighborIndex(address).map { neighbors[$0] }
    }

    func neighborIndex(_ address: IPv4Address) -> Int? {
        neighbors.firstIndex { $0.address == address }
    }

    /// Changes a neighbor in place; nil when there is none with this address.
    @discardableResult
    mutating func withNeighbor<Result>(_ address: IPv4Address, _ change: (inout OSPFNeighbor) -> Result) -> Result? {
        guard let index = neighborIndex(address) else { return nil }
        return change(&neighbors[index])
    }

    /// Adds a neighbor, or replaces the one with its address, keeping address order.
    mutating func setNeighbor(_ neighbor: OSPFNeighbor) {
        if let index = neighborIndex(neighbor.address) {
            neighbors[index] = neighbor
        } else {
            let index = neighbors.firstIndex { $0.address > neighbor.address } ?? neighbors.endIndex
            neighbors.insert(neighbor, at: index)
        }
    }

    mutating func removeNeighbor(_ address: IPv4Address) {
        if let index = neighborIndex(address) { neighbors.remove(at: index) }
    }

    /// How many LSA headers fit in one DD packet, and how many LSA bytes in one update.
    var headersPerDescription: Int { max(1, (mtu - IPv4Packet.headerLength - OSPFPacket.headerLength - 8) / 20) }
    var updatePayloadBudget: Int { max(100, mtu - IPv4Packet.headerLength - OSPFPacket.headerLength - 4) }
}
