import NetSimEngine
import NetSimOSPF
import NetSimRouting
import NetSimWire
import Testing

@Suite("OSPF under packet loss and with large databases")
struct OSPFLossTests {
    /// A line r1 — r2 over a lossy cable, r1 redistributing many static routes so that the
    /// database exchange needs several DD packets, requests and updates, all retransmitted as
    /// frames are lost.
    private func lossyLine(loss: Double, statics: Int, seed: UInt64) throws -> Simulation {
        let sim = Simulation(seed: seed)
        sim.addDevice(name: "r1", kind: .router, routerID: ip("1.1.1.1"),
                      interfaces: [port("eth0", "10.0.12.1/24"), port("eth1", "10.0.1.1/24")])
        sim.addDevice(name: "r2", kind: .router, routerID: ip("2.2.2.2"), interfaces: [port("eth0", "10.0.12.2/24")])
        sim.addDevice(name: "h1", kind: .host, interfaces: [port("eth0", "10.0.1.10/24")])
        sim.addLink([(0, 0), (1, 0)], lossPercent: loss)
        sim.addLink([(0, 1), (2, 0)])
        for n in 0..<statics {
            try sim.staticRoute(0, "172.\(16 + n / 256).\(n % 256).0/24", via: "10.0.1.10")
        }
        sim.enableOSPF(device: 0, configuration: OSPFConfiguration(routerID: ip("1.1.1.1"), interfaces: [
            OSPFInterfaceConfiguration(interface: 0, network: .pointToPoint),
        ], redistribute: [OSPFRedistribution(source: .static)]))
        sim.enableOSPF(device: 1, configuration: OSPFConfiguration(routerID: ip("2.2.2.2"), interfaces: [
            OSPFInterfaceConfiguration(interface: 0, network: .pointToPoint),
        ]))
        sim.start()
        _ = sim.run(until: .seconds(3600), maxEvents: testEventBudget) { sim.convergedAt != nil }
        return sim
    }

    @Test func aDatabaseLargerThanOnePacketIsExchangedCompletely() throws {
        let sim = try lossyLine(loss: 0, statics: 300, seed: 1)
        #expect(sim.convergedAt != nil)
        let externals = sim.devices[1].ospf!.databaseEntries().filter { $0.lsa.key.type == .asExternal }
        #expect(externals.count == 300)
        #expect(sim.devices[1].rib.fib.routes.filter { $0.code == "O E2" }.count == 300)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func lostPacketsAreRetransmittedUntilTheTablesAgree(seed: UInt64) throws {
        let sim = try lossyLine(loss: 30, statics: 120, seed: seed)
        #expect(sim.convergedAt != nil)
        #expect(sim.links[0].framesLost > 0)
        #expect(sim.devices[1].rib.fib.routes.filter { $0.code == "O E2" }.count == 120)
        #expect(sim.devices[1].ospf!.interfaces[0].neighbors.map(\.state) == [.full])
    }
}
