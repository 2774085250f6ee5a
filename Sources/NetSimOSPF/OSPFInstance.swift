import NetSimRouting
import NetSimWire

/// One router's OSPFv2 process (RFC 2328). It owns the interface and neighbor state machines,
/// one link-state database per area plus the AS-external one, the LSAs this router originates,
/// and the routing table computed from them. It is driven by three inputs — packets, timers and
/// interface state changes — and acts only through its `OSPFHost`.
///
/// Overview of the moving parts (each in its own extension):
/// - `+Hello`: Hellos, the neighbor state machine, DR/BDR election (§9, §10).
/// - `+Exchange`: database description and LS request exchange (§10.6-10.9).
/// - `+Flooding`: LS updates, acknowledgements, retransmission, MaxAge removal (§13, §14).
/// - `+Origination`: the LSAs this router wants, MinLSInterval, refresh, flushing (§12.4).
/// - `+Routing`: SPF scheduling with FRR's throttle, the routing table, route installation (§16).
public final class OSPFInstance {
    public let configuration: OSPFConfiguration
    public let deviceName: String
    public var routerID: IPv4Address { configuration.routerID }
    /// `unowned(unsafe)`: the device owns both this instance and its host, and every access
    /// to a safe unowned reference costs an atomic retain and release (ADR 0027).
    unowned(unsafe) let host: any OSPFHost

    /// OSPF interfaces in configuration order; `slot` maps device interface index to position.
    /// This and the databases and timers below skip the run-time exclusivity checks, which
    /// were a tenth of flooding's cost (ADR 0027).
    @exclusivity(unchecked) public internal(set) var interfaces: [OSPFInterface] = []
    var slot: [Int: Int] = [:]
    /// Area databases by area ID; `areaIDs` lists them in order.
    @exclusivity(unchecked) var areaDatabases: [IPv4Address: LinkStateDatabase] = [:]
    public let areaIDs: [IPv4Address]
    @exclusivity(unchecked) var externalDatabase = LinkStateDatabase()

    @exclusivity(unchecked) var armedTimers = ArmedTimers<OSPFTimer>()

    /// When each self-originated LSA was last originated (for MinLSInterval).
    var lastOrigination: [ScopedLSAKey: SimTime] = [:]
    /// Self-originated LSAs that must be re-originated even if their contents did not change.
    var forcedOrigination: Set<ScopedLSAKey> = []

    public internal(set) var routingTable = OSPFRoutingTable()
    /// False until `start()`: interfaces reported before then originate nothing on their own.
    public private(set) var started = false
    public internal(set) var spfRuns = 0
    public internal(set) var lastSPFAt: SimTime?
    var spfHoldMultiplier: Int64 = 1
    /// True while LS Updates wait in interface queues for `sendQueuedUpdates()`.
    var hasQueuedUpdates = false
    /// When the deferred-origination timer is armed for.
    var pendingOriginationAt: SimTime?
    /// LSAs at MaxAge, waiting to be removed once acknowledged (§14).
    var maxAgeLSAs: Set<ScopedLSAKey> = []
    /// When the MaxAge timer is armed for.
    var nextMaxAgeCheck: SimTime?

    /// RFC 2328 appendix B and FRR's defaults (public for `show ospf`).
    public static let minLSInterval = SimTime.seconds(5)
    public static let minLSArrival = SimTime.seconds(1)
    public static let lsRefreshTime = SimTime.seconds(1800)
    public static let spfDelay = SimTime.zero
    public static let spfInitialHold = SimTime.milliseconds(50)
    public static let spfMaximumHold = SimTime.seconds(5)
    static let delayedAckInterval = SimTime.seconds(1)

    /// `addresses` and `mtus` give each OSPF interface's address and link MTU by device
    /// interface index; `interfaceNames` names every interface of the device.
    public init(configuration: OSPFConfiguration, deviceName: String, interfaceNames: [String],
                addresses: [Int: InterfaceAddress], mtus: [Int: Int], host: any OSPFHost) {
        self.configuration = configuration
        self.deviceName = deviceName
        self.host = host
        for config in configuration.interfaces {
            guard let address = addresses[config.interface] else { continue }
            slot[config.interface] = interfaces.count
            interfaces.append(OSPFInterface(configuration: config, name: interfaceNames[config.interface],
                                            address: address, mtu: mtus[config.interface] ?? 1500))
        }
        areaIDs = Array(Set(interfaces.map(\.area))).sorted()
        for area in areaIDs { areaDatabases[area] = LinkStateDatabase() }
    }

    // MARK: Inputs

    /// Starts the process: originates the first router-LSAs from the interfaces reported up so
    /// far (report each interface's state through `interfaceStateChanged` first).
    public func start() {
        started = true
        reconcileOriginations()
    }

    /// The operational state of a device interface changed (or is reported at start).
    public func interfaceStateChanged(_ deviceInterface: Int, up: Bool) {
        guard let position = slot[deviceInterface] else { return }
        if up && interfaces[position].state == .down {
            interfaceUp(position)
        } else if !up && interfaces[position].state != .down {
            interfaceDown(position)
        }
    }

    /// An OSPF packet arrived on a device interface (RFC 2328 §8.2 checks, then dispatch).
    public func receive(_ packet: OSPFPacket, source: IPv4Address, destination: IPv4Address, interface deviceInterface: Int) {
        guard let position = slot[deviceInterface] else { return }
        let state = interfaces[position].state, configuration = interfaces[position].configuration
        guard state != .down, !configuration.passive, packet.routerID != routerID,
              packet.areaID == configuration.area else { return }
        // Packets to AllDRouters are for the DR and BDR only.
        if destination == OSPFPacket.allDRouters, state != .designatedRouter && state != .backup { return }
        // On a broadcast network the source must be on the interface's subnet.
        if configuration.network != .pointToPoint && !interfaces[position].address.prefix.contains(source) { return }
        switch packet.body {
        case .hello(let hello):
            receiveHello(hello, from: packet.routerID, source: source, interface: position)
        case .databaseDescription(let description):
            receiveDatabaseDescription(description, from: source, interface: position)
        case .linkStateRequest(let keys):
            receiveLinkStateRequest(keys, from: source, interface: position)
        case .linkStateUpdate(let lsas):
            receiveLinkStateUpdate(lsas, from: source, interface: position)
        case .linkStateAck(let headers):
            receiveLinkStateAck(headers, from: source, interface: position)
        }
    }

    /// A timer armed through the host expired. Stale timers (re-armed or cancelled since) are ignored.
    public func timerFired(_ timer: OSPFTimer, token: UInt64) {
        guard armedTimers.fire(timer, token: token) else { return }
        switch timer {
        case .hello(let index):
            guard let position = slot[index] else { return }
            sendHello(position)
            arm(timer, after: .seconds(Int64(interfaces[position].configuration.helloInterval)))
        case .wait(let index):
            if let position = slot[index], interfaces[position].state == .waiting { electDesignatedRouter(position) }
        case let .inactivity(index, neighbor):
            if let position = slot[index] { neighborDied(neighbor, interface: position, reason: "dead timer expired") }
        case let .exchangeRetransmit(index, neighbor):
            if let position = slot[index] { retransmitExchange(neighbor, interface: position) }
        case let .updateRetransmit(index, neighbor):
            if let position = slot[index] { retransmitUpdates(neighbor, interface: position) }
        case .delayedAck(let index):
            if let position = slot[index] { sendDelayedAcks(position) }
        case .originate:
            pendingOriginationAt = nil
            reconcileOriginations()
        case .spf:
            runSPF()
        case .refresh(let key):
            forcedOrigination.insert(key)
            reconcileOriginations()
        case .maxAge:
            ageOutLSAs()
        }
    }

    /// The device's connected or static routes changed; redistributed LSAs may follow.
    public func redistributedRoutesChanged() {
        guard configuration.isASBoundaryRouter else { return }
        reconcileOriginations()
    }

    // MARK: Timers

    func arm(_ timer: OSPFTimer, after delay: SimTime) {
        arm(timer, at: host.now + delay)
    }

    func arm(_ timer: OSPFTimer, at time: SimTime) {
        let token = armedTimers.arm(timer)
        host.ospfSchedule(timer, token: token, at: time)
    }

    func cancel(_ timer: OSPFTimer) {
        armedTimers.cancel(timer)
    }

    func isArmed(_ timer: OSPFTimer) -> Bool { armedTimers.isArmed(timer) }

    // MARK: Sending

    func send(_ body: OSPFPacketBody, interface position: Int, to destination: IPv4Address) {
        // Fields, not the interface: a copy would retain its neighbor and queue arrays.
        let configuration = interface(position) { $0.configuration }
        host.ospfSend(OSPFPacket(routerID: routerID, areaID: configuration.area, body: body),
                      interface: configuration.interface, destination: destination)
    }

    /// An interface's field, read where the interface lies: `interfaces[position].field` copies
    /// the interface with its neighbors' lists first (see `Array.inPlace`). `access` must not
    /// reach `interfaces` itself: its exclusivity is not checked at run time (ADR 0027).
    func interface<Value>(_ position: Int, _ access: (inout OSPFInterface) -> Value) -> Value {
        interfaces.inPlace(position, access)
    }

    /// Where flooded updates and delayed acks go on an interface (§13.3, §13.5).
    func floodDestination(_ position: Int) -> IPv4Address {
        let (pointToPoint, state) = interface(position) { ($0.isPointToPoint, $0.state) }
        if pointToPoint || state == .designatedRouter || state == .backup {
            return OSPFPacket.allSPFRouters
        }
        return OSPFPacket.allDRouters
    }

    // MARK: Databases

    /// The database entry for an LSA key in an interface's area (the AS-external database for
    /// type 5), looked up where the database lies rather than in a copy of it.
    func entry(_ key: LSAKey, area: IPv4Address) -> LinkStateDatabase.Entry? {
        if key.type == .asExternal { return externalDatabase[key] }
        return areaDatabases[area]?[key]
    }

    /// The stamp (stored header and time) of an entry, read in place: what flooding compares
    /// every arriving LSA with, without copying the entry (see `LinkStateDatabase.Stamp`).
    func stamp(_ key: LSAKey, area: IPv4Address) -> LinkStateDatabase.Stamp? {
        if key.type == .asExternal { return externalDatabase.stamp(key) }
        return areaDatabases[area]?.stamp(key)
    }

    func install(_ lsa: LSA, area: IPv4Address) {
        let now = host.now
        let scopedKey = ScopedLSAKey(area: lsa.key.type == .asExternal ? nil : area, key: lsa.key)
        if lsa.key.type == .asExternal {
            externalDatabase.install(lsa, at: now)
        } else {
            areaDatabases[area]!.install(lsa, at: now)
        }
        if lsa.header.age >= LSAHeader.maxAge {
            maxAgeLSAs.insert(scopedKey)
        } else {
            if !maxAgeLSAs.isEmpty { maxAgeLSAs.remove(scopedKey) }
            scheduleMaxAgeCheck(at: LinkStateDatabase.Entry.maxAgeTime(of: lsa.header, installedAt: now))
        }
    }

    func removeFromDatabase(_ key: LSAKey, area: IPv4Address) {
        if key.type == .asExternal {
            externalDatabase.remove(key)
        } else {
            areaDatabases[area]?.remove(key)
        }
    }

    func log(_ message: String) {
        host.ospfLog(message)
    }
}

extension OSPFInstance {
    /// True while the process is between stable states: an interface waiting to elect a DR, a
    /// neighbor not yet past Init or mid-exchange, an update not yet acknowledged, or an SPF run
    /// or LSA origination pending. The simulation does not call the network converged meanwhile.
    public var isSettling: Bool {
        if isArmed(.spf) || isArmed(.originate) { return true }
        return interfaces.contains { interface in
            interface.state == .waiting || interface.neighbors.contains { neighbor in
                neighbor.state == .initializing || neighbor.isExchanging || !neighbor.retransmissionList.isEmpty
            }
        }
    }
}

extension OSPFInstance {
    /// One LSA as `show ospf database` lists it: where it lives and its age now.
    public struct DatabaseEntry: Sendable {
        /// The area, or nil for AS-external LSAs.
        public var area: IPv4Address?
        public var lsa: LSA
        public var age: UInt16
    }

    /// Every LSA in every database, areas in order then AS-external, each in key order.
    public func databaseEntries() -> [DatabaseEntry] {
        let now = host.now
        var result: [DatabaseEntry] = []
        for area in areaIDs {
            let database = areaDatabases[area]!
            for key in database.sortedKeys {
                let entry = database[key]!
                result.append(DatabaseEntry(area: area, lsa: entry.lsa, age: entry.age(at: now)))
            }
        }
        for key in externalDatabase.sortedKeys {
            let entry = externalDatabase[key]!
            result.append(DatabaseEntry(area: nil, lsa: entry.lsa, age: entry.age(at: now)))
        }
        return result
    }

    /// The OSPF interface on a device interface, if OSPF runs there.
    public func interface(atDeviceIndex index: Int) -> OSPFInterface? {
        slot[index].map { interfaces[$0] }
    }
}
