import NetSimBGP
import NetSimISIS
import NetSimOSPF
import NetSimRouting
import NetSimWire

/// One simulated box: its interfaces and the state the engine keeps for it (RIB/FIB, ARP cache,
/// MAC table for switches, configured static routes, probe identifiers).
public final class Device {
    public let id: Int
    public let name: String
    public let kind: DeviceKind
    public let routerID: IPv4Address?
    public internal(set) var interfaces: [Interface]
    public internal(set) var rib = RoutingTable()
    public internal(set) var staticRoutes: [StaticRoute] = []
    /// How this router runs OSPF, when it does.
    public internal(set) var ospfConfiguration: OSPFConfiguration?
    /// The running OSPF process, from `Simulation.start()` on.
    public internal(set) var ospf: OSPFInstance?
    var ospfHost: OSPFDeviceHost?
    /// How this router runs IS-IS, when it does.
    public internal(set) var isisConfiguration: ISISConfiguration?
    /// The running IS-IS process, from `Simulation.start()` on.
    public internal(set) var isis: ISISInstance?
    var isisHost: ISISDeviceHost?
    /// How this router speaks BGP, when it does.
    public internal(set) var bgpConfiguration: BGPConfiguration?
    /// The running BGP speaker, from `Simulation.start()` on.
    public internal(set) var bgp: BGPInstance?
    var bgpHost: BGPDeviceHost?
    /// A `bgpRoutesChanged` event is due this instant (`Simulation.bgpRoutingTableChanged`).
    var bgpRoutesCheckPending = false
    /// Listeners and connections, from the first TCP use on (`Simulation+TCP`).
    var tcp: TCPStack?
    var arp = ARPCache()
    var macTable = MACTable()
    private var nextIdentifier: UInt16 = 0
    private var nextIPIdentification: UInt16 = 0

    init(id: Int, name: String, kind: DeviceKind, routerID: IPv4Address?, interfaces: [Interface]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.routerID = routerID
        self.interfaces = interfaces
    }

    public func interfaceIndex(named name: String) -> Int? {
        interfaces.firstIndex { $0.name == name }
    }

    /// Whether this device routes packets that are not addressed to it.
    public var forwardsIP: Bool { kind == .router }
    public var hasIPStack: Bool { kind != .switch }

    /// True when `address` is configured on one of this device's interfaces.
    func ownsAddress(_ address: IPv4Address) -> Bool {
        interfaces.contains { $0.address?.address == address }
    }

    /// Whether a next hop's interface (by index) can carry traffic now.
    func interfaceIsUp(_ index: Int) -> Bool {
        index >= 0 && index < interfaces.count && interfaces[index].operUp
    }

    /// True when a packet to `address` is for this device: one of its addresses, or any address
    /// in the prefix of a loopback that is up (Linux routes a loopback's whole prefix locally).
    func isLocalDestination(_ address: IPv4Address) -> Bool {
        interfaces.contains {
            guard let configured = $0.address else { return false }
            return configured.address == address || ($0.isLoopback && $0.operUp && configured.prefix.contains(address))
        }
    }

    /// True when `address` is the directed-broadcast address of the interface's subnet.
    func isSubnetBroadcast(_ address: IPv4Address, on interface: Int) -> Bool {
        guard let configured = interfaces[interface].address, configured.prefixLength < 31 else { return false }
        return configured.prefix.broadcast == address
    }

    /// A fresh identifier for a ping or traceroute session.
    func allocateIdentifier() -> UInt16 {
        nextIdentifier &+= 1
        return UInt16(truncatingIfNeeded: id &* 4099) &+ nextIdentifier
    }

    func allocateIPIdentification() -> UInt16 {
        nextIPIdentification &+= 1
        return nextIPIdentification
    }

    /// Rebuilds the connected and static candidates from interface state and configuration.
    func refreshLocalRoutes() {
        var connected: [Route] = []
        for (index, interface) in interfaces.enumerated() {
            guard let address = interface.address else { continue }
            connected.append(Route(prefix: address.prefix, source: .connected,
                                   nextHops: [NextHop(address: nil, interface: index)]))
        }
        rib.replaceCandidates(source: .connected, with: connected)
        var grouped: [IPv4Prefix: [UInt8: [NextHop]]] = [:]
        for route in staticRoutes {
            let hop = NextHop(address: route.gateway, interface: route.interface ?? NextHop.unresolvedInterface)
            grouped[route.prefix, default: [:]][route.distance, default: []].append(hop)
        }
        var statics: [Route] = []
        for (prefix, byDistance) in grouped {
            for (distance, hops) in byDistance {
                statics.append(Route(prefix: prefix, source: .static, distance: distance, nextHops: hops))
            }
        }
        rib.replaceCandidates(source: .static, with: statics)
    }
}
