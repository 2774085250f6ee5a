import NetSimISIS
import NetSimRouting
import NetSimWire
import Testing

/// Three routers on one LAN segment: two-way adjacencies, DIS election and the pseudonode.
@Suite("IS-IS on a LAN")
struct ISISLANTests {
    static func lanOfThree(priorities: [UInt8]) -> ISISTestFabric {
        let fabric = ISISTestFabric()
        for (number, name) in ["a", "b", "c"].enumerated() {
            fabric.addRouter(name, configuration: isisConfig(UInt64(number + 1), level: .level2, name: name,
                                                             circuits: [lan(0, priority: priorities[number]), p2p(1)]),
                             addresses: [0: "10.0.0.\(number + 1)/24", 1: "192.0.2.\(number + 1)/32"])
        }
        fabric.connect([("a", 0), ("b", 0), ("c", 0)])
        fabric.start()
        fabric.run(for: .seconds(30))
        return fabric
    }

    @Test func highestPriorityBecomesDISAndOriginatesThePseudonode() {
        let fabric = Self.lanOfThree(priorities: [64, 100, 64])
        let lanID = ISISNodeID(systemID: ISISSystemID(2), pseudonode: 1)
        for name in ["a", "b", "c"] {
            #expect(fabric[name].instance.circuits[0].designatedIS[.level2] == lanID)
            #expect(fabric[name].instance.circuits[0].upAdjacencies(.level2).count == 2)
        }
        let pseudonode = fabric["a"].instance.databases[.level2]?[ISISLSPID(node: lanID)]
        let members = pseudonode?.lsp.tlvs.flatMap { tlv -> [ISISNodeID] in
            if case .extendedISReachability(let entries) = tlv { return entries.map(\.neighbor) }
            return []
        }
        #expect(members == [1, 2, 3].map { ISISNodeID(systemID: ISISSystemID($0)) })
        // Routes across the LAN go straight to each member, through the pseudonode: 10 to the LAN,
        // 0 from the pseudonode, 10 for c's prefix.
        #expect(fabric["a"].route("192.0.2.3/32")?.nextHops == [NextHop(address: IPv4Address("10.0.0.3"), interface: 0)])
        #expect(fabric["a"].route("192.0.2.3/32")?.metric == 20)
    }

    @Test func equalPrioritiesElectTheHighestMAC() {
        let fabric = Self.lanOfThree(priorities: [64, 64, 64])
        let macs = ["a", "b", "c"].map { ISISTestFabric.mac(.init(router: $0, interface: 0)) }
        let winner = ["a", "b", "c"][macs.indices.max { macs[$0] < macs[$1] }!]
        let elected = fabric["a"].instance.circuits[0].designatedIS[.level2]
        #expect(elected?.systemID == fabric[winner].instance.systemID)
    }

    @Test func theDISLeavingHandsThePseudonodeOver() {
        let fabric = Self.lanOfThree(priorities: [64, 100, 80])
        // b falls silent on the LAN: after its holding time c (priority 80) takes over and b's
        // pseudonode ages out of the others' view.
        fabric.dropping = { pdu, port in
            if case .lanHello(let hello) = pdu { return hello.sourceID == ISISSystemID(2) && port.router != "b" }
            return false
        }
        fabric.run(for: .seconds(60))
        let newLAN = ISISNodeID(systemID: ISISSystemID(3), pseudonode: 1)
        #expect(fabric["a"].instance.circuits[0].designatedIS[.level2] == newLAN)
        #expect(fabric["a"].instance.databases[.level2]?[ISISLSPID(node: newLAN)] != nil)
        #expect(fabric["a"].route("192.0.2.3/32")?.metric == 20)
        #expect(fabric["a"].route("192.0.2.2/32") == nil)
    }
}

/// A DIS that loses the election to a router joining later purges its pseudonode LSP.
@Suite("IS-IS pseudonode purge")
struct ISISPseudonodePurgeTests {
    @Test func theFormerDISPurgesItsPseudonode() {
        let fabric = ISISTestFabric()
        for (number, name) in ["a", "b", "c"].enumerated() {
            fabric.addRouter(name, configuration: isisConfig(UInt64(number + 1), level: .level2, name: name,
                                                             circuits: [lan(0, priority: name == "b" ? 100 : 64)]),
                             addresses: [0: "10.0.0.\(number + 1)/24"])
        }
        fabric.connect([("a", 0), ("b", 0), ("c", 0)])
        fabric.start()
        // b is away at first: a and c elect one of them.
        fabric["b"].instance.interfaceStateChanged(0, up: false)
        fabric.run(for: .seconds(30))
        let first = fabric["a"].instance.circuits[0].designatedIS[.level2]
        #expect(first != nil && first?.systemID != ISISSystemID(2))
        let oldPseudonode = ISISLSPID(node: first!)
        #expect(fabric["a"].instance.databases[.level2]?[oldPseudonode]?.isPurged == false)
        // b arrives with the highest priority and takes over; the old DIS purges its pseudonode.
        fabric["b"].instance.interfaceStateChanged(0, up: true)
        fabric.run(for: .seconds(30))
        #expect(fabric["a"].instance.circuits[0].designatedIS[.level2] == ISISNodeID(systemID: ISISSystemID(2),
                                                                                      pseudonode: 1))
        let purged = fabric["a"].instance.databases[.level2]?[oldPseudonode]
        #expect(purged?.isPurged == true)
        #expect(fabric.sent.contains { entry in
            if case .lsp(let lsp) = entry.pdu { return lsp.lspID == oldPseudonode && lsp.remainingLifetime == 0 }
            return false
        })
        // ZeroAgeLifetime later the header is gone.
        fabric.run(for: .seconds(61))
        #expect(fabric["a"].instance.databases[.level2]?[oldPseudonode] == nil)
    }
}
