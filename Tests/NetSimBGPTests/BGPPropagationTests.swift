@testable import NetSimBGP
import NetSimRouting
import NetSimWire
import Testing

/// Routes across chains and triangles of speakers: eBGP AS paths and next hops, iBGP split
/// horizon, route reflection and its loop prevention, networks and redistribution, next-hop
/// resolution, MRAI batching and UPDATE packing.
@Suite("BGP propagation")
struct BGPPropagationTests {
    /// r1 (65001) — r2 (65002) — r3 (65003), links 10.0.12.0/24 and 10.0.23.0/24; r1 announces 10.1.0.0/24.
    static func chain(r2Interval: UInt16 = 0, r1Networks: [String] = ["10.1.0.0/24"]) -> BGPTestFabric {
        let fabric = BGPTestFabric()
        let one = fabric.addRouter("r1", addresses: ["10.0.12.1"], configuration: BGPConfiguration(
            autonomousSystem: 65001, routerID: address("1.1.1.1"), networks: r1Networks.map(prefix),
            neighbors: [neighbor("10.0.12.2", as: 65002)]))
        let two = fabric.addRouter("r2", addresses: ["10.0.12.2", "10.0.23.2"], configuration: BGPConfiguration(
            autonomousSystem: 65002, routerID: address("2.2.2.2"),
            neighbors: [neighbor("10.0.12.1", as: 65001), neighbor("10.0.23.3", as: 65003) { $0.advertisementInterval = r2Interval }]))
        let three = fabric.addRouter("r3", addresses: ["10.0.23.3"], configuration: BGPConfiguration(
            autonomousSystem: 65003, routerID: address("3.3.3.3"), neighbors: [neighbor("10.0.23.2", as: 65002)]))
        one.connected = [prefix("10.0.12.0/24"): 0, prefix("10.1.0.0/24"): 1]
        two.connected = [prefix("10.0.12.0/24"): 0, prefix("10.0.23.0/24"): 1]
        three.connected = [prefix("10.0.23.0/24"): 0]
        fabric["r2"].interfaces = ["eth0": address("10.0.12.2"), "eth1": address("10.0.23.2")]
        return fabric
    }

    @Test func ebgpChainPrependsEachASAndRewritesTheNextHop() {
        let fabric = Self.chain()
        // r2 sources its session to r3 from eth1 (the fabric sources from the first address otherwise).
        fabric["r2"].instance.peers[address("10.0.23.3")]!.configuration.updateSource = "eth1"
        fabric.start()
        fabric.run(for: .seconds(2))
        let paths = fabric["r3"].paths("10.1.0.0/24")
        #expect(paths.count == 1)
        #expect(paths[0].best && paths[0].valid)
        #expect(paths[0].asPath.description == "65002 65001")
        #expect(paths[0].nextHop == address("10.0.23.2"))
        #expect(paths[0].localPreference == nil)
        #expect(paths[0].weight == 0)
        let route = fabric["r3"].route("10.1.0.0/24")
        #expect(route?.distance == 20)
        #expect(route?.nextHops == [NextHop(address: address("10.0.23.2"), interface: 0)])
        // r1's own network is a local path, not installed.
        let local = fabric["r1"].paths("10.1.0.0/24")
        #expect(local.count == 1 && local[0].source == .network && local[0].weight == 32768 && local[0].peer == nil)
        #expect(fabric["r1"].route("10.1.0.0/24") == nil)
        // r2 does not send the route back to r1 (it came from there) and r1 would refuse the loop anyway.
        #expect(fabric["r1"].instance.receivedRoutes(address("10.0.12.2"))!.isEmpty)
        #expect(fabric["r2"].instance.advertisedRoutes(address("10.0.23.3"))!.map(\.prefix) == [prefix("10.1.0.0/24")])
        #expect(fabric["r3"].instance.tableVersion > 0)
        // Withdrawal: r1 loses the network's route; the import check withdraws it everywhere.
        fabric["r1"].connected[prefix("10.1.0.0/24")] = nil
        fabric["r1"].instance.routingTableChanged()
        fabric.run(for: .seconds(1))
        #expect(fabric["r3"].paths("10.1.0.0/24").isEmpty)
        #expect(fabric["r3"].route("10.1.0.0/24") == nil)
        #expect(fabric["r1"].logLines.filter { $0.contains("network 10.1.0.0/24 not announced") }.count == 1)
    }

    /// A host route whose next hop is its own address cannot resolve through anything but
    /// itself ("prefix loops through itself" in bgpd): r2 keeps r1's 10.0.12.1/32 as an invalid
    /// path and installs nothing, while r1's other network is valid.
    @Test func aHostRouteViaItsOwnAddressIsInvalid() {
        let fabric = Self.chain(r1Networks: ["10.1.0.0/24", "10.0.12.1/32"])
        fabric["r1"].connected[prefix("10.0.12.1/32")] = 0
        fabric.start()
        fabric.run(for: .seconds(2))
        let paths = fabric["r2"].paths("10.0.12.1/32")
        #expect(paths.count == 1 && !paths[0].valid && !paths[0].best)
        #expect(fabric["r2"].route("10.0.12.1/32") == nil)
        #expect(fabric["r2"].paths("10.1.0.0/24").first?.valid == true)
    }

    @Test func asPathLoopIsRejected() {
        let fabric = Self.chain()
        fabric.start()
        fabric.run(for: .seconds(2))
        let id = fabric.connection(of: "r3", to: "r2")!
        let looped = BGPPathAttributes(asPath: BGPASPath(sequence: [65002, 65003, 65001]), nextHop: address("10.0.23.2"))
        fabric["r3"].instance.receive(.update(BGPUpdate(attributes: looped, nlri: [prefix("10.9.0.0/16")])), on: id)
        let received = fabric["r3"].instance.receivedRoutes(address("10.0.23.2"))!
        #expect(received.first { $0.prefix == prefix("10.9.0.0/16") }?.rejected == true)
        #expect(fabric["r3"].paths("10.9.0.0/16").isEmpty)
        #expect(fabric["r3"].peer("10.0.23.2").prefixesReceived == 2)
        #expect(fabric["r3"].peer("10.0.23.2").prefixesAccepted == 1)
    }

    @Test func wrongFirstASAndBadNextHopAreTreatedAsWithdraw() {
        let fabric = Self.chain()
        fabric.start()
        fabric.run(for: .seconds(2))
        let id = fabric.connection(of: "r3", to: "r2")!
        let instance = fabric["r3"].instance!
        let foreign = BGPPathAttributes(asPath: BGPASPath(sequence: [65009]), nextHop: address("10.0.23.2"))
        instance.receive(.update(BGPUpdate(attributes: foreign, nlri: [prefix("10.1.0.0/24")])), on: id)
        #expect(fabric["r3"].paths("10.1.0.0/24").isEmpty)
        #expect(fabric["r3"].peer("10.0.23.2").state == .established)
        let zero = BGPPathAttributes(asPath: BGPASPath(sequence: [65002]), nextHop: .zero)
        instance.receive(.update(BGPUpdate(attributes: zero, nlri: [prefix("10.7.0.0/24")])), on: id)
        #expect(fabric["r3"].paths("10.7.0.0/24").isEmpty)
        #expect(fabric["r3"].logLines.contains { $0.contains("treat") && $0.contains("withdraw") })
    }

    @Test func unresolvableNextHopIsInvalidUntilTheIGPReachesIt() {
        let fabric = Self.chain()
        fabric.start()
        fabric.run(for: .seconds(2))
        let id = fabric.connection(of: "r3", to: "r2")!
        let far = BGPPathAttributes(asPath: BGPASPath(sequence: [65002, 65010]), nextHop: address("192.0.2.1"))
        fabric["r3"].instance.receive(.update(BGPUpdate(attributes: far, nlri: [prefix("10.10.0.0/16")])), on: id)
        var paths = fabric["r3"].paths("10.10.0.0/16")
        #expect(paths.count == 1 && !paths[0].valid && !paths[0].best)
        #expect(paths[0].notBestReason == .invalid)
        #expect(fabric["r3"].route("10.10.0.0/16") == nil)
        fabric["r3"].igp[prefix("192.0.2.0/24")] = (30, [NextHop(address: address("10.0.23.2"), interface: 0)])
        fabric["r3"].instance.routingTableChanged()
        paths = fabric["r3"].paths("10.10.0.0/16")
        #expect(paths[0].valid && paths[0].best && paths[0].igpMetric == 30)
        #expect(fabric["r3"].route("10.10.0.0/16")?.nextHops == [NextHop(address: address("10.0.23.2"), interface: 0)])
    }

    @Test func redistributionOriginatesIncompleteWithTheMetricAsMED() {
        let fabric = Self.chain()
        fabric["r1"].instance = BGPInstance(configuration: BGPConfiguration(
            autonomousSystem: 65001, routerID: address("1.1.1.1"), redistribute: [.static],
            neighbors: [neighbor("10.0.12.2", as: 65002)]), deviceName: "r1", host: fabric["r1"])
        fabric["r1"].igp[prefix("172.16.0.0/16")] = (5, [NextHop(address: address("10.0.12.9"), interface: 0)])
        fabric.start()
        fabric.run(for: .seconds(2))
        let local = fabric["r1"].paths("172.16.0.0/16")
        #expect(local.first?.origin == .incomplete && local.first?.med == 5)
        let learned = fabric["r2"].paths("172.16.0.0/16")
        #expect(learned.first?.origin == .incomplete && learned.first?.med == 5)
        // MED of another AS is not passed on.
        #expect(fabric["r3"].paths("172.16.0.0/16").first?.med == nil)
    }

    @Test func mraiBatchesAdvertisements() {
        let fabric = Self.chain(r2Interval: 5)
        let networks = ["10.2.0.0/24", "10.3.0.0/24", "10.4.0.0/24"].map(prefix)
        fabric["r1"].instance = BGPInstance(configuration: BGPConfiguration(
            autonomousSystem: 65001, routerID: address("1.1.1.1"), networks: [prefix("10.1.0.0/24")] + networks,
            neighbors: [neighbor("10.0.12.2", as: 65002)]), deviceName: "r1", host: fabric["r1"])
        fabric.start()
        fabric.run(until: .seconds(2))
        let mark = fabric.sent.count
        for (index, network) in networks.enumerated() {
            fabric["r1"].connected[network] = 2 + index
            fabric["r1"].instance.routingTableChanged()
            #expect(fabric["r2"].instance.isSettling == (index > 0))
            fabric.run(for: .seconds(1))
        }
        fabric.run(until: .seconds(10))
        let updates = fabric.sent[mark...].filter { $0.from == "r2" && $0.message.type == .update }
        #expect(updates.count == 1)
        guard case .update(let update)? = updates.first?.message else { return }
        #expect(update.nlri == networks)
        #expect(updates[0].time >= .seconds(5) && updates[0].time < .seconds(6))
        #expect(fabric["r3"].paths("10.4.0.0/24").count == 1)
        #expect(!fabric["r2"].instance.isSettling)
    }
}

/// Paths through two neighbours of one AS, and refreshing what a peer sent.
@Suite("BGP multipath and refresh")
struct BGPMultipathTests {
    /// r1 and r2 (both AS 65001) announce 10.1.0.0/24 to r3 (AS 65003, 3.3.3.3).
    static func triangle(maximumPaths: Int) -> BGPTestFabric {
        let fabric = BGPTestFabric()
        for (name, index) in [("r1", 1), ("r2", 2)] {
            let router = fabric.addRouter(name, addresses: ["10.0.\(index)3.\(index)"], configuration: BGPConfiguration(
                autonomousSystem: 65001, routerID: address("\(index).\(index).\(index).\(index)"),
                networks: [prefix("10.1.0.0/24")], neighbors: [neighbor("10.0.\(index)3.3", as: 65003)]))
            router.connected = [prefix("10.0.\(index)3.0/24"): 0, prefix("10.1.0.0/24"): 1]
        }
        let three = fabric.addRouter("r3", addresses: ["10.0.13.3", "10.0.23.3"], configuration: BGPConfiguration(
            autonomousSystem: 65003, routerID: address("3.3.3.3"), maximumPaths: maximumPaths,
            neighbors: [neighbor("10.0.13.1", as: 65001), neighbor("10.0.23.2", as: 65001)]))
        three.connected = [prefix("10.0.13.0/24"): 0, prefix("10.0.23.0/24"): 1]
        return fabric
    }

    @Test func equalEBGPPathsShareTheRouteUpToMaximumPaths() {
        let fabric = Self.triangle(maximumPaths: 2)
        fabric.start()
        fabric.run(for: .seconds(2))
        let paths = fabric["r3"].paths("10.1.0.0/24")
        #expect(paths.count == 2)
        #expect(paths[0].best && paths[1].multipath)
        #expect(paths[1].notBestReason == .olderPath || paths[1].notBestReason == .routerID)
        #expect(fabric["r3"].route("10.1.0.0/24")?.nextHops == [NextHop(address: address("10.0.13.1"), interface: 0),
                                                                 NextHop(address: address("10.0.23.2"), interface: 1)])
        let single = Self.triangle(maximumPaths: 1)
        single.start()
        single.run(for: .seconds(2))
        #expect(single["r3"].route("10.1.0.0/24")?.nextHops.count == 1)
        #expect(single["r3"].paths("10.1.0.0/24").filter(\.multipath).isEmpty)
    }

    @Test func softInboundClearAsksForARouteRefresh() {
        let fabric = Self.triangle(maximumPaths: 1)
        fabric.start()
        fabric.run(for: .seconds(2))
        let updatesBefore = fabric.messages(from: "r1", ofType: .update).count
        #expect(fabric["r3"].instance.clear(address("10.0.13.1"), .softIn))
        fabric.run(for: .seconds(1))
        #expect(fabric.messages(from: "r3", ofType: .routeRefresh).count == 1)
        #expect(fabric.messages(from: "r1", ofType: .update).count == updatesBefore + 1)
        // Soft out sends r3's table again without a request (to the neighbour it has something for).
        let before = fabric.messages(from: "r3", ofType: .update).count
        let target = ["10.0.13.1", "10.0.23.2"].map(address).first {
            !fabric["r3"].instance.advertisedRoutes($0)!.isEmpty
        }!
        fabric["r3"].instance.clear(target, .softOut)
        fabric.run(for: .seconds(1))
        #expect(fabric.messages(from: "r3", ofType: .update).count > before)
        #expect(fabric["r3"].peer("10.0.13.1").sessionsEstablished == 1)
        #expect(!fabric["r3"].instance.clear(address("10.9.9.9"), .hard))
    }
}

/// A larger table: many prefixes with one set of attributes travel in few full UPDATEs.
@Suite("BGP table transfer")
struct BGPTableTransferTests {
    @Test func twoThousandNetworksTravelInFullUpdates() {
        let fabric = BGPSessionTests.pair(r1: { configuration in
            configuration.networks = (0..<2000).map { IPv4Prefix(IPv4Address(0x0A40_0000 | UInt32($0) << 8), length: 24) }
        })
        for network in fabric["r1"].instance.configuration.networks { fabric["r1"].connected[network] = 1 }
        fabric.start()
        fabric.run(for: .seconds(2))
        #expect(fabric["r2"].instance.locRIBView.count == 2000)
        #expect(fabric["r2"].routes.count == 2000)
        #expect(fabric["r2"].peer("10.0.12.1").prefixesReceived == 2000)
        #expect(fabric["r1"].peer("10.0.12.2").prefixesAdvertised == 2000)
        // 2000 four-byte prefixes, 20 bytes of attributes: 1013 fit in the first UPDATE, the rest in a second.
        let updates = fabric.messages(from: "r1", ofType: .update).compactMap { message -> BGPUpdate? in
            if case .update(let update) = message, !update.isEndOfRIB { return update }
            return nil
        }
        #expect(updates.count == 2)
        #expect(updates.flatMap(\.nlri) == fabric["r1"].instance.configuration.networks)
        #expect(updates.allSatisfy { BGPMessage.update($0).encoded().count <= BGPMessage.maximumLength })
    }
}

extension BGPPropagationTests {
    @Test func unrecognizedTransitiveAttributesTravelOnWithThePartialBit() {
        let fabric = Self.chain()
        fabric.start()
        fabric.run(for: .seconds(2))
        let id = fabric.connection(of: "r2", to: "r1")!
        let attributes = BGPPathAttributes(asPath: BGPASPath(sequence: [65001]), nextHop: address("10.0.12.1"),
                                           unrecognized: [BGPUnrecognizedAttribute(typeCode: 99, partial: false, value: [1, 2])])
        fabric["r2"].instance.receive(.update(BGPUpdate(attributes: attributes, nlri: [prefix("10.99.0.0/16")])), on: id)
        fabric.run(for: .seconds(1))
        let sent = fabric["r2"].instance.advertisedRoutes(address("10.0.23.3"))!.first { $0.prefix == prefix("10.99.0.0/16") }
        #expect(sent?.attributes.unrecognized == [BGPUnrecognizedAttribute(typeCode: 99, partial: true, value: [1, 2])])
        #expect(fabric["r3"].paths("10.99.0.0/16").count == 1)
    }
}
