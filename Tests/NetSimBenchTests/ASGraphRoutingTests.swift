import NetSimEngine
import NetSimGenerators
import NetSimTopology
import NetSimWire
import Testing
@testable import NetSimBench

@Suite("as-graph: BGP converges to the unique Gao-Rexford outcome")
struct ASGraphRoutingTests {
    private static let bgp = GeneratorOptions(routingProtocol: .bgp)

    @Test("the check fails when the routes differ from the policy's outcome (one cable's relationship changed)")
    func checkCanFail() throws {
        let shape = TopologyShape.asGraph(count: 20)
        let spec = try TopologyGenerator.generate(shape, options: Self.bgp)
        let simulation = SimulationBuilder.build(spec)
        simulation.start()
        _ = simulation.run(until: .seconds(60)) { simulation.convergedAt != nil }
        #expect(simulation.convergedAt != nil)
        var graph = try shape.graph(seed: 1)
        #expect(BGPRoutingCheck.verify(simulation, spec: spec, graph: graph).passed)
        // Pretend a stub's first provider were its peer: the stub's prefix would then not travel
        // beyond that AS, so many paths the check expects change.
        let (tier1, transit) = TopologyShape.asGraphTiers(count: 20)
        let index = try #require(graph.links.firstIndex { $0.relationship == .providerToCustomer && $0.b >= tier1 + transit })
        graph.links[index].relationship = .peerToPeer
        let outcome = BGPRoutingCheck.verify(simulation, spec: spec, graph: graph)
        #expect(outcome.failures > 0)
        #expect(outcome.examples.first?.contains("the policy's outcome is") == true)
    }

    /// 0 and 1 are tier-1 peers; 2 buys transit from 0, 3 from 1; 2 and 3 peer; 4 is a customer
    /// of both 2 and 3.
    private static let diamond = ShapeGraph(
        routers: ["a", "b", "c", "d", "e"],
        links: [.init(0, 1, relationship: .peerToPeer), .init(0, 2, relationship: .providerToCustomer),
                .init(1, 3, relationship: .providerToCustomer), .init(2, 4, relationship: .providerToCustomer),
                .init(3, 4, relationship: .providerToCustomer), .init(2, 3, relationship: .peerToPeer)],
        edgeRouters: [], autonomousSystems: [1, 2, 3, 4, 5])

    @Test("the outcome by hand on a small graph: customer over peer over provider, then length, then router ID",
          arguments: [
              (4, [[2, 4], [3, 4], [4], [4], []]),
              (0, [[], [0], [0], [1, 0], [2, 0]]),
              (3, [[1, 3], [3], [3], [], [3]]),
              (1, [[1], [], [0, 1], [1], [3, 1]]),
          ])
    func byHand(destination: Int, paths: [[Int]]) {
        let routerIDs = (1...5).map { IPv4Address(UInt32($0)) }
        let outcome = GaoRexfordRoutes(Self.diamond, routerIDs: routerIDs).outcome(toward: destination)
        #expect((0..<5).map { outcome.path(from: $0) } == paths)
        #expect(outcome.learned[destination] == .origin)
    }

    @Test("equal offers go to the lower router ID", arguments: [([1, 2, 3, 4], [1, 3]), ([1, 3, 2, 4], [2, 3])])
    func routerIDBreaksTies(ids: [UInt32], path: [Int]) {
        // 0 sells transit to 1 and 2, which both sell transit to 3: 0 hears 3's prefix from
        // both of its customers over two hops.
        let square = ShapeGraph(routers: ["a", "b", "c", "d"],
                                links: [.init(0, 1, relationship: .providerToCustomer),
                                        .init(0, 2, relationship: .providerToCustomer),
                                        .init(1, 3, relationship: .providerToCustomer),
                                        .init(2, 3, relationship: .providerToCustomer)],
                                edgeRouters: [], autonomousSystems: [1, 2, 3, 4])
        let outcome = GaoRexfordRoutes(square, routerIDs: ids.map(IPv4Address.init)).outcome(toward: 3)
        #expect(outcome.path(from: 0) == path)
        #expect(outcome.learned[0] == .customer)
    }
}
