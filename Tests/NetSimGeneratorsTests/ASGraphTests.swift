import NetSimTopology
import NetSimWire
import Testing
@testable import NetSimGenerators

@Suite("as-graph: tiers, relationships and Gao-Rexford policy")
struct ASGraphTests {
    private static let bgp = GeneratorOptions(routingProtocol: .bgp)

    @Test("an as-graph validates, with and without hosts, at the smallest sizes too", arguments: [2, 3, 7, 30, 200])
    func validates(count: Int) throws {
        for options in [Self.bgp, GeneratorOptions(routingProtocol: .bgp, hostsPerEdge: 1, linkPrefixLength: 30)] {
            let spec = try TopologyGenerator.generate(.asGraph(count: count), options: options)
            #expect(TopologyValidator.validate(spec).isEmpty, "\(TopologyValidator.validate(spec))")
            let reloaded = try TopologyLoader.load(yaml: TopologyYAMLWriter.yaml(spec), file: "as-graph").get()
            #expect(reloaded.devices.count { $0.bgp != nil } == count)
        }
    }

    @Test("same seed, same bytes; another seed, another graph")
    func deterministic() throws {
        let first = TopologyYAMLWriter.yaml(try TopologyGenerator.generate(.asGraph(count: 150), options: Self.bgp))
        let again = TopologyYAMLWriter.yaml(try TopologyGenerator.generate(.asGraph(count: 150), options: Self.bgp))
        var reseeded = Self.bgp
        reseeded.seed = 2
        let other = TopologyYAMLWriter.yaml(try TopologyGenerator.generate(.asGraph(count: 150), options: reseeded))
        #expect(first == again)
        #expect(first != other)
    }

    @Test("a tier-1 clique of peers; every other AS has a provider earlier in order; one cable per pair",
          arguments: [(30, UInt64(1)), (500, 1), (500, 7)])
    func relationships(count: Int, seed: UInt64) throws {
        let graph = try TopologyShape.asGraph(count: count).graph(seed: seed)
        let (tier1, transit) = TopologyShape.asGraphTiers(count: count)
        var peers = Set<[Int]>(), providers = [[Int]](repeating: [], count: count), pairs = Set<[Int]>()
        for link in graph.links {
            #expect(pairs.insert([min(link.a, link.b), max(link.a, link.b)]).inserted, "two cables \(link.a)-\(link.b)")
            switch link.relationship {
            case .peerToPeer: peers.insert([min(link.a, link.b), max(link.a, link.b)])
            case .providerToCustomer: providers[link.b].append(link.a)
            case nil: Issue.record("a cable without a relationship")
            }
        }
        for a in 0..<tier1 {
            #expect(providers[a].isEmpty)
            for b in (a + 1)..<tier1 { #expect(peers.contains([a, b])) }
        }
        for customer in tier1..<count {
            #expect(!providers[customer].isEmpty, "as\(customer + 1) has no provider")
            // Providers sell transit and come earlier, so the provider relation has no cycle.
            #expect(providers[customer].allSatisfy { $0 < customer && $0 < tier1 + transit })
        }
        // Stubs neither sell transit nor peer.
        #expect(!peers.contains { $0[1] >= tier1 + transit })
        #expect(graph.autonomousSystems == (0..<count).map { 4_200_000_000 + UInt32($0 + 1) })
        // Preferential attachment: the best-connected AS has far more customers than the median.
        let degrees = (0..<count).map { node in graph.links.count { $0.a == node || $0.b == node } }.sorted()
        if count >= 500 { #expect(degrees.last! >= 10 * degrees[count / 2]) }
    }

    @Test("each side of a cable names the maps of the role the other plays; every AS announces one prefix")
    func policies() throws {
        let graph = try TopologyShape.asGraph(count: 40).graph(seed: 1)
        let spec = try TopologyGenerator.generate(.asGraph(count: 40), options: Self.bgp)
        let routers = Dictionary(uniqueKeysWithValues: spec.devices.map { ($0.name, $0) })
        for link in graph.links {
            let (a, b) = (routers[graph.routers[link.a]]!, routers[graph.routers[link.b]]!)
            let aSeesB = try #require(a.bgp?.neighbors.first { $0.remoteAS == b.bgp?.autonomousSystem })
            let bSeesA = try #require(b.bgp?.neighbors.first { $0.remoteAS == a.bgp?.autonomousSystem })
            let (roleOfB, roleOfA) = link.relationship == .peerToPeer ? ("PEER", "PEER") : ("CUSTOMER", "PROVIDER")
            #expect(aSeesB.importPolicy == "FROM_" + roleOfB && aSeesB.exportPolicy == "TO_" + roleOfB)
            #expect(bSeesA.importPolicy == "FROM_" + roleOfA && bSeesA.exportPolicy == "TO_" + roleOfA)
            // The session runs over the cable's two addresses.
            #expect(a.interfaces.contains { $0.address?.address == bSeesA.address })
            #expect(b.interfaces.contains { $0.address?.address == aSeesB.address })
        }
        for device in spec.devices {
            let bgp = try #require(device.bgp)
            #expect(bgp.networks == [IPv4Prefix(device.routerID!, length: 32)])
            #expect(bgp.bestPath.compareRouterID)
        }
        let maps = try #require(spec.policies?.routeMaps)
        #expect(maps.map(\.name) == ["FROM_CUSTOMER", "FROM_PEER", "FROM_PROVIDER", "TO_CUSTOMER", "TO_PEER", "TO_PROVIDER"])
        #expect(maps.prefix(3).map { $0.entries[0].setLocalPreference } == [300, 200, 100])
    }

    @Test("an as-graph runs BGP only, and BGP only an as-graph; costs do not apply")
    func protocols() throws {
        #expect(throws: GeneratorError.self) { try TopologyGenerator.generate(.asGraph(count: 10)) }
        #expect(throws: GeneratorError.self) {
            try TopologyGenerator.generate(.grid(rows: 2, columns: 2), options: Self.bgp)
        }
        #expect(throws: GeneratorError.self) { try TopologyGenerator.generate(.asGraph(count: 1), options: Self.bgp) }
        #expect(try TopologyShape(name: "as-graph-300") == .asGraph(count: 300))
        #expect(try TopologyShape(kind: "as-graph", parameters: ["20"]) == .asGraph(count: 20))
    }
}
