import NetSimEngine
import NetSimOSPF
import NetSimRouting
import NetSimWire
import Testing

@Suite("OSPF reconvergence")
struct OSPFReconvergenceTests {
    @Test func shuttingALinkReroutesAndRestoringItBringsTheOriginalPathsBack() throws {
        let net = try OSPFTriangle()
        net.converge()
        let converged = try #require(net.sim.convergedAt)
        #expect(net.sim.setAdminState(device: net.r1, interface: 0, up: false))
        let shutAt = net.sim.now
        _ = net.sim.run(until: shutAt + .seconds(600), maxEvents: testEventBudget) {
            net.sim.lastStateChange > shutAt && net.sim.now >= net.sim.lastStateChange + net.sim.stabilityWindow
                && !net.sim.devices.contains { $0.ospf?.isSettling == true }
        }
        // Carrier loss tears the adjacency down at once on both ends; r2 is now reached via r3.
        #expect(net.sim.devices[net.r1].ospf!.interfaces[0].neighbors.isEmpty)
        #expect(net.sim.devices[net.r2].ospf!.interfaces[0].neighbors.isEmpty)
        let across = try #require(net.sim.route(net.r1, "10.0.23.0/24"))
        #expect(across.metric == 20)
        #expect(net.sim.gateways(net.r1, "10.0.23.0/24") == ["10.0.13.3"])
        // Both ends of the cable are down, so nobody announces its subnet any more.
        #expect(net.sim.route(net.r1, "10.0.12.0/24") == nil)
        #expect(net.sim.route(net.r3, "10.0.12.0/24") == nil)
        #expect(net.sim.gateways(net.r2, "10.0.1.0/24") == ["10.0.23.3"])
        #expect(net.sim.route(net.r2, "10.0.1.0/24")?.metric == 21)
        // Reconvergence takes simulated time (MinLSInterval), but far less than a dead interval.
        #expect(net.sim.lastStateChange - shutAt < .seconds(10))

        #expect(net.sim.setAdminState(device: net.r1, interface: 0, up: true))
        let restoredAt = net.sim.now
        _ = net.sim.run(until: restoredAt + .seconds(600), maxEvents: testEventBudget) {
            net.sim.gateways(net.r1, "10.0.23.0/24").count == 2
                && !net.sim.devices.contains { $0.ospf?.isSettling == true }
        }
        #expect(net.sim.gateways(net.r1, "10.0.23.0/24") == ["10.0.12.2", "10.0.13.3"])
        #expect(net.sim.route(net.r1, "10.0.12.0/24")?.source == .connected)
        #expect(converged <= shutAt)
    }

    @Test func aSilentlyFailingNeighborIsDetectedByTheDeadInterval() throws {
        // Put r1–r2 on a switch so r1's port going down leaves r2's port up (no carrier loss).
        let sim = Simulation(seed: 1)
        sim.addDevice(name: "r1", kind: .router, routerID: ip("1.1.1.1"),
                      interfaces: [port("eth0", "10.0.12.1/24"), port("eth1", "10.0.1.1/24")])
        sim.addDevice(name: "r2", kind: .router, routerID: ip("2.2.2.2"), interfaces: [port("eth0", "10.0.12.2/24")])
        sim.addDevice(name: "sw", kind: .switch, interfaces: [port("p1"), port("p2")])
        sim.addDevice(name: "h1", kind: .host, interfaces: [port("eth0", "10.0.1.10/24")])
        sim.addLink([(0, 0), (2, 0)])
        sim.addLink([(1, 0), (2, 1)])
        sim.addLink([(0, 1), (3, 0)])
        sim.enableOSPF(device: 0, configuration: OSPFConfiguration(routerID: ip("1.1.1.1"), interfaces: [
            OSPFInterfaceConfiguration(interface: 0, network: .broadcast),
            OSPFInterfaceConfiguration(interface: 1, cost: 1, network: .pointToPoint, passive: true),
        ]))
        sim.enableOSPF(device: 1, configuration: OSPFConfiguration(routerID: ip("2.2.2.2"), interfaces: [
            OSPFInterfaceConfiguration(interface: 0, network: .broadcast),
        ]))
        sim.start()
        _ = sim.run(until: .seconds(3600), maxEvents: testEventBudget) { sim.convergedAt != nil }
        #expect(sim.route(1, "10.0.1.0/24")?.metric == 11)
        #expect(sim.devices[1].ospf!.interfaces[0].neighbors.map(\.state) == [.full])

        let lastHello = sim.now
        sim.setAdminState(device: 0, interface: 0, up: false)
        _ = sim.run(until: lastHello + .seconds(120), maxEvents: testEventBudget) {
            sim.devices[1].ospf!.interfaces[0].neighbors.isEmpty
        }
        let detected = sim.now
        #expect(sim.devices[1].ospf!.interfaces[0].neighbors.isEmpty)
        // Dead interval 40 s after the last Hello r2 heard (at most one hello interval before the failure).
        #expect(detected - lastHello <= .seconds(40))
        #expect(detected - lastHello > .seconds(29))
        _ = sim.run(until: detected + .seconds(30), maxEvents: testEventBudget)
        #expect(sim.route(1, "10.0.1.0/24") == nil)
    }

    @Test func sameSeedSameLogAndTables() throws {
        func run() throws -> [String] {
            let net = try OSPFAreas()
            let log = LogRecorder(net.sim)
            net.converge()
            return log.lines + net.sim.devices.flatMap { $0.rib.fib.routes.map { "\($0)" } }
        }
        let first = try run()
        #expect(first.count > 20)
        #expect(try run() == first)
    }
}

@Suite("OSPF LSA ageing and refresh")
struct OSPFAgeingTests {
    @Test func selfOriginatedLSAsAreRefreshedBeforeTheyAgeOut() throws {
        let net = try OSPFTriangle()
        net.converge()
        let before = net.sim.devices[net.r2].ospf!.databaseEntries()
        _ = net.sim.run(until: .seconds(2 * 3600 + 60), maxEvents: testEventBudget)
        let after = net.sim.devices[net.r2].ospf!.databaseEntries()
        #expect(after.map(\.lsa.key) == before.map(\.lsa.key))
        // Refreshed every 30 minutes: four times in two hours, never older than that.
        for (old, new) in zip(before, after) {
            #expect(new.lsa.header.sequence - old.lsa.header.sequence == 4)
            #expect(new.age < 1800)
        }
        #expect(net.sim.gateways(net.r1, "10.0.23.0/24") == ["10.0.12.2", "10.0.13.3"])
    }
}
