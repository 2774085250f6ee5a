import Testing
import NetSimEngine
import NetSimRouting
import NetSimWire

// Helpers shared by the engine tests: small topologies built directly with the Simulation API.

typealias PortSpec = (name: String, address: InterfaceAddress?, switchport: Switchport?, adminUp: Bool)

func port(_ name: String, _ cidr: String? = nil, switchport: Switchport? = nil, up: Bool = true) -> PortSpec {
    (name: name, address: cidr.map { InterfaceAddress($0)! }, switchport: switchport, adminUp: up)
}

func ip(_ text: String) -> IPv4Address { IPv4Address(text)! }
func net(_ text: String) -> IPv4Prefix { IPv4Prefix(text)! }

/// Generous event budget for `run(until:)`, passed explicitly so that a runaway simulation ends
/// the test instead of hanging it. (`SimulationRunBoundsTests` covers the default budget.)
let testEventBudget: UInt64 = 10_000_000

extension Simulation {
    /// Runs to `deadline` (inclusive) with an explicit event budget.
    @discardableResult
    func advance(to deadline: SimTime) -> RunOutcome {
        run(until: deadline, maxEvents: testEventBudget)
    }

    /// Runs until the probe finishes (or `limit` of simulated time passes) and returns when it did.
    @discardableResult
    func finish(probe id: Int, within limit: SimTime = .seconds(600)) -> SimTime {
        let outcome = run(until: now + limit, maxEvents: testEventBudget) { self.isProbeFinished(id) }
        #expect(outcome == .stopped, "probe \(id) did not finish")
        return now
    }

    func staticRoute(_ device: Int, _ prefix: String, via gateway: String, distance: UInt8 = 1) throws {
        try addStaticRoute(device: device, StaticRoute(prefix: net(prefix), gateway: ip(gateway), interface: nil,
                                                       distance: distance))
    }

    func interface(_ device: Int, _ name: String) -> Interface {
        devices[device].interfaces[devices[device].interfaceIndex(named: name)!]
    }
}

/// h1 — r1 — r2 — h2, one subnet per link:
///
///     h1 10.0.1.10 ─(d1)─ 10.0.1.1 r1 10.0.12.1 ─(d12)─ 10.0.12.2 r2 10.0.2.1 ─(d2)─ 10.0.2.10 h2
///
/// Hosts default to their router; r1 reaches 10.0.2.0/24 via r2 and r2 reaches 10.0.1.0/24 via r1.
/// Device ids in order: h1 0, r1 1, r2 2, h2 3.
struct LineNetwork {
    let sim: Simulation
    let h1 = 0, r1 = 1, r2 = 2, h2 = 3
    /// Link ids: h1–r1 0, r1–r2 1, r2–h2 2.
    let edgeLeft = 0, core = 1, edgeRight = 2

    init(seed: UInt64 = 1, window: SimTime = .seconds(1), d1: SimTime = .milliseconds(1),
         d12: SimTime = .milliseconds(5), d2: SimTime = .milliseconds(2), coreMTU: Int = 1500,
         coreLoss: Double = 0, r2Kind: DeviceKind = .router) throws {
        sim = Simulation(seed: seed, stabilityWindow: window)
        sim.addDevice(name: "h1", kind: .host, interfaces: [port("eth0", "10.0.1.10/24")])
        sim.addDevice(name: "r1", kind: .router, routerID: ip("1.1.1.1"),
                      interfaces: [port("eth0", "10.0.1.1/24"), port("eth1", "10.0.12.1/24")])
        sim.addDevice(name: "r2", kind: r2Kind, routerID: ip("2.2.2.2"),
                      interfaces: [port("eth0", "10.0.12.2/24"), port("eth1", "10.0.2.1/24")])
        sim.addDevice(name: "h2", kind: .host, interfaces: [port("eth0", "10.0.2.10/24")])
        sim.addLink([(0, 0), (1, 0)], delay: d1)
        sim.addLink([(1, 1), (2, 0)], delay: d12, lossPercent: coreLoss, mtu: coreMTU)
        sim.addLink([(2, 1), (3, 0)], delay: d2)
        try sim.staticRoute(h1, "0.0.0.0/0", via: "10.0.1.1")
        try sim.staticRoute(h2, "0.0.0.0/0", via: "10.0.2.1")
        try sim.staticRoute(r1, "10.0.2.0/24", via: "10.0.12.2")
        try sim.staticRoute(r2, "10.0.1.0/24", via: "10.0.12.1")
    }

    /// Starts the simulation and runs to convergence (t = window).
    func converge() {
        sim.start()
        sim.advance(to: sim.stabilityWindow)
        #expect(sim.convergedAt == sim.stabilityWindow)
    }
}

/// Collects the event log of a simulation.
final class LogRecorder {
    private(set) var entries: [LogEntry] = []
    init(_ sim: Simulation) { sim.logHandler = { [unowned self] in entries.append($0) } }
    var lines: [String] { entries.map(\.text) }
}

func isReply(_ outcome: ProbeOutcome) -> Bool {
    if case .reply = outcome { true } else { false }
}
