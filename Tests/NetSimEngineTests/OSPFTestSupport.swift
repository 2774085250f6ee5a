import NetSimEngine
import NetSimOSPF
import NetSimRouting
import NetSimWire

/// The seed's OSPF triangle, built with the Simulation API:
///
///     h1 ─ r1 ─(10.0.12.0/24)─ r2
///           \                  /
///     (10.0.13.0/24)   (10.0.23.0/24)
///             \              /
///               ──── r3 ────  ─ h3
///
/// Every core link costs 10; the host-facing interfaces are passive stubs with cost 1.
/// Device ids: r1 0, r2 1, r3 2, h1 3, h3 4. Link ids: r1–r2 0, r1–r3 1, r2–r3 2, r1–h1 3, r3–h3 4.
struct OSPFTriangle {
    let sim: Simulation
    let r1 = 0, r2 = 1, r3 = 2, h1 = 3, h3 = 4

    init(seed: UInt64 = 1, network: OSPFNetworkType = .pointToPoint) throws {
        sim = Simulation(seed: seed)
        sim.addDevice(name: "r1", kind: .router, routerID: ip("1.1.1.1"),
                      interfaces: [port("eth0", "10.0.12.1/24"), port("eth1", "10.0.13.1/24"), port("eth2", "10.0.1.1/24")])
        sim.addDevice(name: "r2", kind: .router, routerID: ip("2.2.2.2"),
                      interfaces: [port("eth0", "10.0.12.2/24"), port("eth1", "10.0.23.2/24")])
        sim.addDevice(name: "r3", kind: .router, routerID: ip("3.3.3.3"),
                      interfaces: [port("eth0", "10.0.13.3/24"), port("eth1", "10.0.23.3/24"), port("eth2", "10.0.3.1/24")])
        sim.addDevice(name: "h1", kind: .host, interfaces: [port("eth0", "10.0.1.10/24")])
        sim.addDevice(name: "h3", kind: .host, interfaces: [port("eth0", "10.0.3.10/24")])
        sim.addLink([(0, 0), (1, 0)])
        sim.addLink([(0, 1), (2, 0)])
        sim.addLink([(1, 1), (2, 1)])
        sim.addLink([(0, 2), (3, 0)])
        sim.addLink([(2, 2), (4, 0)])
        func core(_ index: Int) -> OSPFInterfaceConfiguration {
            OSPFInterfaceConfiguration(interface: index, cost: 10, network: network)
        }
        func stub(_ index: Int) -> OSPFInterfaceConfiguration {
            OSPFInterfaceConfiguration(interface: index, cost: 1, network: .pointToPoint, passive: true)
        }
        sim.enableOSPF(device: r1, configuration: OSPFConfiguration(routerID: ip("1.1.1.1"),
                                                                    interfaces: [core(0), core(1), stub(2)]))
        sim.enableOSPF(device: r2, configuration: OSPFConfiguration(routerID: ip("2.2.2.2"), interfaces: [core(0), core(1)]))
        sim.enableOSPF(device: r3, configuration: OSPFConfiguration(routerID: ip("3.3.3.3"),
                                                                    interfaces: [core(0), core(1), stub(2)]))
        try sim.staticRoute(h1, "0.0.0.0/0", via: "10.0.1.1")
        try sim.staticRoute(h3, "0.0.0.0/0", via: "10.0.3.1")
    }

    /// Starts and runs until the network has converged (or an hour of simulated time passed).
    func converge() {
        sim.start()
        _ = sim.run(until: .seconds(3600), maxEvents: testEventBudget) { self.sim.convergedAt != nil }
    }
}

extension Simulation {
    /// A device's selected route to a prefix, if any.
    func route(_ device: Int, _ prefix: String) -> Route? {
        devices[device].rib.fib.route(for: net(prefix))
    }

    /// The gateway addresses of a selected route, as text, sorted.
    func gateways(_ device: Int, _ prefix: String) -> [String] {
        (route(device, prefix)?.nextHops ?? []).compactMap { $0.address?.description }.sorted()
    }
}
