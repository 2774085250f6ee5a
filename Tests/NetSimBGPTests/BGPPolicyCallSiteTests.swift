@testable import NetSimBGP
import NetSimRouting
import NetSimWire
import Testing

/// Route-maps at the speaker's two call sites, over the r1 — r2 — r3 eBGP chain: r2 filters and
/// marks what it imports from r1 and prepends toward r3.
@Suite("BGP policy call sites")
struct BGPPolicyCallSiteTests {
    static func chain(importMap: String? = "FROM_R1", exportMap: String? = "TO_R3") throws -> BGPTestFabric {
        let fabric = BGPPropagationTests.chain()
        let policies = try BGPPolicySet(device: BGPPolicyDefinitions(
            prefixLists: [try BGPPrefixList(name: "ONLY_10_1", entries: [.init(action: .permit, prefix: prefix("10.1.0.0/24"))])],
            routeMaps: [
                try BGPRouteMap(name: "FROM_R1", entries: [
                    .init(action: .permit, match: BGPRouteMapMatch(prefixList: "ONLY_10_1"),
                          set: BGPRouteMapSet(weight: 100, communityAdd: [BGPCommunity(65002, 7)])),
                ]),
                try BGPRouteMap(name: "TO_R3", entries: [
                    .init(action: .permit, set: BGPRouteMapSet(med: 42, asPathPrepend: [65002, 65002])),
                ]),
            ]))
        var configuration = fabric["r2"].instance.configuration
        configuration.policies = policies
        configuration.neighbors[0].importPolicy = importMap
        configuration.neighbors[1].exportPolicy = exportMap
        fabric["r2"].instance = BGPInstance(configuration: configuration, deviceName: "r2", host: fabric["r2"])
        fabric["r1"].instance = BGPInstance(configuration: BGPConfiguration(
            autonomousSystem: 65001, routerID: address("1.1.1.1"), networks: [prefix("10.1.0.0/24"), prefix("10.5.0.0/24")],
            neighbors: [neighbor("10.0.12.2", as: 65002)]), deviceName: "r1", host: fabric["r1"])
        fabric["r1"].connected[prefix("10.5.0.0/24")] = 2
        return fabric
    }

    @Test func importFiltersAndMarksExportPrependsBeforeTheOwnAS() throws {
        let fabric = try Self.chain()
        fabric.start()
        fabric.run(for: .seconds(2))
        // The Adj-RIB-In keeps both, the Loc-RIB only what the route-map permitted.
        let received = fabric["r2"].instance.receivedRoutes(address("10.0.12.1"))!
        #expect(received.map(\.prefix) == [prefix("10.1.0.0/24"), prefix("10.5.0.0/24")])
        #expect(received.map(\.rejected) == [false, true])
        let atR2 = fabric["r2"].paths("10.1.0.0/24")
        #expect(atR2.first?.weight == 100 && atR2.first?.communities == [BGPCommunity(65002, 7)])
        #expect(fabric["r2"].paths("10.5.0.0/24").isEmpty)
        let atR3 = fabric["r3"].paths("10.1.0.0/24")
        #expect(atR3.first?.asPath.description == "65002 65002 65002 65001")
        #expect(atR3.first?.med == 42)
        #expect(atR3.first?.nextHop == address("10.0.23.2"))
        #expect(fabric["r2"].instance.advertisedRoutes(address("10.0.23.3"))!.first?.attributes.multiExitDiscriminator == 42)
    }

    @Test func anUndefinedRouteMapDeniesEverything() throws {
        let fabric = try Self.chain(importMap: "MISSING", exportMap: nil)
        fabric.start()
        fabric.run(for: .seconds(2))
        let received = fabric["r2"].instance.receivedRoutes(address("10.0.12.1"))!
        #expect(received.count == 2 && received.allSatisfy { $0.rejected })
        #expect(fabric["r2"].instance.locRIBView.isEmpty)
        #expect(fabric["r3"].instance.locRIBView.isEmpty)
    }
}
