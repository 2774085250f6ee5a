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

    /// The neighbor's position, found without copying the neighbors it passes (see
    /// `Array.inPlace`); for hot paths, where `neighborIndex` would copy each one.
    mutating func neighborPosition(_ address: IPv4Address) -> Int? {
        neighbors.firstIndexInPlace { $0.address == address }
    }

    /// A neighbor's field, read (or changed) where the neighbor lies (see `Array.inPlace`).
    mutating func neighbor<Value>(at index: Int, _ access: (inout OSPFNeighbor) -> Value) -> Value {
        neighbors.inPlace(index, access)
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

    // MARK: Flooding (§13.3), in place

    /// What offering an LSA to an interface's neighbors came to (see `offer`).
    enum FloodOffer {
        /// Not in scope, down or passive, no neighbor took it, or the DR floods it instead.
        case notQueued
        /// Queued for the next LS Update out of this interface.
        case queued
        /// Queued, and this is the interface it arrived on (it is not acknowledged there).
        case queuedBack
    }

    /// §13.3 for one interface: every neighbor in Exchange or later that has not already got
    /// this instance (or a newer one it asked for) puts it on its retransmission list, and
    /// `listed` is told that neighbor's address to arm its retransmission timer; then the LSA
    /// is queued for the interface's next LS Update unless the DR will flood it. A method on the
    /// interface, so that the caller changes the interface where it lies in the instance's array
    /// rather than copying it and its neighbors' lists.
    mutating func offer(_ lsa: LSA, area lsaArea: IPv4Address, receivedHere: Bool, from sender: IPv4Address?,
                        listed: (_ neighbor: IPv4Address, _ interface: Int, _ retransmitInterval: UInt16) -> Void)
        -> FloodOffer {
        let key = lsa.key
        guard key.type == .asExternal || configuration.area == lsaArea else { return .notQueued }
        guard state != .down, !configuration.passive else { return .notQueued }
        var added = false
        for index in neighbors.indices {
            let neighborState = neighbors[index].state
            guard neighborState >= .exchange else { continue }
            let address = neighbors[index].address
            if neighborState < .full, let requested = neighbors[index].requested[key] {
                let order = lsa.header.compareRecency(requested)
                if order == .orderedAscending { continue }
                neighbors[index].removeRequest(key)
                if order == .orderedSame { continue }
            }
            if receivedHere && address == sender { continue }
            // A non-empty list always has its retransmission timer armed (every path that empties
            // a list or cancels the timer does both), so only the first entry needs to arm it.
            let wasEmpty = neighbors[index].retransmissionList.isEmpty
            neighbors[index].retransmissionList[key] = lsa.header
            if wasEmpty { listed(address, configuration.interface, configuration.retransmitInterval) }
            added = true
        }
        guard added else { return .notQueued }
        if receivedHere {
            // The DR floods to everyone else; from the DR or BDR, and when we are BDR, nothing to do.
            let fromDesignated = sender == designatedRouter || sender == backupDesignatedRouter
            if !isPointToPoint && (fromDesignated || state == .backup) { return .notQueued }
        }
        var outgoing = lsa
        let delay = UInt32(configuration.transmitDelay)
        outgoing.header.age = UInt16(min(UInt32(LSAHeader.maxAge), UInt32(lsa.header.age) + delay))
        // Floods leave in batches, as FRR's update queue sends them (see `sendQueuedUpdates`); a
        // newer instance queued in the same batch replaces the older one where it stands.
        if let queued = pendingFloodIndex[key] {
            pendingFloods[queued] = outgoing
        } else {
            // Room for a few from the start: growing 1, 2, 4, 8 cost a reallocation each.
            if pendingFloods.isEmpty { pendingFloods.reserveCapacity(8) }
            pendingFloodIndex[key] = pendingFloods.count
            pendingFloods.append(outgoing)
        }
        return receivedHere ? .queuedBack : .queued
    }

    /// Takes the queued floods out. The index keeps its storage for the next batch (growing it
    /// from empty for every batch was a large share of flooding) unless a database exchange made
    /// it big: every interface of a large network keeping that much would cost more than it saves.
    mutating func takePendingFloods() -> [LSA] {
        let lsas = pendingFloods
        pendingFloods = []
        pendingFloodIndex.removeAll(keepingCapacity: pendingFloodIndex.capacity <= 64)
        return lsas
    }

    /// Drops an LSA from every neighbor's retransmission list (§13 step 5c).
    mutating func unlist(_ key: LSAKey) {
        for index in neighbors.indices {
            neighbor(at: index) { neighbor in
                if !neighbor.retransmissionList.isEmpty { neighbor.retransmissionList.removeValue(forKey: key) }
            }
        }
    }

    /// §13.7: acknowledgements from one neighbor (by position) remove the instances they name from
    /// its retransmission list. Returns true when the list is left empty.
    mutating func acknowledge(_ headers: [LSAHeader], neighbor index: Int) -> Bool {
        for header in headers {
            guard let pending = neighbor(at: index, { $0.retransmissionList[header.key] }) else { continue }
            // The same instance: sequence and checksum agree, and both or neither are MaxAge.
            if header.sequence == pending.sequence && header.checksum == pending.checksum
                && (header.age >= LSAHeader.maxAge) == (pending.age >= LSAHeader.maxAge) {
                neighbors[index].retransmissionList.removeValue(forKey: header.key)
            }
        }
        return neighbor(at: index) { $0.retransmissionList.isEmpty }
    }

    /// How many LSA headers fit in one DD packet, and how many LSA bytes in one update.
    var headersPerDescription: Int { max(1, (mtu - IPv4Packet.headerLength - OSPFPacket.headerLength - 8) / 20) }
    var updatePayloadBudget: Int { max(100, mtu - IPv4Packet.headerLength - OSPFPacket.headerLength - 4) }
}
