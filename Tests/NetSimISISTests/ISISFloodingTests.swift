import NetSimISIS
import NetSimRouting
import NetSimWire
import Testing

/// LSP flooding over a chain of point-to-point links: sequence numbers, retransmission of a
/// lost LSP, purges and lifetimes.
@Suite("IS-IS flooding")
struct ISISFloodingTests {
    /// a - b - c, level 2, each with a host prefix on a passive circuit.
    static func chain(timers: ISISTimers = ISISTimers()) -> ISISTestFabric {
        let fabric = ISISTestFabric()
        let wiring: [(String, [Int: String])] = [
            ("a", [0: "10.0.1.1/24", 2: "192.0.2.1/32"]),
            ("b", [0: "10.0.1.2/24", 1: "10.0.2.2/24", 2: "192.0.2.2/32"]),
            ("c", [1: "10.0.2.3/24", 2: "192.0.2.3/32"]),
        ]
        for (number, (name, addresses)) in wiring.enumerated() {
            var circuits = addresses.keys.sorted().filter { $0 < 2 }.map { p2p($0) }
            circuits.append(ISISInterfaceConfiguration(interface: 2, network: .pointToPoint, isLoopback: true))
            var configuration = isisConfig(UInt64(number + 1), level: .level2, name: name, circuits: circuits)
            configuration.timers = timers
            fabric.addRouter(name, configuration: configuration, addresses: addresses)
        }
        fabric.connect([("a", 0), ("b", 0)])
        fabric.connect([("b", 1), ("c", 1)])
        return fabric
    }

    @Test func lspsReachTheFarEndAndRoutesFollow() {
        let fabric = Self.chain()
        fabric.start()
        fabric.run(for: .seconds(30))
        let cLSP = ISISLSPID(node: ISISNodeID(systemID: ISISSystemID(3)))
        let atA = fabric["a"].instance.databases[.level2]?[cLSP]
        let atC = fabric["c"].instance.databases[.level2]?[cLSP]
        #expect(atA != nil && atA?.lsp == atC?.lsp)
        #expect(fabric["a"].route("192.0.2.3/32")?.metric == 20)
        #expect(fabric["a"].route("192.0.2.3/32")?.pathType == .level2)
        #expect(fabric["a"].route("10.0.2.0/24")?.nextHops == [NextHop(address: IPv4Address("10.0.1.2"), interface: 0)])
        // Nothing is left unacknowledged.
        #expect(!fabric["a"].instance.isSettling && !fabric["b"].instance.isSettling)
    }

    @Test func aLostLSPIsRetransmittedUntilAcknowledged() {
        let fabric = Self.chain()
        var lost = 0
        // The first LSP from b to a of each sequence number goes missing.
        var seen: Set<UInt32> = []
        fabric.dropping = { pdu, port in
            guard port.router == "a", case .lsp(let lsp) = pdu, lsp.lspID.systemID == ISISSystemID(3),
                  !seen.contains(lsp.sequenceNumber) else { return false }
            seen.insert(lsp.sequenceNumber)
            lost += 1
            return true
        }
        fabric.start()
        fabric.run(for: .seconds(40))
        #expect(lost > 0)
        #expect(fabric["a"].route("192.0.2.3/32")?.metric == 20)
        let cLSP = ISISLSPID(node: ISISNodeID(systemID: ISISSystemID(3)))
        #expect(fabric["a"].instance.databases[.level2]?[cLSP]?.lsp.sequenceNumber
            == fabric["c"].instance.databases[.level2]?[cLSP]?.lsp.sequenceNumber)
    }

    @Test func aChangeIsFloodedWithTheNextSequenceNumber() {
        let fabric = Self.chain()
        fabric.start()
        fabric.run(for: .seconds(30))
        let cLSP = ISISLSPID(node: ISISNodeID(systemID: ISISSystemID(3)))
        let before = fabric["a"].instance.databases[.level2]![cLSP]!.lsp.sequenceNumber
        // c's loopback goes down: its LSP loses the prefix and a's route goes.
        fabric["c"].instance.interfaceStateChanged(2, up: false)
        fabric.run(for: .seconds(10))
        let after = fabric["a"].instance.databases[.level2]![cLSP]!.lsp.sequenceNumber
        #expect(after == before + 1)
        #expect(fabric["a"].route("192.0.2.3/32") == nil)
    }

    @Test func anUnrefreshedLSPExpiresIsPurgedAndRemoved() {
        var timers = ISISTimers()
        timers.lspLifetime = .seconds(120)
        timers.lspRefresh = .seconds(90)
        timers.zeroAgeLifetime = .seconds(60)
        let fabric = Self.chain(timers: timers)
        fabric.start()
        fabric.run(for: .seconds(30))
        let cLSP = ISISLSPID(node: ISISNodeID(systemID: ISISSystemID(3)))
        let installed = fabric["a"].instance.databases[.level2]![cLSP]!
        // The b-c link fails: c's LSP is no longer refreshed toward a and b.
        fabric.setSegment(1, up: false)
        fabric.run(until: installed.expiresAt + .milliseconds(1))
        let purged = fabric["a"].instance.databases[.level2]?[cLSP]
        #expect(purged?.isPurged == true)
        #expect(purged?.lsp.tlvs.isEmpty == true)
        #expect(purged?.remainingLifetime(at: fabric.now) == 0)
        fabric.run(for: .seconds(61))
        #expect(fabric["a"].instance.databases[.level2]?[cLSP] == nil)
        #expect(fabric["a"].route("192.0.2.3/32") == nil)
    }
}

/// An LSP that outgrows 1492 bytes is split into fragments, each flooded and used.
@Suite("IS-IS fragments and narrow metrics")
struct ISISFragmentTests {
    @Test func manyPrefixesSpillIntoASecondFragment() {
        let fabric = ISISTestFabric()
        var addresses: [Int: String] = [0: "10.0.0.1/24"]
        var circuits = [p2p(0)]
        for index in 1...200 {
            addresses[index] = "172.16.\(index).1/24"
            circuits.append(ISISInterfaceConfiguration(interface: index, passive: true, network: .pointToPoint))
        }
        fabric.addRouter("a", configuration: isisConfig(1, level: .level2, name: "a", circuits: circuits),
                         addresses: addresses)
        fabric.addRouter("b", configuration: isisConfig(2, level: .level2, name: "b", circuits: [p2p(0)]),
                         addresses: [0: "10.0.0.2/24"])
        fabric.connect([("a", 0), ("b", 0)])
        fabric.start()
        fabric.run(for: .seconds(30))
        let node = ISISNodeID(systemID: ISISSystemID(1))
        let database = fabric["b"].instance.databases[.level2]!
        let fragments = database.sortedIDs.filter { $0.node == node }
        #expect(fragments.count >= 2)
        #expect(fragments.allSatisfy { database[$0]!.lsp.wireLength <= ISISInstance.maximumLSPSize })
        #expect(fabric["b"].routes.filter { $0.prefix.description.hasPrefix("172.16.") }.count == 200)
        #expect(fabric["b"].route("172.16.200.0/24")?.metric == 20)
    }

    /// On a link with a 1000-byte MTU the LSPs are cut to fit it (ISO originatingLSPBufferSize).
    @Test func fragmentsFitTheSmallestMTU() {
        let fabric = ISISTestFabric()
        var addresses: [Int: String] = [0: "10.0.0.1/24"]
        var circuits = [p2p(0)]
        for index in 1...120 {
            addresses[index] = "172.16.\(index).1/24"
            circuits.append(ISISInterfaceConfiguration(interface: index, passive: true, network: .pointToPoint))
        }
        fabric.addRouter("a", configuration: isisConfig(1, level: .level2, name: "a", circuits: circuits),
                         addresses: addresses, mtus: [0: 1000])
        fabric.addRouter("b", configuration: isisConfig(2, level: .level2, name: "b", circuits: [p2p(0)]),
                         addresses: [0: "10.0.0.2/24"], mtus: [0: 1000])
        fabric.connect([("a", 0), ("b", 0)])
        fabric.start()
        fabric.run(for: .seconds(30))
        let database = fabric["b"].instance.databases[.level2]!
        let fragments = database.sortedIDs.filter { $0.systemID == ISISSystemID(1) }
        #expect(fragments.count >= 2)
        #expect(fragments.allSatisfy { database[$0]!.lsp.wireLength <= 997 })
        #expect(fabric["b"].routes.filter { $0.prefix.description.hasPrefix("172.16.") }.count == 120)
        // Hellos are padded to that MTU too.
        #expect(fabric.sent.contains { entry in
            if case .pointToPointHello = entry.pdu { return entry.pdu.wireLength == 997 }
            return false
        })
    }

    @Test func narrowMetricsCarryTheSameRoutes() {
        let fabric = ISISTestFabric()
        for (number, name) in ["a", "b"].enumerated() {
            var configuration = isisConfig(UInt64(number + 1), level: .level2, name: name,
                                           circuits: [p2p(0, metric: 7), ISISInterfaceConfiguration(
                                               interface: 1, network: .pointToPoint, isLoopback: true)])
            configuration.metricStyle = .narrow
            fabric.addRouter(name, configuration: configuration,
                             addresses: [0: "10.0.0.\(number + 1)/24", 1: "192.0.2.\(number + 1)/32"])
        }
        fabric.connect([("a", 0), ("b", 0)])
        fabric.start()
        fabric.run(for: .seconds(30))
        let lsp = fabric["a"].instance.databases[.level2]?[ISISLSPID(node: ISISNodeID(systemID: ISISSystemID(2)))]?.lsp
        #expect(lsp?.tlvs.contains { if case .isReachability = $0 { true } else { false } } == true)
        #expect(lsp?.tlvs.contains { if case .ipInternalReachability = $0 { true } else { false } } == true)
        #expect(lsp?.tlvs.contains { if case .extendedIPReachability = $0 { true } else { false } } == false)
        #expect(fabric["a"].route("192.0.2.2/32")?.metric == 7)
    }
}
