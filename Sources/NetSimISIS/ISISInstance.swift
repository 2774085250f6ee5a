import NetSimRouting
import NetSimWire

/// One router's IS-IS process (ISO 10589 with RFC 1195 for IPv4, RFC 5303 three-way handshakes
/// and RFC 5305 wide metrics). It owns the circuits and their adjacencies, one link-state
/// database per level, the LSPs it originates and the routes computed from them. It is driven by
/// three inputs — PDUs, timers and interface state changes — and acts only through its `ISISHost`.
///
/// Overview of the moving parts (each in its own extension):
/// - `+Hello`: Hellos, the adjacency state machines (LAN two-way, point-to-point three-way),
///   holding times, the L1 area check and DIS election on LANs.
/// - `+Flooding`: LSP receipt (newer / same / older, purges, our own LSPs coming back), the SRM
///   and SSN flags, CSNPs and PSNPs, retransmission on point-to-point circuits, lifetimes.
/// - `+Origination`: the LSPs this router and its pseudonodes announce, fragments, sequence
///   numbers, refresh and the generation interval.
/// - `+Routing`: SPF per level, L1/L2 route selection, the ATT-bit default route, the routes an
///   L1L2 router carries into L2 and leaks into L1.
public final class ISISInstance {
    public let configuration: ISISConfiguration
    public let deviceName: String
    public var systemID: ISISSystemID { configuration.systemID }
    /// `unowned(unsafe)`: the device owns both this instance and its host, and every access
    /// to a safe unowned reference costs an atomic retain and release (ADR 0027).
    unowned(unsafe) let host: any ISISHost

    /// Circuits in configuration order; `slot` maps device interface index to position.
    /// This and the databases and timers below skip the run-time exclusivity checks, which
    /// were a tenth of flooding's cost (ADR 0027).
    @exclusivity(unchecked) public internal(set) var circuits: [ISISCircuit] = []
    var slot: [Int: Int] = [:]
    /// The link-state database of each level the router runs.
    @exclusivity(unchecked) public internal(set) var databases: [ISISLevel: ISISLinkStateDatabase] = [:]

    @exclusivity(unchecked) var armedTimers = ArmedTimers<ISISTimer>()

    /// The last sequence number of each LSP this router has originated, per level (itself, its
    /// fragments and its pseudonodes); an LSP no longer wanted keeps its number for later.
    var ownSequence: [ISISLevel: [ISISLSPID: UInt32]] = [:]
    /// The LSPs this router currently originates, per level.
    var originating: [ISISLevel: Set<ISISLSPID>] = [:]
    /// When LSPs were last generated (for the generation interval).
    var lastGeneration: SimTime?
    /// Set when the next origination must re-issue every LSP even if unchanged (refresh).
    var refreshDue = false
    /// Own LSPs to re-issue even if unchanged: a newer copy of them came back from the network.
    var forcedReissue: [ISISLevel: Set<ISISLSPID>] = [:]
    public private(set) var started = false

    /// Routes per level from the last SPF, and what was installed.
    public internal(set) var levelRoutes: [ISISLevel: [IPv4Prefix: ISISRoute]] = [:]
    public internal(set) var installedRoutes: [Route] = []
    /// Nodes reached by each level's last SPF, with their distance and next hops.
    public internal(set) var spfResults: [ISISLevel: [ISISSPFNode]] = [:]
    /// True once level-2 SPF reaches a router of another area: an L1L2 router then sets ATT
    /// in its level-1 LSP.
    public internal(set) var reachesOtherAreas = false
    public internal(set) var spfRuns = 0
    public internal(set) var lastSPFAt: SimTime?
    /// Counters for the event summary.
    public internal(set) var hellosSent = 0
    public internal(set) var lspsSent = 0
    /// When the expiry timer is armed for.
    var expiryArmedAt: SimTime?
    /// When the flood timer of each circuit is armed for.
    var floodArmedAt: [Int: SimTime] = [:]

    /// `addresses`, `macs` and `mtus` give each circuit's address, MAC and link MTU by device
    /// interface index; `interfaceNames` names every interface of the device.
    public init(configuration: ISISConfiguration, deviceName: String, interfaceNames: [String],
                addresses: [Int: InterfaceAddress], macs: [Int: MACAddress], mtus: [Int: Int], host: any ISISHost) {
        self.configuration = configuration
        self.deviceName = deviceName
        self.host = host
        for config in configuration.interfaces {
            guard let address = addresses[config.interface], let mac = macs[config.interface] else { continue }
            slot[config.interface] = circuits.count
            circuits.append(ISISCircuit(configuration: config, name: interfaceNames[config.interface], address: address,
                                        mac: mac, mtu: mtus[config.interface] ?? 1500,
                                        routerLevel: configuration.level))
        }
        for level in configuration.level.levels { databases[level] = ISISLinkStateDatabase() }
    }

    public var levels: [ISISLevel] { configuration.level.levels }

    // MARK: Inputs

    /// Starts the process: originates the first LSPs from the circuits reported up so far.
    public func start() {
        started = true
        arm(.originate, after: .zero)
        arm(.refresh, after: configuration.timers.lspRefresh)
    }

    /// The operational state of a device interface changed (or is reported at start).
    public func interfaceStateChanged(_ deviceInterface: Int, up: Bool) {
        guard let position = slot[deviceInterface], circuits[position].isUp != up else { return }
        if up { circuitUp(position) } else { circuitDown(position) }
    }

    /// A PDU arrived on a device interface from a MAC address.
    public func receive(_ pdu: ISISPDU, source: MACAddress, interface deviceInterface: Int) {
        guard let position = slot[deviceInterface], circuits[position].sendsHellos else { return }
        switch pdu {
        case .lanHello(let hello):
            receiveLANHello(hello, from: source, circuit: position)
        case .pointToPointHello(let hello):
            receivePointToPointHello(hello, from: source, circuit: position)
        case .lsp(let lsp):
            receiveLSP(lsp, from: source, circuit: position)
        case .csnp(let csnp):
            receiveSequenceNumbers(csnp.level, entries: pdu.lspEntries, range: csnp.startLSPID...csnp.endLSPID,
                                   from: source, circuit: position)
        case .psnp(let psnp):
            receiveSequenceNumbers(psnp.level, entries: pdu.lspEntries, range: nil, from: source, circuit: position)
        }
    }

    /// A timer armed through the host expired. Stale timers (re-armed or cancelled since) are ignored.
    public func timerFired(_ timer: ISISTimer, token: UInt64) {
        guard armedTimers.fire(timer, token: token) else { return }
        switch timer {
        case let .hello(index, level):
            guard let position = slot[index], circuits[position].sendsHellos else { return }
            sendHello(position, level: level)
        case .holding(let index):
            if let position = slot[index] { expireAdjacencies(position) }
        case .flood(let index):
            if let position = slot[index] { sendFlaggedLSPs(position) }
        case let .csnp(index, level):
            if let position = slot[index] { sendPeriodicCSNP(position, level: level) }
        case let .psnp(index, level):
            if let position = slot[index] { sendPSNP(position, level: level) }
        case .originate:
            reconcileOriginations()
        case .refresh:
            refreshDue = true
            reconcileOriginations()
            arm(.refresh, after: configuration.timers.lspRefresh)
        case .spf:
            runSPF()
        case .expiry:
            expireLSPs()
        }
    }

    // MARK: Timers

    func arm(_ timer: ISISTimer, after delay: SimTime) {
        arm(timer, at: host.now + delay)
    }

    func arm(_ timer: ISISTimer, at time: SimTime) {
        let token = armedTimers.arm(timer)
        host.isisSchedule(timer, token: token, at: time)
    }

    /// Arms a timer unless it is already armed (for an earlier or equal moment).
    func armIfIdle(_ timer: ISISTimer, after delay: SimTime) {
        guard !armedTimers.isArmed(timer) else { return }
        arm(timer, after: delay)
    }

    func cancel(_ timer: ISISTimer) {
        armedTimers.cancel(timer)
    }

    func isArmed(_ timer: ISISTimer) -> Bool { armedTimers.isArmed(timer) }

    // MARK: Sending

    /// A circuit's field, read where the circuit lies: `circuits[position].field` copies the
    /// circuit with its adjacencies and flag maps first (see `Array.inPlace`). `access` must not
    /// reach `circuits` itself: its exclusivity is not checked at run time (ADR 0027).
    func circuit<Value>(_ position: Int, _ access: (inout ISISCircuit) -> Value) -> Value {
        circuits.inPlace(position, access)
    }

    func send(_ pdu: ISISPDU, circuit position: Int) {
        let (pointToPoint, index) = circuit(position) { ($0.isPointToPoint, $0.index) }
        let destination: MACAddress
        if pointToPoint {
            destination = ISISPDU.allISs
        } else {
            destination = ISISPDU.allISs(pdu.level ?? .level1)
        }
        host.isisSend(pdu, interface: index, destination: destination)
    }

    /// The largest PDU a circuit carries: its MTU less the LLC header (ISO 10589 dataLinkBlocksize).
    func maximumPDUSize(_ position: Int) -> Int { circuits[position].mtu - EthernetPayload.osiLLCHeader.count }

    func log(_ message: String) {
        host.isisLog(message)
    }

    /// The positions of the circuits that run a level.
    func circuitPositions(_ level: ISISLevel) -> [Int] {
        circuits.indices.filter { circuits[$0].levels.contains(level) }
    }
}

extension ISISInstance {
    /// True while the process is between stable states: an adjacency initializing, an LSP not yet
    /// sent or acknowledged, a PSNP or origination pending, or an SPF run due. The simulation
    /// does not call the network converged meanwhile.
    public var isSettling: Bool {
        if isArmed(.spf) || isArmed(.originate) { return true }
        return circuits.contains { circuit in
            guard circuit.sendsHellos else { return false }
            if circuit.allAdjacencies.contains(where: { $0.adjacency.state == .initializing }) { return true }
            if circuit.sendRouting.values.contains(where: { !$0.isEmpty }) { return true }
            return circuit.sendSequenceNumbers.values.contains { !$0.isEmpty }
        }
    }

    /// The circuit on a device interface, if IS-IS runs there.
    public func circuit(atDeviceIndex index: Int) -> ISISCircuit? {
        slot[index].map { circuits[$0] }
    }

    /// One LSP as `show isis database` lists it, with its remaining lifetime now.
    public struct DatabaseEntry: Sendable {
        public var level: ISISLevel
        public var lsp: ISISLSP
        public var remainingLifetime: UInt16
        /// True for LSPs this router originates.
        public var isOwn: Bool
    }

    /// Every LSP of every level, level 1 first, each in LSP ID order.
    public func databaseEntries() -> [DatabaseEntry] {
        let now = host.now
        return levels.flatMap { level in
            let database = databases[level] ?? ISISLinkStateDatabase()
            return database.sortedIDs.map { id in
                let entry = database[id]!
                return DatabaseEntry(level: level, lsp: entry.lsp, remainingLifetime: entry.remainingLifetime(at: now),
                                     isOwn: id.systemID == systemID)
            }
        }
    }

    /// The hostname a system announces (TLV 137), from its fragment 0 at either level.
    public func hostname(of system: ISISSystemID) -> String? {
        if system == systemID { return configuration.hostname }
        for level in levels {
            let id = ISISLSPID(node: ISISNodeID(systemID: system))
            guard let lsp = databases[level]?[id]?.lsp else { continue }
            for case .hostname(let name) in lsp.tlvs { return name }
        }
        return nil
    }

    /// The name to show for a system: its hostname, else its system ID.
    public func displayName(_ system: ISISSystemID) -> String { hostname(of: system) ?? system.description }
}
