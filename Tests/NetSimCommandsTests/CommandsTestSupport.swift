import Testing
import NetSimCommands
import NetSimEngine
import NetSimRouting
import NetSimWire

// Shared builders for the console tests. Networks are built by hand with the Simulation API so
// these tests do not depend on the YAML front end.

typealias PortSpec = (name: String, address: InterfaceAddress?, switchport: Switchport?, adminUp: Bool)

func port(_ name: String, _ cidr: String? = nil, switchport: Switchport? = nil) -> PortSpec {
    (name: name, address: cidr.map { InterfaceAddress($0)! }, switchport: switchport, adminUp: true)
}

func ip(_ text: String) -> IPv4Address { IPv4Address(text)! }

let commandEventBudget: UInt64 = 10_000_000

/// examples/static-triangle.yaml, built in code: routers r1, r2, r3 in a triangle (1 ms links),
/// h1 behind r1 and h3 behind r3. r1 reaches 10.0.3.0/24 via r3 and 10.0.23.0/24 via both
/// neighbours (ECMP). Device ids: r1 0, r2 1, r3 2, h1 3, h3 4.
func staticTriangle(seed: UInt64 = 1, window: SimTime = .seconds(1)) -> Simulation {
    let sim = triangle(seed: seed, window: window)
    let (r1, r2, r3, h1, h3) = (0, 1, 2, 3, 4)
    func route(_ device: Int, _ prefix: String, _ gateway: String) {
        try! sim.addStaticRoute(device: device, StaticRoute(prefix: IPv4Prefix(prefix)!, gateway: ip(gateway), interface: nil))
    }
    route(r1, "10.0.3.0/24", "10.0.13.3")
    route(r1, "10.0.23.0/24", "10.0.12.2")
    route(r1, "10.0.23.0/24", "10.0.13.3")
    route(r2, "10.0.1.0/24", "10.0.12.1")
    route(r2, "10.0.3.0/24", "10.0.23.3")
    route(r2, "10.0.13.0/24", "10.0.12.1")
    route(r3, "10.0.1.0/24", "10.0.13.1")
    route(r3, "10.0.12.0/24", "10.0.13.1")
    route(h1, "0.0.0.0/0", "10.0.1.1")
    route(h3, "0.0.0.0/0", "10.0.3.1")
    return sim
}

/// The seed's triangle without any routes: r1 (eth0 10.0.12.1, eth1 10.0.13.1, eth2 10.0.1.1),
/// r2 (eth0 10.0.12.2, eth1 10.0.23.2), r3 (eth0 10.0.13.3, eth1 10.0.23.3, eth2 10.0.3.1),
/// h1 10.0.1.10 and h3 10.0.3.10, all /24 on 1 ms links. Device ids: r1 0, r2 1, r3 2, h1 3, h3 4.
func triangle(seed: UInt64, window: SimTime = .seconds(1)) -> Simulation {
    let sim = Simulation(seed: seed, stabilityWindow: window)
    let r1 = sim.addDevice(name: "r1", kind: .router, routerID: ip("1.1.1.1"), interfaces: [
        port("eth0", "10.0.12.1/24"), port("eth1", "10.0.13.1/24"), port("eth2", "10.0.1.1/24"),
    ])
    let r2 = sim.addDevice(name: "r2", kind: .router, routerID: ip("2.2.2.2"), interfaces: [
        port("eth0", "10.0.12.2/24"), port("eth1", "10.0.23.2/24"),
    ])
    let r3 = sim.addDevice(name: "r3", kind: .router, routerID: ip("3.3.3.3"), interfaces: [
        port("eth0", "10.0.13.3/24"), port("eth1", "10.0.23.3/24"), port("eth2", "10.0.3.1/24"),
    ])
    let h1 = sim.addDevice(name: "h1", kind: .host, interfaces: [port("eth0", "10.0.1.10/24")])
    let h3 = sim.addDevice(name: "h3", kind: .host, interfaces: [port("eth0", "10.0.3.10/24")])
    sim.addLink([(r1, 0), (r2, 0)])
    sim.addLink([(r1, 1), (r3, 0)])
    sim.addLink([(r2, 1), (r3, 1)])
    sim.addLink([(r1, 2), (h1, 0)])
    sim.addLink([(r3, 2), (h3, 0)])
    return sim
}

/// Starts a simulation and runs it to its first convergence.
func converged(_ sim: Simulation) -> Simulation {
    sim.start()
    _ = sim.run(until: sim.stabilityWindow, maxEvents: commandEventBudget)
    #expect(sim.convergedAt == sim.stabilityWindow)
    return sim
}

/// Runs a console command to completion, advancing simulated time for ping and traceroute.
func execute(_ line: String, on device: String, in sim: Simulation) -> CommandResult {
    switch CommandProcessor().start(line, device: device, in: sim) {
    case .finished(let result):
        return result
    case .running(let pending):
        _ = sim.run(until: sim.now + .seconds(3000), maxEvents: commandEventBudget) { pending.isFinished(in: sim) }
        #expect(pending.isFinished(in: sim), "'\(line)' on \(device) did not finish")
        return pending.result(in: sim)
    }
}

/// A JSON value's object members, or nil.
func members(_ value: JSONValue) -> [String: JSONValue]? {
    if case .object(let members) = value { return members }
    return nil
}

func elements(_ value: JSONValue?) -> [JSONValue]? {
    if case .array(let items)? = value { return items }
    return nil
}

