import NetSimEngine
import NetSimOSPF
import NetSimRouting
import NetSimWire
import Testing

/// Found by the FRR differential suite (Tests/FRRDifferential/topologies/ospf-transit-chain.yaml):
/// an update flooded to a neighbor still loading was dropped from its retransmission list, so
/// when the neighbor discarded it (MinLSArrival) it was never sent again and r4's database
/// stayed stale for good.
@Suite("OSPF flooding regressions")
struct OSPFFloodingRegressionTests {
    @Test func anUpdateDiscardedByALoadingNeighborIsRetransmitted() throws {
        let sim = Simulation(seed: 1)
        sim.addDevice(name: "r4", kind: .router, routerID: ip("4.4.4.4"), interfaces: [port("eth0", "10.0.8.4/24")])
        sim.addDevice(name: "r5", kind: .router, routerID: ip("5.5.5.5"),
                      interfaces: [port("eth0", "10.0.4.5/24"), port("eth1", "10.0.8.5/24")])
        sim.addDevice(name: "r9", kind: .router, routerID: ip("9.9.9.9"),
                      interfaces: [port("eth0", "10.0.1.9/24"), port("eth1", "10.0.4.9/24"), port("eth4", "10.0.11.9/24")])
        sim.addDevice(name: "r6", kind: .router, routerID: ip("6.6.6.6"),
                      interfaces: [port("eth0", "10.0.1.6/24"), port("eth4", "10.0.11.6/24")])
        sim.addLink([(3, 0), (2, 0)])
        sim.addLink([(2, 1), (1, 0)])
        sim.addLink([(1, 1), (0, 0)])
        sim.addLink([(3, 1), (2, 2)])
        func ospf(_ index: Int, _ cost: UInt16, _ network: OSPFNetworkType = .pointToPoint) -> OSPFInterfaceConfiguration {
            OSPFInterfaceConfiguration(interface: index, cost: cost, network: network)
        }
        sim.enableOSPF(device: 0, configuration: OSPFConfiguration(routerID: ip("4.4.4.4"), interfaces: [ospf(0, 73, .broadcast)]))
        sim.enableOSPF(device: 1, configuration: OSPFConfiguration(routerID: ip("5.5.5.5"),
                                                                   interfaces: [ospf(0, 27), ospf(1, 83, .broadcast)]))
        sim.enableOSPF(device: 2, configuration: OSPFConfiguration(routerID: ip("9.9.9.9"),
                                                                   interfaces: [ospf(0, 89), ospf(1, 91), ospf(2, 3, .broadcast)]))
        sim.enableOSPF(device: 3, configuration: OSPFConfiguration(routerID: ip("6.6.6.6"),
                                                                   interfaces: [ospf(0, 36), ospf(1, 9, .broadcast)]))
        sim.start()
        _ = sim.run(until: .seconds(3600), maxEvents: testEventBudget) { sim.convergedAt != nil }
        // r4 -> r5 -> r9 -> (segment) -> r6 -> 10.0.1.0/24: 73 + 27 + 3 + 36.
        #expect(sim.route(0, "10.0.1.0/24")?.metric == 139)
        let r4 = sim.devices[0].ospf!.databaseEntries().map { "\($0.lsa.key) \($0.lsa.header.sequence)" }
        let r6 = sim.devices[3].ospf!.databaseEntries().map { "\($0.lsa.key) \($0.lsa.header.sequence)" }
        #expect(r4 == r6)
    }
}
