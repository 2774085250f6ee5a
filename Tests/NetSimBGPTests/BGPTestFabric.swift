@testable import NetSimBGP
import NetSimRouting
import NetSimWire

/// BGP speakers wired together without the engine: a toy transport that connects two routers
/// in a millisecond when both are up and reachable, carries messages in order after a
/// millisecond, and reports closes and resets to the other end; a fake RIB per router for
/// next-hop resolution; one agenda ordered by time and arrival for timers and deliveries.
final class BGPTestFabric {
    final class Router: BGPHost {
        unowned let fabric: BGPTestFabric
        let name: String
        var instance: BGPInstance!
        /// The device's addresses (sessions are sourced from the first unless update_source says otherwise).
        var addresses: [IPv4Address]
        /// Connected subnets by interface index.
        var connected: [IPv4Prefix: Int] = [:]
        /// Non-BGP routes other than connected ones: metric and next hops.
        var igp: [IPv4Prefix: (metric: UInt32, nextHops: [NextHop])] = [:]
        var interfaces: [String: IPv4Address] = [:]
        var routes: [Route] = []
        var installs = 0
        var logLines: [String] = []
        var up = true

        init(fabric: BGPTestFabric, name: String, addresses: [IPv4Address]) {
            self.fabric = fabric
            self.name = name
            self.addresses = addresses
        }

        var now: SimTime { fabric.now }

        func bgpSchedule(_ timer: BGPTimer, token: UInt64, at time: SimTime) {
            let instance = instance!
            fabric.schedule(at: time) { [weak self] in
                guard let self, self.up, self.instance === instance else { return }
                instance.timerFired(timer, token: token)
            }
        }

        func bgpConnect(to peer: IPv4Address, port: UInt16, from localAddress: IPv4Address?, ttl: UInt8,
                        password: String?) -> BGPConnectionID {
            fabric.connects.append((name, peer, localAddress, ttl, password))
            return fabric.connect(from: self, to: peer, localAddress: localAddress ?? addresses[0], ttl: ttl, password: password)
        }

        func bgpSend(_ bytes: [UInt8], on connection: BGPConnectionID, routine: Bool) {
            // Every speaker here negotiates four-octet AS numbers, the decoder's default.
            let message = try! BGPMessage(decoding: bytes)
            fabric.sent.append((fabric.now, name, message))
            if fabric.dropping(message, fabric.links[connection]?.router ?? "") { return }
            // TCP keeps the bytes, not the boundaries: deliver them in two pieces.
            let cut = bytes.count / 3
            fabric.transfer(.bytes(Array(bytes[..<cut])), on: connection)
            fabric.transfer(.bytes(Array(bytes[cut...])), on: connection)
        }

        func bgpClose(_ connection: BGPConnectionID) { fabric.transfer(.close(.remoteClosed), on: connection) }
        func bgpAbort(_ connection: BGPConnectionID) { fabric.transfer(.close(.reset), on: connection) }

        func bgpResolve(_ address: IPv4Address) -> BGPNextHopResolution? {
            var best: (IPv4Prefix, BGPNextHopResolution)?
            for (prefix, interface) in connected where prefix.contains(address) {
                if best == nil || prefix.length > best!.0.length {
                    best = (prefix, BGPNextHopResolution(igpMetric: 0, nextHops: [NextHop(address: nil, interface: interface)],
                                                         connected: true))
                }
            }
            for (prefix, route) in igp where prefix.contains(address) && prefix.length > 0 {
                if best == nil || prefix.length > best!.0.length {
                    best = (prefix, BGPNextHopResolution(igpMetric: route.metric, nextHops: route.nextHops, connected: false))
                }
            }
            return best?.1
        }

        func bgpRoute(exactly prefix: IPv4Prefix) -> Route? {
            if let interface = connected[prefix] {
                return Route(prefix: prefix, source: .connected, nextHops: [NextHop(address: nil, interface: interface)])
            }
            return igp[prefix].map { Route(prefix: prefix, source: .static, metric: $0.metric, nextHops: $0.nextHops) }
        }

        func bgpSelectedRoutes(of source: RouteSource) -> [Route] {
            switch source {
            case .connected:
                connected.keys.sorted().map { Route(prefix: $0, source: .connected, nextHops: [NextHop(address: nil, interface: connected[$0]!)]) }
            case .static:
                igp.keys.sorted().map { Route(prefix: $0, source: .static, metric: igp[$0]!.metric, nextHops: igp[$0]!.nextHops) }
            default: []
            }
        }

        func bgpInterfaceAddress(named name: String) -> IPv4Address? { interfaces[name] }

        func bgpInstallRoutes(_ routes: [Route], replacing previous: [Route]) {
            self.routes.applyBGPInstallation(routes, replacing: previous)
            installs += 1
        }

        func bgpStateChanged() {}
        func bgpLog(_ message: String) { logLines.append(message) }

        func route(_ prefix: String) -> Route? { routes.first { $0.prefix == IPv4Prefix(prefix)! } }
        func peer(_ address: String) -> BGPInstance.PeerView { instance.peerView(IPv4Address(address)!)! }
        func paths(_ prefix: String) -> [BGPInstance.PathView] { instance.routeView(IPv4Prefix(prefix)!)?.paths ?? [] }
    }

    enum Transfer {
        case bytes([UInt8])
        case close(BGPConnectionCloseReason)
    }

    struct Endpoint {
        var router: String
        var id: BGPConnectionID
        var address: IPv4Address
    }

    private(set) var now = SimTime.zero
    private struct Key: Comparable {
        var time: SimTime
        var sequence: Int
        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.time, lhs.sequence) < (rhs.time, rhs.sequence) }
    }

    private var agenda = MinHeap<Key>()
    private var actions: [Int: () -> Void] = [:]
    private var sequence = 0
    private var nextConnection: UInt64 = 0
    private(set) var routers: [String: Router] = [:]
    /// The other end of each connection.
    fileprivate(set) var links: [BGPConnectionID: Endpoint] = [:]
    /// Pairs of routers that cannot reach each other.
    var partitioned: Set<[String]> = []
    /// Messages for which this returns true are lost (with their connection's later messages undisturbed).
    var dropping: (BGPMessage, String) -> Bool = { _, _ in false }
    var sent: [(time: SimTime, from: String, message: BGPMessage)] = []
    /// Every `bgpConnect`: who asked, to where, from which address, with which TTL and key.
    var connects: [(from: String, to: IPv4Address, local: IPv4Address?, ttl: UInt8, password: String?)] = []
    var latency = SimTime.milliseconds(1)

    @discardableResult
    func addRouter(_ name: String, addresses: [String], configuration: BGPConfiguration) -> Router {
        let router = Router(fabric: self, name: name, addresses: addresses.map { IPv4Address($0)! })
        router.instance = BGPInstance(configuration: configuration, deviceName: name, host: router)
        routers[name] = router
        return router
    }

    func router(owning address: IPv4Address) -> Router? {
        routers.keys.sorted().lazy.compactMap { self.routers[$0] }.first { $0.addresses.contains(address) }
    }

    func isPartitioned(_ a: String, _ b: String) -> Bool { partitioned.contains([a, b].sorted()) }

    func partition(_ a: String, _ b: String, _ cut: Bool) {
        if cut { partitioned.insert([a, b].sorted()) } else { partitioned.remove([a, b].sorted()) }
    }

    func start() {
        for name in routers.keys.sorted() { routers[name]!.instance.start() }
    }

    fileprivate func connect(from router: Router, to address: IPv4Address, localAddress: IPv4Address, ttl: UInt8,
                             password: String?) -> BGPConnectionID {
        nextConnection += 1
        let id = BGPConnectionID(nextConnection)
        schedule(at: now + latency) { [unowned self] in
            guard router.up else { return }
            guard let target = self.router(owning: address), !self.isPartitioned(router.name, target.name) else {
                router.instance.connectionClosed(id, reason: .unreachable)
                return
            }
            guard target.up else {
                router.instance.connectionClosed(id, reason: .reset)
                return
            }
            self.nextConnection += 1
            let remoteID = BGPConnectionID(self.nextConnection)
            self.links[id] = Endpoint(router: target.name, id: remoteID, address: address)
            self.links[remoteID] = Endpoint(router: router.name, id: id, address: localAddress)
            // The SYN-ACK reaches the opener a moment later, before anything the target sends.
            self.schedule(at: self.now + self.latency) { [unowned self] in
                guard self.links[id] != nil, router.up else { return }
                router.instance.connectionEstablished(id, local: localAddress, localPort: UInt16(40000 + id.rawValue % 20000),
                                                      remote: address, remotePort: 179, passive: false)
            }
            target.instance.connectionEstablished(remoteID, local: address, localPort: 179, remote: localAddress,
                                                  remotePort: UInt16(40000 + id.rawValue % 20000), passive: true)
        }
        return id
    }

    fileprivate func transfer(_ transfer: Transfer, on id: BGPConnectionID) {
        guard let remote = links[id] else { return }
        if case .close = transfer {
            links[id] = nil
            links[remote.id] = nil
        }
        schedule(at: now + latency) { [unowned self] in
            guard let target = self.routers[remote.router], target.up else { return }
            switch transfer {
            case .bytes(let bytes):
                // Data sent before a close still arrives; the receiver ignores connections it dropped.
                target.instance.received(bytes, on: remote.id)
            case .close(let reason):
                target.instance.connectionClosed(remote.id, reason: reason)
            }
        }
    }

    /// Cuts every connection of a router without telling it (as if its process vanished); the
    /// other ends see a reset.
    func resetConnections(of name: String) {
        let own = links.filter { $0.value.router != name && links[$0.value.id]?.router == name }
        for (id, _) in own.sorted(by: { $0.key < $1.key }) { transfer(.close(.reset), on: id) }
    }

    func schedule(at time: SimTime, _ action: @escaping () -> Void) {
        sequence += 1
        agenda.insert(Key(time: max(time, now), sequence: sequence))
        actions[sequence] = action
    }

    func run(until time: SimTime) {
        while let next = agenda.popMin() {
            guard next.time <= time else {
                agenda.insert(next)
                break
            }
            now = next.time
            actions.removeValue(forKey: next.sequence)!()
        }
        now = max(now, time)
    }

    func run(for duration: SimTime) { run(until: now + duration) }

    subscript(name: String) -> Router { routers[name]! }

    /// The connection `name` holds toward `peer` (for injecting crafted messages), if any.
    func connection(of name: String, to peer: String) -> BGPConnectionID? {
        links.sorted(by: { $0.key < $1.key }).first { id, remote in
            remote.router == peer && links[remote.id]?.router == name && routers[name]!.instance.connectionOwner[id] != nil
        }?.key
    }

    func messages(from name: String, ofType type: BGPMessageType) -> [BGPMessage] {
        sent.filter { $0.from == name && $0.message.type == type }.map(\.message)
    }
}

func prefix(_ text: String) -> IPv4Prefix { IPv4Prefix(text)! }
func address(_ text: String) -> IPv4Address { IPv4Address(text)! }

func neighbor(_ ip: String, as remoteAS: UInt32, _ configure: (inout BGPNeighborConfiguration) -> Void = { _ in })
    -> BGPNeighborConfiguration {
    var configuration = BGPNeighborConfiguration(address: address(ip), remoteAS: remoteAS)
    configure(&configuration)
    return configuration
}

extension [Route] {
    /// What a host does with `BGPHost.bgpInstallRoutes`: the routes of the prefixes in either
    /// list change, the rest stay. `previous` must be exactly what is installed for its prefixes.
    mutating func applyBGPInstallation(_ routes: [Route], replacing previous: [Route]) {
        let touched = Set(previous.map(\.prefix) + routes.map(\.prefix))
        precondition(filter { touched.contains($0.prefix) } == previous, "previous routes do not match what was installed")
        self = (filter { !touched.contains($0.prefix) } + routes).sorted { $0.prefix < $1.prefix }
    }
}
