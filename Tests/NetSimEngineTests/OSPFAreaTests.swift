import NetSimEngine
import NetSimOSPF
import NetSimRouting
import NetSimWire
import Testing

/// Two areas joined by r2, and an AS boundary router r3 in area 1:
///
///     h1 ─ r1 ══ area 0 ══ r2 ══ area 1 ══ r3 ─ h3        r3 ─ h4 (192.168.3.0/24, redistributed)
///
/// Device ids: r1 0, r2 1, r3 2, h1 3, h3 4, h4 5.
struct OSPFAreas {
    let sim: Simulation
    let r1 = 0, r2 = 1, r3 = 2

    init(externalType2: Bool = true) throws {
        sim = Simulation(seed: 1)
        sim.addDevice(name: "r1", kind: .router, routerID: ip("1.1.1.1"),
                      interfaces: [port("eth0", "10.0.12.1/24"), port("eth1", "10.0.1.1/24")])
        sim.addDevice(name: "r2", kind: .router, routerID: ip("2.2.2.2"),
                      interfaces: [port("eth0", "10.0.12.2/24"), port("eth1", "10.1.23.2/24")])
        sim.addDevice(name: "r3", kind: .router, routerID: ip("3.3.3.3"),
                      interfaces: [port("eth0", "10.1.23.3/24"), port("eth1", "10.1.3.1/24"),
                                   port("eth2", "192.168.3.1/24")])
        sim.addDevice(name: "h1", kind: .host, interfaces: [port("eth0", "10.0.1.10/24")])
        sim.addDevice(name: "h3", kind: .host, interfaces: [port("eth0", "10.1.3.10/24")])
        sim.addDevice(name: "h4", kind: .host, interfaces: [port("eth0", "192.168.3.10/24")])
        sim.addLink([(0, 0), (1, 0)])
        sim.addLink([(1, 1), (2, 0)])
        sim.addLink([(0, 1), (3, 0)])
        sim.addLink([(2, 1), (4, 0)])
        sim.addLink([(2, 2), (5, 0)])
        let area1 = ip("0.0.0.1")
        sim.enableOSPF(device: r1, configuration: OSPFConfiguration(routerID: ip("1.1.1.1"), interfaces: [
            OSPFInterfaceConfiguration(interface: 0, network: .pointToPoint),
            OSPFInterfaceConfiguration(interface: 1, cost: 1, network: .pointToPoint, passive: true),
        ]))
        sim.enableOSPF(device: r2, configuration: OSPFConfiguration(routerID: ip("2.2.2.2"), interfaces: [
            OSPFInterfaceConfiguration(interface: 0, network: .pointToPoint),
            OSPFInterfaceConfiguration(interface: 1, area: area1, network: .pointToPoint),
        ]))
        sim.enableOSPF(device: r3, configuration: OSPFConfiguration(routerID: ip("3.3.3.3"), interfaces: [
            OSPFInterfaceConfiguration(interface: 0, area: area1, network: .pointToPoint),
            OSPFInterfaceConfiguration(interface: 1, area: area1, cost: 1, network: .pointToPoint, passive: true),
        ], redistribute: [OSPFRedistribution(source: .connected, isType2: externalType2)]))
        try sim.staticRoute(3, "0.0.0.0/0", via: "10.0.1.1")
        try sim.staticRoute(4, "0.0.0.0/0", via: "10.1.3.1")
        try sim.staticRoute(5, "0.0.0.0/0", via: "192.168.3.1")
    }

    func converge() {
        sim.start()
        _ = sim.run(until: .seconds(3600), maxEvents: testEventBudget) { self.sim.convergedAt != nil }
    }
}

@Suite("OSPF areas and external routes")
struct OSPFAreaTests {
    @Test func theABRSummarisesEachAreaIntoTheOther() throws {
        let net = try OSPFAreas()
        net.converge()
        #expect(net.sim.devices[net.r2].ospf!.isAreaBorderRouter)
        #expect(!net.sim.devices[net.r1].ospf!.isAreaBorderRouter)
        let transit = try #require(net.sim.route(net.r1, "10.1.23.0/24"))
        #expect(transit.code == "O IA")
        #expect(transit.metric == 20)
        #expect(net.sim.route(net.r1, "10.1.3.0/24")?.metric == 21)
        #expect(net.sim.gateways(net.r1, "10.1.3.0/24") == ["10.0.12.2"])
        let back = try #require(net.sim.route(net.r3, "10.0.1.0/24"))
        #expect(back.code == "O IA")
        #expect(back.metric == 21)
        // Intra-area routes stay intra-area at the ABR.
        #expect(net.sim.route(net.r2, "10.1.3.0/24")?.code == "O")
        #expect(net.sim.route(net.r2, "10.0.1.0/24")?.code == "O")
    }

    @Test func externalType2KeepsItsMetricAcrossAreas() throws {
        let net = try OSPFAreas()
        net.converge()
        let external = try #require(net.sim.route(net.r1, "192.168.3.0/24"))
        #expect(external.code == "O E2")
        #expect(external.metric == 20)
        #expect(net.sim.gateways(net.r1, "192.168.3.0/24") == ["10.0.12.2"])
        // r1 can only find r3 through r2's ASBR-summary (type 4).
        let asbrSummaries = net.sim.devices[net.r1].ospf!.databaseEntries().filter { $0.lsa.key.type == .summaryASBR }
        #expect(asbrSummaries.map(\.lsa.key.linkStateID) == [ip("3.3.3.3")])
        // Connected subnets that OSPF already covers stay intra-area/inter-area routes.
        #expect(net.sim.route(net.r1, "10.1.3.0/24")?.code == "O IA")
    }

    @Test func externalType1AddsTheCostToTheBoundaryRouter() throws {
        let net = try OSPFAreas(externalType2: false)
        net.converge()
        let external = try #require(net.sim.route(net.r1, "192.168.3.0/24"))
        #expect(external.code == "O E1")
        #expect(external.metric == 40)
        #expect(net.sim.route(net.r2, "192.168.3.0/24")?.metric == 30)
    }

    @Test func hostsReachEachOtherAcrossAreasAndTheExternalNetwork() throws {
        let net = try OSPFAreas()
        net.converge()
        let toH4 = net.sim.startPing(device: 3, target: ip("192.168.3.10"), count: 2)
        net.sim.finish(probe: toH4)
        let report = try #require(net.sim.pingReport(toH4))
        #expect(report.received == 2)
        #expect(report.path == ["h1", "r1", "r2", "r3", "h4", "r3", "r2", "r1", "h1"])
    }
}
