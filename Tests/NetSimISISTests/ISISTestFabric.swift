import NetSimISIS
import NetSimRouting
import NetSimWire

/// IS-IS instances wired together without the engine: each router is an `ISISHost`, links
/// carry PDUs after a millisecond, and timers run from one agenda ordered by time and arrival.
/// `dropping` lets a test lose PDUs on purpose.
final class ISISTestFabric {
    final class Router: ISISHost {
        unowned let fabric: ISISTestFabric
        let name: String
        var instance: ISISInstance!
        var routes: [Route] = []
        var logLines: [String] = []

        init(fabric: ISISTestFabric, name: String) {
            self.fabric = fabric
            self.name = name
        }

        var now: SimTime { fabric.now }

        func isisSend(_ pdu: ISISPDU, interface: Int, destination: MACAddress) {
            fabric.deliver(pdu, from: name, interface: interface)
        }

        func isisSchedule(_ timer: ISISTimer, token: UInt64, at time: SimTime) {
            fabric.schedule(at: time) { [unowned self] in self.instance.timerFired(timer, token: token) }
        }

        func isisInstallRoutes(_ routes: [Route], replacing previous: [Route]) { self.routes = routes }
        func isisStateChanged() {}
        func isisLog(_ message: String) { logLines.append(message) }

        func route(_ prefix: String) -> Route? { routes.first { $0.prefix == IPv4Prefix(prefix)! } }
    }

    struct Port: Hashable {
        var router: String
        var interface: Int
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
    private(set) var routers: [String: Router] = [:]
    private var segments: [[Port]] = []
    private var down: Set<Int> = []
    /// PDUs for which this returns true are lost.
    var dropping: (ISISPDU, Port) -> Bool = { _, _ in false }
    private(set) var sent: [(time: SimTime, from: Port, pdu: ISISPDU)] = []

    static func mac(_ port: Port) -> MACAddress {
        MACAddress(0x0200_0000_0000 | UInt64(port.router.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xFFFF) << 8
                   | UInt64(port.interface))
    }

    /// A router with circuits given as (interface index, address, configuration).
    func addRouter(_ name: String, configuration: ISISConfiguration, addresses: [Int: String], mtus: [Int: Int] = [:]) {
        let router = Router(fabric: self, name: name)
        var parsed: [Int: InterfaceAddress] = [:], macs: [Int: MACAddress] = [:], names: [String] = []
        let count = (addresses.keys.max() ?? 0) + 1
        for index in 0..<count {
            names.append("eth\(index)")
            if let text = addresses[index] { parsed[index] = InterfaceAddress(text)! }
            macs[index] = Self.mac(Port(router: name, interface: index))
        }
        router.instance = ISISInstance(configuration: configuration, deviceName: name, interfaceNames: names,
                                       addresses: parsed, macs: macs, mtus: mtus, host: router)
        routers[name] = router
    }

    /// A link (two ports) or a LAN segment (more).
    func connect(_ ports: [(String, Int)]) {
        segments.append(ports.map { Port(router: $0.0, interface: $0.1) })
    }

    func start() {
        for name in routers.keys.sorted() {
            let router = routers[name]!
            for circuit in router.instance.configuration.interfaces {
                router.instance.interfaceStateChanged(circuit.interface, up: true)
            }
            router.instance.start()
        }
    }

    /// Takes a segment down (both ends see their interface go down) or back up.
    func setSegment(_ index: Int, up: Bool) {
        if up { down.remove(index) } else { down.insert(index) }
        for port in segments[index] { routers[port.router]!.instance.interfaceStateChanged(port.interface, up: up) }
    }

    func schedule(at time: SimTime, _ action: @escaping () -> Void) {
        sequence += 1
        agenda.insert(Key(time: max(time, now), sequence: sequence))
        actions[sequence] = action
    }

    fileprivate func deliver(_ pdu: ISISPDU, from name: String, interface: Int) {
        let port = Port(router: name, interface: interface)
        sent.append((now, port, pdu))
        guard let index = segments.firstIndex(where: { $0.contains(port) }), !down.contains(index) else { return }
        for peer in segments[index] where peer != port {
            if dropping(pdu, peer) { continue }
            schedule(at: now + .milliseconds(1)) { [unowned self] in
                self.routers[peer.router]!.instance.receive(pdu, source: Self.mac(port), interface: peer.interface)
            }
        }
    }

    /// Runs events up to `time`.
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
}

func isisConfig(_ system: UInt64, area: [UInt8] = [0x49, 0, 1], level: ISISLevels = .level1And2, name: String,
                circuits: [ISISInterfaceConfiguration], leak: Bool = false, overload: Bool = false) -> ISISConfiguration {
    ISISConfiguration(systemID: ISISSystemID(system), areas: [ISISAreaAddress(bytes: area)!], level: level,
                      hostname: name, interfaces: circuits, leakL2IntoL1: leak, overload: overload)
}

func p2p(_ index: Int, metric: UInt32 = 10, circuit: ISISLevels = .level1And2) -> ISISInterfaceConfiguration {
    ISISInterfaceConfiguration(interface: index, metric: metric, circuit: circuit, network: .pointToPoint)
}

func lan(_ index: Int, metric: UInt32 = 10, priority: UInt8 = 64) -> ISISInterfaceConfiguration {
    ISISInterfaceConfiguration(interface: index, metric: metric, network: .broadcast, priority: priority)
}
