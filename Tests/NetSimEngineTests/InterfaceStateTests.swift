import Testing
import NetSimEngine
import NetSimRouting
import NetSimWire

@Suite("Interface shutdown and reconvergence")
struct InterfaceStateTests {
    @Test func shutdownTakesPointToPointPeerDownAndWithdrawsRoutes() throws {
        let line = try LineNetwork()
        line.converge()
        let sim = line.sim
        #expect(sim.devices[line.r1].rib.fib.routes.map(\.prefix.description)
                == ["10.0.1.0/24", "10.0.2.0/24", "10.0.12.0/24"])
        sim.advance(to: .seconds(2))
        let log = LogRecorder(sim)

        let eth1 = try sim.interfaceIndex(device: line.r1, named: "eth1")
        #expect(sim.setAdminState(device: line.r1, interface: eth1, up: false))
        #expect(!sim.setAdminState(device: line.r1, interface: eth1, up: false))  // already down

        #expect(sim.interface(line.r1, "eth1").adminUp == false)
        #expect(sim.interface(line.r1, "eth1").operUp == false)
        // r2's end stays administratively up but loses carrier.
        #expect(sim.interface(line.r2, "eth0").adminUp)
        #expect(sim.interface(line.r2, "eth0").operUp == false)
        // Connected 10.0.12.0/24 goes on both; the statics through 10.0.12.x no longer resolve.
        #expect(sim.devices[line.r1].rib.fib.routes.map(\.prefix.description) == ["10.0.1.0/24"])
        #expect(sim.devices[line.r2].rib.fib.routes.map(\.prefix.description) == ["10.0.2.0/24"])
        #expect(sim.lastStateChange == .seconds(2))

        sim.advance(to: .seconds(3))
        #expect(log.lines == [
            "[t=2000ms] r1: interface eth1 admin-down",
            "[t=2000ms] r1: interface eth1 down",
            "[t=2000ms] r2: interface eth0 down",
            "[t=3000ms] Network reconverged (last change at t=2000ms)",
        ])
        #expect(sim.convergedAt == .seconds(1))  // the first convergence is not overwritten

        let ping = sim.startPing(device: line.h1, target: ip("10.0.2.10"), count: 1)
        sim.finish(probe: ping)
        #expect(sim.pingReport(ping)?.outcomes == [.error(from: ip("10.0.1.1"), message: "network unreachable")])
    }

    @Test func noShutdownRestoresRoutesAndReconverges() throws {
        let line = try LineNetwork()
        line.converge()
        let sim = line.sim
        sim.advance(to: .seconds(2))
        sim.setAdminState(device: line.r2, interface: 0, up: false)
        sim.advance(to: .seconds(4))
        let log = LogRecorder(sim)
        #expect(sim.setAdminState(device: line.r2, interface: 0, up: true))
        #expect(sim.interface(line.r1, "eth1").operUp && sim.interface(line.r2, "eth0").operUp)
        #expect(sim.devices[line.r1].rib.fib.routes.map(\.prefix.description)
                == ["10.0.1.0/24", "10.0.2.0/24", "10.0.12.0/24"])
        sim.advance(to: .milliseconds(5500))
        #expect(log.lines == [
            "[t=4000ms] r2: interface eth0 admin-up",
            "[t=4000ms] r1: interface eth1 up",
            "[t=4000ms] r2: interface eth0 up",
            "[t=5000ms] Network reconverged (last change at t=4000ms)",
        ])
        let ping = sim.startPing(device: line.h1, target: ip("10.0.2.10"), count: 1)
        sim.finish(probe: ping)
        #expect(sim.pingReport(ping)?.received == 1)
    }

    @Test func interfaceDownFlushesItsARPEntries() throws {
        let line = try LineNetwork()
        line.converge()
        let sim = line.sim
        let ping = sim.startPing(device: line.h1, target: ip("10.0.2.10"), count: 1)
        sim.finish(probe: ping)
        #expect(sim.arpEntries(device: line.r1).map(\.address) == [ip("10.0.1.10"), ip("10.0.12.2")])
        sim.setAdminState(device: line.r2, interface: 0, up: false)
        // r1's eth1 lost carrier: the entry learned on it is gone; eth0's stays.
        #expect(sim.arpEntries(device: line.r1).map(\.address) == [ip("10.0.1.10")])
    }

    @Test func unknownInterfaceNameIsAnError() throws {
        let line = try LineNetwork()
        #expect(throws: Simulation.OperationError.unknownInterface(device: "r1", interface: "eth9", known: ["eth0", "eth1"])) {
            try line.sim.interfaceIndex(device: line.r1, named: "eth9")
        }
        #expect(Simulation.OperationError.unknownInterface(device: "r1", interface: "eth9", known: ["eth0", "eth1"])
            .description == "r1 has no interface 'eth9' (interfaces: eth0, eth1)")
    }
}
