@testable import NetSimOSPF
import NetSimRouting
import NetSimWire
import Testing

/// SPF over hand-built databases, without any protocol machinery.
@Suite("SPF calculation")
struct ShortestPathTreeTests {
    private func ip(_ text: String) -> IPv4Address { IPv4Address(text)! }
    private func prefix(_ text: String) -> IPv4Prefix { IPv4Prefix(text)! }

    private func routerLSA(_ id: String, abr: Bool = false, asbr: Bool = false, _ links: [RouterLink]) -> LSA {
        LSA.make(options: 2, key: LSAKey(type: .router, linkStateID: ip(id), advertisingRouter: ip(id)),
                 sequence: LSAHeader.initialSequence,
                 body: .router(RouterLSABody(isASBoundaryRouter: asbr, isAreaBorderRouter: abr, links: links)))
    }

    private func p2p(_ neighbor: String, _ own: String, _ cost: UInt16) -> RouterLink {
        RouterLink(kind: .pointToPoint, linkID: ip(neighbor), linkData: ip(own), metric: cost)
    }

    private func stub(_ network: String, _ cost: UInt16) -> RouterLink {
        let parsed = prefix(network)
        return RouterLink(kind: .stub, linkID: parsed.network, linkData: parsed.netmask, metric: cost)
    }

    /// A square r1–r2–r4 and r1–r3–r4 with equal costs: r4's stub is reached over both paths.
    @Test func equalCostPathsKeepEveryNextHop() {
        var database = LinkStateDatabase()
        database.install(routerLSA("1.1.1.1", [p2p("2.2.2.2", "10.0.12.1", 10), p2p("3.3.3.3", "10.0.13.1", 10)]), at: .zero)
        database.install(routerLSA("2.2.2.2", [p2p("1.1.1.1", "10.0.12.2", 10), p2p("4.4.4.4", "10.0.24.2", 5)]), at: .zero)
        database.install(routerLSA("3.3.3.3", [p2p("1.1.1.1", "10.0.13.3", 10), p2p("4.4.4.4", "10.0.34.3", 5)]), at: .zero)
        database.install(routerLSA("4.4.4.4", [p2p("2.2.2.2", "10.0.24.4", 5), p2p("3.3.3.3", "10.0.34.4", 5),
                                               stub("10.0.4.0/24", 1)]), at: .zero)
        let tree = ShortestPathTree(database: database, root: ip("1.1.1.1"), interfaces: [
            .init(index: 0, address: InterfaceAddress("10.0.12.1/24")!, neighborAddresses: [ip("2.2.2.2"): ip("10.0.12.2")]),
            .init(index: 1, address: InterfaceAddress("10.0.13.1/24")!, neighborAddresses: [ip("3.3.3.3"): ip("10.0.13.3")]),
        ], now: .zero)
        let route = tree.networkRoutes[prefix("10.0.4.0/24")]
        #expect(route?.distance == 16)
        #expect(route?.nextHops == [NextHop(address: ip("10.0.12.2"), interface: 0),
                                    NextHop(address: ip("10.0.13.3"), interface: 1)])
    }

    /// A link only counts when both ends describe it (§16.1 step 2b).
    @Test func oneSidedLinksAreIgnored() {
        var database = LinkStateDatabase()
        database.install(routerLSA("1.1.1.1", [p2p("2.2.2.2", "10.0.12.1", 10)]), at: .zero)
        database.install(routerLSA("2.2.2.2", [stub("10.0.2.0/24", 1)]), at: .zero)
        let tree = ShortestPathTree(database: database, root: ip("1.1.1.1"), interfaces: [
            .init(index: 0, address: InterfaceAddress("10.0.12.1/24")!, neighborAddresses: [ip("2.2.2.2"): ip("10.0.12.2")]),
        ], now: .zero)
        #expect(tree.networkRoutes[prefix("10.0.2.0/24")] == nil)
        #expect(tree.reached[.router(ip("2.2.2.2"))] == nil)
    }

    /// Through a transit network, the next hop is the far router's address on that network.
    @Test func transitNetworksGiveTheNeighborsAddressAsNextHop() {
        var database = LinkStateDatabase()
        let dr = ip("10.0.0.2")
        database.install(routerLSA("1.1.1.1", [RouterLink(kind: .transit, linkID: dr, linkData: ip("10.0.0.1"), metric: 10)]),
                         at: .zero)
        database.install(routerLSA("2.2.2.2", [RouterLink(kind: .transit, linkID: dr, linkData: dr, metric: 10)]), at: .zero)
        database.install(routerLSA("3.3.3.3", asbr: true, [RouterLink(kind: .transit, linkID: dr, linkData: ip("10.0.0.3"), metric: 7),
                                               stub("10.0.3.0/24", 2)]), at: .zero)
        database.install(LSA.make(options: 2, key: LSAKey(type: .network, linkStateID: dr, advertisingRouter: ip("2.2.2.2")),
                                  sequence: LSAHeader.initialSequence,
                                  body: .network(NetworkLSABody(networkMask: ip("255.255.255.0"),
                                                                attachedRouters: [ip("2.2.2.2"), ip("1.1.1.1"), ip("3.3.3.3")]))),
                         at: .zero)
        let tree = ShortestPathTree(database: database, root: ip("1.1.1.1"), interfaces: [
            .init(index: 4, address: InterfaceAddress("10.0.0.1/24")!, neighborAddresses: [:]),
        ], now: .zero)
        #expect(tree.networkRoutes[prefix("10.0.0.0/24")]?.nextHops == [NextHop(address: nil, interface: 4)])
        #expect(tree.networkRoutes[prefix("10.0.3.0/24")]?.distance == 12)
        #expect(tree.networkRoutes[prefix("10.0.3.0/24")]?.nextHops == [NextHop(address: ip("10.0.0.3"), interface: 4)])
        #expect(tree.borderRouters[ip("3.3.3.3")]?.isASBR == true)
    }

    /// LSAs that reached MaxAge take no part in the calculation.
    @Test func maxAgeLSAsAreLeftOut() {
        var database = LinkStateDatabase()
        database.install(routerLSA("1.1.1.1", [p2p("2.2.2.2", "10.0.12.1", 10)]), at: .zero)
        var old = routerLSA("2.2.2.2", [p2p("1.1.1.1", "10.0.12.2", 10), stub("10.0.2.0/24", 1)])
        old.header.age = LSAHeader.maxAge
        database.install(old, at: .zero)
        let tree = ShortestPathTree(database: database, root: ip("1.1.1.1"), interfaces: [
            .init(index: 0, address: InterfaceAddress("10.0.12.1/24")!, neighborAddresses: [ip("2.2.2.2"): ip("10.0.12.2")]),
        ], now: .zero)
        #expect(tree.networkRoutes[prefix("10.0.2.0/24")] == nil)
    }

    /// r1 sits on segment 10.0.0.0/24 (cost 20) and also reaches it through r2 (10 + 10). r3 on
    /// the segment is reached only through r1's own interface there, as FRR computes it.
    @Test func behindAnAttachedNetworkOnlyTheDirectNextHopsCount() {
        var database = LinkStateDatabase()
        let dr = ip("10.0.0.1")
        database.install(routerLSA("1.1.1.1", [RouterLink(kind: .transit, linkID: dr, linkData: dr, metric: 20),
                                               p2p("2.2.2.2", "10.0.12.1", 10)]), at: .zero)
        database.install(routerLSA("2.2.2.2", [RouterLink(kind: .transit, linkID: dr, linkData: ip("10.0.0.2"), metric: 10),
                                               p2p("1.1.1.1", "10.0.12.2", 10)]), at: .zero)
        database.install(routerLSA("3.3.3.3", [RouterLink(kind: .transit, linkID: dr, linkData: ip("10.0.0.3"), metric: 10),
                                               stub("10.0.3.0/24", 1)]), at: .zero)
        database.install(LSA.make(options: 2, key: LSAKey(type: .network, linkStateID: dr, advertisingRouter: ip("1.1.1.1")),
                                  sequence: LSAHeader.initialSequence,
                                  body: .network(NetworkLSABody(networkMask: ip("255.255.255.0"),
                                                                attachedRouters: [ip("1.1.1.1"), ip("2.2.2.2"), ip("3.3.3.3")]))),
                         at: .zero)
        let tree = ShortestPathTree(database: database, root: ip("1.1.1.1"), interfaces: [
            .init(index: 0, address: InterfaceAddress("10.0.0.1/24")!, neighborAddresses: [:]),
            .init(index: 1, address: InterfaceAddress("10.0.12.1/24")!, neighborAddresses: [ip("2.2.2.2"): ip("10.0.12.2")]),
        ], now: .zero)
        // The segment itself: directly, and through r2 at the same cost.
        #expect(tree.networkRoutes[prefix("10.0.0.0/24")]?.nextHops == [NextHop(address: nil, interface: 0),
                                                                        NextHop(address: ip("10.0.12.2"), interface: 1)])
        #expect(tree.networkRoutes[prefix("10.0.3.0/24")]?.distance == 21)
        #expect(tree.networkRoutes[prefix("10.0.3.0/24")]?.nextHops == [NextHop(address: ip("10.0.0.3"), interface: 0)])
    }
}
