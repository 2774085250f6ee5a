import Testing
import NetSimEngine
import NetSimRouting
import NetSimWire

@Suite("Stability window")
struct ConvergenceTests {
    @Test func convergedAtLastChangePlusWindow() throws {
        let line = try LineNetwork(window: .milliseconds(250))
        let log = LogRecorder(line.sim)
        line.sim.start()
        // All routes are installed at t=0, the last change; the window closes at 250 ms.
        #expect(line.sim.lastStateChange == .zero)
        line.sim.advance(to: .milliseconds(249))
        #expect(line.sim.convergedAt == nil)
        line.sim.advance(to: .milliseconds(250))
        #expect(line.sim.convergedAt == .milliseconds(250))
        #expect(log.lines == ["[t=0ms] Network initialized: 4 devices, 3 links", "[t=250ms] Network converged"])
    }

    @Test func changeInsideTheWindowPostponesConvergence() throws {
        let line = try LineNetwork(window: .seconds(1))
        let log = LogRecorder(line.sim)
        line.sim.start()
        line.sim.advance(to: .milliseconds(500))
        line.sim.setAdminState(device: line.h2, interface: 0, up: false)
        #expect(line.sim.lastStateChange == .milliseconds(500))
        line.sim.advance(to: .seconds(1))
        #expect(line.sim.convergedAt == nil)
        line.sim.advance(to: .seconds(10))
        #expect(line.sim.convergedAt == .milliseconds(1500))
        #expect(log.lines.filter { $0.contains("onverged") } == ["[t=1500ms] Network converged"])
    }

    /// ARP and MAC learning are reactions to traffic: a ping inside the window does not delay it.
    @Test func trafficIsNotAStateChange() throws {
        let line = try LineNetwork()
        line.sim.start()
        let ping = line.sim.startPing(device: line.h1, target: ip("10.0.2.10"), count: 1)
        line.sim.advance(to: .milliseconds(100))
        #expect(line.sim.isProbeFinished(ping))
        line.sim.advance(to: .seconds(5))
        #expect(line.sim.convergedAt == .seconds(1))
        #expect(line.sim.lastStateChange == .zero)
    }

    /// A static route whose gateway does not resolve leaves the FIB as it was: no change recorded.
    @Test func configurationThatDoesNotChangeTheFIBIsNotAStateChange() throws {
        let line = try LineNetwork()
        line.converge()
        line.sim.advance(to: .seconds(2))
        let log = LogRecorder(line.sim)
        try line.sim.staticRoute(line.r1, "10.7.0.0/16", via: "10.99.0.1")
        #expect(line.sim.lastStateChange == .zero)
        // One that does resolve is a change and is reported as reconvergence a window later.
        try line.sim.staticRoute(line.r1, "10.8.0.0/16", via: "10.0.12.2")
        #expect(line.sim.lastStateChange == .seconds(2))
        line.sim.advance(to: .seconds(5))
        #expect(log.lines == ["[t=3000ms] Network reconverged (last change at t=2000ms)"])
    }

    @Test func staticRouteErrors() throws {
        let line = try LineNetwork()
        #expect(throws: Simulation.OperationError.invalidRoute("gateway 10.0.12.1 is an address of r1 itself")) {
            try line.sim.staticRoute(line.r1, "10.7.0.0/16", via: "10.0.12.1")
        }
        #expect(throws: Simulation.OperationError.noSuchRoute("10.7.0.0/16 via 10.0.12.2")) {
            try line.sim.removeStaticRoute(device: line.r1, prefix: net("10.7.0.0/16"), gateway: ip("10.0.12.2"))
        }
        try line.sim.staticRoute(line.r1, "10.7.0.0/16", via: "10.0.12.2")
        try line.sim.staticRoute(line.r1, "10.7.0.0/16", via: "10.0.1.10")
        #expect(try line.sim.removeStaticRoute(device: line.r1, prefix: net("10.7.0.0/16"), gateway: nil) == 2)
    }

    /// ADR 0001: what counts is a FIB or an interface's operational state changing. Shutting an
    /// interface whose far end is already down changes neither and is (correctly) not a change.
    /// Shutting an uncabled interface changes neither either (it is down before and after), yet
    /// `setAdminState` calls `noteStateChange()` for it, and a "Network reconverged" follows.
    @Test func adminChangeWithoutOperChangeIsNotAStateChange() throws {
        let sim = Simulation(seed: 1, stabilityWindow: .seconds(1))
        sim.addDevice(name: "r1", kind: .router, interfaces: [port("eth0", "10.0.1.1/24"), port("eth1", "10.0.99.1/24")])
        sim.addDevice(name: "h1", kind: .host, interfaces: [port("eth0", "10.0.1.10/24", up: false)])
        sim.addLink([(0, 0), (1, 0)])
        sim.start()
        sim.advance(to: .seconds(2))
        #expect(sim.convergedAt == .seconds(1))
        #expect(!sim.interface(0, "eth0").operUp && !sim.interface(0, "eth1").operUp)
        let log = LogRecorder(sim)

        #expect(sim.setAdminState(device: 0, interface: 0, up: false))  // cabled, far end down
        #expect(sim.lastStateChange == .zero)

        #expect(sim.setAdminState(device: 0, interface: 1, up: false))  // not cabled
        #expect(sim.lastStateChange == .zero)
        sim.advance(to: .seconds(5))
        #expect(log.lines == ["[t=2000ms] r1: interface eth0 admin-down", "[t=2000ms] r1: interface eth1 admin-down"])
    }
}

