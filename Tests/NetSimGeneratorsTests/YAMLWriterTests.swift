import Foundation
import NetSimTopology
import NetSimWire
import Testing
@testable import NetSimGenerators

@Suite("TopologyYAMLWriter")
struct YAMLWriterTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples")

    static let frrTopologies = examples.deletingLastPathComponent().appendingPathComponent("Tests/FRRDifferential/topologies")

    @Test("every example, loaded and written, loads again and writes the same text", arguments: [
        "ospf-broadcast.yaml", "ospf-failover.yaml", "ospf-multiarea.yaml", "ospf-triangle.yaml",
        "static-failover.yaml", "static-triangle.yaml", "switched-lan.yaml", "bgp-multi-as.yaml", "bgp-multi-as-seed.yaml",
    ])
    func roundTrip(example: String) throws {
        try roundTrip(path: Self.examples.appendingPathComponent(example).path)
    }

    @Test("the BGP topologies of the FRR differential suite (sessions, policies, reflection) survive a round trip",
          arguments: ["bgp-communities.yaml", "bgp-ebgp-chain.yaml", "bgp-ibgp-mesh-ospf.yaml", "bgp-policy-exits.yaml",
                      "bgp-redistribute-multipath.yaml", "bgp-route-reflectors.yaml", "bgp-sessions.yaml"])
    func bgpRoundTrip(file: String) throws {
        let original = try roundTrip(path: Self.frrTopologies.appendingPathComponent(file).path)
        let reloaded = try TopologyLoader.load(yaml: TopologyYAMLWriter.yaml(original), file: file).get()
        let routers = zip(original.devices, reloaded.devices)
        for (before, after) in routers {
            #expect(before.bgp?.neighbors.count == after.bgp?.neighbors.count)
            #expect(before.bgp?.networks == after.bgp?.networks)
            #expect(before.policies?.routeMaps.map(\.entries.count) == after.policies?.routeMaps.map(\.entries.count))
        }
        #expect(original.policies?.routeMaps.map(\.name) == reloaded.policies?.routeMaps.map(\.name))
        #expect(original.policies?.prefixLists.map(\.entries.count) == reloaded.policies?.prefixLists.map(\.entries.count))
    }

    @discardableResult
    private func roundTrip(path: String) throws -> TopologySpec {
        let example = (path as NSString).lastPathComponent
        let original = try TopologyLoader.load(path: path).get()
        let written = TopologyYAMLWriter.yaml(original)
        let reloaded = try TopologyLoader.load(yaml: written, file: example).get()
        #expect(TopologyYAMLWriter.yaml(reloaded) == written)
        #expect(reloaded.devices.count == original.devices.count)
        #expect(reloaded.links.count == original.links.count)
        #expect(reloaded.script.count == original.script.count)
        return original
    }

    @Test("strings YAML would read as something else are quoted")
    func quoting() {
        #expect(TopologyYAMLWriter.scalar("r1") == "r1")
        #expect(TopologyYAMLWriter.scalar("r1:eth0") == "r1:eth0")
        #expect(TopologyYAMLWriter.scalar("10") == "\"10\"")
        #expect(TopologyYAMLWriter.scalar("yes") == "\"yes\"")
        #expect(TopologyYAMLWriter.scalar("a b") == "\"a b\"")
        #expect(TopologyYAMLWriter.quoted("say \"hi\"\\") == "\"say \\\"hi\\\"\\\\\"")
    }
}

@Suite("TopologyYAMLWriter: bgp and policies")
struct BGPYAMLWriterTests {
    private static let here = SourceLocation(file: "test", line: 1, column: 1)

    @Test("every BGP and policy key the writer knows is read back with its value")
    func everyKey() throws {
        var timers = BGPTimersSpec(location: Self.here)
        (timers.keepalive, timers.hold, timers.connectRetry) = (10, 30, 5)
        var neighbor = BGPNeighborSpec(location: Self.here)
        neighbor.address = IPv4Address(10, 0, 0, 2)
        neighbor.remoteAS = 4_200_000_002
        neighbor.description = "to: upstream"
        neighbor.updateSource = "lo0"
        (neighbor.nextHopSelf, neighbor.routeReflectorClient, neighbor.sendCommunity, neighbor.shutdown) = (true, false, false, true)
        neighbor.password = "s3cret!"
        neighbor.ebgpMultihop = 2
        neighbor.timers = timers
        neighbor.advertisementInterval = 5
        neighbor.weight = 7
        (neighbor.importPolicy, neighbor.exportPolicy) = ("IN", "OUT")
        var bgp = BGPRouterSpec(location: Self.here)
        bgp.autonomousSystem = 65001
        bgp.routerID = IPv4Address(9, 9, 9, 9)
        bgp.networks = [IPv4Prefix("10.1.0.0/24")!]
        bgp.redistribute = [.connected, .static]
        bgp.clusterID = IPv4Address(1, 2, 3, 4)
        (bgp.maximumPaths, bgp.maximumPathsIBGP) = (4, 2)
        (bgp.bestPath.compareRouterID, bgp.bestPath.alwaysCompareMED) = (true, true)
        (bgp.bestPath.missingMEDAsWorst, bgp.bestPath.multipathRelax) = (true, true)
        bgp.gracefulRestart = true
        bgp.timers = timers
        bgp.neighbors = [neighbor]
        var set = RouteMapEntrySpec(action: .permit, location: Self.here)
        (set.matchPrefixList, set.matchCommunityList, set.matchASPathList) = ("P", "C", "A")
        (set.setLocalPreference, set.setMED, set.setWeight, set.setOrigin) = (250, 20, 3, .incomplete)
        set.communityAdd = [BGPCommunity(65001, 7), .noExport]
        set.communityRemove = .listed([BGPCommunity(65001, 8)])
        set.largeCommunityAdd = [BGPLargeCommunity("65001:1:2")!]
        set.asPathPrepend = [65001, 65001]
        set.setNextHop = .selfAddress
        var policies = PolicyBlockSpec(location: Self.here)
        policies.prefixLists = [NamedPolicy(name: "P", entries: [PrefixListEntrySpec(
            action: .permit, prefix: IPv4Prefix("10.0.0.0/8")!, ge: 16, le: 24, location: Self.here)], location: Self.here)]
        policies.communityLists = [NamedPolicy(name: "C", entries: [CommunityListEntrySpec(
            action: .deny, communities: [BGPCommunity(65001, 9), .noPeer], location: Self.here)], location: Self.here)]
        policies.asPathLists = [NamedPolicy(name: "A", entries: [ASPathListEntrySpec(
            action: .permit, regex: "^65002_", location: Self.here)], location: Self.here)]
        policies.routeMaps = [NamedPolicy(name: "OUT", entries: [set], location: Self.here),
                              NamedPolicy(name: "IN", entries: [RouteMapEntrySpec(action: .deny, location: Self.here)],
                                          location: Self.here)]
        var device = DeviceSpec(name: "r1", kind: .router, interfaces: [
            InterfaceSpec(name: "lo0", address: InterfaceAddress("9.9.9.9/32")!, location: Self.here),
        ], location: Self.here)
        device.bgp = bgp
        device.policies = policies
        let spec = TopologySpec(name: "t", devices: [device], links: [], script: [])
        let written = TopologyYAMLWriter.yaml(spec)
        let read = try TopologyParser.parse(yaml: written, file: "t").get()
        let back = try #require(read.devices.first?.bgp)
        #expect(back.autonomousSystem == 65001 && back.routerID == bgp.routerID && back.networks == bgp.networks)
        #expect(back.redistribute == bgp.redistribute && back.clusterID == bgp.clusterID)
        #expect(back.maximumPaths == 4 && back.maximumPathsIBGP == 2 && back.gracefulRestart == true)
        #expect(back.bestPath.compareRouterID && back.bestPath.alwaysCompareMED && back.bestPath.missingMEDAsWorst
            && back.bestPath.multipathRelax)
        #expect(back.timers?.keepalive == 10 && back.timers?.hold == 30 && back.timers?.connectRetry == 5)
        let peer = try #require(back.neighbors.first)
        #expect(peer.address == neighbor.address && peer.remoteAS == 4_200_000_002 && peer.description == "to: upstream")
        #expect(peer.updateSource == "lo0" && peer.nextHopSelf == true && peer.routeReflectorClient == false)
        #expect(peer.sendCommunity == false && peer.shutdown == true && peer.password == "s3cret!")
        #expect(peer.ebgpMultihop == 2 && peer.timers?.hold == 30 && peer.advertisementInterval == 5 && peer.weight == 7)
        #expect(peer.importPolicy == "IN" && peer.exportPolicy == "OUT")
        let readPolicies = try #require(read.devices.first?.policies)
        let prefixEntry = try #require(readPolicies.prefixLists.first?.entries.first)
        #expect(prefixEntry.prefix == IPv4Prefix("10.0.0.0/8")! && prefixEntry.ge == 16 && prefixEntry.le == 24)
        #expect(readPolicies.communityLists.first?.entries.first?.communities == [BGPCommunity(65001, 9), .noPeer])
        #expect(readPolicies.communityLists.first?.entries.first?.action == .deny)
        #expect(readPolicies.asPathLists.first?.entries.first?.regex == "^65002_")
        #expect(readPolicies.routeMaps.map(\.name) == ["OUT", "IN"])
        let entry = try #require(readPolicies.routeMaps.first?.entries.first)
        #expect(entry.matchPrefixList == "P" && entry.matchCommunityList == "C" && entry.matchASPathList == "A")
        #expect(entry.setLocalPreference == 250 && entry.setMED == 20 && entry.setWeight == 3 && entry.setOrigin == .incomplete)
        #expect(entry.communityAdd == set.communityAdd && entry.communityRemove == set.communityRemove)
        #expect(entry.largeCommunityAdd == set.largeCommunityAdd && entry.asPathPrepend == [65001, 65001])
        #expect(entry.setNextHop == .selfAddress)
        #expect(readPolicies.routeMaps.last?.entries.first?.action == .deny)
    }
}
