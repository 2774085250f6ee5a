import NetSimBGP
import NetSimRouting
import NetSimWire

/// Hosting BGP speakers: configuration before start, their TCP connections (port 179, through
/// `Simulation+TCP`), timers, next-hop resolution against the device's routing table, and route
/// installation. The protocol itself lives in NetSimBGP; `BGPDeviceHost` is the seam.
extension Simulation {
    /// Runs BGP on a router with the given configuration. Call before `start()`.
    public func enableBGP(device: Int, configuration: BGPConfiguration) {
        precondition(!started, "BGP is enabled before the simulation starts")
        precondition(devices[device].kind == .router, "BGP runs on routers only")
        devices[device].bgpConfiguration = configuration
    }

    /// Creates the BGP speaker of every router configured for it, listening on port 179 (with
    /// the MD5 key of each neighbor that has a password), then starts them.
    func startBGP() {
        for device in devices {
            guard let configuration = device.bgpConfiguration else { continue }
            let host = BGPDeviceHost(simulation: self, device: device.id)
            let instance = BGPInstance(configuration: configuration, deviceName: device.name, host: host)
            device.bgpHost = host
            device.bgp = instance
            tcpListen(device: device.id, port: BGPMessage.port, application: host)
            for neighbor in configuration.neighbors {
                guard let password = neighbor.password else { continue }
                tcpSetMD5Key(Array(password.utf8), device: device.id, port: BGPMessage.port, peer: neighbor.address)
            }
        }
        for device in devices { device.bgp?.start() }
    }

    /// `clear bgp`: resets the session with a neighbor or refreshes its routes. False when the
    /// device has no such neighbor.
    public func clearBGP(device: Int, peer: IPv4Address, _ kind: BGPClearKind) -> Bool {
        guard let instance = devices[device].bgp else { return false }
        let how = switch kind {
        case .hard: ""
        case .soft: " soft"
        case .softIn: " soft in"
        case .softOut: " soft out"
        }
        log(.command, devices[device].name, "clear bgp \(peer)" + how)
        return instance.clear(peer, kind)
    }

    /// Restarts the device's BGP process (the speaker keeps its configuration, loses its
    /// sessions and RIBs); `graceful` keeps forwarding as RFC 4724 allows.
    public func restartBGP(device: Int, graceful: Bool) {
        guard let instance = devices[device].bgp else { return }
        log(.command, devices[device].name, "BGP process restart" + (graceful ? " (graceful)" : ""))
        instance.restart(graceful: graceful)
    }

    func scheduleBGPTimer(_ timer: BGPTimer, token: UInt64, device: Int, at time: SimTime) {
        enqueue(.bgpTimer(device: device, timer: timer, token: token), at: max(time, now))
    }

    /// The device's non-BGP routes changed: its speaker re-resolves next hops and re-checks
    /// the networks it originates, once per instant however many changes the instant brings.
    func bgpRoutingTableChanged(_ device: Device) {
        guard device.bgp != nil, !device.bgpRoutesCheckPending else { return }
        device.bgpRoutesCheckPending = true
        enqueue(.bgpRoutesChanged(device: device.id), at: now)
    }

    func bgpRoutesChangedEvent(device: Int) {
        devices[device].bgpRoutesCheckPending = false
        devices[device].bgp?.routingTableChanged()
    }

    /// How the device reaches `address`: the longest-matching selected route other than the
    /// default route (FRR without `ip nht resolve-via-default`), a BGP route included (FRR
    /// resolves recursively; the speaker refuses a path resolving through its own prefix).
    func bgpResolve(_ address: IPv4Address, device: Device) -> BGPNextHopResolution? {
        guard let route = device.rib.fib.lookup(address), route.prefix.length > 0 else { return nil }
        return BGPNextHopResolution(igpMetric: route.metric, nextHops: route.nextHops,
                                    connected: route.source == .connected,
                                    throughBGPRoute: route.source == .bgp ? route.prefix : nil)
    }

    func logBGP(_ message: String, device: Device) { log(.bgp, device.name, message) }
}

/// Connects one device's BGP speaker to the simulation: its `BGPHost`, and the `TCPApplication`
/// of its connections (a BGP connection ID is the TCP connection's number on the device).
final class BGPDeviceHost: BGPHost, TCPApplication {
    /// `unowned(unsafe)`: the simulation owns the device that owns this host (ADR 0027).
    unowned(unsafe) let simulation: Simulation
    let device: Int
    private var connections: [BGPConnectionID: TCPConnectionID] = [:]

    init(simulation: Simulation, device: Int) {
        self.simulation = simulation
        self.device = device
    }

    private var speaker: BGPInstance? { simulation.devices[device].bgp }

    private func register(_ connection: TCPConnectionID) -> BGPConnectionID {
        let id = Self.id(connection)
        connections[id] = connection
        return id
    }

    private static func id(_ connection: TCPConnectionID) -> BGPConnectionID { BGPConnectionID(UInt64(connection.number)) }

    // MARK: BGPHost

    var now: SimTime { simulation.now }

    func bgpSchedule(_ timer: BGPTimer, token: UInt64, at time: SimTime) {
        simulation.scheduleBGPTimer(timer, token: token, device: device, at: time)
    }

    func bgpConnect(to peer: IPv4Address, port: UInt16, from localAddress: IPv4Address?, ttl: UInt8,
                    password: String?) -> BGPConnectionID {
        register(simulation.tcpConnect(device: device, to: peer, port: port, from: localAddress, ttl: ttl,
                                       md5Key: password.map { Array($0.utf8) }, application: self))
    }

    func bgpSend(_ bytes: [UInt8], on connection: BGPConnectionID, routine: Bool) {
        guard let tcp = connections[connection] else { return }
        simulation.tcpSend(bytes, on: tcp, holdsConvergence: !routine)
    }

    func bgpClose(_ connection: BGPConnectionID) {
        guard let tcp = connections.removeValue(forKey: connection) else { return }
        simulation.tcpClose(tcp)
    }

    func bgpAbort(_ connection: BGPConnectionID) {
        guard let tcp = connections.removeValue(forKey: connection) else { return }
        simulation.tcpAbort(tcp)
    }

    func bgpResolve(_ address: IPv4Address) -> BGPNextHopResolution? {
        simulation.bgpResolve(address, device: simulation.devices[device])
    }

    /// The selected route for exactly `prefix` unless it is BGP's own (FRR's import check: the
    /// network is valid while the routing table's best route for it comes from elsewhere).
    func bgpRoute(exactly prefix: IPv4Prefix) -> Route? {
        simulation.devices[device].rib.fib.route(for: prefix).flatMap { $0.source == .bgp ? nil : $0 }
    }

    func bgpSelectedRoutes(of source: RouteSource) -> [Route] {
        simulation.devices[device].rib.fib.routes.filter { $0.source == source }
    }

    func bgpInterfaceAddress(named name: String) -> IPv4Address? {
        let device = simulation.devices[device]
        return device.interfaceIndex(named: name).flatMap { device.interfaces[$0].address?.address }
    }

    func bgpInstallRoutes(_ routes: [Route], replacing previous: [Route]) {
        simulation.installProtocolRoutes(routes, replacing: previous, source: .bgp, device: simulation.devices[device])
    }

    func bgpStateChanged() { simulation.noteStateChange() }

    func bgpLog(_ message: String) { simulation.logBGP(message, device: simulation.devices[device]) }

    // MARK: TCPApplication

    func tcpEstablished(_ connection: TCPConnectionID, endpoints: TCPEndpoints, passive: Bool) {
        let id = passive ? register(connection) : Self.id(connection)
        if passive, let neighbor = simulation.devices[device].bgpConfiguration?.neighbors
            .first(where: { $0.address == endpoints.remoteAddress }),
           neighbor.remoteAS != simulation.devices[device].bgpConfiguration?.autonomousSystem {
            // An accepted eBGP session sends with the neighbor's TTL, as an opened one does.
            simulation.tcpSetTTL(neighbor.ebgpMultihop, on: connection)
        }
        speaker?.connectionEstablished(id, local: endpoints.localAddress, localPort: endpoints.localPort,
                                       remote: endpoints.remoteAddress, remotePort: endpoints.remotePort,
                                       passive: passive)
    }

    func tcpReceived(_ bytes: [UInt8], on connection: TCPConnectionID) {
        speaker?.received(bytes, on: Self.id(connection))
    }

    func tcpClosed(_ connection: TCPConnectionID, reason: TCPCloseReason) {
        let id = Self.id(connection)
        connections[id] = nil
        let closeReason: BGPConnectionCloseReason = switch reason {
        case .remoteClosed: .remoteClosed
        case .reset: .reset
        case .timedOut: .timedOut
        case .unreachable: .unreachable
        }
        speaker?.connectionClosed(id, reason: closeReason)
    }
}
