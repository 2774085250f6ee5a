import NetSimISIS
import NetSimRouting
import NetSimWire
import Testing

/// Level 1 and level 2 together: the ATT-bit default route, L1 routes carried into L2, L2-to-L1
/// leaking with the down bit, the overload bit and ECMP.
@Suite("IS-IS levels")
struct ISISHierarchyTests {
    /// r1 (L1, area 1) - r2 (L1L2, area 1) - r3 (L2, area 2), loopbacks 192.0.2.N/32.
    static func hierarchy(leak: Bool = false) -> ISISTestFabric {
        let fabric = ISISTestFabric()
        func loopback(_ index: Int) -> ISISInterfaceConfiguration {
            ISISInterfaceConfiguration(interface: index, network: .pointToPoint, isLoopback: true)
        }
        fabric.addRouter("r1", configuration: isisConfig(1, level: .level1, name: "r1", circuits: [p2p(0), loopback(2)]),
                         addresses: [0: "10.1.0.1/24", 2: "192.0.2.1/32"])
        fabric.addRouter("r2", configuration: isisConfig(2, name: "r2", circuits: [p2p(0), p2p(1), loopback(2)], leak: leak),
                         addresses: [0: "10.1.0.2/24", 1: "10.0.0.2/24", 2: "192.0.2.2/32"])
        fabric.addRouter("r3", configuration: isisConfig(3, area: [0x49, 0, 2], level: .level2, name: "r3",
                                                         circuits: [p2p(0), loopback(2)]),
                         addresses: [0: "10.0.0.3/24", 2: "192.0.2.3/32"])
        fabric.connect([("r1", 0), ("r2", 0)])
        fabric.connect([("r2", 1), ("r3", 0)])
        fabric.start()
        fabric.run(for: .seconds(40))
        return fabric
    }

    @Test func levelOneRoutersFollowTheATTBitToADefaultRoute() {
        let fabric = Self.hierarchy()
        let r2LSP = fabric["r1"].instance.databases[.level1]?[ISISLSPID(node: ISISNodeID(systemID: ISISSystemID(2)))]
        #expect(r2LSP?.lsp.attached == true)
        let defaultRoute = fabric["r1"].route("0.0.0.0/0")
        #expect(defaultRoute?.metric == 10)
        #expect(defaultRoute?.nextHops == [NextHop(address: IPv4Address("10.1.0.2"), interface: 0)])
        #expect(fabric["r1"].route("192.0.2.3/32") == nil)
        // Loopbacks cost nothing beyond the path: r2's at 10.
        #expect(fabric["r1"].route("192.0.2.2/32")?.metric == 10)
        #expect(fabric["r1"].route("192.0.2.2/32")?.pathType == .level1)
    }

    @Test func levelOneRoutesAreCarriedIntoLevelTwo() {
        let fabric = Self.hierarchy()
        let route = fabric["r3"].route("192.0.2.1/32")
        #expect(route?.metric == 20)
        #expect(route?.pathType == .level2)
        // An L2-only router sets no ATT and gets no default.
        #expect(fabric["r3"].route("0.0.0.0/0") == nil)
    }

    @Test func leakingPutsLevelTwoRoutesIntoLevelOneWithTheDownBit() {
        let fabric = Self.hierarchy(leak: true)
        let route = fabric["r1"].route("192.0.2.3/32")
        #expect(route?.metric == 20)
        #expect(route?.pathType == .level2)
        #expect(fabric["r1"].instance.leakingRouters(for: IPv4Prefix("192.0.2.3/32")!) == ["r2"])
        let r2LSP = fabric["r1"].instance.databases[.level1]?[ISISLSPID(node: ISISNodeID(systemID: ISISSystemID(2)))]
        let leaked = r2LSP?.lsp.tlvs.flatMap { tlv -> [ISISExtendedPrefix] in
            if case .extendedIPReachability(let entries) = tlv { return entries }
            return []
        }.first { $0.prefix == IPv4Prefix("192.0.2.3/32")! }
        #expect(leaked?.down == true)
        // A route that came down is never carried back up: r3 learns 192.0.2.3 from nobody else.
        #expect(fabric["r3"].route("192.0.2.3/32") == nil)
    }

    /// a - b - d and a - c - d at equal cost: two next hops; with c in overload, only via b.
    @Test func equalCostPathsAndTheOverloadBit() {
        for overload in [false, true] {
            let fabric = ISISTestFabric()
            let layout: [(String, UInt64, [Int: String])] = [
                ("a", 1, [0: "10.0.1.1/24", 1: "10.0.2.1/24"]),
                ("b", 2, [0: "10.0.1.2/24", 1: "10.0.3.2/24"]),
                ("c", 3, [0: "10.0.2.3/24", 1: "10.0.4.3/24"]),
                ("d", 4, [0: "10.0.3.4/24", 1: "10.0.4.4/24", 2: "192.0.2.4/32"]),
            ]
            for (name, system, addresses) in layout {
                var circuits = [p2p(0), p2p(1)]
                if addresses[2] != nil { circuits.append(ISISInterfaceConfiguration(interface: 2, network: .pointToPoint,
                                                                                    isLoopback: true)) }
                fabric.addRouter(name, configuration: isisConfig(system, level: .level2, name: name, circuits: circuits,
                                                                 overload: overload && name == "c"),
                                 addresses: addresses)
            }
            fabric.connect([("a", 0), ("b", 0)])
            fabric.connect([("a", 1), ("c", 0)])
            fabric.connect([("b", 1), ("d", 0)])
            fabric.connect([("c", 1), ("d", 1)])
            fabric.start()
            fabric.run(for: .seconds(40))
            let hops = fabric["a"].route("192.0.2.4/32")?.nextHops.compactMap(\.address).map(\.description)
            #expect(hops == (overload ? ["10.0.1.2"] : ["10.0.1.2", "10.0.2.3"]))
            // The overloaded router is still reached itself.
            #expect(fabric["a"].route("10.0.4.0/24") != nil)
        }
    }
}

/// Two L1L2 routers of one area, both leaking, with an L1 router between them: both keep
/// leaking, and the L1 router reaches the other area's prefix through the nearer one.
@Suite("IS-IS leaking by two routers")
struct ISISTwoLeakersTests {
    @Test func twoLeakingRoutersDoNotTakeTurns() {
        let fabric = ISISTestFabric()
        func loopback(_ index: Int) -> ISISInterfaceConfiguration {
            ISISInterfaceConfiguration(interface: index, network: .pointToPoint, isLoopback: true)
        }
        // x (L2, area 2) - a (L1L2) - m (L1) - b (L1L2) - x: a ring; m is 10 from a, 30 from b.
        fabric.addRouter("m", configuration: isisConfig(1, level: .level1, name: "m",
                                                        circuits: [p2p(0), p2p(1, metric: 30)]),
                         addresses: [0: "10.0.1.1/24", 1: "10.0.2.1/24"])
        fabric.addRouter("a", configuration: isisConfig(2, name: "a", circuits: [p2p(0), p2p(1)], leak: true),
                         addresses: [0: "10.0.1.2/24", 1: "10.0.3.2/24"])
        fabric.addRouter("b", configuration: isisConfig(3, name: "b", circuits: [p2p(0, metric: 30), p2p(1)], leak: true),
                         addresses: [0: "10.0.2.3/24", 1: "10.0.4.3/24"])
        fabric.addRouter("x", configuration: isisConfig(4, area: [0x49, 0, 2], level: .level2, name: "x",
                                                        circuits: [p2p(0), p2p(1), loopback(2)]),
                         addresses: [0: "10.0.3.4/24", 1: "10.0.4.4/24", 2: "192.0.2.4/32"])
        fabric.connect([("m", 0), ("a", 0)])
        fabric.connect([("m", 1), ("b", 0)])
        fabric.connect([("a", 1), ("x", 0)])
        fabric.connect([("b", 1), ("x", 1)])
        fabric.start()
        fabric.run(for: .seconds(60))
        let sequences = ["a", "b"].map { name in
            fabric[name].instance.databases[.level1]?[ISISLSPID(node: ISISNodeID(systemID: fabric[name].instance.systemID))]?
                .lsp.sequenceNumber
        }
        fabric.run(for: .seconds(60))
        let later = ["a", "b"].map { name in
            fabric[name].instance.databases[.level1]?[ISISLSPID(node: ISISNodeID(systemID: fabric[name].instance.systemID))]?
                .lsp.sequenceNumber
        }
        #expect(sequences == later, "leaking routers kept re-issuing their LSPs")
        let route = fabric["m"].route("192.0.2.4/32")
        #expect(route?.metric == 20)
        #expect(route?.nextHops.compactMap(\.address).map(\.description) == ["10.0.1.2"])
        #expect(fabric["m"].instance.leakingRouters(for: IPv4Prefix("192.0.2.4/32")!) == ["a"])
    }
}
