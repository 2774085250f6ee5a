@testable import NetSimBGP
import NetSimRouting
import NetSimWire
import Testing

/// iBGP inside AS 65000: r1 — r2 — r3 in a line (10.0.12.0/24, 10.0.23.0/24), loopbacks
/// 1.1.1.1/2.2.2.2/3.3.3.3 as update sources, an IGP route to each loopback; r1 also has an
/// eBGP customer r9 (AS 65009) announcing 10.9.0.0/16.
@Suite("BGP iBGP and route reflection")
struct BGPInternalTests {
    static func line(reflector: Bool, clusterOnR3: IPv4Address? = nil) -> BGPTestFabric {
        let fabric = BGPTestFabric()
        func ibgp(_ ip: String, client: Bool = false) -> BGPNeighborConfiguration {
            neighbor(ip, as: 65000) {
                $0.updateSource = "lo"
                $0.routeReflectorClient = client
            }
        }
        let r1 = fabric.addRouter("r1", addresses: ["1.1.1.1", "10.0.12.1", "10.0.19.1"], configuration: BGPConfiguration(
            autonomousSystem: 65000, routerID: address("1.1.1.1"),
            neighbors: [ibgp("2.2.2.2"), neighbor("10.0.19.9", as: 65009)]))
        let r2 = fabric.addRouter("r2", addresses: ["2.2.2.2", "10.0.12.2", "10.0.23.2"], configuration: BGPConfiguration(
            autonomousSystem: 65000, routerID: address("2.2.2.2"),
            neighbors: [ibgp("1.1.1.1", client: reflector), ibgp("3.3.3.3", client: reflector)]))
        let r3 = fabric.addRouter("r3", addresses: ["3.3.3.3", "10.0.23.3"], configuration: BGPConfiguration(
            autonomousSystem: 65000, routerID: address("3.3.3.3"), clusterID: clusterOnR3, neighbors: [ibgp("2.2.2.2")]))
        let r9 = fabric.addRouter("r9", addresses: ["10.0.19.9"], configuration: BGPConfiguration(
            autonomousSystem: 65009, routerID: address("9.9.9.9"), networks: [prefix("10.9.0.0/16")],
            neighbors: [neighbor("10.0.19.1", as: 65000)]))
        r1.connected = [prefix("10.0.12.0/24"): 0, prefix("10.0.19.0/24"): 1]
        r1.igp = [prefix("2.2.2.2/32"): (10, [NextHop(address: address("10.0.12.2"), interface: 0)]),
                  prefix("3.3.3.3/32"): (20, [NextHop(address: address("10.0.12.2"), interface: 0)])]
        r2.connected = [prefix("10.0.12.0/24"): 0, prefix("10.0.23.0/24"): 1]
        r2.igp = [prefix("1.1.1.1/32"): (10, [NextHop(address: address("10.0.12.1"), interface: 0)]),
                  prefix("3.3.3.3/32"): (10, [NextHop(address: address("10.0.23.3"), interface: 1)]),
                  prefix("10.0.19.0/24"): (20, [NextHop(address: address("10.0.12.1"), interface: 0)])]
        r3.connected = [prefix("10.0.23.0/24"): 0]
        r3.igp = [prefix("1.1.1.1/32"): (20, [NextHop(address: address("10.0.23.2"), interface: 0)]),
                  prefix("2.2.2.2/32"): (10, [NextHop(address: address("10.0.23.2"), interface: 0)]),
                  prefix("10.0.19.0/24"): (30, [NextHop(address: address("10.0.23.2"), interface: 0)])]
        r9.connected = [prefix("10.0.19.0/24"): 0, prefix("10.9.0.0/16"): 1]
        r1.interfaces = ["lo": address("1.1.1.1")]
        r2.interfaces = ["lo": address("2.2.2.2")]
        r3.interfaces = ["lo": address("3.3.3.3")]
        return fabric
    }

    @Test func ibgpLearnedRoutesAreNotPassedToOtherIBGPPeers() {
        let fabric = Self.line(reflector: false)
        fabric.start()
        fabric.run(for: .seconds(3))
        let atR2 = fabric["r2"].paths("10.9.0.0/16")
        #expect(atR2.count == 1 && atR2[0].best)
        #expect(atR2[0].localPreference == 100)
        #expect(atR2[0].nextHop == address("10.0.19.9"))
        #expect(atR2[0].isInternal && atR2[0].igpMetric == 20)
        #expect(fabric["r2"].route("10.9.0.0/16")?.distance == 200)
        // Resolved recursively through the IGP route to 10.0.19.0/24.
        #expect(fabric["r2"].route("10.9.0.0/16")?.nextHops == [NextHop(address: address("10.0.12.1"), interface: 0)])
        #expect(fabric["r3"].paths("10.9.0.0/16").isEmpty)
    }

    @Test func reflectorPassesClientRoutesWithOriginatorAndClusterList() {
        let fabric = Self.line(reflector: true)
        fabric.start()
        fabric.run(for: .seconds(3))
        let atR3 = fabric["r3"].paths("10.9.0.0/16")
        #expect(atR3.count == 1)
        #expect(atR3.first?.originatorID == address("1.1.1.1"))
        #expect(atR3.first?.clusterList == [address("2.2.2.2")])
        #expect(atR3.first?.nextHop == address("10.0.19.9"))
        #expect(atR3.first?.asPath.description == "65009")
        #expect(fabric["r3"].route("10.9.0.0/16")?.nextHops == [NextHop(address: address("10.0.23.2"), interface: 0)])
        // The reflected copy is not sent back to its originator's client (r1 learned it from r9, and would drop it).
        #expect(fabric["r2"].instance.advertisedRoutes(address("1.1.1.1"))!.isEmpty)
    }

    @Test func reflectionLoopsAreDropped() {
        let fabric = Self.line(reflector: true, clusterOnR3: address("2.2.2.2"))
        fabric.start()
        fabric.run(for: .seconds(3))
        // r3 shares the reflector's cluster ID: the reflected route carries it and is refused.
        let received = fabric["r3"].instance.receivedRoutes(address("2.2.2.2"))!
        #expect(received.count == 1 && received[0].rejected)
        #expect(fabric["r3"].paths("10.9.0.0/16").isEmpty)
        // A route whose ORIGINATOR_ID is the receiver itself is refused too.
        let id = fabric.connection(of: "r1", to: "r2")!
        let own = BGPPathAttributes(nextHop: address("10.0.12.2"), localPreference: 100, originatorID: address("1.1.1.1"),
                                    clusterList: [address("2.2.2.2")])
        fabric["r1"].instance.receive(.update(BGPUpdate(attributes: own, nlri: [prefix("10.50.0.0/16")])), on: id)
        #expect(fabric["r1"].paths("10.50.0.0/16").isEmpty)
    }

    @Test func noExportStaysInsideTheASAndNoAdvertiseGoesNowhere() {
        let fabric = Self.line(reflector: true)
        fabric.start()
        fabric.run(for: .seconds(3))
        let id = fabric.connection(of: "r1", to: "r9")!
        let noExport = BGPPathAttributes(asPath: BGPASPath(sequence: [65009]), nextHop: address("10.0.19.9"),
                                         communities: [.noExport])
        let noAdvertise = BGPPathAttributes(asPath: BGPASPath(sequence: [65009]), nextHop: address("10.0.19.9"),
                                            communities: [.noAdvertise])
        fabric["r1"].instance.receive(.update(BGPUpdate(attributes: noExport, nlri: [prefix("10.60.0.0/16")])), on: id)
        fabric["r1"].instance.receive(.update(BGPUpdate(attributes: noAdvertise, nlri: [prefix("10.61.0.0/16")])), on: id)
        fabric.run(for: .seconds(1))
        #expect(fabric["r2"].paths("10.60.0.0/16").first?.communities == [.noExport])
        #expect(fabric["r3"].paths("10.60.0.0/16").count == 1)
        #expect(fabric["r2"].paths("10.61.0.0/16").isEmpty)
        #expect(fabric["r1"].paths("10.61.0.0/16").count == 1)
    }

    @Test func sendCommunityOffStripsCommunities() {
        let fabric = Self.line(reflector: true)
        fabric["r1"].instance.peers[address("2.2.2.2")]!.configuration.sendCommunity = false
        fabric.start()
        fabric.run(for: .seconds(3))
        let id = fabric.connection(of: "r1", to: "r9")!
        let tagged = BGPPathAttributes(asPath: BGPASPath(sequence: [65009]), nextHop: address("10.0.19.9"),
                                       communities: [BGPCommunity(65009, 1)], largeCommunities: [BGPLargeCommunity("65009:1:1")!])
        fabric["r1"].instance.receive(.update(BGPUpdate(attributes: tagged, nlri: [prefix("10.62.0.0/16")])), on: id)
        fabric.run(for: .seconds(1))
        #expect(fabric["r1"].paths("10.62.0.0/16").first?.communities == [BGPCommunity(65009, 1)])
        let atR2 = fabric["r2"].paths("10.62.0.0/16")
        #expect(atR2.count == 1 && atR2[0].communities.isEmpty && atR2[0].largeCommunities.isEmpty)
    }

    @Test func nextHopSelfRewritesTheNextHopToTheSessionAddress() {
        let fabric = Self.line(reflector: false)
        fabric["r1"].instance.peers[address("2.2.2.2")]!.configuration.nextHopSelf = true
        fabric.start()
        fabric.run(for: .seconds(3))
        #expect(fabric["r2"].paths("10.9.0.0/16").first?.nextHop == address("1.1.1.1"))
        #expect(fabric["r2"].paths("10.9.0.0/16").first?.igpMetric == 10)
    }
}

extension BGPInternalTests {
    @Test func connectionsCarryUpdateSourceTTLAndKey() {
        let fabric = Self.line(reflector: false)
        fabric["r1"].instance.peers[address("10.0.19.9")]!.configuration.password = "secret"
        fabric["r1"].instance.peers[address("10.0.19.9")]!.configuration.ebgpMultihop = 3
        fabric.start()
        fabric.run(for: .seconds(1))
        let fromR1 = fabric.connects.filter { $0.from == "r1" }
        let ibgp = fromR1.first { $0.to == address("2.2.2.2") }
        #expect(ibgp?.local == address("1.1.1.1") && ibgp?.ttl == 255 && ibgp?.password == nil)
        let ebgp = fromR1.first { $0.to == address("10.0.19.9") }
        #expect(ebgp?.local == nil && ebgp?.ttl == 3 && ebgp?.password == "secret")
        #expect(fabric.connects.first { $0.from == "r9" }?.ttl == 1)
    }
}
