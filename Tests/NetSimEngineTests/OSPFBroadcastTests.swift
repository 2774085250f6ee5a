import NetSimEngine
import NetSimOSPF
import NetSimRouting
import NetSimWire
import Testing

/// Four routers on one shared segment 10.0.0.0/24, each with a stub LAN 10.0.N.0/24 and a host
/// hN (10.0.N.10) on it. Device ids: r1..r4 0-3, h1..h4 4-7.
/// r4 has priority 100 and r3 priority 50, so r4 is DR and r3 BDR; r1 and r2 are DROthers.
struct OSPFSegment {
    let sim: Simulation
    let routers = [0, 1, 2, 3]

    init(priorities: [UInt8] = [1, 1, 50, 100], r1Priority0: Bool = false) {
        sim = Simulation(seed: 1)
        for n in 1...4 {
            sim.addDevice(name: "r\(n)", kind: .router, routerID: ip("\(n).\(n).\(n).\(n)"),
                          interfaces: [port("eth0", "10.0.0.\(n)/24"), port("eth1", "10.0.\(n).1/24")])
        }
        for n in 1...4 {
            sim.addDevice(name: "h\(n)", kind: .host, interfaces: [port("eth0", "10.0.\(n).10/24")])
        }
        sim.addLink([(0, 0), (1, 0), (2, 0), (3, 0)])
        for n in 0..<4 { sim.addLink([(n, 1), (n + 4, 0)]) }
        for n in 1...4 {
            let segment = OSPFInterfaceConfiguration(interface: 0, network: .broadcast, priority: priorities[n - 1])
            let lan = OSPFInterfaceConfiguration(interface: 1, cost: 1, network: .broadcast, passive: true)
            sim.enableOSPF(device: n - 1, configuration: OSPFConfiguration(routerID: ip("\(n).\(n).\(n).\(n)"),
                                                                           interfaces: [segment, lan]))
        }
    }

    func converge() {
        sim.start()
        _ = sim.run(until: .seconds(3600), maxEvents: testEventBudget) { self.sim.convergedAt != nil }
    }

    func ospfInterface(_ device: Int) -> OSPFInterface { sim.devices[device].ospf!.interfaces[0] }
}

@Suite("OSPF on a broadcast segment")
struct OSPFBroadcastTests {
    @Test func electsDRAndBDRByPriorityAndFormsAdjacenciesOnlyWithThem() {
        let net = OSPFSegment()
        net.converge()
        let convergedAt = try! #require(net.sim.convergedAt)
        // Nothing is elected before the wait timer (the dead interval, 40 s) runs out.
        #expect(convergedAt > .seconds(40))
        #expect(net.ospfInterface(3).state == .designatedRouter)
        #expect(net.ospfInterface(2).state == .backup)
        #expect(net.ospfInterface(0).state == .drOther)
        #expect(net.ospfInterface(1).state == .drOther)
        for device in net.routers {
            #expect(net.ospfInterface(device).designatedRouter == ip("10.0.0.4"))
            #expect(net.ospfInterface(device).backupDesignatedRouter == ip("10.0.0.3"))
        }
        // DROthers are 2-Way with each other and Full with the DR and BDR.
        let r1Neighbors = Dictionary(uniqueKeysWithValues: net.ospfInterface(0).neighbors.map { ($0.routerID, $0.state) })
        #expect(r1Neighbors == [ip("2.2.2.2"): .twoWay, ip("3.3.3.3"): .full, ip("4.4.4.4"): .full])
        #expect(net.ospfInterface(3).neighbors.allSatisfy { $0.state == .full })
    }

    @Test func theDROriginatesTheNetworkLSAAndEveryoneRoutesThroughTheSegment() throws {
        let net = OSPFSegment()
        net.converge()
        let networkLSAs = net.sim.devices[0].ospf!.databaseEntries().filter { $0.lsa.key.type == .network }
        #expect(networkLSAs.count == 1)
        let lsa = try #require(networkLSAs.first?.lsa)
        #expect(lsa.key.linkStateID == ip("10.0.0.4"))
        #expect(lsa.key.advertisingRouter == ip("4.4.4.4"))
        guard case .network(let body) = lsa.body else { Issue.record("not a network-LSA"); return }
        #expect(body.attachedRouters == [ip("4.4.4.4"), ip("1.1.1.1"), ip("2.2.2.2"), ip("3.3.3.3")])
        // r1 reaches r2's LAN directly across the segment (cost 10 + 1), not via the DR.
        let route = try #require(net.sim.route(0, "10.0.2.0/24"))
        #expect(route.metric == 11)
        #expect(net.sim.gateways(0, "10.0.2.0/24") == ["10.0.0.2"])
    }

    @Test func priorityZeroNeverBecomesDR() {
        let net = OSPFSegment(priorities: [0, 0, 0, 5])
        net.converge()
        #expect(net.ospfInterface(3).state == .designatedRouter)
        #expect(net.ospfInterface(3).backupDesignatedRouter == .zero)
        #expect(net.ospfInterface(0).state == .drOther)
        #expect(net.sim.route(0, "10.0.3.0/24")?.metric == 11)
    }

    @Test func theBDRTakesOverWhenTheDRDies() throws {
        let net = OSPFSegment()
        net.converge()
        // r4 (the DR) loses its segment port; the others notice after the dead interval.
        let before = net.sim.now
        net.sim.setAdminState(device: 3, interface: 0, up: false)
        _ = net.sim.run(until: before + .seconds(600), maxEvents: testEventBudget) {
            net.ospfInterface(2).state == .designatedRouter && !(net.sim.devices[2].ospf!.isSettling)
                && net.sim.route(0, "10.0.4.0/24") == nil && net.sim.now > before + .seconds(45)
        }
        #expect(net.ospfInterface(2).state == .designatedRouter)
        #expect(net.ospfInterface(0).designatedRouter == ip("10.0.0.3"))
        #expect([ip("10.0.0.1"), ip("10.0.0.2")].contains(net.ospfInterface(0).backupDesignatedRouter))
        #expect(net.sim.route(0, "10.0.4.0/24") == nil)
        #expect(net.sim.route(0, "10.0.2.0/24")?.metric == 11)
    }
}
